"""Who gets which notification: each rule once, as a SQL condition and its Python twin side by
side (the bulk senders use the SQL, the single ones the twin)."""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_

from crm.volunteers.models import NeedsEmail, Volunteer
from crm.volunteers.services import (
    consent_withdrawn_condition,
    current_consent_condition,
    has_current_consent,
    has_withdrawn_consent,
    is_erased,
    not_erased_condition,
)


def status_mail_condition() -> ColumnElement[bool]:
    """SQL: the volunteer wants e-mails about their own tasks, has not withdrawn consent and was
    not erased (twin of gets_status_mail)."""
    return and_(
        Volunteer.status_emails.is_(True), ~consent_withdrawn_condition(), not_erased_condition()
    )


def gets_status_mail(volunteer: Volunteer) -> bool:
    """The volunteer is e-mailed about their own tasks (twin of status_mail_condition)."""
    return (
        volunteer.status_emails
        and not has_withdrawn_consent(volunteer)
        and not is_erased(volunteer)
    )


def needs_mail_condition(choices: Iterable[NeedsEmail]) -> ColumnElement[bool]:
    """SQL: the volunteer chose one of `choices` for new needs, holds the consent now in force
    (only they are matched at all) and was not erased (twin of gets_needs_mail)."""
    return and_(
        Volunteer.needs_email.in_([str(c) for c in choices]),
        current_consent_condition(),
        not_erased_condition(),
    )


def gets_needs_mail(volunteer: Volunteer, choices: Iterable[NeedsEmail]) -> bool:
    """The volunteer is e-mailed about new needs with one of `choices` (twin of the SQL)."""
    return (
        volunteer.needs_email in {str(c) for c in choices}
        and has_current_consent(volunteer)
        and not is_erased(volunteer)
    )
