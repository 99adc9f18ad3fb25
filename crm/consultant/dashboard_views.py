"""The consultant's start page."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import staff_required
from crm.consultant import dashboard as figures
from crm.consultant import services
from crm.consultant.blueprint import bp
from crm.consultant.chart import PATTERNS, build_chart, stack_bars
from crm.consultant.forms import MarkSeenForm
from crm.contacts.services import local_midnight_utc, local_today
from crm.database import utcnow
from crm.duplicates import services as duplicates
from crm.extensions import db
from crm.matches import offers, reason_figures
from crm.matches.labels import NO_EXIT_REASON_LABEL, exit_reason_label
from crm.outbox import status as outbox_status

EXIT_PATTERNS = {"declined": "diagonal", "not_suitable": "dots"}
"""The exit reasons chart's fill patterns (colours: .chart-fill-<state> in app.css)."""


def _reason_chart(reasons: reason_figures.ReasonFigures):
    """The exit reasons as a chart: a bar per reason ("Languages: 20 %"), declined and not
    suitable stacked."""
    rows = [
        (
            _(
                "%(reason)s: %(share)s %%",
                reason=exit_reason_label(r.code) or NO_EXIT_REASON_LABEL,
                share=format_decimal(reasons.share(r), format="0"),
            ),
            r.counts,
        )
        for r in reasons.rows
    ]
    return stack_bars(rows, tuple(str(s) for s in reason_figures.EXIT_STATES))


@bp.get("/")
@staff_required
def dashboard():
    """The consultant's start page: what is due, what is new (volunteers, branches' offers of
    help), what needs attention.

    Reading it changes nothing: new volunteers stay new until the consultant marks them seen.
    """
    user = current_user._get_current_object()
    now = utcnow()
    since = figures.since_last_visit(user, now)
    seen_form = MarkSeenForm(formdata=None)
    seen_form.until.data = now.isoformat()
    today = local_today()
    quarter = figures.quarter_start(today)
    reasons = reason_figures.reason_counts()
    context = {
        "today": today,
        "since": since,
        "first_visit": user.last_dashboard_at is None,
        "seen_form": seen_form,
        "follow_ups": figures.due_follow_ups(user.id, today),
        "follow_up_count": figures.count_due_follow_ups(today),
        "new": figures.new_volunteers(since),
        "awaiting": figures.awaiting_answer(),
        "withdrawn": figures.consent_withdrawn(),
        "unsent_mail": outbox_status.unsent_count(),
        "duplicates": duplicates.open_count(),
        "short_needs": figures.needs_short_of_candidates(),
        "good_score": figures.GOOD_SCORE,
        "quarter": quarter,
        "placements": figures.placements_since(local_midnight_utc(quarter)),
        "offers": offers.new_offers(),
        "chart": build_chart(figures.pipeline_by_project()),
        "patterns": PATTERNS,
        "reason_chart": _reason_chart(reasons),
        "exit_patterns": EXIT_PATTERNS,
        "reasons": reasons,
        "factors": reason_figures.factor_averages(),
    }
    return render_template("consultant/dashboard.html", **context)


@bp.post("/new-volunteers/seen")
@staff_required
def mark_new_seen():
    """Mark the new volunteers the dashboard showed as seen: the list starts again from then."""
    form = MarkSeenForm()
    if not form.validate_on_submit():
        abort(400)
    services.mark_new_volunteers_seen(current_user._get_current_object(), form.until_time())
    db.session.commit()
    flash(_("The new volunteers are marked as seen."), "success")
    return redirect(url_for(".dashboard") + "#new")
