"""The consultant's start page."""

from datetime import timedelta

from flask import render_template
from flask_login import current_user

from crm.auth.access import staff_required
from crm.consultant import dashboard as figures
from crm.consultant import services
from crm.consultant.blueprint import bp
from crm.consultant.chart import STYLES, build_chart
from crm.contacts.services import local_midnight_utc, local_today
from crm.database import utcnow
from crm.extensions import db


@bp.get("/")
@staff_required
def dashboard():
    """The consultant's start page: what is due, what is new, what needs attention."""
    user = current_user._get_current_object()
    now = utcnow()
    previous = services.record_dashboard_visit(user)
    db.session.commit()  # before the queries, so that their rows are not expired afterwards
    since = previous or now - timedelta(days=7)
    today = local_today()
    quarter = figures.quarter_start(today)
    context = {
        "today": today,
        "since": since,
        "first_visit": previous is None,
        "follow_ups": figures.due_follow_ups(user.id, today),
        "follow_up_count": figures.count_due_follow_ups(today),
        "new": figures.new_volunteers(since),
        "interested": figures.interested(),
        "short_needs": figures.needs_short_of_candidates(),
        "good_score": figures.GOOD_SCORE,
        "quarter": quarter,
        "placements": figures.placements_since(local_midnight_utc(quarter)),
        "chart": build_chart(figures.pipeline_by_project()),
        "styles": STYLES,
    }
    return render_template("consultant/dashboard.html", **context)
