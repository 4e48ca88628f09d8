"""The rule set of Law 02/2016/QH14 and the religions recognised in Viet Nam, as data with
their sources (docs/religion.md says what was read and how sure we are). No row is
entered for Law 07/2026/QH16 (in force 1/1/2027): its text was not found; administrators
enter its numbers with their source, and until then a filing received from 1/1/2027 gets
no clock and says so."""

import datetime

from django.db import migrations

TNTG2016 = {
    "code": "TNTG2016",
    "name": "Luật Tín ngưỡng, tôn giáo 02/2016/QH14",
    "effective_from": datetime.date(2018, 1, 1),
    "effective_to": datetime.date(2026, 12, 31),
    "source": (
        "Luật Tín ngưỡng, tôn giáo 02/2016/QH14 (hiệu lực 01/01/2018; Bộ pháp điển, đề mục "
        "Tín ngưỡng, tôn giáo): Điều 12 đăng ký hoạt động tín ngưỡng chậm nhất 30 ngày trước "
        "khi bắt đầu, trả lời trong 15 ngày kể từ ngày nhận đăng ký hợp lệ, đăng ký bổ sung "
        "chậm nhất 20 ngày trước khi diễn ra; Điều 13 thông báo lễ hội định kỳ chậm nhất 20 "
        "ngày trước; Điều 15 báo cáo thu chi trong 20 ngày sau khi kết thúc lễ hội; Điều 16–17 "
        "đăng ký sinh hoạt tôn giáo tập trung, trả lời trong 20 ngày kể từ ngày nhận hồ sơ "
        "hợp lệ; Điều 43 danh mục hoạt động tôn giáo gửi trong 30 ngày. Nghị định 95/2023/NĐ-CP "
        "(hiệu lực 30/3/2024) hướng dẫn thi hành. Số ngày trả lời đăng ký bổ sung (15 ngày) "
        "là cách đọc của chúng tôi (M)."
    ),
    "confidence": "C",
    "belief_lead_days": 30,
    "belief_reply_days": 15,
    "supplement_lead_days": 20,
    "supplement_reply_days": 15,
    "festival_notice_lead_days": 20,
    "festival_report_days": 20,
    "group_reply_days": 20,
    "annual_list_days": 30,
}

# The 16 religions recognised as of 2026 (from memory, M: docs/religion.md), in order.
RELIGIONS = [
    ("phat-giao", "Phật giáo"),
    ("cong-giao", "Công giáo"),
    ("tin-lanh", "Tin lành"),
    ("cao-dai", "Cao Đài"),
    ("phat-giao-hoa-hao", "Phật giáo Hòa Hảo"),
    ("hoi-giao", "Hồi giáo"),
    ("baha-i", "Tôn giáo Baha'i"),
    ("tinh-do-cu-si", "Tịnh độ Cư sĩ Phật hội Việt Nam"),
    ("co-doc-phuc-lam", "Cơ đốc Phục lâm Việt Nam"),
    ("tu-an-hieu-nghia", "Phật giáo Tứ Ân Hiếu Nghĩa"),
    ("minh-su-dao", "Minh Sư đạo"),
    ("minh-ly-dao", "Minh Lý đạo – Tam Tông Miếu"),
    ("buu-son-ky-huong", "Bửu Sơn Kỳ Hương"),
    ("ba-la-mon", "Bà-la-môn giáo"),
    ("mac-mon", "Giáo hội các Thánh hữu ngày sau của Chúa Giê-su Ky-tô (Mặc Môn)"),
    ("hieu-nghia-ta-lon", "Phật hội Hiếu Nghĩa Tà Lơn"),
]


def load(apps, schema_editor):
    RuleSet = apps.get_model("religion", "RuleSet")
    Religion = apps.get_model("religion", "Religion")
    RuleSet.objects.update_or_create(code=TNTG2016["code"], defaults=TNTG2016)
    for order, (code, name) in enumerate(RELIGIONS, start=1):
        Religion.objects.update_or_create(
            code=code, defaults={"name": name, "recognised": True, "order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("religion", "RuleSet").objects.filter(code=TNTG2016["code"]).delete()
    apps.get_model("religion", "Religion").objects.filter(
        code__in=[code for code, _name in RELIGIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("religion", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
