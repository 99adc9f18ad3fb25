"""A stacked bar chart as plain geometry, drawn as SVG by templates/consultant/_chart.html.

Each state has its own fill pattern as well as its own colour, and every segment wide enough
carries its number, so the chart reads without colour; a table gives the same numbers as text.
Horizontal positions are percentages of the SVG's width and there is no viewBox, so the text
keeps its real size from a phone to a wide screen.
"""

from dataclasses import dataclass

from crm.consultant.dashboard import ProjectPipeline
from crm.matches.pipeline import CHART_STATES

PLOT_PERCENT = 92.0
"""The widest bar's share of the width (room for its number at the end)."""
LABEL_HEIGHT = 20
BAR_HEIGHT = 24
ROW_GAP = 12
MIN_LABELLED = 5.0
"""Segments narrower than this (percent of the width) carry no number inside."""

PATTERNS = {
    "shortlisted": "diagonal",
    "contacted": "dots",
    "interested": "cross",
    "placed": "solid",
    "completed": "horizontal",
}
"""Each state's fill pattern; its colour is the class chart-fill-<state> in static/css/app.css
(no inline styles: the Content-Security-Policy allows style sheets from the site only)."""


@dataclass(frozen=True)
class Segment:
    """One state's part of a bar; x and width in percent of the chart's width."""

    state: str
    """The series (a pipeline state on the dashboard)."""
    count: float
    x: float
    width: float

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED


@dataclass(frozen=True)
class Bar:
    """One project's row."""

    title: str
    total: float
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    """The bars and the chart's height in pixels."""

    bars: tuple[Bar, ...]
    height: float
    bar_height: int = BAR_HEIGHT
    label_height: int = LABEL_HEIGHT
    states: tuple[str, ...] = tuple(CHART_STATES)


def stack_bars(rows: list[tuple[str, dict[str, float]]], series: tuple[str, ...]) -> Chart:
    """One bar per (title, counts) row: its counts stacked in `series` order, every bar scaled
    to the widest total (any bar chart of counts: the pipeline, a results page's figures)."""
    totals = [sum(counts.get(key, 0) for key in series) for _, counts in rows]
    largest = max(totals, default=0) or 1
    bars = []
    y = 0.0
    for (title, counts), total in zip(rows, totals, strict=True):
        x = 0.0
        segments = []
        for key in series:
            count = counts.get(key, 0)
            if not count:
                continue
            width = PLOT_PERCENT * count / largest
            segments.append(Segment(key, count, round(x, 1), round(width, 1)))
            x += width
        bars.append(Bar(title, total, y, tuple(segments)))
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return Chart(tuple(bars), height=y, states=series)


def build_chart(pipelines: list[ProjectPipeline]) -> Chart:
    """Scale each project's counts to the widest total and stack them in pipeline order."""
    return stack_bars([(p.title, p.counts) for p in pipelines], tuple(CHART_STATES))
