"""The review report as a DOCX in the Party document format (DOMAIN-RULES §8.1, Hướng dẫn
36-HD/VPTW), and its PDF by LibreOffice.

Header: the Party committee and the issuing board on the left ("THÀNH ỦY KINH BẮC" /
"BAN TUYÊN GIÁO VÀ DÂN VẬN") with "*" and "Số …-BC/…", "ĐẢNG CỘNG SẢN VIỆT NAM"
underlined on the right with place and date in italics; title "BÁO CÁO" and its summary
line; the body from the review's sections (narrative.py, with the compiler's edits): I.
results by area with tables of figures against the previous period and a general
assessment, II. limitations and causes, III. tasks for the next period, IV. proposals;
signature block and "Nơi nhận"; an annex of figures by unit. Times New Roman, A4, margins 20/20/30/15 mm.
"""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dvs.lib.vntext import clean_text

from .models import Part, PeriodKind
from .rollup import own_share

FONT = "Times New Roman"
PART_HEADINGS = {
    Part.SITUATION: "1. Công tác lãnh đạo, chỉ đạo, quán triệt",
    Part.RESULTS: "2. Kết quả thực hiện các mặt công tác",
    Part.LIMITATIONS: "3. Đánh giá chung: ưu điểm, hạn chế và nguyên nhân",
}
GENERIC_BODIES = {"đảng bộ thành phố", "đảng bộ tỉnh", "thành ủy", "thành uỷ", "tỉnh ủy", "tỉnh uỷ"}
# The annex's row of the unit's own records (the screens' "%(unit)s (own records)").
OWN_ROW = "{unit} (trực tiếp)"
LEVEL_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Quận ", "Huyện ", "Thị xã ")


def place_name(unit):
    if settings.REPORT_PLACE_NAME:
        return settings.REPORT_PLACE_NAME
    for prefix in LEVEL_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name.removeprefix(prefix)
    return unit.name


def header_lines(unit):
    """(Party committee, issuing board), upper case, as the left header shows them
    (36-HD/VPTW): "THÀNH ỦY KINH BẮC" / "BAN TUYÊN GIÁO VÀ DÂN VẬN". A generic committee
    name ("Thành ủy") gets the place."""
    higher = settings.PARENT_PARTY_BODY
    if higher.strip().lower() in GENERIC_BODIES:
        higher = f"{higher} {place_name(unit)}"
    return higher.upper(), settings.REPORT_ISSUING_BODY.upper()


def date_line(place, when):
    """ "Kinh Bắc, ngày 05 tháng 01 năm 2026": days 1–9 and months 1–2 take a leading
    zero, months 3–12 do not (DOMAIN-RULES §8.1, as in state documents, NĐ 30/2020)."""
    month = f"{when.month:02d}" if when.month <= 2 else str(when.month)
    return f"{place}, ngày {when.day:02d} tháng {month} năm {when.year}"


def signature_lines(title):
    """The signer's title lines: a deputy signs for the head ("K/T TRƯỞNG BAN" above
    "PHÓ TRƯỞNG BAN")."""
    title = title.strip().upper()
    if title.startswith("PHÓ "):
        return [f"K/T {title.removeprefix('PHÓ ')}", title]
    return [title]


def summary_line(period):
    """The trích yếu: what the report reviews and what it plans."""
    year = period.end.year
    if period.kind == PeriodKind.SIX_MONTHS and period.end.month <= 6:
        return (
            f"sơ kết công tác dân vận 6 tháng đầu năm {year}, "
            f"phương hướng, nhiệm vụ 6 tháng cuối năm {year}"
        )
    if period.kind == PeriodKind.SIX_MONTHS:
        return f"sơ kết công tác dân vận 6 tháng cuối năm {year}, phương hướng, nhiệm vụ năm {year + 1}"
    if period.kind == PeriodKind.YEAR:
        return f"tổng kết công tác dân vận năm {year}, phương hướng, nhiệm vụ năm {year + 1}"
    return f"kết quả công tác dân vận {period.name}, phương hướng, nhiệm vụ thời gian tới"


def _run(paragraph, text, *, size=14, bold=False, italic=False, underline=False):
    """A run of text: the font comes from the document's styles; only what differs from
    them is written on the run (each property is an XML element: tables of hundreds of
    cells stay fast)."""
    run = paragraph.add_run(_text(text))
    if size != 14:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    return run


def _para(container, text="", *, align=None, size=14, bold=False, italic=False, indent=True):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _no_borders(table):
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def _cell(cell, text, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=13):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, str(text), size=size, bold=bold, italic=italic)


def _fast_rows(table, rows, *, size):
    """Rows of plain cells (the annex: one per ward), written straight into the table's
    XML: python-docx's row and cell objects cost a millisecond a cell."""
    from copy import deepcopy

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    template = table.rows[0]._tr
    for values in rows:
        tr = deepcopy(template)
        for tc, (text, bold, left) in zip(tr.tc_lst, values, strict=True):
            for p in tc.p_lst[1:]:
                tc.remove(p)
            jc = "left" if left else "center"
            props = "<w:b/>" if bold else ""
            tc.remove(tc.p_lst[0])
            tc.append(
                parse_xml(
                    f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="{jc}"/></w:pPr>'
                    f'<w:r><w:rPr>{props}<w:sz w:val="{size * 2}"/></w:rPr>'
                    f'<w:t xml:space="preserve">{_xml_escape(text)}</w:t></w:r></w:p>'
                )
            )
        table._tbl.append(tr)


def _text(text):
    """Text as the document may hold it: text stored before input was cleaned can carry
    control characters XML refuses (python-docx would raise and the whole report fail),
    and invisible ones; both are dropped as input drops them (clean_text)."""
    return clean_text(text, multiline=True)


def _xml_escape(text):
    return _text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value):
    if value is None:
        return "–"
    return f"{value:,}".replace(",", ".")


def _change(row):
    if row.difference is None:
        return "–"
    sign = "+" if row.difference > 0 else ""
    text = f"{sign}{_number(row.difference)}"
    if row.change is not None:
        text += f" ({sign}{str(row.change).replace('.', ',')}%)"
    return text


def build(review, data, when=None):
    """The DOCX as bytes. `data`: the compiled review (`compile.review_data`)."""
    period, unit = data["period"], data["unit"]
    when = when or timezone.localdate()
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    # Header: two columns without borders.
    header = document.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    higher, issuer = header_lines(unit)
    _cell(left, higher, size=14)
    _run(_para(left, align=WD_ALIGN_PARAGRAPH.CENTER), issuer, bold=True)
    _para(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER)
    number = review.number or "   "
    _para(left, f"Số {number}-BC/{settings.ISSUING_BODY_SYMBOL}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15)
    right.paragraphs[0].runs[0].underline = True
    _para(right, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, date_line(place_name(unit), when), align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)

    # Title and summary line.
    _para(document, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "BÁO CÁO", align=WD_ALIGN_PARAGRAPH.CENTER, size=16, bold=True)
    _para(document, summary_line(period), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)

    if data.get("narrative") is not None:
        _narrative(document, data)
    else:  # data from review_data alone: the template's sections and the units' texts
        _para(document, "I. KẾT QUẢ THỰC HIỆN", bold=True, indent=False)
        for part in (Part.SITUATION, Part.RESULTS, Part.LIMITATIONS):
            _para(document, PART_HEADINGS[part], bold=True, indent=False)
            _sections(document, data, part)
        _para(
            document,
            f"II. PHƯƠNG HƯỚNG, NHIỆM VỤ {data['next_label'].upper()}",
            bold=True,
            indent=False,
        )
        _sections(document, data, Part.TASKS)
        _para(document, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, indent=False)
        _sections(document, data, Part.PROPOSALS)

    _signature(document, review)
    _annex(document, data)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _narrative(document, data):
    """The body from the review's sections (review.review_sections: the generated draft
    with the compiler's edits): each heading, its text a paragraph a line, then the
    table of the area's figures against the previous period."""
    for section in data["narrative"]:
        _para(document, section["heading"], bold=True, indent=False)
        for line in section["text"].splitlines():
            if line.strip():
                _para(document, line.strip())
        codes = [c for c in section["codes"] if c in data["rows"]]
        if codes:
            _figures_table(document, data, codes)
        for table in data.get("tables", []):
            if table["area"] == section["key"]:
                _added_table(document, table)


def _sections(document, data, part):
    sections = [s for s in data["sections"] if s["part"] == part]
    if not sections:
        _para(document, "(Chưa có nội dung.)", italic=True)
    for section in sections:
        if len(sections) > 1 or section["kind"] == "indicators":
            _para(document, section["title"], italic=True, indent=False, bold=True)
        if section["kind"] == "indicators":
            _figures_table(document, data, section["indicators"])
            continue
        if section["text"]:
            for line in section["text"].splitlines():
                if line.strip():
                    _para(document, line.strip())
        for unit_name, text in section["collected"]:
            _para(document, f"- {unit_name}: {text}")
        if not section["text"] and not section["collected"]:
            _para(document, "(Chưa có nội dung.)", italic=True)


def _figures_table(document, data, codes):
    rows = [data["rows"][code] for code in codes if code in data["rows"]]
    previous = data["previous_label"]
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heads = ["Chỉ tiêu", "Đơn vị tính", data["period_label"], previous, "Tăng/giảm"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, text, bold=True)
    for row in rows:
        cells = table.add_row().cells
        _cell(cells[0], row.name, align=WD_ALIGN_PARAGRAPH.LEFT)
        _cell(cells[1], row.unit)
        _cell(cells[2], _number(row.value))
        _cell(cells[3], _number(row.previous))
        _cell(cells[4], _change(row))
    _para(document, "", indent=False)


def _added_table(document, table):
    """A capability's own table (registry.review_tables), under its title."""
    _para(document, table["title"], italic=True, indent=False, bold=True)
    grid = document.add_table(rows=1, cols=len(table["header"]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table["header"], strict=True):
        _cell(cell, str(text), bold=True)
    for row in table["rows"]:
        cells = grid.add_row().cells
        for n, (cell, value) in enumerate(zip(cells, row, strict=True)):
            text = _number(value) if isinstance(value, int) else str(value)
            _cell(
                cell, text, align=WD_ALIGN_PARAGRAPH.LEFT if n == 0 else WD_ALIGN_PARAGRAPH.CENTER
            )
    _para(document, "", indent=False)


def _signature(document, review=None):
    """ "Nơi nhận" on the left; on the right the signer's title (upper case, bold) and
    name (bold), both at the body's size (14 pt), room for the signature between."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _cell(left, "Nơi nhận:", bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
    for recipient in settings.REPORT_RECIPIENTS:
        _run(_para(left, align=WD_ALIGN_PARAGRAPH.LEFT), f"- {recipient}", size=11)
    title = getattr(review, "signer_title", "") or settings.REPORT_SIGNATURE_TITLE
    name = getattr(review, "signer_name", "") or settings.REPORT_SIGNER_NAME
    first, *more = signature_lines(title)
    _cell(right, first, bold=True, size=14)
    for line in more:
        _para(right, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for _blank in range(4):
        _para(right, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    if name:
        _para(right, name, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)


def _annex(document, data):
    document.add_page_break()
    _para(document, "PHỤ LỤC", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(
        document,
        f"Số liệu theo đơn vị, {data['period_label']}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        italic=True,
    )
    codes = data["annex_codes"]
    table = document.add_table(rows=1, cols=len(codes) + 2)
    table.style = "Table Grid"
    heads = ["Đơn vị", *[data["rows"][c].name for c in codes], "Báo cáo"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, text, bold=True, size=11)
    # The unit's own part first (its own records and its own report), so that the rows
    # add up to the total below, as on the dashboard and in the API.
    own = own_share(
        {code: data["rows"][code].value for code in codes},
        (figures.values for _child, figures, _status in data["children"]),
        codes,
    )
    rows = [
        [
            (OWN_ROW.format(unit=data["unit"].name), False, True),
            *[(_number(own[code]), False, False) for code in codes],
            ("–", False, False),
        ]
    ]
    rows += [
        [
            (child.name, False, True),
            *[(_number(figures.values.get(code, 0)), False, False) for code in codes],
            (status, False, False),
        ]
        for child, figures, status in data["children"]
    ]
    rows.append(
        [
            ("Tổng cộng", True, True),
            *[(_number(data["rows"][code].value), True, False) for code in codes],
            (data["reported_label"], False, False),
        ]
    )
    _fast_rows(table, rows, size=11)


def libreoffice():
    return shutil.which(settings.LIBREOFFICE_BINARY)


def to_pdf(docx_bytes, timeout=120):
    """The PDF LibreOffice makes of a DOCX, or None when LibreOffice is not installed."""
    binary = libreoffice()
    if not binary:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(docx_bytes)
        # Its own profile folder: a second instance of the user's profile would refuse.
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (Path(folder) / "report.pdf").read_bytes()


# The pieces other apps' documents are built from (dvs/democracy/documents.py).
run, paragraph, no_borders, cell_text = _run, _para, _no_borders, _cell
