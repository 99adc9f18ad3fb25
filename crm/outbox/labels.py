"""The words for an outbox message's kind and status, in the user's language."""

from flask_babel import lazy_gettext as _l

from crm.outbox.models import RESTORED_ERROR, OutboxStatus

KIND_LABELS = {
    "contact": _l("E-mail from the tool"),
    "confirmation": _l("Address confirmation"),
    "already-registered": _l("Already registered"),
    "password-reset": _l("Password reset"),
    "invitation": _l("Invitation"),
    "claim-invitation": _l("Invitation to claim an imported profile"),
    "retention-reminder": _l("Retention reminder"),
    "retention-report": _l("Retention report"),
    "follow-up-digest": _l("Follow-up digest"),
    "status-interest": _l("Request to take part received"),
    "status-shortlisted": _l("Shortlisted"),
    "status-placed": _l("Placed"),
    "status-completed": _l("Completed: tell us what you did"),
    "status-closed": _l("Task closed"),
    "new-need": _l("New task that fits"),
    "new-needs-digest": _l("Weekly digest of new tasks"),
}

STATUS_LABELS = {
    OutboxStatus.PENDING: _l("Waiting to be sent"),
    OutboxStatus.SENDING: _l("Being sent"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Could not be sent"),
}


def kind_label(kind: str) -> str:
    """The kind of an e-mail in words; an unknown kind as itself."""
    return str(KIND_LABELS.get(kind, kind))


def status_label(status: str) -> str:
    """The status of an e-mail in words."""
    return str(STATUS_LABELS.get(status, status))


ERROR_LABELS = {
    RESTORED_ERROR: _l("restored from a backup: it may have gone out already"),
}
"""The failures staff read in words; any other is an exception class and SMTP code, shown as is."""


def error_label(last_error: str) -> str:
    """Why an e-mail is not sent, in words where the tool wrote the reason itself."""
    return str(ERROR_LABELS.get(last_error, last_error))
