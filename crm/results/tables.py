"""The results as tables, in the reader's language: the page, the printable page and every
sheet of the spreadsheet show these same tables (cells stay numbers and dates; each shows them
its own way)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from crm.activities.labels import activity_type_label
from crm.names import country_name
from crm.projects.models import Project
from crm.results.figures import ProjectResults
from crm.results.labels import area_name, measure_label
from crm.results.naming import name_column

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Table:
    """A titled table; key names its section and its sheet."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def summary(project: Project, results: ProjectResults) -> Table:
    """The project, the period and the headline figures, one per row."""
    t = results.totals
    rows = (
        (_("Project"), project.title),
        (_("Funder"), project.funder or "–"),
        (_("Budget line"), project.budget_line or "–"),
        (_("From"), results.period.start),
        (_("To"), results.period.end),
        (_("Volunteers engaged"), results.engaged),
        (_("Volunteers placed"), results.placed),
        (_("Activities"), t.activities),
        (_("Days"), t.days),
        (_("Hours"), t.hours),
        (_("Participants reached"), t.participants),
        (_("Of whom women"), t.participants_women),
        (_("Of whom young people"), t.participants_young),
        (_("Branches involved"), len(results.branches)),
    )
    return Table("summary", _("Overview"), (_("Figure"), _("Value")), rows)


def by_type(results: ProjectResults) -> Table:
    """Activities and participants per activity type."""
    rows = tuple(
        (activity_type_label(f.activity_type), f.activities, f.participants)
        for f in results.by_type
    )
    header = (_("Activity type"), _("Activities"), _("Participants reached"))
    return Table("types", _("Activities by type"), header, rows)


def by_area(results: ProjectResults) -> Table:
    """Activities, time and participants per outcome area."""
    rows = tuple(
        (
            area_name(a.name_da, a.name_en),
            a.totals.activities,
            a.totals.days,
            a.totals.hours,
            a.totals.participants,
            a.totals.volunteers,
        )
        for a in results.by_area
    )
    header = (
        _("Outcome area"),
        _("Activities"),
        _("Days"),
        _("Hours"),
        _("Participants reached"),
        _("Volunteers"),
    )
    return Table("areas", _("Activities by outcome area"), header, rows)


def participants(results: ProjectResults) -> Table:
    """Participants reached: in all, women and young people, per outcome area and in total."""
    rows = tuple(
        (
            area_name(a.name_da, a.name_en),
            a.totals.participants,
            a.totals.participants_women,
            a.totals.participants_young,
        )
        for a in results.by_area
    )
    t = results.totals
    rows += ((_("Total"), t.participants, t.participants_women, t.participants_young),)
    header = (_("Outcome area"), _("Participants reached"), _("Women"), _("Young people"))
    return Table("participants", _("Participants reached"), header, rows)


def branches(results: ProjectResults) -> Table:
    """The branches involved: members placed, and whether the branch offered help."""
    rows = tuple(
        (b.name, b.members_placed, _("yes") if b.offered else _("no")) for b in results.branches
    )
    header = (_("Branch"), _("Members placed"), _("Offered help"))
    return Table("branches", _("Branches involved"), header, rows)


def targets(results: ProjectResults) -> Table:
    """Progress against each target."""
    rows = tuple(
        (
            measure_label(p.measure),
            area_name(p.area_name_da, p.area_name_en) if p.area_id else _("Whole project"),
            p.target,
            p.actual,
            p.percent,
        )
        for p in results.targets
    )
    header = (_("Measure"), _("Outcome area"), _("Target"), _("Reached"), _("Per cent"))
    return Table("targets", _("Progress against targets"), header, rows)


def activities(results: ProjectResults, area_names: dict[int, str], include_names: bool) -> Table:
    """The approved activities, one a row; a volunteer column only when names were asked for
    (crm/results/naming.py decides who is named)."""
    lines = results.activities
    names = name_column([line.volunteer_id for line in lines], include_names)
    header = (
        _("Started"),
        _("Ended"),
        _("Country"),
        _("Activity type"),
        _("Outcome area"),
        _("Days"),
        _("Hours"),
        _("Participants"),
        _("Women"),
        _("Young people"),
    )
    rows = []
    for i, line in enumerate(lines):
        row: tuple[Cell, ...] = (
            line.started_on,
            line.ended_on,
            country_name(line.country) if line.country else None,
            activity_type_label(line.activity_type),
            area_names.get(line.area_id) if line.area_id else None,
            line.days,
            line.hours,
            line.participants,
            line.participants_women,
            line.participants_young,
        )
        rows.append(row if names is None else (names[i], *row))
    if names is not None:
        header = (_("Volunteer"), *header)
    return Table("activities", _("Activities"), header, tuple(rows))


def all_tables(
    project: Project, results: ProjectResults, area_names: dict[int, str], include_names: bool
) -> list[Table]:
    """Every table, in the order of the page and of the spreadsheet's sheets."""
    return [
        summary(project, results),
        by_type(results),
        by_area(results),
        participants(results),
        branches(results),
        targets(results),
        activities(results, area_names, include_names),
    ]
