"""The meeting kit of a matter as DOCX (Decree 59/2023, forms of its annex): Form 01, the
notice of the meeting; Form 02, the count record; Form 03, the decision record with what
Art. 20(2) of Law 10/2022 requires (time, households on the roll, present, absent,
content, form, result, decision, and the signatures of the head of the neighbourhood, the
head of the Front's work committee and two household representatives).

The papers are Vietnamese state papers: their text is written here in Vietnamese, not
translated (as dvs/reports/document.py writes the review report). Blank fields are dotted
lines to fill by hand: the meeting kit is printed before the facts are known."""

from . import rules
from .documents import CENTER, new_document, paragraph, save, title
from .documents import national_header as header
from .models import Form, Item

DOTS = "……………"


def _d(day):
    return f"{day:%d/%m/%Y}" if day else DOTS


def _n(value):
    return str(value) if value is not None else DOTS


def _unit_lines(matter):
    unit = matter.unit
    parent = unit.get_parent() if unit.depth > 1 else None
    lines = [parent.name.upper()] if parent else []
    return [*lines, unit.name.upper()]


def _signatures(document, titles):
    """Signature blocks side by side, two per row, with room to sign."""
    rows = [titles[i : i + 2] for i in range(0, len(titles), 2)]
    table = document.add_table(rows=len(rows), cols=2)
    for r, pair in enumerate(rows):
        for c, text in enumerate(pair):
            cell = table.rows[r].cells[c]
            cell.paragraphs[0].alignment = CENTER
            cell.paragraphs[0].add_run(text).bold = True
            cell.add_paragraph("(Ký, ghi rõ họ tên)").alignment = CENTER
            for _blank in range(3):
                cell.add_paragraph("")
    return table


def notice(matter):
    """Form 01: the notice of the meeting, at least 2 days before (Decree 59 Art. 3(3))."""
    document = new_document()
    header(document, _unit_lines(matter), when=matter.notice_on)
    title(document, "THÔNG BÁO", "Về việc tổ chức cuộc họp cộng đồng dân cư")
    paragraph(document, f"Nội dung: {matter.title}")
    paragraph(document, f"Thuộc: {Item(matter.item).label}")
    paragraph(document, f"Thời gian: ngày {_d(matter.meeting_on)}")
    paragraph(document, f"Địa điểm: {matter.meeting_place or DOTS}")
    paragraph(document, "Thành phần: đại diện các hộ gia đình trong cộng đồng dân cư.")
    if matter.content:
        paragraph(document, f"Tóm tắt nội dung: {matter.content}")
    if matter.item in (Item.CONTRIBUTION, Item.FUND, Item.CHARTER):
        paragraph(
            document,
            "Tài liệu liên quan được gửi đến từng hộ gia đình chậm nhất 02 ngày trước ngày họp.",
        )
    paragraph(document, "Đề nghị đại diện các hộ gia đình tham dự đầy đủ, đúng giờ.")
    _signatures(document, ["TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ"])
    return save(document)


def count_record(matter):
    """Form 02: the count record of the meeting's vote, by the counting board with two
    household representatives witnessing (Decree 59 Art. 3(6))."""
    document = new_document()
    header(document, _unit_lines(matter), when=matter.meeting_on)
    title(document, "BIÊN BẢN KIỂM PHIẾU", matter.title)
    paragraph(
        document, f"Hôm nay, ngày {_d(matter.meeting_on)}, tại {matter.meeting_place or DOTS}."
    )
    paragraph(document, f"Ban kiểm phiếu gồm: {matter.counting_board or DOTS}")
    paragraph(document, f"Đại diện hộ gia đình chứng kiến: {matter.witnesses or DOTS}")
    present = matter.roll.filter(present=True).count() if matter.pk else 0
    paragraph(document, f"Tổng số hộ gia đình: {_n(matter.households)}")
    paragraph(document, f"Số đại diện hộ gia đình tham dự: {present or DOTS}")
    paragraph(document, f"Số ý kiến tán thành: {_n(matter.meeting_yes)}")
    paragraph(document, f"Số ý kiến không tán thành: {_n(matter.meeting_no)}")
    paragraph(document, f"Số ý kiến khác, phiếu không hợp lệ: {_n(matter.meeting_other)}")
    if matter.households:
        needed = rules.required_yes(matter.item, matter.households)
        paragraph(document, f"Số hộ tán thành cần có để thông qua: {needed}")
    paragraph(document, "Biên bản được lập thành 03 bản.")
    _signatures(
        document,
        [
            "TRƯỞNG BAN KIỂM PHIẾU",
            "THÀNH VIÊN BAN KIỂM PHIẾU",
            "ĐẠI DIỆN HỘ GIA ĐÌNH",
            "ĐẠI DIỆN HỘ GIA ĐÌNH",
        ],
    )
    return save(document)


FORMS = {
    Form.MEETING: "Họp cộng đồng dân cư",
    Form.BALLOT: "Phát phiếu lấy ý kiến hộ gia đình",
    Form.ONLINE: "Biểu quyết trực tuyến",
}


def decision_record(matter):
    """Form 03: the decision record (Law 10/2022 Art. 20(2))."""
    document = new_document()
    header(document, _unit_lines(matter), when=matter.decided_on or matter.meeting_on)
    title(document, "BIÊN BẢN", "Kết quả Nhân dân bàn và quyết định")
    present = matter.roll.filter(present=True).count() if matter.pk else 0
    absent = (matter.households - present) if matter.households is not None and present else None
    paragraph(document, f"Thời gian: ngày {_d(matter.decided_on or matter.meeting_on)}")
    paragraph(document, f"Tổng số hộ gia đình: {_n(matter.households)}")
    paragraph(document, f"Số đại diện hộ gia đình tham dự: {present or DOTS}")
    paragraph(document, f"Số hộ gia đình không có đại diện tham dự: {_n(absent)}")
    paragraph(document, f"Nội dung: {matter.title}")
    if matter.content:
        paragraph(document, matter.content)
    paragraph(document, f"Hình thức: {FORMS.get(matter.decided_form, DOTS)}")
    yes = matter.yes if matter.yes is not None else matter.meeting_yes
    result = DOTS
    if yes is not None and matter.households:
        share = round(100 * yes / matter.households, 1)
        result = f"{yes}/{matter.households} hộ tán thành ({share}% tổng số hộ)"
    paragraph(document, f"Kết quả: {result}")
    verdict = {True: "Được thông qua", False: "Không được thông qua"}.get(matter.passed, DOTS)
    paragraph(document, f"Quyết định: {verdict}. {matter.decision}".strip())
    _signatures(
        document,
        [
            "TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ",
            "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
            "ĐẠI DIỆN HỘ GIA ĐÌNH",
            "ĐẠI DIỆN HỘ GIA ĐÌNH",
        ],
    )
    return save(document)


DOCUMENTS = {
    "notice": (notice, "mau-01-thong-bao"),
    "count": (count_record, "mau-02-bien-ban-kiem-phieu"),
    "decision": (decision_record, "mau-03-bien-ban-quyet-dinh"),
}
