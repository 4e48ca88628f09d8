"""The papers of grassroots democracy as DOCX (and PDF through LibreOffice): the meeting
kit (Form 01 notice, Form 02 count record, Form 03 decision record of Decree 59/2023) and
the household ballots. Each part writes its own forms with these pieces; the fonts,
margins and text helpers are the review report's (dvs/reports/document.py)."""

import io

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dvs.reports.document import FONT, cell_text, no_borders, paragraph, run, to_pdf  # noqa: F401

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def new_document():
    """An A4 page with the administrative margins and Times New Roman 14."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return document


def national_header(document, left_lines, *, place="", when=None):
    """The two-column head of a state paper: the issuing body on the left (its lines, the
    last one bold), the national motto on the right, then the place and date line."""
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    for n, line in enumerate(left_lines):
        target = left.paragraphs[0] if n == 0 else left.add_paragraph()
        target.alignment = CENTER
        run(target, line, size=13, bold=n == len(left_lines) - 1)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    motto = right.add_paragraph()
    motto.alignment = CENTER
    run(motto, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True)
    when = when or timezone.localdate()
    paragraph(
        document,
        f"{place + ', ' if place else ''}ngày {when.day:02d} tháng {when.month:02d} năm {when.year}",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        italic=True,
    )
    return table


def title(document, text, subtitle=""):
    paragraph(document, text, align=CENTER, size=15, bold=True)
    if subtitle:
        paragraph(document, subtitle, align=CENTER, bold=True)


def save(document):
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
