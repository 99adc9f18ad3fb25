"""A stacked bar chart as plain geometry, drawn as SVG by templates/consultant/_chart.html.

Each state has its own fill pattern as well as its own colour, and every segment wide enough
carries its number, so the chart reads without colour; a table gives the same numbers as text.
Horizontal positions are percentages of the SVG's width and there is no viewBox, so the text
keeps its real size from a phone to a wide screen.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

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
    "declined": "diagonal",
    "not_suitable": "dots",
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
    """One row (a project, a reason); `share` its percent of all rows, when the chart shows it."""

    title: str
    total: int
    y: float
    segments: tuple[Segment, ...]
    share: float | None = None


@dataclass(frozen=True)
class Chart:
    """The bars and the chart's height in pixels."""

    bars: tuple[Bar, ...]
    height: float
    bar_height: int = BAR_HEIGHT
    label_height: int = LABEL_HEIGHT
    states: tuple[str, ...] = tuple(CHART_STATES)


class Row(Protocol):
    """What a bar is drawn from: a title, counts per state and their total."""

    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int: ...


@dataclass(frozen=True)
class LabelledRow:
    """A row for build_chart made from any figure: its label and counts per state."""

    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def build_chart(
    rows: Sequence[Row], states: Sequence[str] = CHART_STATES, with_shares: bool = False
) -> Chart:
    """Scale each row's counts to the widest total and stack them in the order of `states`
    (the pipeline's, unless given); with_shares gives each bar its percent of all rows."""
    largest = max((r.total for r in rows), default=0) or 1
    everything = sum(r.total for r in rows)
    bars = []
    y = 0.0
    for row in rows:
        x = 0.0
        segments = []
        for state in states:
            count = row.counts.get(state, 0)
            if not count:
                continue
            width = PLOT_PERCENT * count / largest
            segments.append(Segment(state, count, round(x, 1), round(width, 1)))
            x += width
        share = (100.0 * row.total / everything if everything else 0.0) if with_shares else None
        bars.append(Bar(row.title, row.total, y, tuple(segments), share))
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return Chart(tuple(bars), height=y, states=tuple(str(s) for s in states))
