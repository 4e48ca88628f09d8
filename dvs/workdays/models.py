from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

NUMBER_NOT_VERIFIED = _("document number not verified")

# The years the calendar answers for (calendar.MIN_YEAR, calendar.MAX_YEAR), repeated here
# so the models do not import the calendar.
_MIN_YEAR, _MAX_YEAR = 2000, 2099


class Confidence(models.TextChoices):
    """How sure we are of a decision's text (docs/deadlines.md)."""

    C = "C", _("C: confirmed in the text")
    C3 = "C3", _("C3: confirmed by a third party's transcription")
    M = "M", _("M: from memory or our reading")


class CalendarDecision(ClusterableModel):
    """One of the government's yearly decisions on the public service's days off.

    Each year the Prime Minister approves the Tết and Quốc khánh days off (Labour Code
    2019 Art. 112(3)) and, often, swaps a bridging day off for a Saturday worked; the
    Ministry (of Labour until 2025, of Home Affairs since) or the Government Office
    announces it.  A decision lists its days (`CalendarDay`); a year with at least one
    decision counts as decided (`calendar.is_decided`).
    """

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(_MIN_YEAR), MaxValueValidator(_MAX_YEAR)],
        help_text=_("The year whose days off the decision sets."),
    )
    number = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("For example 12729/VPCP-KGVX. Leave it empty while it is not verified."),
    )
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    title = models.CharField(_("summary"), max_length=300)
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("Where the text, or a citation of it, can be read: addresses, newspapers."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=2, choices=Confidence.choices, default=Confidence.C
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-year", "issued_on", "pk"]
        verbose_name = _("holiday decision")
        verbose_name_plural = _("holidays and working days")

    def __str__(self):
        return f"{self.year}: {self.citation}"

    @property
    def citation(self):
        """How the holidays page cites the decision: number, date and issuer, or, while the
        number is not verified, the issuer (or the summary, with no issuer) saying so."""
        if self.number:
            details = ", ".join(
                part
                for part in (self.issued_on and f"{self.issued_on:%d/%m/%Y}", self.issuer)
                if part
            )
            return f"{self.number} ({details})" if details else self.number
        issuer = self.issuer or self.title
        issued = f", {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        # Lazy: the calendar keeps its entries per process, shown in either language.
        return format_lazy("{}{} ({})", issuer, issued, NUMBER_NOT_VERIFIED)

    @property
    def number_shown(self):
        return self.number or _("not verified")


class CalendarDay(models.Model):
    """One day a yearly decision sets: a day off, or a Saturday declared a working day.

    The computed calendar (calendar.py) knows weekends and the Labour Code holidays, lunar
    ones included; a day here replaces the computed entry of its date, so a decision can
    confirm a computed day (the holidays page then cites it), add a day off, or declare a
    Saturday worked in exchange for a bridging day off.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (Labour Code Art. 112)")
        DAY_OFF = "day_off", _("Extra day off")
        COMPENSATORY = "compensatory", _("Compensatory day off")
        WORKING = "working", _("Working day (swapped)")

    decision = ParentalKey(
        CalendarDecision,
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name=_("decision"),
    )
    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DAY_OFF)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"

    def check_year(self, year):
        """Raise ValidationError unless the day belongs to a decision for ``year``: that
        year, or the year before (2/1/2015 off for Saturday 27/12/2014 worked)."""
        if self.date and self.date.year not in (year - 1, year):
            raise ValidationError(
                _("%(date)s is not a day of %(year)s (or of the year before).")
                % {"date": f"{self.date:%d/%m/%Y}", "year": year}
            )

    @property
    def is_day_off(self):
        return self.kind != self.Kind.WORKING


class WithdrawnHoliday(models.Model):
    """A computed holiday without a confirmed legal basis, switched off for one year.

    The `holidays` package adds 24/11 "Ngày Văn hóa Việt Nam" from 2026 citing a Politburo
    resolution; no amendment of the Labour Code was found (docs/deadlines.md).  The day
    stays a day off unless an administrator withdraws it here for a year; it (and its
    compensatory day, if it falls on a weekend) is then a working day.
    """

    class Holiday(models.TextChoices):
        CULTURE_DAY = "culture_day", _("24/11 Vietnamese Culture Day")

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(_MIN_YEAR), MaxValueValidator(_MAX_YEAR)]
    )
    holiday = models.CharField(_("holiday"), max_length=30, choices=Holiday.choices)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "holiday"]
        constraints = [
            models.UniqueConstraint(fields=["year", "holiday"], name="withdrawn_holiday_once")
        ]
        verbose_name = _("withdrawn holiday")
        verbose_name_plural = _("withdrawn holidays")

    def __str__(self):
        return f"{self.get_holiday_display()} {self.year}"
