"""CSV exports for Excel: UTF-8 with BOM, semicolons, and no cell a spreadsheet would execute.

Semicolon is the separator because Danish Excel (where the decimal separator is a comma) splits
columns on semicolons when a CSV file is opened by double-click; the BOM makes it read UTF-8, so
æ, ø and å come through.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from crm.audit import log as audit
from crm.audit.log import Action
from crm.branches.models import Branch
from crm.consultant.search import VolunteerFilters, best_plan
from crm.extensions import db
from crm.labels import language_level_label, skill_label, travel_label
from crm.matches.explain import describe_reason
from crm.matches.labels import state_label
from crm.matches.models import Match
from crm.projects.models import Need
from crm.volunteers.models import Volunteer
from crm.volunteers.services import consent_status, current_consent_version, not_erased_condition

BOM = "\ufeff"
DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000


def spreadsheet_safe(value: object) -> str:
    """A cell's text, with a leading ' when it starts like a formula (= + - @ tab CR)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(header: list[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The CSV text piece by piece: the BOM and header first, then a chunk per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([spreadsheet_safe(h) for h in header])
    yield BOM + flush()
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        yield flush()


def volunteer_header() -> list[str]:
    """The volunteer export's column titles in the user's language."""
    return [
        _("No."),
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Phone"),
        _("City"),
        _("Branch"),
        _("Skill areas"),
        _("Languages"),
        _("Available from"),
        _("Available until"),
        _("Hours a month"),
        _("Travel"),
        _("Registered"),
        _("Consent"),
    ]


def consent_text(status: str) -> str:
    """A volunteer's consent status (volunteers.services.consent_status) for staff to read."""
    if status == "given":
        return _("given")
    if status == "outdated":
        return _("outdated consent – not matched")
    return _("no consent – not matched")


def volunteer_rows(stmt: Select) -> Iterator[list[object]]:
    """One row per volunteer of a filtered select, read in batches with skills and languages."""
    branches = dict(db.session.execute(select(Branch.id, Branch.name)).all())
    version = current_consent_version()
    stmt = stmt.options(selectinload(Volunteer.skills), selectinload(Volunteer.languages))
    for volunteer in db.session.scalars(stmt.execution_options(yield_per=BATCH)):
        yield [
            volunteer.id,
            volunteer.first_name,
            volunteer.last_name,
            volunteer.email,
            volunteer.phone,
            volunteer.city,
            branches.get(volunteer.branch_id, ""),
            ", ".join(skill_label(s.area) for s in volunteer.skills),
            ", ".join(
                f"{lang.code} {language_level_label(lang.level)}" for lang in volunteer.languages
            ),
            volunteer.available_from,
            volunteer.available_to,
            volunteer.hours_per_month,
            travel_label(volunteer.travel),
            volunteer.created_at,
            consent_text(consent_status(volunteer, version)),
        ]


def candidate_header() -> list[str]:
    """The candidate export's column titles in the user's language."""
    return [
        _("No."),
        _("Name"),
        _("E-mail"),
        _("Score"),
        _("State"),
        _("Excluded"),
        _("Reasons"),
    ]


def reasons_text(reasons: list) -> str:
    """A match's exclusion reasons as one line of text."""
    return "; ".join(describe_reason(reason) for reason in reasons or [])


def candidate_rows(need_id: int) -> Iterator[list[object]]:
    """A need's candidates: included ones by score, then the excluded, with their reasons."""
    stmt = (
        select(Match, Volunteer.first_name, Volunteer.last_name, Volunteer.email)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .where(Match.need_id == need_id, not_erased_condition())
        .order_by(Match.excluded, Match.score.desc(), Match.volunteer_id)
        .execution_options(yield_per=BATCH)
    )
    for match, first_name, last_name, email in db.session.execute(stmt):
        yield [
            match.volunteer_id,
            f"{first_name} {last_name}".strip(),
            email,
            format_decimal(match.score, format="0.0"),
            state_label(match.state),
            match.excluded,
            reasons_text(match.reasons),
        ]


FREE_TEXT_FILTERS = frozenset({"q", "email"})
"""Filters the audit log records only as "given", never their text (names, addresses)."""


def audit_filters(filters: VolunteerFilters) -> dict:
    """The export's filters for the audit log: codes and states, free text only as "given"."""
    details = {}
    for name, value in vars(filters).items():
        if value in ("", None) or name == "sort":
            continue
        text = str(value)
        code = name not in FREE_TEXT_FILTERS and len(text) <= 40 and "@" not in text
        details[f"filter_{name}"] = text if code else True
    return details


def volunteer_export(filters: VolunteerFilters) -> Iterator[list[object]]:
    """The rows of the volunteer list's CSV for `filters` (as the search page finds them), the
    export written to the audit log with its filters and row count."""
    plan = best_plan(filters)
    rows = db.session.scalar(plan.count_stmt) if plan.count_stmt is not None else None
    audit.record(Action.EXPORT, export="volunteers", rows=rows, **audit_filters(filters))
    return volunteer_rows(plan.stmt)


def candidate_export(need: Need) -> list[list[object]]:
    """The rows of a need's candidates CSV, the export written to the audit log."""
    rows = list(candidate_rows(need.id))
    audit.record(Action.EXPORT, export="candidates", need_id=need.id, rows=len(rows))
    return rows
