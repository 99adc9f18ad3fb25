"""The branch contact's pages about the branch's members: their involvement and the report back."""

from flask import render_template

from crm.activities.labels import activity_type_label
from crm.branches.blueprint import bp, contact_required, own_branch
from crm.branches.figures import MIN_GROUP
from crm.extensions import db
from crm.labels import EXPERIENCE_LABELS
from crm.matches.branch_members import shown_to_contact
from crm.matches.branch_report import branch_report


@bp.get("/members")
@contact_required
def members():
    """Our members' involvement: who shares, by name; the others only as guarded counts."""
    branch = own_branch()
    involvement = shown_to_contact(branch)
    page = render_template(
        "branches/members.html",
        branch=branch,
        involvement=involvement,
        experience_levels=EXPERIENCE_LABELS,
        min_group=MIN_GROUP,
    )
    db.session.commit()
    return page


@bp.get("/report")
@contact_required
def report():
    """What our members did abroad: approved activities and completed placements, by name for
    the members who share; the others only as guarded totals."""
    branch = own_branch()
    page = render_template(
        "branches/report.html",
        branch=branch,
        report=branch_report(branch),
        min_group=MIN_GROUP,
        activity_type_label=activity_type_label,
    )
    db.session.commit()
    return page
