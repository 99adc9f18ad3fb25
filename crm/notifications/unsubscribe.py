"""Stopping one kind of e-mail from its unsubscribe link."""

from crm.notifications.tokens import MailKind
from crm.volunteers.models import NeedsEmail, Volunteer
from crm.volunteers.services import is_erased, set_email_choices


def unsubscribe(volunteer: Volunteer, kind: MailKind) -> None:
    """Stop the kind of e-mail the link came in: e-mails about the volunteer's own tasks, or
    about new tasks (the choice becomes "never"). An erased person is left as they are (they
    get no e-mail at all)."""
    if is_erased(volunteer):
        return
    if kind == MailKind.STATUS:
        set_email_choices(volunteer, status_emails=False)
    else:
        set_email_choices(volunteer, needs_email=NeedsEmail.NEVER)
