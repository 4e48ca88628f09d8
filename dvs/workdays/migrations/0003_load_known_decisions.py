"""The yearly decisions on the public service's days off known from 2024 on.

Each with its document number where one was found, its sources and a confidence code
(docs/deadlines.md, "The decisions loaded").  Most days confirm what the `holidays`
package already computes, so the holidays page cites the decision; the New Year 2026
swap (12729/VPCP-KGVX) is one the package does not know.  A day already entered on the
same date (by an administrator, before this migration) is left as it is.
"""

from datetime import date

from django.db import migrations

VPCP = "Văn phòng Chính phủ"
BLDTBXH = "Bộ Lao động - Thương binh và Xã hội"
H, C, OFF, W = "holiday", "compensatory", "day_off", "working"

DECISIONS = [
    {
        "year": 2024,
        "number": "",
        "issuer": BLDTBXH,
        "issued_on": None,
        "title": "Nghỉ Tết Âm lịch (8/2–14/2/2024) và Quốc khánh (31/8–3/9/2024) năm 2024 "
        "của cán bộ, công chức, viên chức",
        "source": "sucsongtre.vn/doi-song/can-bo-cong-chuc-vien-chuc-nguoi-lao-dong-nghi-tet-"
        "nguyen-dan-giap-thin-7-ngay.html (theo thông báo của Bộ LĐTBXH); "
        "kinhtedothi.vn/tag/nghi-tet-am-lich-nam-2024",
        "confidence": "C3",
        "note": "Số và ngày của thông báo chưa xác minh.",
        "days": [
            (date(2024, 2, 8), "29 Tết", C),
            (date(2024, 2, 9), "Giao thừa Tết Nguyên Đán", H),
            (date(2024, 2, 12), "Mùng ba Tết Nguyên Đán", H),
            (date(2024, 2, 13), "Mùng bốn Tết Nguyên Đán", H),
            (date(2024, 2, 14), "Mùng năm Tết Nguyên Đán", C),
            (date(2024, 9, 2), "Quốc khánh", H),
            (date(2024, 9, 3), "Quốc khánh", H),
        ],
    },
    {
        "year": 2024,
        "number": "2450/VPCP-KGVX",
        "issuer": VPCP,
        "issued_on": date(2024, 4, 12),
        "title": "Hoán đổi ngày làm việc dịp 30/4 và 1/5/2024: nghỉ thứ Hai 29/4, "
        "làm bù thứ Bảy 4/5/2024",
        "source": "thuvienphapluat.vn/cong-van/EN/Lao-dong-Tien-luong/Official-Dispatch-2450-"
        "VPCP-KGVX-2024-swap-of-working-days-during-the-Reunification-Day/606458/tieng-anh.aspx "
        "(cited by the holidays package); baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-"
        "nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html; baotintuc.vn",
        "confidence": "C3",
        "note": "",
        "days": [
            (date(2024, 4, 29), "Ngày nghỉ (thay cho ngày 04/05/2024)", OFF),
            (date(2024, 5, 4), "Ngày làm việc (thay cho ngày 29/04/2024)", W),
        ],
    },
    {
        "year": 2025,
        "number": "6150/TB-BLĐTBXH",
        "issuer": BLDTBXH,
        "issued_on": None,
        "title": "Nghỉ Tết Âm lịch năm 2025 của cán bộ, công chức, viên chức: "
        "từ thứ Bảy 25/1 đến hết Chủ nhật 2/2/2025",
        "source": "thuvienphapluat.vn/van-ban/EN/Lao-dong-Tien-luong/Announcement-6150-TB-"
        "BLDTBXH-2024-Lunar-New-Year-in-2025-of-officials-public-employees/634997/"
        "tieng-anh.aspx (cited by the holidays package)",
        "confidence": "C3",
        "note": "Thông báo năm 2024; ngày ban hành chưa xác minh.",
        "days": [
            (date(2025, 1, 27), "29 Tết", C),
            (date(2025, 1, 28), "Giao thừa Tết Nguyên Đán", H),
            (date(2025, 1, 29), "Tết Nguyên Đán", H),
            (date(2025, 1, 30), "Mùng hai Tết Nguyên Đán", H),
            (date(2025, 1, 31), "Mùng ba Tết Nguyên Đán", H),
        ],
    },
    {
        "year": 2025,
        "number": "",
        "issuer": "",
        "issued_on": None,
        "title": "Hoán đổi ngày làm việc dịp 30/4 và 1/5/2025: nghỉ thứ Sáu 2/5, "
        "làm bù thứ Bảy 26/4/2025",
        "source": "holidays package 0.109 (its table of yearly swaps)",
        "confidence": "C3",
        "note": "Số, ngày và cơ quan ban hành của văn bản chưa xác minh.",
        "days": [
            (date(2025, 4, 26), "Ngày làm việc (thay cho ngày 02/05/2025)", W),
            (date(2025, 5, 2), "Ngày nghỉ (thay cho ngày 26/04/2025)", OFF),
        ],
    },
    {
        "year": 2026,
        "number": "12729/VPCP-KGVX",
        "issuer": VPCP,
        "issued_on": date(2025, 12, 25),
        "title": "Nghỉ Tết Dương lịch 2026 (1/1–4/1/2026): nghỉ thứ Sáu 2/1, "
        "làm bù thứ Bảy 10/1/2026",
        "source": "baohiemxahoi.gov.vn; vietnamnet.vn; tracuuquyhoach.com/tin-tuc/tin-vui-cho-"
        "nguoi-lao-dong-chinh-phu-dong-y-nghi-tet-duong-lich-4-ngay-54100289 (văn bản của "
        "VPCP ngày 25/12/2025 truyền đạt ý kiến Phó Thủ tướng Phạm Thị Thanh Trà)",
        "confidence": "C3",
        "note": "Gói holidays 0.109 không có hoán đổi này.",
        "days": [
            (date(2026, 1, 2), "Ngày nghỉ (thay cho ngày 10/01/2026)", OFF),
            (date(2026, 1, 10), "Ngày làm việc (thay cho ngày 02/01/2026)", W),
        ],
    },
    {
        "year": 2026,
        "number": "",
        "issuer": VPCP,
        "issued_on": None,
        "title": "Nghỉ Tết Âm lịch 14/2–22/2/2026 (9 ngày) và Quốc khánh 29/8–2/9/2026 "
        "(5 ngày, nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8)",
        "source": "congan.com.vn/?catid=702&id=388656&mod=detnews (Tết, C); "
        "tienphong.vn/thu-tuong-dong-y-nghi-9-ngay-tet-nguyen-dan-binh-ngo-post1786865.tpo "
        "(13/10/2025: Thủ tướng đồng ý Tết 14/2–22/2 và Quốc khánh 29/8–2/9/2026); "
        "làm bù thứ Bảy 22/8: holidays 0.109 citing thuvienphapluat.vn (C3)",
        "confidence": "C3",
        "note": "Số văn bản của VPCP chưa xác minh. Tổng 25 ngày nghỉ lễ, Tết năm 2026 "
        "(thanhnien.vn 13/01/2026).",
        "days": [
            (date(2026, 2, 16), "Giao thừa Tết Nguyên Đán", H),
            (date(2026, 2, 17), "Tết Nguyên Đán", H),
            (date(2026, 2, 18), "Mùng hai Tết Nguyên Đán", H),
            (date(2026, 2, 19), "Mùng ba Tết Nguyên Đán", H),
            (date(2026, 2, 20), "Mùng bốn Tết Nguyên Đán", H),
            (date(2026, 8, 22), "Ngày làm việc (thay cho ngày 31/08/2026)", W),
            (date(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)", OFF),
            (date(2026, 9, 1), "Quốc khánh", H),
            (date(2026, 9, 2), "Quốc khánh", H),
        ],
    },
]


def load(apps, schema_editor):
    CalendarDecision = apps.get_model("workdays", "CalendarDecision")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    taken = set(CalendarDay.objects.values_list("date", flat=True))
    for spec in DECISIONS:
        fields = {k: v for k, v in spec.items() if k != "days"}
        decision = CalendarDecision.objects.create(**fields)
        for day, name, kind in spec["days"]:
            if day not in taken:
                CalendarDay.objects.create(decision=decision, date=day, name=name, kind=kind)


def unload(apps, schema_editor):
    CalendarDecision = apps.get_model("workdays", "CalendarDecision")
    for spec in DECISIONS:
        CalendarDecision.objects.filter(
            year=spec["year"], number=spec["number"], title=spec["title"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0002_calendar_decisions")]

    operations = [migrations.RunPython(load, unload)]
