"""The "Dân vận khéo" movement: models of good practice (`Exemplar`), their indicators,
evaluation, recognition, replication and public showcase.

Fields, indicators and evaluation criteria are data (`ExemplarField`, `Indicator`,
`Criterion`), so a province can add "new rural areas" or change a weight without code.
Writes that span several rows (evaluating, recognising, replicating, publishing) go
through `actions.py`; the arithmetic behind them is in `rules.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from dvs.lib.vntext import fold, nfc
from dvs.units.models import Organisation, Unit

from . import rules


class ExemplarField(models.Model):
    """A field (lĩnh vực) of exemplars: the four of the movement, and any a province adds."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """Something an exemplar's results are measured in (households taking part, money
    mobilised, metres of road …): the unit of measure and which values make sense."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40)
    whole_number = models.BooleanField(
        _("whole numbers only"), default=True, help_text=_("For example households or trees.")
    )
    allows_negative = models.BooleanField(_("may be negative"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"


class Criterion(models.Model):
    """An evaluation criterion: scored from 0 to `max_score`, counted with `weight`."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    max_score = models.DecimalField(_("highest score"), max_digits=5, decimal_places=2, default=10)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": _("The weight must be greater than 0.")})
        if self.max_score is not None and self.max_score <= 0:
            raise ValidationError({"max_score": _("The highest score must be greater than 0.")})


class Level(models.TextChoices):
    CITY = "city", _("City")
    WARD = "ward", _("Ward / commune")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    ORGANISATION = "organisation", _("Organisation")
    AGENCY = "agency", _("Agency")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    RUNNING = "running", _("Running")
    EVALUATED = "evaluated", _("Evaluated")
    RECOGNISED = "recognised", _("Recognised")
    REPLICATED = "replicated", _("Replicated")
    STOPPED = "stopped", _("Stopped")


class ExemplarQuerySet(models.QuerySet):
    def in_subtree(self, unit):
        return self.filter(unit__path__startswith=unit.path)

    def published(self):
        return self.filter(published_at__isnull=False)


class Exemplar(ClusterableModel):
    name = models.CharField(_("name"), max_length=255)
    field = models.ForeignKey(
        ExemplarField, on_delete=models.PROTECT, related_name="exemplars", verbose_name=_("field")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="exemplars", verbose_name=_("owning unit")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplars",
        verbose_name=_("lead organisation"),
    )
    partners = ParentalManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("partner organisations")
    )
    year = models.PositiveSmallIntegerField(
        _("year of registration"), help_text=_("The year the unit registered to build it.")
    )
    started_on = models.DateField(_("start date"))
    problem = models.TextField(_("problem it addresses"))
    method = models.TextField(_("how it works"))
    participants = models.TextField(
        _("people and households involved"), blank=True, help_text=_("Who takes part and how.")
    )
    people_count = models.PositiveIntegerField(_("people involved"), null=True, blank=True)
    households_count = models.PositiveIntegerField(_("households involved"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replicas",
        verbose_name=_("replicated from"),
    )
    # The first exemplar of a replication tree, so a whole tree is one indexed query.
    lineage_root = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_at = models.DateTimeField(_("published on the portal"), null=True, editable=False)
    name_key = models.CharField(max_length=255, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        permissions = [("publish_exemplar", _("Can publish exemplars on the portal"))]
        indexes = [
            # Statistics group a year's exemplars of some units by field, level, status:
            # read from this index alone.
            models.Index(
                fields=["year", "unit", "field", "level", "status"], name="exemplar_stats"
            ),
            models.Index(fields=["unit", "field", "level", "status"], name="exemplar_unit_stats"),
            models.Index(fields=["name_key"], name="exemplar_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        this_year = timezone.localdate().year
        if self.year and not 2000 <= self.year <= this_year + 1:
            errors["year"] = _("The year of registration must be between 2000 and %(last)s.") % {
                "last": this_year + 1
            }
        if self.started_on and self.started_on > timezone.localdate():
            errors["started_on"] = _("The start date is in the future.")
        if self.organisation_id and self.unit_id:
            unit_path = Unit.objects.filter(pk=self.unit_id).values_list("path", flat=True).first()
            org_path = self.organisation.unit.path
            if unit_path and not org_path.startswith(unit_path[: len(org_path)]):
                errors["organisation"] = _("The lead organisation belongs to another unit.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def is_recognised(self):
        return self.recognitions.exists()

    def replication_tree(self):
        """(ancestors from the first exemplar down, descendants as nested (node, children)).

        Two queries whatever the size of the tree: the rows sharing this tree's root."""
        root_id = self.lineage_root_id or self.pk
        nodes = list(
            Exemplar.objects.filter(Q(pk=root_id) | Q(lineage_root_id=root_id)).select_related(
                "unit"
            )
        )
        by_id = {node.pk: node for node in nodes}
        children = {}
        for node in nodes:
            children.setdefault(node.origin_id, []).append(node)
        ancestors, current = [], by_id.get(self.origin_id)
        while current is not None and current not in ancestors:
            ancestors.insert(0, current)
            current = by_id.get(current.origin_id)

        def below(node_id, seen=()):
            return [
                (child, below(child.pk, (*seen, node_id)))
                for child in sorted(children.get(node_id, []), key=lambda n: (n.year, n.pk))
                if child.pk not in seen
            ]

        return ancestors, below(self.pk)

    def replica_count(self):
        """Replicas made from this exemplar, and from its replicas, and so on."""

        def count(tree):
            return sum(1 + count(children) for _node, children in tree)

        return count(self.replication_tree()[1])


class IndicatorValue(Orderable):
    """An indicator's baseline, target and actual value for one exemplar in one year."""

    exemplar = ParentalKey(Exemplar, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta(Orderable.Meta):
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "indicator", "year"],
                name="one_indicator_value_a_year",
                violation_error_message=_("This indicator already has values for that year."),
            )
        ]
        indexes = [models.Index(fields=["year", "indicator"], name="indicator_value_year")]

    def __str__(self):
        return f"{self.indicator} {self.year}"

    def clean(self):
        if self.indicator_id is None:
            return
        errors = {}
        for name in ("baseline", "target", "actual"):
            try:
                setattr(
                    self,
                    name,
                    rules.indicator_number(
                        getattr(self, name),
                        label=self.indicator.name,
                        whole=self.indicator.whole_number,
                        allows_negative=self.indicator.allows_negative,
                    ),
                )
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)


class ExemplarPhoto(Orderable):
    exemplar = ParentalKey(Exemplar, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("photo")
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class ExemplarDocument(Orderable):
    exemplar = ParentalKey(Exemplar, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class Evaluation(models.Model):
    """One evaluator's score sheet for one exemplar in one year."""

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("exemplar")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluator"),
    )
    total = models.DecimalField(
        _("total score"), max_digits=6, decimal_places=2, default=0, editable=False
    )
    comment = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("evaluated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-year", "-total"]
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "year", "evaluator"],
                name="one_evaluation_per_evaluator_a_year",
                violation_error_message=_("You have already evaluated this exemplar this year."),
            )
        ]
        indexes = [models.Index(fields=["year", "exemplar", "total"], name="evaluation_year")]

    def __str__(self):
        return f"{self.exemplar} — {self.year} — {self.evaluator}"


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="one_score_each")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class RecognitionLevel(models.TextChoices):
    CITY = "city", _("By the city")
    PROVINCE = "province", _("By the province")
    CENTRAL = "central", _("By the centre")


class Recognition(models.Model):
    """A commendation of an exemplar, with its decision number and date."""

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.CASCADE, related_name="recognitions", verbose_name=_("exemplar")
    )
    level = models.CharField(_("level"), max_length=20, choices=RecognitionLevel.choices)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issued_by = models.CharField(_("issued by"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-decision_date"]

    def __str__(self):
        return f"{self.exemplar} — {self.decision_number}"

    def clean(self):
        self.decision_number = nfc(self.decision_number or "").strip()
        if not self.exemplar_id or not self.decision_date:
            return
        try:
            rules.check_recognition_date(self.decision_date, self.exemplar.started_on)
        except ValidationError as error:
            raise ValidationError({"decision_date": error.messages}) from None
