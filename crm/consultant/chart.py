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
    count: int
    x: float
    width: float

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED


@dataclass(frozen=True)
class Bar:
    """One project's row."""

    title: str
    total: int
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


def build_chart(pipelines: list[ProjectPipeline]) -> Chart:
    """Scale each project's counts to the widest total and stack them in pipeline order."""
    largest = max((p.total for p in pipelines), default=0) or 1
    bars = []
    y = 0.0
    for pipeline in pipelines:
        x = 0.0
        segments = []
        for state in CHART_STATES:
            count = pipeline.counts.get(state, 0)
            if not count:
                continue
            width = PLOT_PERCENT * count / largest
            segments.append(Segment(state, count, round(x, 1), round(width, 1)))
            x += width
        bars.append(Bar(pipeline.title, pipeline.total, y, tuple(segments)))
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return Chart(tuple(bars), height=y)
