"""Reference data the movement starts with: the four fields (DOMAIN-RULES §6), common
indicators and the evaluation criteria (Quảng Ngãi's wording, weighted). All of it is data
that the board can change in the back office; `install()` adds what is missing."""

# code, name, order
FIELDS = [
    ("economy", "Kinh tế", 1),
    ("culture_society", "Văn hóa – xã hội", 2),
    ("defence_security", "Quốc phòng – an ninh", 3),
    ("political_system", "Xây dựng hệ thống chính trị", 4),
]

# code, name, unit of measure, whole numbers only, order
INDICATORS = [
    ("households", "Hộ tham gia", "hộ", True, 1),
    ("people", "Người tham gia", "người", True, 2),
    ("money", "Kinh phí vận động", "triệu đồng", False, 3),
    ("working_days", "Ngày công đóng góp", "ngày công", True, 4),
    ("road", "Đường giao thông làm mới, sửa chữa", "m", False, 5),
    ("trees", "Cây xanh trồng mới", "cây", True, 6),
    ("land", "Đất hiến", "m²", False, 7),
]

# name, weight, highest score, order
CRITERIA = [
    ("Có tên gọi, địa chỉ cụ thể; đăng ký với cấp ủy, chính quyền", 1, 10, 1),
    ("Huy động được nhiều lực lượng tham gia, nhân dân đồng tình, hưởng ứng", 2, 10, 2),
    ("Giải quyết được việc khó, bức xúc của địa phương", 2, 10, 3),
    ("Hiệu quả thiết thực, có sản phẩm, kết quả kiểm chứng được", 3, 10, 4),
    ("Bền vững, có khả năng duy trì và nhân rộng", 2, 10, 5),
]


def install(apps=None):
    """Create the reference rows that do not exist yet (by code or name); idempotent."""
    if apps is None:
        from django.apps import apps
    field = apps.get_model("emulation", "ExemplarField")
    indicator = apps.get_model("emulation", "Indicator")
    criterion = apps.get_model("emulation", "Criterion")
    for code, name, order in FIELDS:
        field.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for code, name, unit, whole, order in INDICATORS:
        indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit_of_measure": unit,
                "whole_number": whole,
                "sort_order": order,
            },
        )
    if not criterion.objects.exists():
        for name, weight, max_score, order in CRITERIA:
            criterion.objects.create(
                name=name, weight=weight, max_score=max_score, sort_order=order
            )
