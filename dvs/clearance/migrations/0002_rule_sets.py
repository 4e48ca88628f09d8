"""The two rule sets of the clearance clocks, as data with their sources
(docs/clearance-clocks.md says what was read and how sure we are)."""

import datetime

from django.db import migrations

LDD2024 = {
    "code": "LDD2024",
    "name": "Luật Đất đai 31/2024/QH15",
    "effective_from": datetime.date(2024, 8, 1),
    "effective_to": datetime.date(2026, 1, 1),
    "source": (
        "Luật Đất đai 31/2024/QH15 (hiệu lực 01/8/2024 theo Luật 43/2024/QH15), văn bản hợp "
        "nhất 44/VBHN-VPQH ngày 16/3/2026: Điều 85(1) thông báo 90/180 ngày, Điều 85(5) "
        "hiệu lực 12 tháng, Điều 87(2)(đ) vận động 15 + 10 ngày, Điều 87(3)(a) niêm yết 30 "
        "ngày và đối thoại, Điều 87(6), 87(7) vận động 10 + 10 ngày, Điều 89(1)(b) không "
        "cưỡng chế 15 ngày trước và sau Tết, Điều 94(3) chi trả 30 ngày."
    ),
    "confidence": "C",
    "notice_days_agricultural": 90,
    "notice_days_non_agricultural": 180,
    "posting_days": 30,
    "dialogue_days": 60,
    "note": (
        "Số ngày đọc trong bản chép văn bản hợp nhất (letunglam1992/phanmemGPMB, "
        "policy/nguon/luat-dat-dai-vbhn-44-2026.md). Thời hạn đối thoại 60 ngày theo sổ tay "
        "bồi thường Lào Cai (C3). Áp dụng cho thông báo ban hành trước ngày Nghị quyết "
        "254/2025/QH15 có hiệu lực."
    ),
}

NQ254 = {
    "code": "NQ254",
    "name": "Nghị quyết 254/2025/QH15",
    "effective_from": datetime.date(2026, 1, 1),
    "effective_to": None,
    "source": (
        "Nghị quyết 254/2025/QH15 ngày 11/12/2025 của Quốc hội về cơ chế tháo gỡ vướng mắc "
        "thi hành Luật Đất đai, điểm a, b khoản 9 Điều 3: thông báo 60/120 ngày, niêm yết "
        "10 ngày, đối thoại trong 30 ngày; các thời hạn khác theo Luật Đất đai. Số hiệu và "
        "ngày thông qua: căn cứ của Nghị định 49/2026/NĐ-CP ngày 31/1/2026 (bản chép "
        "diepxuan/diepxuan.github.io). Các số ngày: sổ tay Lào Cai và danh mục biểu mẫu "
        "của phần mềm GPMB Sơn La (bên thứ ba). Nguyên văn Nghị quyết: chưa đọc được."
    ),
    # The numbers are C3 (two third-party sources); the effective date is M (not found in
    # the material read), so the row as a whole is M until someone reads the text.
    "confidence": "M",
    "notice_days_agricultural": 60,
    "notice_days_non_agricultural": 120,
    "posting_days": 10,
    "dialogue_days": 30,
    "note": (
        "Ngày hiệu lực 01/01/2026 là giả định (M): kiểm tra điều khoản hiệu lực của Nghị "
        "quyết và sửa ngày này (cùng ngày kết thúc của LDD2024) nếu khác."
    ),
}


def create(apps, schema_editor):
    RuleSet = apps.get_model("clearance", "RuleSet")
    for row in (LDD2024, NQ254):
        RuleSet.objects.update_or_create(code=row["code"], defaults=row)


def remove(apps, schema_editor):
    apps.get_model("clearance", "RuleSet").objects.filter(code__in=["LDD2024", "NQ254"]).delete()


class Migration(migrations.Migration):
    dependencies = [("clearance", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
