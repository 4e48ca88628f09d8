"""Land clearance advocacy (vận động giải phóng mặt bằng) on key projects: the ledger of
the mass-mobilisation side, not a compensation calculator.

A key project (`Project`) runs through several wards; each ward's part is a `Segment`
with its km and working group. Each affected party (`AffectedParty`) reaches legal steps
(`Milestone`: shared ones on the segment, the rest per party), is visited
(`AdvocacyVisit`) and may be blocked (`Obstacle`, possibly a complaint case). The legal
clocks come from a `RuleSet` in force on the notice date (data with its source); the
arithmetic is in `rules.py`, the writes in `actions.py`, the figures in `stats.py`.

A party's state (`stage`, `agreed`, `paid_on`, `handed_over_on`, visit counts) is stored
on the row and recomputed by `AffectedParty.refresh_state()` after each write, so a
route's roll-up is one grouped query; whether it is blocked is read live from its open
obstacles (`Obstacle.objects.open()`), since a linked case concludes elsewhere.
"""

import json

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from dvs.accounts import crypto
from dvs.lib.vntext import fold, nfc
from dvs.storage import private_storage
from dvs.units.models import Organisation, Unit
from dvs.workdays.models import Confidence


class RuleSet(models.Model):
    """The numbers of a land law's clearance clocks, in force from a date: the Land Law
    2024 (LDD2024) and Resolution 254/2025/QH15 (NQ254). Data, not code: a later law is
    a new row with its source (docs/clearance.md)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=2, choices=Confidence.choices, default=Confidence.C
    )
    notice_days_agricultural = models.PositiveSmallIntegerField(
        _("notice before the recovery decision, agricultural land (days)")
    )
    notice_days_non_agricultural = models.PositiveSmallIntegerField(
        _("notice before the recovery decision, non-agricultural land (days)")
    )
    notice_valid_months = models.PositiveSmallIntegerField(
        _("notice valid for (months)"), default=12
    )
    posting_days = models.PositiveSmallIntegerField(_("compensation plan posted for (days)"))
    dialogue_days = models.PositiveSmallIntegerField(
        _("dialogue within (days of the opinion meeting)")
    )
    inventory_persuasion_days = models.PositiveSmallIntegerField(
        _("persuasion before compulsory inventory (days)"), default=15
    )
    inventory_wait_days = models.PositiveSmallIntegerField(
        _("then before the compulsory inventory decision (days)"), default=10
    )
    recovery_persuasion_days = models.PositiveSmallIntegerField(
        _("persuasion before the recovery decision (days)"), default=10
    )
    recovery_wait_days = models.PositiveSmallIntegerField(
        _("then before the recovery decision (days)"), default=10
    )
    handover_persuasion_days = models.PositiveSmallIntegerField(
        _("persuasion before enforcement (days)"), default=10
    )
    handover_wait_days = models.PositiveSmallIntegerField(
        _("then before the enforcement decision (days)"), default=10
    )
    payment_days = models.PositiveSmallIntegerField(
        _("payment within (days of the approved plan taking effect)"), default=30
    )
    tet_blackout_days = models.PositiveSmallIntegerField(
        _("no enforcement within (days before or after the Tết break)"), default=15
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["effective_from"]

    def __str__(self):
        return f"{self.code}: {self.name}"


class ProjectKind(models.TextChoices):
    TRANSPORT = "transport", _("Transport")
    INDUSTRIAL = "industrial", _("Industrial")
    RESETTLEMENT = "resettlement", _("Resettlement")
    URBAN = "urban", _("Urban")
    IRRIGATION = "irrigation", _("Irrigation")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    UNDER_WAY = "under_way", _("Under way")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        """Projects `user` may see: those of their scope, and those running through a
        ward of their scope (a ward officer sees the route its segment is part of)."""
        from dvs.accounts import scope

        own = scope.scoped(user, Project, action).values("pk")
        if action != "view":
            return self.filter(pk__in=own)
        through = scope.scoped(user, Segment, "view").values("project_id")
        return self.filter(Q(pk__in=own) | Q(pk__in=through))


class Project(models.Model):
    """A key project (dự án trọng điểm) whose land is cleared: a route across wards
    shares one code (`cross-commune code`, e.g. VD4-2026-001)."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="clearance_projects",
        verbose_name=_("unit in charge"),
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    investor = models.CharField(_("investor"), max_length=255, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    rule_set = models.ForeignKey(
        RuleSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rule set"),
        help_text=_("Leave empty to apply the rule set in force on each notice's date."),
    )
    rule_set_reason = models.CharField(
        _("reason for the rule set"),
        max_length=255,
        blank=True,
        help_text=_("Required when a rule set is chosen instead of the one in force."),
    )
    length_km = models.DecimalField(
        _("total length (km)"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    area_ha = models.DecimalField(
        _("total area (ha)"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.UNDER_WAY
    )
    lag_points = models.PositiveSmallIntegerField(
        _("remind wards trailing the route by (points)"),
        default=15,
        validators=[MaxValueValidator(100)],
    )
    silent_days = models.PositiveSmallIntegerField(
        _("flag wards silent for (days)"), default=14, validators=[MinValueValidator(1)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class Segment(models.Model):
    """A ward's part of a route: its km, the households it plans for and its working
    group (users and organisations: the Front, farmers' union, veterans, the Party
    cell)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="segments", verbose_name=_("key project")
    )
    ward = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="clearance_segments", verbose_name=_("ward")
    )
    km_from = models.DecimalField(
        _("from km"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    km_to = models.DecimalField(_("to km"), max_digits=8, decimal_places=3, null=True, blank=True)
    km_cleared = models.DecimalField(
        _("km cleared"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    planned_households = models.PositiveIntegerField(_("planned households"), default=0)
    working_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("working group")
    )
    working_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="clearance_segments",
        verbose_name=_("organisations in the working group"),
    )
    note = models.TextField(_("note"), blank=True)
    # The last time anything of the segment was written (a party, step, visit, obstacle,
    # import): "silent for N days" and "no figures yet" read it.
    last_reported_at = models.DateTimeField(_("last report"), null=True, blank=True)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["project", "km_from", "ward__path"]
        constraints = [
            models.UniqueConstraint(fields=["project", "ward"], name="segment_one_per_ward")
        ]

    def __str__(self):
        return f"{self.project.code} — {self.ward.name}"


class PartyKind(models.TextChoices):
    HOUSEHOLD = "household", _("Household")
    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")
    COMMUNITY = "community", _("Community")
    RELIGIOUS = "religious", _("Religious establishment")


class Stage(models.TextChoices):
    """A party's furthest state (as in the Sơn La handbook's software); being blocked is
    an overlay read from its open obstacles."""

    NOT_INVENTORIED = "not_inventoried", _("Not inventoried")
    INVENTORIED = "inventoried", _("Inventoried")
    IN_PROGRESS = "in_progress", _("Plan in progress")
    AWAITING_HANDOVER = "awaiting_handover", _("Awaiting handover")
    COMPLETED = "completed", _("Handed over")


# The sensitive flags of a party (Law 91/2025: shown only with view_sensitive).
SENSITIVE_FLAGS = ("policy_family", "poor_household")


class AffectedPartyQuerySet(models.QuerySet):
    def with_open_obstacle(self):
        return self.filter(Exists(Obstacle.objects.open().filter(party=OuterRef("pk"))))

    def needs_dialogue(self):
        """Parties visited "not yet" at least NEEDS_DIALOGUE_AFTER times and not since
        agreed nor handed over."""
        return self.filter(
            not_yet_count__gte=NEEDS_DIALOGUE_AFTER, agreed=False, handed_over_on__isnull=True
        )


NEEDS_DIALOGUE_AFTER = 3


class AffectedParty(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="parties", editable=False
    )
    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, related_name="parties", verbose_name=_("segment")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="clearance_parties",
        verbose_name=_("neighbourhood"),
        help_text=_("The neighbourhood where it is known, else the segment's ward."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("name"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, default="")
    address = models.CharField(_("address"), max_length=255, blank=True)
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household in the registry"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("representative in the registry"),
    )
    agricultural_land = models.BooleanField(_("agricultural land"), default=False)
    non_agricultural_land = models.BooleanField(_("non-agricultural land"), default=False)
    residential_land = models.BooleanField(_("residential land"), default=False)
    area_m2 = models.DecimalField(
        _("area recovered (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    must_relocate = models.BooleanField(_("must relocate"), default=False)
    tracked_separately = models.BooleanField(
        _("tracked separately"),
        default=False,
        help_text=_("Its own notice and inventory instead of the segment's shared steps."),
    )
    # {"policy_family": bool, "poor_household": bool}, encrypted; read through reveal().
    sensitive_encrypted = models.TextField(blank=True, default="", editable=False)
    note = models.TextField(_("note"), blank=True)

    # State, recomputed by refresh_state() after every write of the party's rows.
    stage = models.CharField(
        _("step"), max_length=20, choices=Stage.choices, default=Stage.NOT_INVENTORIED
    )
    agreed = models.BooleanField(_("agreed"), default=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True, editable=False)
    visit_count = models.PositiveIntegerField(_("visits"), default=0, editable=False)
    not_yet_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_on = models.DateField(_("last activity"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AffectedPartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("affected party")
        verbose_name_plural = _("affected parties")
        ordering = ["segment", "name_key", "pk"]
        permissions = [
            ("view_sensitive_affectedparty", _("Can see policy-family and poor-household flags")),
            ("import_affectedparty", _("Can import affected parties from spreadsheets")),
        ]
        indexes = [
            models.Index(fields=["project", "segment", "stage"], name="party_project_segment"),
            models.Index(fields=["unit", "name_key"], name="party_unit_name"),
            models.Index(fields=["segment", "name_key"], name="party_segment_name"),
            # The route roll-up (stats.py) counts a route's parties by segment from this
            # index alone (bench/bench_clearance.py: 390 → 55 ms for 200 wards on SQLite).
            models.Index(
                fields=["segment", "handed_over_on", "paid_on", "agreed", "visit_count"],
                name="party_figures",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_key = fold(self.name)
        if self.segment_id:
            self.project_id = self.segment.project_id
        super().save(*args, **kwargs)

    # Sensitive flags: write freely, read only through reveal().
    def set_sensitive(self, **flags):
        unknown = set(flags) - set(SENSITIVE_FLAGS)
        if unknown:
            raise ValueError(f"unknown sensitive flags: {sorted(unknown)}")
        current = self._sensitive()
        current.update({name: bool(value) for name, value in flags.items()})
        self.sensitive_encrypted = crypto.encrypt(json.dumps(current))

    def _sensitive(self):
        if not self.sensitive_encrypted:
            return {name: False for name in SENSITIVE_FLAGS}
        return {
            **dict.fromkeys(SENSITIVE_FLAGS, False),
            **json.loads(crypto.decrypt(self.sensitive_encrypted)),
        }

    def reveal(self, user):
        """The sensitive flags for a user allowed to see them, logged; else PermissionDenied."""
        from django.core.exceptions import PermissionDenied
        from wagtail.log_actions import log

        from dvs.accounts import scope

        if not scope.scoped(user, AffectedParty, "view_sensitive").filter(pk=self.pk).exists():
            raise PermissionDenied
        log(self, "dvs.reveal", user=user, data={"fields": list(SENSITIVE_FLAGS)})
        return self._sensitive()

    def milestones_in_force(self):
        """The party's own milestones and its segment's shared ones, oldest first."""
        shared = Q(segment_id=self.segment_id, party__isnull=True)
        return Milestone.objects.filter(Q(party=self) | shared).order_by("on", "pk")

    def refresh_state(self, save=True):
        """Recompute the stored state from the party's milestones and visits."""
        kinds, own = {}, {}
        # One read of the steps in force (own and shared); the party's own are among them.
        for milestone in self.milestones_in_force().filter(not_applicable=False):
            kinds.setdefault(milestone.kind, milestone)
            if milestone.party_id == self.pk:
                own[milestone.kind] = milestone
        visits = list(self.visits.order_by("on", "pk").values_list("on", "outcome"))
        handed = own.get(MilestoneKind.HANDOVER) or own.get(MilestoneKind.ENFORCEMENT)
        self.handed_over_on = handed.on if handed else None
        paid = own.get(MilestoneKind.PAID) or own.get(MilestoneKind.DEPOSITED)
        self.paid_on = paid.on if paid else None
        if self.handed_over_on:
            self.stage = Stage.COMPLETED
        elif self.paid_on or MilestoneKind.PLAN_APPROVED in own:
            self.stage = Stage.AWAITING_HANDOVER
        elif kinds.keys() & PLAN_KINDS:
            self.stage = Stage.IN_PROGRESS
        elif kinds.keys() & INVENTORY_KINDS:
            self.stage = Stage.INVENTORIED
        else:
            self.stage = Stage.NOT_INVENTORIED
        self.visit_count = len(visits)
        self.not_yet_count = sum(1 for _on, outcome in visits if outcome == Outcome.NOT_YET)
        last_outcome = visits[-1][1] if visits else None
        self.agreed = bool(self.handed_over_on) or last_outcome == Outcome.AGREES
        dates = [m.on for m in own.values()] + [on for on, _outcome in visits]
        self.last_activity_on = max(dates) if dates else None
        if save:
            AffectedParty.objects.filter(pk=self.pk).update(
                stage=self.stage,
                agreed=self.agreed,
                paid_on=self.paid_on,
                handed_over_on=self.handed_over_on,
                visit_count=self.visit_count,
                not_yet_count=self.not_yet_count,
                last_activity_on=self.last_activity_on,
            )


class MilestoneKind(models.TextChoices):
    # Shared by the segment (steps 1–4), unless a party is tracked separately.
    PLAN = "plan", _("Recovery plan")
    LAND_USERS_MEETING = "land_users_meeting", _("Meeting with land users and the ward's Front")
    NOTICE = "notice", _("Notice of land recovery")
    INVENTORY = "inventory", _("Inventory done")
    # Per party.
    INVENTORY_PERSUASION = "inventory_persuasion", _("Persuasion before compulsory inventory")
    COMPULSORY_INVENTORY = "compulsory_inventory", _("Compulsory inventory decision")
    PLAN_POSTED = "plan_posted", _("Compensation plan posted")
    OPINION_MEETING = "opinion_meeting", _("Opinion meeting on the plan")
    DIALOGUE = "dialogue", _("Dialogue")
    PLAN_APPROVED = "plan_approved", _("Plan approved (in force)")
    PLAN_DELIVERED = "plan_delivered", _("Approved plan delivered")
    PAID = "paid", _("Paid")
    DEPOSITED = "deposited", _("Money deposited at the bank")
    RECOVERY_PERSUASION = "recovery_persuasion", _("Persuasion before the recovery decision")
    RECOVERY_DECISION = "recovery_decision", _("Land recovery decision")
    HANDOVER_PERSUASION = "handover_persuasion", _("Persuasion to hand over the land")
    ENFORCEMENT_DECISION = "enforcement_decision", _("Enforcement decision")
    ENFORCEMENT = "enforcement", _("Enforcement carried out")
    HANDOVER = "handover", _("Land handed over")


SHARED_KINDS = frozenset(
    {
        MilestoneKind.PLAN,
        MilestoneKind.LAND_USERS_MEETING,
        MilestoneKind.NOTICE,
        MilestoneKind.INVENTORY,
    }
)
# A persuasion without its written record (file or minutes) cannot be saved.
PERSUASION_KINDS = frozenset(
    {
        MilestoneKind.INVENTORY_PERSUASION,
        MilestoneKind.RECOVERY_PERSUASION,
        MilestoneKind.HANDOVER_PERSUASION,
    }
)
INVENTORY_KINDS = frozenset({MilestoneKind.INVENTORY, MilestoneKind.COMPULSORY_INVENTORY})
PLAN_KINDS = frozenset(
    {
        MilestoneKind.PLAN_POSTED,
        MilestoneKind.OPINION_MEETING,
        MilestoneKind.DIALOGUE,
    }
)


class LandKind(models.TextChoices):
    AGRICULTURAL = "agricultural", _("Agricultural land")
    NON_AGRICULTURAL = "non_agricultural", _("Non-agricultural land")


def record_path(instance, filename):
    """An unguessable name: a record names the people persuaded."""
    import secrets
    from pathlib import PurePath

    suffix = "".join(c for c in PurePath(filename).suffix.lower() if c.isalnum() or c == ".")
    return f"clearance/{secrets.token_urlsafe(24)}{suffix[:8]}"


class Milestone(models.Model):
    """A legal step reached, on a date: shared by a segment (party empty) or a party's
    own. Not applicable steps are recorded too, with their reason. `warnings` keeps the
    clock's remarks computed when it was saved (rules.check_milestone)."""

    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("segment")
    )
    party = models.ForeignKey(
        AffectedParty,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("affected party"),
    )
    # The party's unit, or the segment's ward for a shared step (the scope).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    kind = models.CharField(_("step"), max_length=30, choices=MilestoneKind.choices)
    on = models.DateField(_("date"))
    at_time = models.TimeField(_("time"), null=True, blank=True)
    end_on = models.DateField(_("until"), null=True, blank=True)
    land = models.CharField(
        _("land"),
        max_length=20,
        choices=LandKind.choices,
        blank=True,
        help_text=_("For a notice: which minimum applies."),
    )
    reissued = models.BooleanField(_("re-issued notice"), default=False)
    early_consent = models.BooleanField(_("land users agreed to earlier recovery"), default=False)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    present = models.PositiveIntegerField(_("households present"), null=True, blank=True)
    agree = models.PositiveIntegerField(_("agree"), null=True, blank=True)
    disagree = models.PositiveIntegerField(_("disagree"), null=True, blank=True)
    other = models.PositiveIntegerField(_("other opinions"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    record = models.FileField(
        _("written record"),
        upload_to=record_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    record_name = models.CharField(_("file name"), max_length=255, blank=True)
    amount = models.DecimalField(
        _("amount (VND)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("As the compensation unit gives it; never computed here."),
    )
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    warnings = models.JSONField(default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["on", "pk"]
        indexes = [
            models.Index(fields=["party", "kind"], name="milestone_party_kind"),
            models.Index(fields=["segment", "kind", "on"], name="milestone_segment_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.party_id:
            self.segment_id = self.party.segment_id
            self.unit_id = self.party.unit_id
        elif self.segment_id:
            self.unit_id = self.segment.ward_id
        super().save(*args, **kwargs)


class Outcome(models.TextChoices):
    AGREES = "agrees", _("Agrees")
    NOT_YET = "not_yet", _("Not yet agreed")
    ABSENT = "absent", _("Absent")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    REFUSES = "refuses", _("Refuses")


class Concern(models.TextChoices):
    LAND_PRICE = "land_price", _("Land price")
    RESETTLEMENT = "resettlement", _("Resettlement")
    LAND_ORIGIN = "land_origin", _("Land origin")
    DISPUTE = "dispute", _("Dispute")
    ASSETS = "assets", _("Assets on the land")
    GRAVES = "graves", _("Graves")
    LIVELIHOOD = "livelihood", _("Livelihood")


class AdvocacyVisit(models.Model):
    """A persuasion visit (lượt vận động) to a party."""

    party = models.ForeignKey(
        AffectedParty,
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("affected party"),
    )
    on = models.DateField(_("date"))
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("who went")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("organisations that went")
    )
    visitors_note = models.CharField(
        _("others who went"),
        max_length=255,
        blank=True,
        help_text=_("For example the residential Party cell's secretary."),
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    concerns = models.JSONField(_("concerns"), default=list, blank=True)
    note = models.TextField(_("what was said"), blank=True)
    next_step = models.CharField(_("next step"), max_length=255, blank=True)
    next_on = models.DateField(_("next step on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("advocacy visit")
        verbose_name_plural = _("advocacy visits")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["party", "on"], name="visit_party_on")]

    def __str__(self):
        return f"{self.party} {self.on:%d/%m/%Y}"

    def get_concerns_display(self):
        labels = dict(Concern.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.concerns)


class ObstacleCategory(models.TextChoices):
    LAND_PRICE = "land_price", _("Land price")
    RESETTLEMENT = "resettlement", _("Resettlement")
    LAND_ORIGIN = "land_origin", _("Land origin")
    DISPUTE = "dispute", _("Dispute")
    ASSETS = "assets", _("Assets on the land")
    GRAVES = "graves", _("Graves")
    LIVELIHOOD = "livelihood", _("Livelihood")
    COMPLAINT = "complaint", _("Complaint about the plan or the decision")
    PROCEDURE = "procedure", _("Procedure or papers")
    OTHER = "other", _("Other")


class ObstacleQuerySet(models.QuerySet):
    def open(self, on=None):
        """Obstacles blocking their party: not resolved, and, when linked to a complaint
        case, while the case is not concluded (nor closed). `on`: as of that day."""
        if on is None:
            return self.filter(resolved_on__isnull=True).filter(
                Q(case__isnull=True)
                | Q(case__concluded_on__isnull=True, case__closed_on__isnull=True)
            )
        return (
            self.filter(opened_on__lte=on)
            .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=on))
            .filter(
                Q(case__isnull=True)
                | (
                    (Q(case__concluded_on__isnull=True) | Q(case__concluded_on__gt=on))
                    & (Q(case__closed_on__isnull=True) | Q(case__closed_on__gt=on))
                )
            )
        )


class Obstacle(models.Model):
    """Something blocking a party (vướng mắc), possibly a complaint case with its own
    statutory clock, or settled at a dialogue."""

    party = models.ForeignKey(
        AffectedParty,
        on_delete=models.CASCADE,
        related_name="obstacles",
        verbose_name=_("affected party"),
    )
    category = models.CharField(_("category"), max_length=20, choices=ObstacleCategory.choices)
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in charge"),
    )
    opened_on = models.DateField(_("opened on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("complaint case"),
    )
    dialogue = models.ForeignKey(
        "cases.Dialogue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dialogue"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ObstacleQuerySet.as_manager()

    class Meta:
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["party", "resolved_on"], name="obstacle_party_open")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.party}"
