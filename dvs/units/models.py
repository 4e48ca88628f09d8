"""The tree of administrative units and the organisations attached to them.

A unit is a treebeard materialized-path node: a subtree is one prefix match on `path`,
the query every scope filter in the platform is built on.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from dvs.lib.vntext import fold, nfc, sort_key


class Level(models.TextChoices):
    PROVINCE = "province", _("Province / centrally-run city")
    DISTRICT = "district", _("District / provincial city")
    COMMUNE = "commune", _("Ward / commune / special zone")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood / residential group / village")


class UnitQuerySet(MP_NodeQuerySet):
    def subtree_of(self, unit):
        """The unit and everything below it: one index-friendly prefix match."""
        return self.filter(path__startswith=unit.path)

    def with_parent_name(self):
        """Annotate each unit with its parent's name in the same query (no N+1)."""
        from django.db.models import OuterRef, Subquery
        from django.db.models.functions import Length, Substr

        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Unit.steplen)
        return self.annotate(
            parent_name=Subquery(Unit.objects.filter(path=parent_path).values("name")[:1])
        )

    def current(self, on=None):
        """Units in force on a date (today by default): not yet dissolved by a merge."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=on))


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self):
        return UnitQuerySet(self.model).order_by("path")


class Unit(MP_Node):
    code = models.CharField(_("unit code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The day the unit ceased to exist (merged, split or dissolved)."),
    )
    search_key = models.CharField(max_length=200, editable=False, db_index=True)
    name_sort = models.CharField(max_length=600, editable=False)

    objects = UnitManager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative unit")
        indexes = [models.Index(fields=["level"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.code = nfc(self.code)
        self.search_key = fold(self.name)
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity must be after its start.")}
            )

    def move_under(self, new_parent):
        """Move this unit (and its subtree) under another unit, refusing cycles."""
        if new_parent.path.startswith(self.path):
            raise ValidationError(
                _("A unit cannot be moved under itself or one of its descendants.")
            )
        self.move(new_parent, pos="last-child")


class UnitChange(ClusterableModel):
    """A merge, split or rename of units with its effective date.

    Old units keep their records and are closed (`valid_until`); each `UnitSuccession`
    row says which new unit took over (part of) an old one, so figures can be compared
    across the change.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        RENAME = "rename", _("Rename")
        DISSOLVE = "dissolve", _("Dissolve")

    kind = models.CharField(_("kind of change"), max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("administrative unit change")
        verbose_name_plural = _("administrative unit change")
        ordering = ["-effective_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class UnitSuccession(models.Model):
    change = ParentalKey(UnitChange, on_delete=models.CASCADE, related_name="successions")
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successors", verbose_name=_("old unit")
    )
    successor = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("new unit"),
    )

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit succession")
        constraints = [
            models.UniqueConstraint(
                fields=["change", "predecessor", "successor"], name="unique_succession"
            )
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"

    def clean(self):
        if self.predecessor_id and self.predecessor_id == self.successor_id:
            raise ValidationError(_("The old and new units must differ."))


def successors_of(unit, on=None):
    """The units in force on a date that took over `unit`, following chains of changes."""
    found, frontier, seen = [], [unit], {unit.pk}
    while frontier:
        rows = UnitSuccession.objects.filter(predecessor__in=frontier).select_related(
            "successor", "change"
        )
        if on:
            rows = rows.filter(change__effective_on__lte=on)
        frontier = []
        for row in rows:
            if row.successor_id in seen:
                continue
            seen.add(row.successor_id)
            frontier.append(row.successor)
            if row.successor.valid_until is None or (on and row.successor.valid_until > on):
                found.append(row.successor)
    return found


class OrganisationKind(models.Model):
    """Kinds of organisation are data: they were restructured in 2025."""

    code = models.SlugField(_("kind code"), max_length=40, unique=True)
    name = models.CharField(_("kind name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_socio_political = models.BooleanField(_("is a socio-political organisation"), default=False)

    class Meta:
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kind")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    kind = models.ForeignKey(
        OrganisationKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("unit")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    name = models.CharField(_("organisation name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=60, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")
        ordering = ["kind__sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})

    @property
    def current_term(self):
        from django.utils import timezone

        today = timezone.localdate()
        return (
            self.terms.filter(starts_on__lte=today)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .first()
        )


class Term(ClusterableModel):
    """A term (nhiệm kỳ), opened by a congress, with the leaders elected for it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="terms", verbose_name=_("organisation")
    )
    name = models.CharField(_("term"), max_length=40, help_text=_("For example: 2024–2029"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    congress_on = models.DateField(_("congress date"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("term")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="term_ends_after_start",
                violation_error_message=_("A term must end after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.name}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("A term must end after it starts.")})


class Leader(models.Model):
    term = ParentalKey(Term, on_delete=models.CASCADE, related_name="leaders")
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leader")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.position}: {self.full_name}"

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        super().save(*args, **kwargs)
