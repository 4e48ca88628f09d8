"""Periodic reports: templates defined by the board, report periods, each unit's report,
the figures rolled up the unit tree, and the generated review report.

Figures live in narrow rows: `IndicatorValue(period, unit, code, value)` holds, for every
unit, the platform's own count over its whole subtree, filled from the leaves up by
`rollup.fill()` (resumable: `FillState` remembers the indicators already filled). A unit
report keeps a snapshot of its template's version, so a template changed after filing
never alters a filed report.
"""

import hashlib
import json
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from dvs.storage import private_storage
from dvs.units.models import Organisation, Unit

from . import rules


class _LabelsIn(Mapping):
    """The labels of a choices class in one language, translated at each read."""

    def __init__(self, choices, language):
        self.choices, self.language = choices, language

    def __getitem__(self, value):
        with translation.override(self.language):
            return str(self.choices(value).label)

    def __iter__(self):
        return iter(self.choices.values)

    def __len__(self):
        return len(self.choices.values)


class PeriodKind(models.TextChoices):
    SIX_MONTHS = "six_months", _("Six months")
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    AD_HOC = "ad_hoc", _("Ad hoc")


class Part(models.TextChoices):
    """Where a section goes in the review report (DOMAIN-RULES §8.1)."""

    SITUATION = "situation", _("Leadership and situation")
    RESULTS = "results", _("Results by area")
    LIMITATIONS = "limitations", _("Limitations and causes")
    TASKS = "tasks", _("Tasks for the next period")
    PROPOSALS = "proposals", _("Proposals")


class SectionKind(models.TextChoices):
    NARRATIVE = "narrative", _("Narrative")
    INDICATORS = "indicators", _("Indicators")


class ReportTemplate(ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    structure_hash = models.CharField(max_length=64, editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def save(self, *args, **kwargs):
        # A changed structure after reports were filed against this version makes a new
        # version: filed reports keep their snapshot of the old one.
        digest = hashlib.sha256(
            json.dumps(self.structure(), sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        if self.pk and digest != self.structure_hash and self.filed_reports().exists():
            self.version += 1
        self.structure_hash = digest
        super().save(*args, **kwargs)

    def clean(self):
        codes = [i.code for i in self.indicators.all()]
        rules.check_template(
            codes,
            [(s.title, s.kind, s.indicator_codes) for s in self.sections.all()],
        )
        for indicator in self.indicators.all():
            rules.check_indicator_source(indicator.code, indicator.source)

    def filed_reports(self):
        return UnitReport.objects.filter(
            period__template=self, template_version=self.version
        ).exclude(status=UnitReport.Status.DRAFT)

    def structure(self):
        """What a report needs of its template: sections and indicators, as plain data."""
        return {
            "name": self.name,
            "sections": [
                {
                    "key": section.key,
                    "part": section.part,
                    "kind": section.kind,
                    "title": section.title,
                    "guidance": section.guidance,
                    "indicators": rules.split_codes(section.indicator_codes),
                }
                for section in self.sections.all()
            ],
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name,
                    "unit": i.unit_of_measure,
                    "computed": i.source == TemplateIndicator.Source.COMPUTED,
                }
                for i in self.indicators.all()
            ],
        }

    def snapshot(self):
        return {"version": self.version, **self.structure()}


class TemplateSection(Orderable):
    template = ParentalKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(
        _("key"), max_length=40, help_text=_("A short code, unique in the template: lanh-dao")
    )
    part = models.CharField(_("part of the report"), max_length=20, choices=Part.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=255)
    guidance = models.TextField(_("guidance for units"), blank=True)
    indicator_codes = models.TextField(
        _("indicator codes"),
        blank=True,
        help_text=_("Indicators sections: the codes of its indicators, one per line."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class TemplateIndicator(Orderable):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Filled by hand")
        COMPUTED = "computed", _("Computed from the platform's data")

    template = ParentalKey(ReportTemplate, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Computed indicators: the code a capability registers (cases_received…)."),
    )
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    higher_is_better = models.BooleanField(
        _("a rise is"),
        null=True,
        blank=True,
        choices=[
            (None, _("as the capability declares (neither, for figures filled by hand)")),
            (True, _("good: higher is better")),
            (False, _("bad: lower is better")),
        ],
        help_text=_("How the dashboards colour a change of this figure: green when good."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class ReportPeriodQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Periods of the units above or inside the scope of the user's grants whose role
        reads periods: a ward reports in the city's period, the city's board sees its
        wards' own periods, a neighbourhood committee (no reports) sees none, in the
        admin and the API alike."""
        from dvs.accounts import scope

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        condition = Q(pk__in=[])
        for grant in scope.grants(user):
            if not scope.role_allows(grant.role, "reports.view_reportperiod"):
                continue
            step = Unit.steplen
            ancestors = [grant.unit_path[:end] for end in range(step, len(grant.unit_path), step)]
            condition |= Q(unit__path__startswith=grant.unit_path) | Q(unit__path__in=ancestors)
        return self.filter(condition)


class ReportPeriod(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due_on = models.DateField(_("reports due on"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="report_periods", verbose_name=_("owning unit")
    )
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, related_name="periods", verbose_name=_("template")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        ordering = ["-start", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end:
            try:
                rules.check_period_dates(self.start, self.end)
            except ValidationError as error:
                raise ValidationError({"end": error.messages}) from None
        if self.end and self.due_on and self.due_on < self.start:
            raise ValidationError({"due_on": rules.DUE_BEFORE_START})

    def previous(self):
        """The period of the same kind and unit that ended last before this one began."""
        return (
            ReportPeriod.objects.filter(unit=self.unit, kind=self.kind, end__lt=self.start)
            .order_by("-end")
            .first()
        )

    def expected_units(self):
        """Units that must report: those one level below the owning unit, in force."""
        return Unit.objects.filter(
            path__startswith=self.unit.path, depth=self.unit.depth + 1
        ).current(on=self.end)


class UnitReport(models.Model):
    class Status(models.TextChoices):
        """The one word for each state of a unit's report, on every screen, in the API and
        in the review report's annex: the words a Board uses for reports it receives, not
        those of petitions (a report is received and approved, a petition is "thụ lý")."""

        DRAFT = "draft", pgettext_lazy("unit report status", "Not submitted")
        SUBMITTED = "submitted", pgettext_lazy("unit report status", "Received")
        ACCEPTED = "accepted", pgettext_lazy("unit report status", "Approved")
        RETURNED = "returned", pgettext_lazy("unit report status", "Returned")

        @classmethod
        def label_of(cls, status):
            """The label of a status; a report not started yet reads as not submitted."""
            return cls(status or cls.DRAFT).label

        @classmethod
        def labels_in(cls, language):
            """{status: label} translated into `language` when read (the review report
            is written in Vietnamese whatever the language of who generates it)."""
            return _LabelsIn(cls, language)

    period = models.ForeignKey(
        ReportPeriod, on_delete=models.CASCADE, related_name="reports", verbose_name=_("period")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("unit")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    template_version = models.PositiveIntegerField(_("template version"))
    template_snapshot = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("comments of the upper level"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        permissions = [("review_unitreport", _("Can accept or return unit reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                condition=Q(organisation__isnull=True),
                name="one_report_per_unit",
            ),
            models.UniqueConstraint(
                fields=["period", "unit", "organisation"], name="one_report_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.organisation or self.unit} — {self.period}"

    @property
    def filed(self):
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)

    @property
    def editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def follow_template(self):
        """A draft (or a report not opened yet) follows its period's template when that
        changed since it was opened; in memory. True if it changed."""
        template = self.period.template
        if not self.editable or (
            self.template_version == template.version and self.template_snapshot
        ):
            return False
        self.template_version, self.template_snapshot = template.version, template.snapshot()
        return True

    def text_by_section(self):
        return dict(self.texts.values_list("section", "text")) if self.pk else {}


class ReportValue(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="values")
    code = models.SlugField(max_length=60)
    computed = models.BigIntegerField(_("computed value"), null=True, blank=True)
    value = models.BigIntegerField(_("value"), null=True, blank=True)
    note = models.TextField(_("note on the correction"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="one_value_per_code")
        ]

    def __str__(self):
        return f"{self.code}: {self.value}"

    @property
    def corrected(self):
        return self.computed is not None and self.value != self.computed


class ReportText(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="texts")
    section = models.SlugField(max_length=40)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="one_text_per_section")
        ]

    def __str__(self):
        return self.section


class IndicatorValue(models.Model):
    """The platform's count of an indicator over a unit's whole subtree for a period."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(max_length=60)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "code", "unit"], name="one_value_per_unit")
        ]

    def __str__(self):
        return f"{self.code} {self.unit_id}: {self.value}"


class FillState(models.Model):
    """How far the fill of a period's figures got: indicators already filled are skipped
    when an interrupted fill runs again."""

    period = models.OneToOneField(ReportPeriod, on_delete=models.CASCADE, related_name="fill")
    done = models.JSONField(default=list)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.period}: {len(self.done)}"


class ReviewReport(models.Model):
    """A generated review report (DOCX and PDF) of a unit for a period, and its job."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="reviews")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("document number"), max_length=20, blank=True)
    # Who signs (blank: the REPORT_SIGNATURE_TITLE and REPORT_SIGNER_NAME settings).
    signer_title = models.CharField(_("signer's title"), max_length=60, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    docx = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    pdf = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set at each step of the generation; see review.fail_stale.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-created_at"]

    def __str__(self):
        created = timezone.localtime(self.created_at)  # shown in Asia/Ho_Chi_Minh, not UTC
        return f"{self.period} — {self.unit} ({created:%d/%m/%Y %H:%M})"


class ReviewSectionText(models.Model):
    """The compiler's edit of one section of a unit's review report for a period: kept
    with the period, it replaces the generated text in every DOCX and PDF made after it
    (see `review.review_sections`). Deleting it goes back to the generated text."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="review_texts")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=40)
    text = models.TextField(blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review report section")
        verbose_name_plural = _("review report sections")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "key"], name="one_review_text_per_section"
            )
        ]

    def __str__(self):
        return f"{self.period} — {self.unit_id} — {self.key}"
