"""The merge screen's rows: each choice with both records' values as the consultant reads them."""

from dataclasses import dataclass

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from crm.auth.models import User
from crm.branches.models import Branch
from crm.duplicates import fields
from crm.extensions import db
from crm.labels import language_level_label, skill_label, travel_label
from crm.names import country_name, language_name
from crm.volunteers.models import Volunteer

CHOICE_LABELS = {
    "name": _l("Name"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "postcode": _l("Postcode"),
    "city": _l("City"),
    "branch": _l("Branch"),
    "availability": _l("Availability"),
    "motivation": _l("Motivation"),
    "experience": _l("Experience"),
    "languages": _l("Languages"),
    "countries": _l("Countries known"),
    "consent": _l("Consent"),
}
"""Every choice on the merge screen, in its order."""

MOTIVATION_SHOWN = 200


def _branch(branch_id: int | None) -> str:
    if branch_id is None:
        return ""
    return db.session.scalar(select(Branch.name).where(Branch.id == branch_id)) or ""


def _availability(v: Volunteer) -> str:
    parts = []
    if v.available_from or v.available_to:
        start = format_date(v.available_from, "medium") if v.available_from else "…"
        end = format_date(v.available_to, "medium") if v.available_to else "…"
        parts.append(f"{start} – {end}")
    if v.hours_per_month:
        parts.append(_("%(n)d hours a month", n=v.hours_per_month))
    if v.travel:
        parts.append(travel_label(v.travel))
    return " · ".join(parts)


def _experience(v: Volunteer) -> str:
    lines = []
    for e in v.experience:
        head = skill_label(e.area) if e.area else ""
        text = (e.description or "")[:80]
        lines.append(" – ".join(p for p in (head, text) if p))
    return "; ".join(lines)


def _consent(v: Volunteer) -> str:
    if v.consent_at and not v.consent_withdrawn_at:
        text = _("Given %(when)s", when=format_datetime(v.consent_at, "short"))
        if v.share_with_branch:
            text += " · " + _("shared with the branch")
        return text
    if v.consent_withdrawn_at:
        return _("Withdrawn %(when)s", when=format_datetime(v.consent_withdrawn_at, "short"))
    return ""


def shown(v: Volunteer, choice: str) -> str:
    """The record's value for one choice, as text ("" when it has none)."""
    if choice == "name":
        return v.full_name
    if choice == "branch":
        return _branch(v.branch_id)
    if choice == "availability":
        return _availability(v)
    if choice == "motivation":
        text = v.motivation or ""
        return text if len(text) <= MOTIVATION_SHOWN else text[:MOTIVATION_SHOWN] + "…"
    if choice == "experience":
        return _experience(v)
    if choice == "languages":
        return ", ".join(
            f"{language_name(lang.code)} {language_level_label(lang.level)}" for lang in v.languages
        )
    if choice == "countries":
        return ", ".join(country_name(c.code) for c in v.countries)
    if choice == "consent":
        return _consent(v)
    return str(getattr(v, fields.FIELDS[choice][0]) or "")


def account(v: Volunteer) -> str:
    """The record's login, as text ("" for none)."""
    if v.user_id is None:
        return ""
    user = db.session.get(User, v.user_id)
    state = "" if user.active else " (" + _("deactivated") + ")"
    return f"{user.email}{state}"


@dataclass(frozen=True)
class Row:
    """One choice with both values."""

    choice: str
    label: str
    first: str
    second: str

    @property
    def same(self) -> bool:
        return self.first == self.second


def rows(first: Volunteer, second: Volunteer) -> list[Row]:
    """Every choice of the merge screen with both records' values."""
    return [
        Row(choice, str(label), shown(first, choice), shown(second, choice))
        for choice, label in CHOICE_LABELS.items()
    ]
