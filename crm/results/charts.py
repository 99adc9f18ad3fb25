"""The results page's charts: each figure as bars of the dashboard's chart (consultant/chart.py)."""

from flask_babel import format_decimal
from flask_babel import gettext as _

from crm.activities.labels import activity_type_label
from crm.consultant.chart import Chart, stack_bars
from crm.results.figures import ProjectResults
from crm.results.labels import area_name, measure_label

VALUE = ("value",)
PATTERNS = {
    "value": "solid",
    "members": "solid",
    "offers": "diagonal",
    "reached": "solid",
    "remaining": "dots",
}
"""Each series' fill pattern; its colour is .chart-fill-<series> in static/css/app.css."""


def number(value: float) -> str:
    """A figure as the reader writes numbers: 1.234,5 in Danish, 1,234.5 in English."""
    return format_decimal(value, format="#,##0.#")


def results_charts(results: ProjectResults) -> dict[str, Chart]:
    """One chart per figure of the page, keyed by the section it belongs to."""
    t = results.totals
    targets = []
    for p in results.targets:
        title = measure_label(p.measure)
        if p.area_id is not None:
            title = f"{title}: {area_name(p.area_name_da, p.area_name_en)}"
        title = _("Target: %(figure)s", figure=title)
        reached = min(p.actual, p.target)
        targets.append((title, {"reached": reached, "remaining": p.target - reached}))
    return {
        "volunteers": stack_bars(
            [
                (_("Volunteers engaged"), {"value": results.engaged}),
                (_("Volunteers placed"), {"value": results.placed}),
            ],
            VALUE,
        ),
        "time": stack_bars(
            [(_("Days"), {"value": t.days}), (_("Hours"), {"value": t.hours})], VALUE
        ),
        "types": stack_bars(
            [
                (activity_type_label(f.activity_type), {"value": f.activities})
                for f in results.by_type
            ],
            VALUE,
        ),
        "areas": stack_bars(
            [
                (area_name(a.name_da, a.name_en), {"value": a.totals.activities})
                for a in results.by_area
            ],
            VALUE,
        ),
        "participants": stack_bars(
            [
                (_("Participants reached"), {"value": t.participants}),
                (_("Of whom women"), {"value": t.participants_women}),
                (_("Of whom young people"), {"value": t.participants_young}),
            ],
            VALUE,
        ),
        "branches": stack_bars(
            [
                (b.name, {"members": b.members_placed, "offers": int(b.offered)})
                for b in results.branches
            ],
            ("members", "offers"),
        ),
        "targets": stack_bars(targets, ("reached", "remaining")),
    }
