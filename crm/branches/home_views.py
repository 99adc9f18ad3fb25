"""The branch contact's start page: the open needs ranked by how well they fit the branch."""

from flask import render_template

from crm.branches.blueprint import bp, contact_required, own_branch
from crm.matches import branch_fit
from crm.pagination import Page, offset, page_count, requested_page

PER_PAGE = 10


@bp.get("/")
@contact_required
def home():
    """Open needs, best fit first, each with what counted and the branch's offer or a link."""
    branch = own_branch()
    ranked = branch_fit.needs_for_branch(branch)
    fits = ranked.fits
    number = min(requested_page(), page_count(len(fits), PER_PAGE))
    start = offset(number, PER_PAGE)
    page = Page(fits[start : start + PER_PAGE], number, PER_PAGE, len(fits))
    return render_template(
        "branches/home.html",
        branch=branch,
        page=page,
        near_days=branch_fit.NEAR_DEADLINE_DAYS,
        members=ranked.members,
    )
