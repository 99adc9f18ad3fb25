"""Finding volunteers and exporting lists: the search page and its CSV, a need's candidates CSV."""

from flask import Response, render_template, request, stream_with_context, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.auth.access import staff_required
from crm.branches.models import Branch
from crm.consultant import exports
from crm.consultant.blueprint import bp
from crm.consultant.forms import SearchForm
from crm.consultant.search import (
    SearchPlan,
    fuzzy_plan,
    plan_search,
)
from crm.extensions import db
from crm.pagination import Page, offset, requested_page
from crm.projects.models import Need
from crm.volunteers.models import Volunteer

PER_PAGE = 25


def _search_form() -> SearchForm:
    form = SearchForm(request.args)
    form.fill_choices()
    return form


@bp.get("/volunteers")
@staff_required
def volunteers():
    """Find volunteers: name (typo-tolerant) and filters, paginated, sortable, all in the URL."""
    form = _search_form()
    filters = form.filters()
    plan = plan_search(filters)
    total = db.session.scalar(plan.count_stmt)
    if total == 0 and filters.q.strip():  # nobody by SQL prefixes: typo-tolerant names instead
        plan = fuzzy_plan(filters)
        total = db.session.scalar(plan.count_stmt)
    page = _paginate(plan, total)
    branch_ids = {v.branch_id for v in page.items if v.branch_id}
    branches = dict(
        db.session.execute(select(Branch.id, Branch.name).where(Branch.id.in_(branch_ids))).all()
    )
    args = request.args.to_dict()
    args.pop("page", None)
    return render_template(
        "consultant/volunteers.html",
        form=form,
        page=page,
        branches=branches,
        fuzzy=plan.fuzzy,
        args=args,
        csv_url=url_for(".volunteers_csv", **args),
    )


def _paginate(plan: SearchPlan, total: int) -> Page[Volunteer]:
    """One page of the plan's volunteers; the total comes from its count statement, which is
    faster than counting through the page's select (see SearchPlan)."""
    number = requested_page()
    stmt = plan.stmt.options(selectinload(Volunteer.skills))
    items = db.session.scalars(stmt.limit(PER_PAGE).offset(offset(number, PER_PAGE))).all()
    return Page(list(items), number, PER_PAGE, total)


def _csv_response(header: list[str], rows, filename: str) -> Response:
    return Response(
        stream_with_context(exports.csv_lines(header, rows)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/volunteers.csv")
@staff_required
def volunteers_csv():
    """The filtered volunteer list as CSV, streamed, with the same query string as the page."""
    rows = exports.volunteer_export(_search_form().filters())
    db.session.commit()
    return _csv_response(exports.volunteer_header(), rows, "volunteers.csv")


@bp.get("/needs/<int:need_id>/candidates.csv")
@staff_required
def need_candidates_csv(need_id: int):
    """A need's candidates with score, state and exclusion reasons as CSV."""
    need = db.get_or_404(Need, need_id)
    rows = exports.candidate_export(need)
    db.session.commit()
    return _csv_response(
        exports.candidate_header(),
        rows,
        f"need-{need.id}-candidates.csv",
    )
