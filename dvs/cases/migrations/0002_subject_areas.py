"""The subject areas the issue lists, as data: administrators may add more."""

from django.db import migrations

AREAS = [
    ("land", "Đất đai"),
    ("compensation", "Bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng"),
    ("social_policy", "Chính sách xã hội"),
    ("environment", "Môi trường"),
    ("urban_order", "Trật tự đô thị"),
    ("officials_conduct", "Tác phong, trách nhiệm của cán bộ"),
    ("other", "Lĩnh vực khác"),
]


def add_areas(apps, schema_editor):
    SubjectArea = apps.get_model("cases", "SubjectArea")
    for position, (code, name) in enumerate(AREAS):
        SubjectArea.objects.get_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
