"""Yearly decisions become records of their own: each CalendarDay belongs to one.

Rows entered before keep their text: each distinct (year, decision text) becomes a
decision with that text as its number (confidence M, to be checked by an administrator).
"""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


def move_decision_texts(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    CalendarDecision = apps.get_model("workdays", "CalendarDecision")
    made = {}
    for day in CalendarDay.objects.order_by("date"):
        key = (day.date.year, day.legacy_decision.strip())
        if key not in made:
            made[key] = CalendarDecision.objects.create(
                year=key[0],
                number=key[1][:100],
                title=key[1][:300] or "Ngày nhập trước khi có danh sách quyết định",
                confidence="M",
                note="Chuyển từ danh sách ngày nghỉ cũ: kiểm tra số, ngày và cơ quan ban hành.",
            )
        day.decision_id = made[key].pk
        day.save(update_fields=["decision"])


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(help_text="The year whose days off the decision sets.", validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name="year")),
                ("number", models.CharField(blank=True, help_text="For example 12729/VPCP-KGVX. Leave it empty while it is not verified.", max_length=100, verbose_name="document number")),
                ("issuer", models.CharField(blank=True, max_length=200, verbose_name="issued by")),
                ("issued_on", models.DateField(blank=True, null=True, verbose_name="issued on")),
                ("title", models.CharField(max_length=300, verbose_name="summary")),
                ("source", models.TextField(blank=True, help_text="Where the text, or a citation of it, can be read: addresses, newspapers.", verbose_name="source")),
                ("confidence", models.CharField(choices=[("C", "C: confirmed in the text"), ("C3", "C3: confirmed by a third party's transcription"), ("M", "M: from memory or our reading")], default="C", max_length=2, verbose_name="confidence")),
                ("note", models.TextField(blank=True, verbose_name="note")),
            ],
            options={
                "verbose_name": "holiday decision",
                "verbose_name_plural": "holidays and working days",
                "ordering": ["-year", "issued_on", "pk"],
            },
        ),
        migrations.RenameField("calendarday", "decision", "legacy_decision"),
        migrations.AddField(
            model_name="calendarday",
            name="decision",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="days", to="workdays.calendardecision", verbose_name="decision"),
        ),
        migrations.RunPython(move_decision_texts, migrations.RunPython.noop),
        migrations.RemoveField("calendarday", "legacy_decision"),
        migrations.AlterField(
            model_name="calendarday",
            name="decision",
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="days", to="workdays.calendardecision", verbose_name="decision"),
        ),
        migrations.AlterField(
            model_name="calendarday",
            name="kind",
            field=models.CharField(choices=[("holiday", "Public holiday (Labour Code Art. 112)"), ("day_off", "Extra day off"), ("compensatory", "Compensatory day off"), ("working", "Working day (swapped)")], default="day_off", max_length=20, verbose_name="kind"),
        ),
        migrations.AlterModelOptions(
            name="calendarday",
            options={"ordering": ["date"], "verbose_name": "calendar day", "verbose_name_plural": "calendar days"},
        ),
        migrations.CreateModel(
            name="WithdrawnHoliday",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name="year")),
                ("holiday", models.CharField(choices=[("culture_day", "24/11 Vietnamese Culture Day")], max_length=30, verbose_name="holiday")),
                ("withdrawn_at", models.DateTimeField(auto_now_add=True, verbose_name="withdrawn at")),
                ("withdrawn_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="withdrawn by")),
            ],
            options={
                "verbose_name": "withdrawn holiday",
                "verbose_name_plural": "withdrawn holidays",
                "ordering": ["-year", "holiday"],
                "constraints": [models.UniqueConstraint(fields=("year", "holiday"), name="withdrawn_holiday_once")],
            },
        ),
    ]
