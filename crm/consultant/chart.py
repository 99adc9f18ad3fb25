"""A stacked bar chart as plain geometry, drawn as inline SVG by templates/consultant/_chart.html.

Each state has its own fill pattern as well as its own colour, and every segment wide enough
carries its number, so the chart reads without colour; a table gives the same numbers as text.
"""

from dataclasses import dataclass

from crm.consultant.dashboard import CHART_STATES, ProjectPipeline

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 22
ROW_GAP = 12
MIN_LABELLED = 22

STYLES = {
    "shortlisted": {"colour": "#4a6fa5", "pattern": "diagonal"},
    "contacted": {"colour": "#8a5a00", "pattern": "dots"},
    "interested": {"colour": "#6a3d9a", "pattern": "cross"},
    "placed": {"colour": "#1c6b3a", "pattern": "solid"},
    "completed": {"colour": "#555d6e", "pattern": "horizontal"},
}


@dataclass(frozen=True)
class Segment:
    state: str
    count: int
    x: float
    width: float

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED


@dataclass(frozen=True)
class Bar:
    title: str
    total: int
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    height: float
    width: int = WIDTH
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
            width = (WIDTH - 40) * count / largest
            segments.append(Segment(state, count, round(x, 1), round(width, 1)))
            x += width
        bars.append(Bar(pipeline.title, pipeline.total, y, tuple(segments)))
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return Chart(tuple(bars), height=y)
