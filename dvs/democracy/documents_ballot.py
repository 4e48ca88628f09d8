"""The household ballots of a matter (Decree 59 Art. 4): one numbered ballot per household
of the frozen roll, one page each — the number, address and representative, the question,
the three boxes and the signature line — as DOCX, converted to PDF by LibreOffice (the
DOCX itself when LibreOffice is absent). The numbers are the roll's: the returned-ballot
checklist and the count record refer to them."""

from docx.enum.text import WD_BREAK

from .documents import CENTER, DOCX, new_document, paragraph, run, save, title, to_pdf
from .models import RollEntry

BOXES = "☐ Đồng ý        ☐ Không đồng ý        ☐ Ý kiến khác"


def _page(document, ballot, entry, unit_name):
    paragraph(document, f"{unit_name}", align=CENTER, bold=True)
    title(document, "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH", f"Phiếu số {entry.number}")
    paragraph(document, f"Địa chỉ hộ gia đình: {entry.address}", indent=False)
    paragraph(document, f"Người đại diện hộ: {entry.representative}", indent=False)
    paragraph(document, f"Nội dung lấy ý kiến: {ballot.matter.title}", indent=False, bold=True)
    if ballot.matter.content:
        paragraph(document, ballot.matter.content, indent=False)
    closes = ballot.closes_on.strftime("%d/%m/%Y")
    paragraph(document, f"Phiếu được thu lại chậm nhất ngày {closes}.", indent=False, italic=True)
    paragraph(document, BOXES, align=CENTER, size=15)
    paragraph(document, "Ý kiến khác (nếu có): " + "." * 60, indent=False)
    paragraph(document, "Đại diện hộ gia đình", align=CENTER, bold=True)
    paragraph(document, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True)


def ballots_docx(ballot):
    document = new_document()
    entries = RollEntry.objects.filter(matter=ballot.matter).order_by("number")
    unit_name = ballot.matter.unit.name
    for n, entry in enumerate(entries):
        if n:
            breaker = document.add_paragraph()
            run(breaker, "").add_break(WD_BREAK.PAGE)
        _page(document, ballot, entry, unit_name)
    return save(document)


def ballots(ballot):
    """(bytes, content type): the PDF, or the DOCX when LibreOffice is not installed."""
    docx = ballots_docx(ballot)
    pdf = to_pdf(docx)
    if pdf is None:
        return docx, DOCX
    return pdf, "application/pdf"
