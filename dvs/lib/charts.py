"""Bar charts drawn on the server as SVG: no JavaScript, nothing fetched from elsewhere.

A `Chart` holds rows of figures (a label, one value per series, optionally a link and a
flag such as "lagging behind") and computes the bars' geometry; the template
`dvs/chart.html` draws the SVG (role="img", its <title> naming the chart) with the same
figures in a table beside it, which is the chart's text equivalent, and a link to the
chart's Excel sheet. `xlsx_response()` writes charts as sheets whose rows are the table's,
through `dvs.lib.spreadsheet` (formula-like text stays text). docs/charts.md lists the
charts of the platform."""

import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.translation import gettext as _

ROW_GAP = 8
BAR_HEIGHT = 18
LABEL_WIDTH = 230
BAR_AREA = 300
WIDTH = LABEL_WIDTH + BAR_AREA + 80
# The current figures in the platform's teal, the compared ones (previous period) in grey,
# a flagged row (a laggard) in red; the table says the same in words.
COLOURS = ("#007d7e", "#8c96a0")
FLAGGED = "#cd4444"
# A chart by unit shows this many rows (the laggards first); its sheet has them all.
LIMIT = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Bar:
    value: object
    x: int
    y: int
    width: int
    text_x: int
    text_y: int
    colour: str
    series: str


@dataclass
class Row:
    label: str
    values: list
    url: str = ""
    flag: str = ""  # shown in the table; the bars of a flagged row are red
    bars: list = field(default_factory=list)
    y: int = 0
    label_y: int = 0
    short_label: str = ""


@dataclass
class Chart:
    """`rows`: (label, value) or (label, [values…]) pairs, or Row objects. `series`: the
    names of the values (one per column of the table); `scale="row"` draws each row
    against its own largest value (figures in different units side by side, e.g. an
    indicator this period and the previous one)."""

    title: str
    rows: list
    series: list = field(default_factory=list)
    label_header: str = ""
    slug: str = ""
    scale: str = "chart"
    note: str = ""
    empty_text: str = ""
    flag_header: str = ""
    export_url: str = ""
    table_elsewhere: str = ""  # the id of a table on the page that already shows the rows
    sheet: tuple | None = None  # (header, rows) of the Excel sheet, when not the rows'
    limit: int = 0  # draw (and table) the first rows only; the sheet keeps them all
    more: int = 0  # how many rows are left out of the picture
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH

    def __post_init__(self):
        self.title = str(self.title)
        self.rows = [_as_row(row) for row in self.rows]
        self.all_rows = self.rows
        if self.limit and len(self.rows) > self.limit:
            self.rows, self.more = self.rows[: self.limit], len(self.rows) - self.limit
        count = max((len(row.values) for row in self.all_rows), default=1)
        self.series = [str(s) for s in self.series] or [str(self.title)]
        self.series += [""] * (count - len(self.series))
        self.label_header = str(self.label_header)
        self.flag_header = str(self.flag_header) or (
            _("Note") if any(r.flag for r in self.all_rows) else ""
        )
        self._lay_out()

    @property
    def row_height(self):
        return ROW_GAP + BAR_HEIGHT * len(self.series)

    @property
    def flagged(self):
        return [row for row in self.rows if row.flag]

    @property
    def legend(self):
        return [(name, COLOURS[i % len(COLOURS)]) for i, name in enumerate(self.series)]

    def _lay_out(self):
        largest = _largest(v for row in self.rows for v in row.values)
        for index, row in enumerate(self.rows):
            top = index * self.row_height
            row.y = top
            row.short_label = _shorten(row.label)
            row.label_y = top + self.row_height // 2 + 4
            scale = _largest(row.values) if self.scale == "row" else largest
            row.bars = []
            for n, value in enumerate(row.values):
                width = round(BAR_AREA * abs(value) / scale) if value else 0
                y = top + ROW_GAP // 2 + n * BAR_HEIGHT
                row.bars.append(
                    Bar(
                        value=value,
                        x=LABEL_WIDTH,
                        y=y + 1,
                        width=width,
                        text_x=LABEL_WIDTH + width + 5,
                        text_y=y + BAR_HEIGHT - 5,
                        colour=FLAGGED if row.flag and n == 0 else COLOURS[n % len(COLOURS)],
                        series=self.series[n],
                    )
                )
        self.height = max(len(self.rows), 1) * self.row_height

    def table(self):
        """The rows as the table and the Excel sheet show them: header, then one row each."""
        if self.sheet:
            return self.sheet
        header = [self.label_header or self.title, *self.series]
        if self.flag_header:
            header.append(self.flag_header)
        rows = []
        for row in self.all_rows:
            cells = [row.label, *row.values]
            if self.flag_header:
                cells.append(row.flag)
            rows.append(cells)
        return header, rows


def _as_row(row):
    if isinstance(row, Row):
        row.label = str(row.label)
        row.values = list(row.values)
        return row
    label, values = row
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    return Row(label=str(label), values=[0 if v is None else v for v in values])


def _largest(values):
    return max((abs(v) for v in values if v), default=0) or 1


def _shorten(text, limit=34):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(title, rows, **options):
    """A horizontal bar chart of (label, value) rows, longest bar = the largest value."""
    return Chart(title=title, rows=list(rows), **options)


def with_exports(request, charts):
    """Each chart's link to its own sheet: the page's query with format=xlsx&chart=<slug>."""
    for chart in charts:
        query = request.GET.copy()
        query["format"] = "xlsx"
        query["chart"] = chart.slug
        chart.export_url = "?" + query.urlencode()
    return charts


def chosen(request, charts):
    """The charts an Excel request asks for (?chart=<slug>), or all of them."""
    slug = request.GET.get("chart")
    return [c for c in charts if c.slug == slug] if slug else list(charts)


def xlsx_response(charts, filename, extra=()):
    """An Excel workbook: one sheet per chart, rows as its table; `extra`: more sheets as
    (title, header, rows)."""
    import openpyxl

    from .spreadsheet import xlsx_row

    workbook = openpyxl.Workbook(write_only=True)
    sheets = [(c.title, *c.table()) for c in charts] + list(extra)
    used = set()
    for title, header, rows in sheets:
        name = _sheet_name(str(title), used)
        sheet = workbook.create_sheet(name)
        sheet.append(xlsx_row(sheet, [str(h) for h in header]))
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _sheet_name(title, used):
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    name = "".join(" " if c in "[]:*?/\\" else c for c in title)[:31].strip() or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name
