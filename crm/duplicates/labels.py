"""What the pages call a pair's evidence, source and status, in the user's language."""

from flask_babel import lazy_gettext as _l

from crm.duplicates.models import Evidence, PairSource, PairStatus

EVIDENCE_LABELS = {
    Evidence.NAME: _l("similar name"),
    Evidence.PHONE: _l("same phone"),
    Evidence.POSTCODE: _l("same postcode"),
    Evidence.EMAIL: _l("same e-mail"),
}
SOURCE_LABELS = {
    PairSource.REGISTRATION: _l("Registration"),
    PairSource.IMPORT: _l("Import"),
    PairSource.SCAN: _l("Search of all volunteers"),
}
STATUS_LABELS = {
    PairStatus.OPEN: _l("To review"),
    PairStatus.MERGED: _l("Merged"),
    PairStatus.NOT_SAME: _l("Not the same person"),
}


def _label(labels: dict, code: str) -> str:
    for key, label in labels.items():
        if key == code:
            return str(label)
    return code


def evidence_label(code: str) -> str:
    """The label of one piece of evidence (name, phone, postcode, email)."""
    return _label(EVIDENCE_LABELS, code)


def pair_source_label(code: str) -> str:
    """The label of what found the pair."""
    return _label(SOURCE_LABELS, code)


def pair_status_label(code: str) -> str:
    """The label of the pair's status."""
    return _label(STATUS_LABELS, code)
