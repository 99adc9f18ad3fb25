"""Translated labels for consent purposes and sources, and for the acts in a person's log."""

from flask_babel import lazy_gettext as _l

from crm.audit.log import Action
from crm.volunteers.models import EXPLICIT_CONSENT, ConsentPurpose, ConsentSource

PURPOSE_LABELS = {
    ConsentPurpose.MATCHING: _l("Matching with tasks"),
    ConsentPurpose.BRANCH_SHARING: _l("Sharing my profile with my branch"),
    ConsentPurpose.CONSULTANT_EMAIL: _l("E-mail from the international consultant"),
    ConsentPurpose.NAMED_IN_REPORTS: _l("My name in results reports to the funder"),
}
SOURCE_LABELS = {
    ConsentSource.SELF_REGISTRATION: _l("Given by you on your profile"),
    ConsentSource.IMPORT: _l("Imported"),
    ConsentSource.CONSULTANT: _l("Recorded by the consultant"),
}
LEGAL_BASIS_LABELS = {
    EXPLICIT_CONSENT: _l("Explicit consent (GDPR Art. 9(2)(a) with Art. 6(1)(a))"),
}
ACTION_LABELS = {
    Action.RECORD_VIEWED: _l("opened your record"),
    Action.RECORD_CHANGED: _l("changed your record"),
    Action.EXPORT: _l("exported a list that held you"),
    Action.OWN_DATA_EXPORTED: _l("you looked at or downloaded your data"),
    Action.CONSENT_GIVEN: _l("consent given"),
    Action.CONSENT_WITHDRAWN: _l("consent withdrawn"),
    Action.ACCESS_REQUEST: _l("access request carried out"),
    Action.ERASURE_REQUEST: _l("erasure requested"),
    Action.RETENTION_REMINDER: _l("reminder to keep your profile sent"),
    Action.LOGIN: _l("logged in"),
    Action.LOGIN_FAILED: _l("a failed attempt to log in to your account"),
    Action.LOGOUT: _l("logged out"),
    Action.PASSWORD_CHANGED: _l("password changed"),
    Action.PASSWORD_RESET: _l("password reset by e-mail link"),
    Action.MERGED: _l("two records of yours merged into one"),
    Action.MERGE_UNDONE: _l("a merge of your records undone"),
    Action.NOT_SAME_PERSON: _l("found not to be the same person as another volunteer"),
}
ROLE_LABELS = {
    "volunteer": _l("you"),
    "branch_contact": _l("branch contact"),
    "consultant": _l("consultant"),
    "admin": _l("administrator"),
}
CORRECTION_LABELS = {
    "confirm": _l("you confirmed it"),
    "change": _l("you changed the level"),
    "remove": _l("you removed it"),
}
SIGNAL_LABELS = {
    "asked": _l("You asked to take part"),
    "took_back": _l("You took your request back"),
}


def _label(labels: dict, code: str | None) -> str:
    return str(labels.get(code, code or "—"))


def purpose_label(code: str) -> str:
    """A consent purpose in the reader's language."""
    return _label(PURPOSE_LABELS, code)


def source_label(code: str) -> str:
    """Where a consent was collected, in the reader's language."""
    return _label(SOURCE_LABELS, code)


def legal_basis_label(code: str) -> str:
    """A legal basis in the reader's language."""
    return _label(LEGAL_BASIS_LABELS, code)


def audit_action_label(code: str) -> str:
    """An audited act on a person's record, in the reader's language."""
    return _label(ACTION_LABELS, code)


def signal_label(code: str) -> str:
    """The volunteer's own act about a need, in the reader's language."""
    return _label(SIGNAL_LABELS, code)


def role_label(code: str | None) -> str:
    """Who acted, by role, in the reader's language."""
    return _label(ROLE_LABELS, code)


def correction_label(code: str | None) -> str:
    """The volunteer's word on an area read from their text, in the reader's language."""
    return _label(CORRECTION_LABELS, code)
