"""Religious affairs (công tác tôn giáo) of the wards: the registry of establishments and
groups, the dignitaries the province informs the ward of, the filings the ward receives
and must answer within the law's days, contacts, incidents, key people, and aggregate
follower counts.

Religion is sensitive personal data (Law 91/2025/QH15, Decree 356/2025): an individual's
religion is held only where a duty requires it (a dignitary's record), read only in this
app's protected views, and never reaches lists of other apps, exports, search, logs or
notifications. A dignitary's ID number, ID image and ethnicity are encrypted (the image
in private storage) and read only through `Dignitary.reveal()`, which logs each reading.
Followers are counted per ward and religion as aggregates (`FollowerCount`), never per
person; figures show small cells as "<5" (stats.py).

The filing clocks come from a `RuleSet` in force on the date a filing was received
(data with its source: Law 02/2016 until 31/12/2026; Law 07/2026/QH16 from 1/1/2027,
entered by administrators once its text is known); the arithmetic is in rules.py, the
lookup and the calendar in clocks.py, the writes in actions.py.
"""

import json

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvs.accounts import crypto
from dvs.lib.vntext import fold, nfc
from dvs.storage import private_storage
from dvs.units.models import Organisation, Unit
from dvs.workdays.models import Confidence

# Reference data ---------------------------------------------------------------------------


class RuleSet(models.Model):
    """The numbers of the religion law's filing clocks, in force from a date: Law
    02/2016/QH14 (TNTG2016) until 31/12/2026. Law 07/2026/QH16 applies from 1/1/2027; its
    numbers are a new row entered by administrators with their source (docs/religion.md).
    A filing received on a day no row covers gets no clock and says so."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    source = models.TextField(_("source"))
    confidence = models.CharField(
        _("confidence"), max_length=2, choices=Confidence.choices, default=Confidence.C
    )
    belief_lead_days = models.PositiveSmallIntegerField(
        _("belief activities registered at least (days before they start)"), default=30
    )
    belief_reply_days = models.PositiveSmallIntegerField(
        _("belief registration answered within (days of a valid registration)"), default=15
    )
    supplement_lead_days = models.PositiveSmallIntegerField(
        _("supplement received at least (days before the activity)"), default=20
    )
    supplement_reply_days = models.PositiveSmallIntegerField(
        _("supplement answered within (days)"), default=15
    )
    festival_notice_lead_days = models.PositiveSmallIntegerField(
        _("festival notice received at least (days before the festival)"), default=20
    )
    festival_report_days = models.PositiveSmallIntegerField(
        _("festival revenue report within (days after the festival ends)"), default=20
    )
    group_reply_days = models.PositiveSmallIntegerField(
        _("group registration answered within (days of a complete dossier)"), default=20
    )
    annual_list_days = models.PositiveSmallIntegerField(
        _("yearly list of activities sent within (days of recognition or registration)"),
        default=30,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rule set of the religion law")
        verbose_name_plural = _("rule sets of the religion law")
        ordering = ["effective_from"]

    def __str__(self):
        return f"{self.code}: {self.name}"


class Religion(models.Model):
    """A religion recognised in Viet Nam (16 as of 2026, data) or another one followed."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    recognised = models.BooleanField(_("recognised by the State"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("religion")
        verbose_name_plural = _("religions")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ReligiousOrganisation(models.Model):
    """A religious organisation (recognised or registered) or one of its affiliates: a
    Buddhist Sangha's provincial committee, a diocese, a parish, a Protestant church.
    Reference data: the same for every ward."""

    class Status(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised")
        REGISTERED = "registered", _("Registered for activities")
        AFFILIATE = "affiliate", _("Affiliated organisation")

    religion = models.ForeignKey(
        Religion, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("religion")
    )
    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("belongs to"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECOGNISED
    )
    recognised_on = models.DateField(_("recognised or registered on"), null=True, blank=True)
    seat = models.CharField(_("seat"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("religious organisation")
        verbose_name_plural = _("religious organisations")
        ordering = ["religion__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["religion", "name"], name="religion_org_unique_name")
        ]

    def __str__(self):
        return self.name


# The registry ---------------------------------------------------------------------------


class EstablishmentKind(models.TextChoices):
    # Religious establishments (cơ sở tôn giáo).
    PAGODA = "pagoda", _("Pagoda")
    MONASTERY = "monastery", _("Monastery, hermitage")
    CHURCH = "church", _("Church")
    CHAPEL = "chapel", _("Chapel, meeting house")
    CAO_DAI_TEMPLE = "cao_dai_temple", _("Cao Đài temple")
    MOSQUE = "mosque", _("Mosque")
    OTHER_RELIGIOUS = "other_religious", _("Other religious establishment")
    # Belief establishments (cơ sở tín ngưỡng).
    COMMUNAL_HOUSE = "communal_house", _("Communal house (đình)")
    TEMPLE = "temple", _("Temple (đền)")
    SHRINE = "shrine", _("Shrine (miếu)")
    PALACE = "palace", _("Mother goddess palace (phủ)")
    CLAN_HOUSE = "clan_house", _("Clan house (nhà thờ họ)")
    OTHER_BELIEF = "other_belief", _("Other belief establishment")


BELIEF_KINDS = frozenset(
    {
        EstablishmentKind.COMMUNAL_HOUSE,
        EstablishmentKind.TEMPLE,
        EstablishmentKind.SHRINE,
        EstablishmentKind.PALACE,
        EstablishmentKind.CLAN_HOUSE,
        EstablishmentKind.OTHER_BELIEF,
    }
)


class RelicRanking(models.TextChoices):
    NONE = "", _("Not ranked")
    PROVINCIAL = "provincial", _("Provincial relic")
    NATIONAL = "national", _("National relic")
    SPECIAL = "special", _("Special national relic")


class Establishment(models.Model):
    """A religious establishment (pagoda, church …) or a belief establishment (đình, đền,
    miếu, phủ, clan house) in a ward or one of its neighbourhoods."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="religious_establishments",
        verbose_name=_("unit"),
    )
    name = models.CharField(_("name"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, default="")
    kind = models.CharField(_("kind"), max_length=20, choices=EstablishmentKind.choices)
    religion = models.ForeignKey(
        Religion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="establishments",
        verbose_name=_("religion"),
        help_text=_("Empty for a belief establishment."),
    )
    organisation = models.ForeignKey(
        ReligiousOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="establishments",
        verbose_name=_("religious organisation"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    relic_ranking = models.CharField(
        _("relic ranking"), max_length=20, choices=RelicRanking.choices, blank=True, default=""
    )
    land_status = models.CharField(_("land status"), max_length=255, blank=True)
    representative = models.CharField(
        _("representative or head of the board"), max_length=255, blank=True
    )
    board = models.TextField(_("management board"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(2100)],
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        ordering = ["unit__path", "name_key", "pk"]
        indexes = [models.Index(fields=["unit", "name_key"], name="religion_est_unit_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_belief(self):
        return self.kind in BELIEF_KINDS


class Festival(models.Model):
    """A periodic festival of an establishment, on a lunar day and month (or a solar one):
    its solar date each year and the day its notice is due come from clocks.py."""

    class Scale(models.TextChoices):
        WARD = "ward", _("Within the ward")
        SEVERAL_WARDS = "several_wards", _("Several wards of the province")
        PROVINCE = "province", _("Several provinces")

    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.CASCADE,
        related_name="festivals",
        verbose_name=_("establishment"),
    )
    name = models.CharField(_("name"), max_length=255)
    lunar = models.BooleanField(_("on the lunar calendar"), default=True)
    day = models.PositiveSmallIntegerField(
        _("day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    leap_month = models.BooleanField(_("leap month"), default=False)
    duration_days = models.PositiveSmallIntegerField(
        _("lasts (days)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    scale = models.CharField(_("scale"), max_length=20, choices=Scale.choices, default=Scale.WARD)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        ordering = ["establishment", "month", "day", "pk"]

    def __str__(self):
        return self.name


class Group(models.Model):
    """A group practising a religion together at a venue (nhóm sinh hoạt tôn giáo tập
    trung), registered or not: an unregistered gathering point is a group in the state
    `unregistered`, followed until it registers or stops."""

    class State(models.TextChoices):
        UNREGISTERED = "unregistered", _("Not registered")
        SUBMITTED = "submitted", _("Registration filed")
        APPROVED = "approved", _("Registration approved")
        REFUSED = "refused", _("Registration refused")
        STOPPED = "stopped", _("No longer active")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="religious_groups", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=255)
    religion = models.ForeignKey(
        Religion, on_delete=models.PROTECT, related_name="groups", verbose_name=_("religion")
    )
    organisation = models.ForeignKey(
        ReligiousOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("religious organisation"),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    representative = models.CharField(_("representative"), max_length=255, blank=True)
    members = models.PositiveIntegerField(
        _("members (approximate)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
    )
    state = models.CharField(
        _("registration"), max_length=20, choices=State.choices, default=State.UNREGISTERED
    )
    state_on = models.DateField(_("registration state since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("religious group")
        verbose_name_plural = _("religious groups")
        ordering = ["unit__path", "name", "pk"]

    def __str__(self):
        return self.name


# Dignitaries, officials and practitioners -------------------------------------------------


class DignitaryStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")
    DISMISSED = "dismissed", _("Dismissed")
    RETURNED = "returned", _("Returned to lay life")
    EXPELLED = "expelled", _("Expelled")
    DECEASED = "deceased", _("Deceased")


class Scope(models.TextChoices):
    NATIONWIDE = "nationwide", _("Nationwide")
    PROVINCES = "provinces", _("Several provinces")
    PROVINCE = "province", _("One province")
    WARD = "ward", _("One ward")


# A dignitary's protected fields (encrypted together; read only through reveal()).
SENSITIVE_FIELDS = ("id_number", "id_issued_on", "id_issued_by", "ethnicity")


def id_image_path(instance, filename):
    """An unguessable name in private storage (the image is an ID card)."""
    import uuid

    return f"religion/id-images/{uuid.uuid4().hex}"


class Dignitary(models.Model):
    """A dignitary, official or practitioner (chức sắc, chức việc, nhà tu hành) with the
    fields of the national data collection form (Phiếu số 3). The ward records them as
    information from the province: ordination and appointment are not its procedures."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="religious_dignitaries",
        verbose_name=_("unit"),
        help_text=_("The ward or neighbourhood where they serve."),
    )
    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dignitaries",
        verbose_name=_("establishment"),
    )
    religion = models.ForeignKey(
        Religion, on_delete=models.PROTECT, related_name="dignitaries", verbose_name=_("religion")
    )
    organisation = models.ForeignKey(
        ReligiousOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dignitaries",
        verbose_name=_("religious organisation"),
    )
    birth_name = models.CharField(_("birth name"), max_length=255)
    religious_name = models.CharField(_("religious name"), max_length=255, blank=True)
    name_key = models.CharField(max_length=255, editable=False, default="")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    sex = models.CharField(
        _("sex"),
        max_length=10,
        blank=True,
        choices=[("male", _("Male")), ("female", _("Female"))],
    )
    # Classification: several allowed (Phiếu số 3, II).
    is_dignitary = models.BooleanField(_("dignitary"), default=False)
    is_official = models.BooleanField(_("official"), default=False)
    is_practitioner = models.BooleanField(_("practitioner"), default=False)
    sect = models.CharField(_("sect"), max_length=100, blank=True)
    rank = models.CharField(_("rank"), max_length=255, blank=True)
    position = models.CharField(_("current position"), max_length=255, blank=True)
    ordained_on = models.DateField(_("ordained or appointed on"), null=True, blank=True)
    scope = models.CharField(
        _("scope of activity"), max_length=20, choices=Scope.choices, blank=True
    )
    certificate = models.CharField(_("monk or nun certificate"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DignitaryStatus.choices,
        default=DignitaryStatus.ACTIVE,
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)
    education = models.TextField(_("education"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    # {"id_number", "id_issued_on", "id_issued_by", "ethnicity"}, encrypted; see reveal().
    sensitive_encrypted = models.TextField(blank=True, default="", editable=False)
    id_number_index = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    id_image = models.FileField(
        _("ID card image"),
        storage=private_storage,
        upload_to=id_image_path,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("dignitary, official or practitioner")
        verbose_name_plural = _("dignitaries, officials and practitioners")
        ordering = ["unit__path", "name_key", "pk"]
        permissions = [
            (
                "view_sensitive_dignitary",
                _("Can see dignitaries' ID numbers, ID images and ethnicity"),
            ),
            ("import_dignitary", _("Can import dignitaries from data-collection sheets")),
        ]
        indexes = [models.Index(fields=["unit", "name_key"], name="religion_dig_unit_name")]

    def __str__(self):
        if self.religious_name:
            return f"{self.religious_name} ({self.birth_name})"
        return self.birth_name

    def save(self, *args, **kwargs):
        self.birth_name = nfc(self.birth_name)
        self.religious_name = nfc(self.religious_name)
        self.name_key = fold(f"{self.religious_name} {self.birth_name}".strip())
        if self.birth_date:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    @property
    def classification(self):
        """The classifications' labels, in the form's order."""
        return [
            str(field.verbose_name)
            for field in (
                self._meta.get_field("is_dignitary"),
                self._meta.get_field("is_official"),
                self._meta.get_field("is_practitioner"),
            )
            if getattr(self, field.name)
        ]

    # Protected fields: write freely, read only through reveal().
    def set_sensitive(self, **values):
        unknown = set(values) - set(SENSITIVE_FIELDS)
        if unknown:
            raise ValueError(f"unknown sensitive fields: {sorted(unknown)}")
        current = self._sensitive()
        current.update({name: value or "" for name, value in values.items()})
        self.sensitive_encrypted = crypto.encrypt(json.dumps(current))
        if "id_number" in values:
            self.id_number_index = (
                crypto.blind_index(values["id_number"]) if values["id_number"] else ""
            )

    def _sensitive(self):
        blank = dict.fromkeys(SENSITIVE_FIELDS, "")
        if not self.sensitive_encrypted:
            return blank
        return {**blank, **json.loads(crypto.decrypt(self.sensitive_encrypted))}

    def reveal(self, user):
        """The protected fields for a user allowed to see them, logged; else PermissionDenied.
        `has_id_image` says whether an image is kept (served by its own scoped view)."""
        from django.core.exceptions import PermissionDenied
        from wagtail.log_actions import log

        if not can_see_sensitive(user, self):
            raise PermissionDenied
        log(self, "dvs.reveal", user=user, data={"fields": list(SENSITIVE_FIELDS)})
        return {**self._sensitive(), "has_id_image": bool(self.id_image)}


def can_see_sensitive(user, dignitary):
    from dvs.accounts import scope

    return scope.scoped(user, Dignitary, "view_sensitive").filter(pk=dignitary.pk).exists()


class DignitaryPosition(models.Model):
    """A position held, from–to (Phiếu số 3, IV)."""

    dignitary = models.ForeignKey(
        Dignitary,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("dignitary"),
    )
    title = models.CharField(_("position"), max_length=255)
    place = models.CharField(_("place"), max_length=255, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position held")
        verbose_name_plural = _("positions held")
        ordering = ["dignitary", "started_on", "pk"]

    def __str__(self):
        return self.title


class DignitaryStatusChange(models.Model):
    """A change of status (active, retired, dismissed, deceased …) with its date: the
    status history of Phiếu số 3, V."""

    dignitary = models.ForeignKey(
        Dignitary,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("dignitary"),
    )
    status = models.CharField(_("status"), max_length=20, choices=DignitaryStatus.choices)
    on = models.DateField(_("on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["dignitary", "on", "pk"]

    def __str__(self):
        return self.get_status_display()


# Filings ----------------------------------------------------------------------------------


class FilingKind(models.TextChoices):
    BELIEF_REGISTRATION = "belief_registration", _("Registration of belief activities")
    SUPPLEMENT = "supplement", _("Supplementary registration")
    FESTIVAL_NOTICE = "festival_notice", _("Notice of a periodic festival")
    FESTIVAL_REPORT = "festival_report", _("Festival revenue report")
    GROUP_REGISTRATION = "group_registration", _("Registration of a group practising together")
    ANNUAL_LIST = "annual_list", _("Yearly list of religious activities")


# Kinds the ward answers in writing (they have a reply clock).
REPLY_KINDS = frozenset(
    {FilingKind.BELIEF_REGISTRATION, FilingKind.SUPPLEMENT, FilingKind.GROUP_REGISTRATION}
)


class FilingQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(reply_due_on__isnull=False, replied_on__isnull=True)

    def overdue(self, today):
        return self.unanswered().filter(reply_due_on__lt=today)


class Filing(models.Model):
    """A filing the ward received: its dates, its clock (computed by clocks.refresh()
    from the rule set in force on `received_on` and stored, so that overdue lists are one
    query), and the ward's answer."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused (with reasons)")
        NOTED = "noted", _("Noted")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="religious_filings",
        verbose_name=_("ward"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=FilingKind.choices)
    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
        verbose_name=_("establishment"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
        verbose_name=_("religious group"),
    )
    organisation = models.ForeignKey(
        ReligiousOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
        verbose_name=_("religious organisation"),
    )
    supplements = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supplemented_by",
        verbose_name=_("supplements the filing"),
    )
    submitted_by = models.CharField(_("submitted by"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    received_on = models.DateField(_("received on"))
    complete = models.BooleanField(_("dossier complete"), default=True)
    complete_on = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        help_text=_("The day the dossier became complete, if later than its receipt."),
    )
    missing_items = models.TextField(_("missing items"), blank=True)
    activity_on = models.DateField(
        _("activities, festival or activity start on"), null=True, blank=True
    )
    festival_end_on = models.DateField(_("festival ends on"), null=True, blank=True)
    recognised_on = models.DateField(
        _("organisation recognised or registered on"), null=True, blank=True
    )
    # The clock, stored by clocks.refresh().
    rule_set = models.ForeignKey(
        RuleSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="filings",
        verbose_name=_("rule set"),
    )
    on_time = models.BooleanField(_("received on time"), null=True, editable=False)
    reply_due_on = models.DateField(_("reply due on"), null=True, blank=True, editable=False)
    report_due_on = models.DateField(
        _("revenue report due on"), null=True, blank=True, editable=False
    )
    # The answer.
    replied_on = models.DateField(_("answered on"), null=True, blank=True)
    outcome = models.CharField(_("answer"), max_length=20, choices=Outcome.choices, blank=True)
    reply_reference = models.CharField(_("answer's reference"), max_length=100, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked case"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "reply_due_on", "replied_on"], name="religion_filing_due"),
            models.Index(fields=["received_on"], name="religion_filing_received"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def clock_starts_on(self):
        """The day the reply clock starts: a valid (complete) dossier's day; None while
        incomplete."""
        if not self.complete:
            return None
        return self.complete_on or self.received_on


# Contacts, incidents, key people, follower counts -----------------------------------------


class Contact(models.Model):
    """A visit, meeting or dialogue with dignitaries or an establishment's board: on a
    feast day, a dialogue conference, a courtesy visit."""

    class Kind(models.TextChoices):
        FEAST_VISIT = "feast_visit", _("Visit on a feast day")
        COURTESY = "courtesy", _("Courtesy visit")
        DIALOGUE = "dialogue", _("Dialogue conference")
        MEETING = "meeting", _("Working meeting")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="religious_contacts", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("establishment"),
    )
    dignitaries = models.ManyToManyField(
        Dignitary, blank=True, related_name="contacts", verbose_name=_("dignitaries met")
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="religious_contacts",
        verbose_name=_("organisations present"),
    )
    others_present = models.TextField(_("others present"), blank=True)
    topics = models.TextField(_("topics"))
    outcome = models.TextField(_("outcome and follow-up"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact with dignitaries")
        verbose_name_plural = _("contacts with dignitaries")
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class Incident(models.Model):
    """An incident of religious affairs: an unregistered gathering, a dispute, building
    without a permit; with its handling, optionally linked to a case."""

    class Kind(models.TextChoices):
        UNREGISTERED_GATHERING = "unregistered_gathering", _("Unregistered gathering")
        DISPUTE = "dispute", _("Dispute")
        UNPERMITTED_BUILDING = "unpermitted_building", _("Building without a permit")
        LAND = "land", _("Land of an establishment")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        RESOLVED = "resolved", _("Resolved")
        REFERRED = "referred", _("Referred to the competent body")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="religious_incidents", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    on = models.DateField(_("date"))
    establishment = models.ForeignKey(
        Establishment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("establishment"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("religious group"),
    )
    description = models.TextField(_("description"))
    handling = models.TextField(_("handling"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked case"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class KeyPerson(models.Model):
    """A key person (cốt cán) or a person of prestige (người có uy tín) among believers or
    the community, with the programme they belong to."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core member (cốt cán)")
        PRESTIGE = "prestige", _("Person of prestige (người có uy tín)")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="religious_key_people",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("full name"), max_length=255)
    dignitary = models.ForeignKey(
        Dignitary,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dignitary record"),
    )
    programme = models.CharField(_("programme"), max_length=255, blank=True)
    ethnic_minority_programme = models.BooleanField(
        _("ethnic-minority prestige programme (QĐ 12/2018/QĐ-TTg)"), default=False
    )
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("key person")
        verbose_name_plural = _("key people")
        ordering = ["unit__path", "name", "pk"]

    def __str__(self):
        return self.name


class FollowerCount(models.Model):
    """Followers of a religion in a ward as an aggregate count, with its source and date;
    never per person. The latest count per ward and religion is the one figures use."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="follower_counts", verbose_name=_("ward")
    )
    religion = models.ForeignKey(
        Religion,
        on_delete=models.PROTECT,
        related_name="follower_counts",
        verbose_name=_("religion"),
    )
    count = models.PositiveIntegerField(_("followers"), validators=[MaxValueValidator(10_000_000)])
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower count")
        verbose_name_plural = _("follower counts")
        ordering = ["unit__path", "religion__order", "-as_of"]
        permissions = [
            ("view_exact_stats", _("Can see exact small counts of religious figures")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "religion", "as_of"], name="religion_follower_count_unique"
            )
        ]

    def __str__(self):
        # The ward first: two wards' counts of one religion on one date read apart.
        return f"{self.unit} — {self.religion} {self.as_of:%d/%m/%Y}"
