"""Bar charts drawn on the server as SVG: no JavaScript, nothing fetched from elsewhere.

`bars()` computes the geometry; `emulation/includes/bar_chart.html` draws it, with the
figures also in a table for screen readers and for copying."""

from dataclasses import dataclass, field

ROW_HEIGHT = 26
LABEL_WIDTH = 260
BAR_AREA = 300
WIDTH = LABEL_WIDTH + BAR_AREA + 70


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int


@dataclass
class Chart:
    title: str
    bars: list = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)


def bars(title, rows):
    """A horizontal bar chart of (label, value) rows, longest bar = the largest value."""
    rows = list(rows)
    largest = max((value for _label, value in rows), default=0) or 1
    chart = Chart(title=str(title), height=max(len(rows), 1) * ROW_HEIGHT)
    for index, (label, value) in enumerate(rows):
        y = index * ROW_HEIGHT
        chart.bars.append(
            Bar(
                label=_shorten(str(label)),
                value=value,
                y=y + 4,
                width=round(BAR_AREA * value / largest) if value else 0,
                text_y=y + ROW_HEIGHT // 2 + 5,
            )
        )
    return chart


def _shorten(text, limit=36):
    return text if len(text) <= limit else text[: limit - 1] + "…"
