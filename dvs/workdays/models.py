from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """One day the government's yearly decisions set apart from the computed calendar.

    The computed calendar (calendar.py) knows weekends and the Labour Code holidays, lunar
    ones included; this list adds what only a yearly decision says: extra days off,
    compensatory days off, and Saturdays declared working days in exchange. An entry on a
    date the computed calendar also lists replaces the computed one.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Extra day off")
        COMPENSATORY = "compensatory", _("Compensatory day off")
        WORKING = "working", _("Working day (swapped)")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DAY_OFF)
    decision = models.CharField(
        _("decision"),
        max_length=300,
        blank=True,
        help_text=_("The decision or notice that sets this day, with its number and date."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("holidays and working days")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"

    @property
    def is_day_off(self):
        return self.kind != self.Kind.WORKING
