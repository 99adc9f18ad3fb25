"""E-mail templates: built-in ones from a JSON file, overridden or extended by rows in the database.

A template has a subject and body in Danish and in English, with placeholders such as
{first_name} that are filled in per volunteer when the e-mail is sent.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlalchemy import select

from crm.contacts.models import EmailTemplate
from crm.extensions import db

PLACEHOLDERS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "need_title",
    "project_title",
    "consultant_name",
    "consultant_email",
)
"""Every placeholder a template may use, written {name}."""

NEED_PLACEHOLDERS = frozenset({"need_title", "project_title"})
"""Placeholders that only have a value when the e-mail is about a need."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Template:
    """One template as shown and used: built-in, overridden or the consultants' own."""

    key: str
    name: str
    subject_da: str
    body_da: str
    subject_en: str
    body_en: str
    builtin: bool
    customised: bool

    def subject(self, locale: str) -> str:
        """The subject in "da" or "en"."""
        return self.subject_en if locale == "en" else self.subject_da

    def body(self, locale: str) -> str:
        """The body in "da" or "en"."""
        return self.body_en if locale == "en" else self.body_da


@cache
def builtin_templates() -> dict[str, dict]:
    """The built-in templates by key, read once from email_templates.json."""
    text = resources.files(__package__).joinpath("email_templates.json").read_text("utf-8")
    return {entry["key"]: entry for entry in json.loads(text)["templates"]}


def _from_builtin(entry: dict, locale: str) -> Template:
    return Template(
        key=entry["key"],
        name=entry["name"]["en" if locale == "en" else "da"],
        subject_da=entry["da"]["subject"],
        body_da=entry["da"]["body"],
        subject_en=entry["en"]["subject"],
        body_en=entry["en"]["body"],
        builtin=True,
        customised=False,
    )


def _from_row(row: EmailTemplate) -> Template:
    return Template(
        key=row.key,
        name=row.name,
        subject_da=row.subject_da,
        body_da=row.body_da,
        subject_en=row.subject_en,
        body_en=row.body_en,
        builtin=row.key in builtin_templates(),
        customised=True,
    )


def all_templates(locale: str) -> list[Template]:
    """Built-in templates (with any override) first, then the consultants' own by name."""
    rows = {row.key: row for row in db.session.scalars(select(EmailTemplate))}
    builtins = [
        _from_row(rows[key]) if key in rows else _from_builtin(entry, locale)
        for key, entry in builtin_templates().items()
    ]
    own = sorted(
        (_from_row(row) for key, row in rows.items() if key not in builtin_templates()),
        key=lambda t: t.name.casefold(),
    )
    return builtins + own


def get_template(key: str, locale: str) -> Template | None:
    """One template by key, or None."""
    row = db.session.scalar(select(EmailTemplate).where(EmailTemplate.key == key))
    if row is not None:
        return _from_row(row)
    entry = builtin_templates().get(key)
    return _from_builtin(entry, locale) if entry else None


def save_template(key: str | None, fields: dict[str, str], user_id: int) -> EmailTemplate:
    """Store a template: override a built-in, update an own one, or add a new one (key None)."""
    row = None
    if key:
        row = db.session.scalar(select(EmailTemplate).where(EmailTemplate.key == key))
    if row is None:
        row = EmailTemplate(key=key or _new_key(fields["name"]))
        db.session.add(row)
    for name in ("name", "subject_da", "body_da", "subject_en", "body_en"):
        setattr(row, name, fields[name])
    row.updated_by_id = user_id
    db.session.flush()
    return row


def delete_override(key: str) -> bool:
    """Remove a stored template (a built-in one goes back to its original text)."""
    row = db.session.scalar(select(EmailTemplate).where(EmailTemplate.key == key))
    if row is None:
        return False
    db.session.delete(row)
    db.session.flush()
    return True


def _new_key(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:30] or "template"
    taken = set(builtin_templates()) | set(db.session.scalars(select(EmailTemplate.key)))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def placeholders_in(*texts: str) -> set[str]:
    """The placeholder names used in these texts."""
    return {m for text in texts for m in _PLACEHOLDER.findall(text)}


def unknown_placeholders(*texts: str) -> list[str]:
    """Placeholders used that do not exist, sorted, for an error message."""
    return sorted(placeholders_in(*texts) - set(PLACEHOLDERS))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace {name} with its value; anything else in braces is left exactly as typed."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
