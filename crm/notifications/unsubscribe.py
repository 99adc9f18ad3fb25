"""Stopping one kind of e-mail from its unsubscribe link, and the notifications of a kind that
still wait in the outbox once the volunteer has stopped them or withdrawn consent."""

from collections.abc import Iterable

from sqlalchemy import delete, select

from crm.auth.models import User
from crm.extensions import db
from crm.notifications.tokens import MailKind, token_payload
from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.outbox.status import to_person_condition
from crm.volunteers.models import NeedsEmail, Volunteer
from crm.volunteers.services import is_erased, set_email_choices

UNSENT = (OutboxStatus.PENDING, OutboxStatus.FAILED)


def unsubscribe(volunteer: Volunteer, kind: MailKind) -> None:
    """Stop the kind of e-mail the link came in: e-mails about the volunteer's own tasks, or
    about new tasks (the choice becomes "never"), those still waiting included. An erased
    person is left as they are (they get no e-mail at all)."""
    if is_erased(volunteer):
        return
    if kind == MailKind.STATUS:
        set_email_choices(volunteer, status_emails=False)
    else:
        set_email_choices(volunteer, needs_email=NeedsEmail.NEVER)
    drop_unsent(volunteer, [kind])


def _notice_kind(message: OutboxMessage, volunteer_id: int) -> MailKind | None:
    """The kind of notification a message is, read from its unsubscribe link (which names the
    volunteer and the kind); None for any other e-mail, or one to somebody else."""
    link = message.headers.get("List-Unsubscribe", "").strip("<>")
    found = token_payload(link.rsplit("/", 1)[-1]) if "/unsubscribe/" in link else None
    return found[1] if found and found[0] == volunteer_id else None


def drop_unsent(volunteer: Volunteer, kinds: Iterable[MailKind]) -> int:
    """Delete the volunteer's notifications of `kinds` that are not sent (waiting, or failed
    for staff to resend); one being sent this moment goes. Returns how many; the caller
    commits. Other e-mails to them (their account's, the consultant's) are not touched."""
    kinds = set(kinds)
    if not kinds:
        return 0
    user = db.session.get(User, volunteer.user_id) if volunteer.user_id else None
    addresses = (volunteer.email, user.email if user else "")
    unsent = db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.status.in_(UNSENT), to_person_condition(volunteer.id, addresses)
        )
    )
    ids = [m.id for m in unsent if _notice_kind(m, volunteer.id) in kinds]
    if not ids:
        return 0
    result = db.session.execute(  # the status again: a worker may have claimed one meanwhile
        delete(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status.in_(UNSENT)),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount
