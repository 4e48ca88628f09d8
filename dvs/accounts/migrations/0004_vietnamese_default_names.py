"""Wagtail's migrations name its default groups, workflow task, workflow and root page in
English (Editors, Moderators, "Moderators approval", the root page and collection); cadres read these names on the
group, workflow and page screens, so they get Vietnamese names."""

from django.db import migrations

GROUPS = {
    "Editors": "Biên tập viên (nhóm mặc định)",
    "Moderators": "Người kiểm duyệt (nhóm mặc định)",
}
APPROVAL = {"Moderators approval": "Duyệt của nhóm kiểm duyệt"}


def rename(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old, new in GROUPS.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for model in ("Task", "Workflow"):
        Model = apps.get_model("wagtailcore", model)
        for old, new in APPROVAL.items():
            Model.objects.filter(name=old).update(name=new)
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title="Gốc", draft_title="Gốc")
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=1, name="Root").update(name="Gốc")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_english_labels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
