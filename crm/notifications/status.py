"""E-mails about a volunteer's own tasks: their request to take part was received, they were
shortlisted or placed, their placement completed (tell us what you did), a need they are being
considered for closed. The view or service that does the act calls these, in the same
transaction, after the act."""

from collections.abc import Iterable
from functools import partial

from flask_babel import gettext as _
from sqlalchemy import or_, select

from crm.extensions import db
from crm.matches.closing import closed_now, closing_cause
from crm.matches.interest import asked_condition
from crm.matches.models import Match, MatchState, MatchTransition
from crm.matches.pipeline import CLOSING_TOLD_STATES, NOTIFIED_STATES, is_step_back
from crm.notifications import sending
from crm.notifications.recipients import gets_status_mail, status_mail_condition
from crm.notifications.tokens import MailKind
from crm.projects.models import Need
from crm.urls import external_url
from crm.volunteers.models import Volunteer


def _tasks_link() -> str:
    return external_url("my_matches.index")


def interest_received(volunteer: Volunteer, need: Need) -> bool:
    """Tell the volunteer that their request to take part in `need` reached the consultant;
    returns whether an e-mail was queued."""
    if not gets_status_mail(volunteer):
        return False
    title, project = need.title, need.project.title
    sending.send(
        volunteer,
        MailKind.STATUS,
        "status-interest",
        lambda: (
            _("We have received your request: “%(need)s”", need=title),
            _(
                "Hello %(name)s,\n\n"
                "Thank you for asking to take part in “%(need)s” (%(project)s). The "
                "international consultant can now see your request and will contact you.\n\n"
                "Your tasks: %(link)s",
                name=volunteer.first_name,
                need=title,
                project=project,
                link=_tasks_link(),
            ),
        ),
    )
    return True


def _moved_text(state: str, name: str, need: str, project: str) -> tuple[str, str]:
    link = _tasks_link()
    if state == MatchState.COMPLETED:
        return (
            _("Tell us what you did on “%(need)s”", need=need),
            _(
                "Hello %(name)s,\n\n"
                "Thank you for your work on “%(need)s” (%(project)s), which is now completed.\n\n"
                "Please tell us what you did: report your activities (dates, what kind of "
                "activity, how many took part) and write a short debrief of what worked, what "
                "did not and your advice for the next volunteer. It takes a few minutes on your "
                "phone, and it is how the party reports its results to the funder.\n\n"
                "Your page: %(link)s",
                name=name,
                need=need,
                project=project,
                link=link,
            ),
        )
    if state == MatchState.PLACED:
        return (
            _("You are placed on “%(need)s”", need=need),
            _(
                "Hello %(name)s,\n\n"
                "Good news: you are placed on “%(need)s” (%(project)s). The international "
                "consultant will be in touch about what happens next.\n\n"
                "Your tasks: %(link)s",
                name=name,
                need=need,
                project=project,
                link=link,
            ),
        )
    return (
        _("You are on the shortlist for “%(need)s”", need=need),
        _(
            "Hello %(name)s,\n\n"
            "The international consultant has put you on the shortlist for “%(need)s” "
            "(%(project)s). Nothing is decided yet: you will be contacted before anything "
            "is.\n\n"
            "Your tasks: %(link)s",
            name=name,
            need=need,
            project=project,
            link=link,
        ),
    )


def moved(steps: Iterable[MatchTransition]) -> int:
    """After pipeline moves: e-mail each volunteer moved forward into a NOTIFIED_STATES state
    (shortlisted, placed, completed); a step back, a branch's offer and other states send nothing.
    Returns how many e-mails were queued."""
    steps = [
        s
        for s in steps
        if s.to_state in NOTIFIED_STATES and not is_step_back(s.from_state, s.to_state)
    ]
    if not steps:
        return 0
    rows = db.session.execute(
        select(Match, Volunteer, Need)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .join(Need, Need.id == Match.need_id)
        .where(Match.id.in_([s.match_id for s in steps]))
    ).all()
    by_match = {match.id: (volunteer, need) for match, volunteer, need in rows}
    sent = 0
    for step in steps:
        volunteer, need = by_match.get(step.match_id, (None, None))
        if volunteer is None or not gets_status_mail(volunteer):
            continue
        texts = partial(
            _moved_text, step.to_state, volunteer.first_name, need.title, need.project.title
        )
        sending.send(volunteer, MailKind.STATUS, f"status-{step.to_state}", texts)
        sent += 1
    return sent


def _closed_text(cause: str, name: str, need: str, project: str) -> tuple[str, str]:
    if cause == "project_closed":
        why = _("The project “%(project)s” has ended, and with it the task “%(need)s”.")
    elif cause == "filled":
        why = _("The task “%(need)s” (%(project)s) has been filled.")
    else:
        why = _("The task “%(need)s” (%(project)s) has been closed.")
    return (
        _("“%(need)s” is no longer open", need=need),
        _(
            "Hello %(name)s,\n\n"
            "%(why)s You were being considered for it, so we want you to know that it is no "
            "longer open. Thank you for your interest!\n\n"
            "Other tasks that fit you: %(link)s",
            name=name,
            why=why % {"need": need, "project": project},
            link=_tasks_link(),
        ),
    )


def need_closing(needs: Iterable[Need], were_open: set[int]) -> int:
    """Before the matches of needs that just closed are withdrawn (closing.withdraw_closed):
    e-mail each volunteer who was being considered for one (CLOSING_TOLD_STATES) or had asked
    to take part. Returns how many e-mails were queued."""
    closed = {need.id: need for need in closed_now(needs, were_open)}
    if not closed:
        return 0
    rows = db.session.execute(
        select(Match.need_id, Volunteer)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .where(
            Match.need_id.in_(closed),
            or_(Match.state.in_([str(s) for s in CLOSING_TOLD_STATES]), asked_condition()),
            status_mail_condition(),
        )
        .order_by(Match.id)
    ).all()
    for need_id, volunteer in rows:
        need = closed[need_id]
        texts = partial(
            _closed_text, closing_cause(need), volunteer.first_name, need.title, need.project.title
        )
        sending.send(volunteer, MailKind.STATUS, "status-closed", texts)
    return len(rows)
