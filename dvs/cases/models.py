"""Petitions, complaints, denunciations and feedback (đơn thư), from intake to the
notified result, with their statutory deadlines; citizen reception and dialogues.

A case's status changes only through `workflow.py` (a state machine of dated events on
its timeline). Its deadlines are computed by `deadlines.py` and stored on the row, so
lists filter "overdue" with an index. A denouncer's identity is stored encrypted in
`Petitioner.identity_encrypted` and leaves the model only through
`Case.reveal_identity()`, which checks who asks and writes an audit entry.
"""

import json
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from dvs.accounts import crypto
from dvs.lib.vntext import clean_text, fold, nfc
from dvs.people.models import Person
from dvs.storage import private_storage
from dvs.units.models import Organisation, Unit

# Tracking codes: no 0/O, 1/I/L, so a citizen can read one over the phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    PETITION = "petition", _("Petition")
    FEEDBACK = "feedback", _("Feedback")


class Channel(models.TextChoices):
    RECEPTION = "reception", _("Citizen reception")
    POST = "post", _("Post")
    PORTAL = "portal", _("Online portal")
    FORWARDED = "forwarded", _("Forwarded by another agency")
    DIALOGUE = "dialogue", _("Raised at a dialogue")
    FRONT = "front", _("Passed on by the Fatherland Front or an organisation")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    COMPLEX = "complex", _("Complex")
    ESPECIALLY_COMPLEX = "especially_complex", _("Especially complex")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    SUSPENDED = "suspended", _("Suspended")
    CONCLUDED = "concluded", _("Concluded")
    NOTIFIED = "notified", _("Result notified")
    FORWARDED = "forwarded", _("Forwarded")
    GUIDED = "guided", _("Petitioner guided")
    ARCHIVED = "archived", _("Archived")
    DUPLICATE = "duplicate", _("Linked to an earlier case")


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED, Status.CONCLUDED)


class SubjectArea(models.Model):
    """Land, compensation and clearance, social policy… (data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("subject area")
        verbose_name_plural = _("subject areas")

    def __str__(self):
        return self.name


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def counted(self):
        """Cases that count in statistics: not those linked to an earlier one."""
        return self.exclude(status=Status.DUPLICATE)

    def overdue(self, today=None):
        """Open cases past their time limit today (see `overdue_now`)."""
        return self.filter(overdue_now(today or timezone.localdate()))

    def overdue_on(self, day, today=None):
        """Cases that were open and past their time limit on `day` (see `overdue_on`)."""
        today = today or timezone.localdate()
        return self.filter(overdue_now(today) if day >= today else overdue_on(day))

    def open_on(self, day, today=None):
        """Cases received by `day` and not closed on it (the backlog on that day)."""
        today = today or timezone.localdate()
        return self.filter(open_now() if day >= today else open_on(day))

    def late_in(self, start, end, today=None):
        """The period's overdue cases ("overdue" in the figures of [start, end]): overdue
        on its last day (or today, for a period not yet over), or concluded within it
        after their time limit."""
        today = today or timezone.localdate()
        day = min(end, today)
        late = overdue_now(today) if day >= today else overdue_on(day)
        return self.filter(late | resolved_late(start, day))


# The conditions of "as of a day". Each is taken from the dates stored on the case, never
# from its current status; the `_now` forms give the same cases for today through the
# status indexes (no case has a date after today: every step refuses one).


def open_on(day):
    Q = models.Q
    return Q(received_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def open_now():
    return models.Q(status__in=OPEN_STATUSES)


def overdue_on(day):
    """Not yet accepted (nor closed) on `day` with `accept_by` before it, or accepted and
    not yet concluded on `day` with `resolve_by`, or a time limit missed before a late
    extension (`missed_deadline`), before it. A case overdue on 30/6 and concluded on
    10/7 was overdue on 30/6."""
    Q = models.Q
    not_accepted = Q(accepted_on__isnull=True) | Q(accepted_on__gt=day)
    not_closed = Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    not_concluded = Q(concluded_on__isnull=True) | Q(concluded_on__gt=day)
    accepting = Q(accept_by__lt=day) & not_accepted & not_closed
    resolving = (
        Q(accepted_on__lte=day)
        & not_concluded
        & not_closed
        & (Q(resolve_by__lt=day) | Q(missed_deadline__lt=day))
    )
    # Received by that day (implied by both branches, stated once): the range that lets
    # the database read each unit's cases through its (unit, received_on) index.
    return Q(received_on__lte=day) & (accepting | resolving)


def overdue_now(today):
    """`overdue_on(today)` by status: a suspension after the time limit had passed, or an
    extension granted after it (`missed_deadline`), leaves the case late."""
    Q = models.Q
    # One branch per status, each the prefix of an index (status, date): SQLite then
    # reads each through its index (MULTI-INDEX OR) instead of every case in scope.
    late = Q(status=Status.RECEIVED, accept_by__lt=today)
    for status in (Status.ACCEPTED, Status.SUSPENDED):
        late |= Q(status=status, resolve_by__lt=today) | Q(status=status, missed_deadline__lt=today)
    return late


def resolved_late(start, end):
    """Concluded within [start, end] and not on time."""
    return models.Q(concluded_on__range=(start, end)) & ~models.Q(resolved_on_time=True)


class Case(models.Model):
    code = models.CharField(
        _("tracking code"), max_length=12, unique=True, default=new_tracking_code, editable=False
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    subject_area = models.ForeignKey(
        SubjectArea, on_delete=models.PROTECT, verbose_name=_("subject area")
    )
    content = models.TextField(_("content"))
    content_key = models.TextField(editable=False, default="")
    stage = models.PositiveSmallIntegerField(
        _("stage"),
        default=1,
        choices=[(1, _("First-time")), (2, _("Second-time"))],
        help_text=_("Complaints: a second-time complaint follows a first-time decision."),
    )
    first_case = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="second_cases",
        verbose_name=_("first-time complaint"),
    )
    complexity = models.CharField(
        _("complexity"), max_length=20, choices=Complexity.choices, default=Complexity.NORMAL
    )
    remote_area = models.BooleanField(_("remote or difficult area"), default=False)
    multi_place_verification = models.BooleanField(
        _("verification at several places"),
        default=False,
        help_text=_(
            "Denunciations: the content must be verified at several places, or the "
            "verification is delegated: 10 working days to decide on acceptance instead of "
            "7 (Law on Denunciation, Art. 24(1))."
        ),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("No name, or a name that cannot be verified (Law on Denunciation, Art. 25)."),
    )
    group_case = models.BooleanField(_("group case"), default=False)
    forwarded_by = models.CharField(_("forwarded by (agency)"), max_length=255, blank=True)
    forwarded_reference = models.CharField(_("forwarding letter number"), max_length=60, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("passed on by (organisation)"),
    )
    reception_session = models.ForeignKey(
        "ReceptionSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("reception session"),
    )
    dialogue = models.ForeignKey(
        "Dialogue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("dialogue"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("same matter as"),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_cases",
        verbose_name=_("handler"),
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion or decision"), blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)

    rules = models.CharField(_("rules applied"), max_length=20, editable=False, default="")
    accept_by = models.DateField(_("accept by"), null=True, editable=False)
    resolve_by = models.DateField(_("resolve by"), null=True, editable=False)
    resolved_on_time = models.BooleanField(null=True, editable=False)
    # The resolution deadline that had already passed when an extension was granted: an
    # extension granted late does not erase the lateness, the case stays late from it.
    missed_deadline = models.DateField(_("time limit missed on"), null=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("view_identity_case", _("Can see a denouncer's identity")),
            ("handle_case", _("Can classify, resolve and close cases")),
        ]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="case_unit_received"),
            models.Index(fields=["status", "accept_by"], name="case_status_accept"),
            models.Index(fields=["status", "resolve_by"], name="case_status_resolve"),
            models.Index(fields=["status", "missed_deadline"], name="case_status_missed"),
            models.Index(fields=["received_on"], name="case_received"),
            models.Index(fields=["accepted_on"], name="case_accepted"),
            # A filtered list walks its filter's rows newest first, without sorting them
            # all; the dashboard counts a period's conclusions (docs/performance.md).
            models.Index(fields=["status", "received_on"], name="case_status_received"),
            models.Index(fields=["kind", "received_on"], name="case_kind_received"),
            models.Index(fields=["concluded_on"], name="case_concluded"),
        ]

    def __str__(self):
        return f"{self.code} — {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        # Multi-line: the petition's paragraphs are kept (nfc would fold them to one line).
        self.content = clean_text(self.content, multiline=True)
        self.content_key = fold(self.content)
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def confidential(self):
        """A denouncer's identity is protected (Law on Denunciation, Art. 8 and 47)."""
        return self.kind == Kind.DENUNCIATION

    @property
    def due(self):
        """The next statutory deadline of an open case; for a case extended after its
        time limit had passed, that missed limit (it stays late from it)."""
        if self.status == Status.RECEIVED:
            return self.accept_by
        if self.status == Status.ACCEPTED:
            return self.missed_deadline or self.resolve_by
        return None

    @property
    def deadlines_provisional(self):
        """The stored deadlines reach into a year without a government decision on days
        off: computed on the statutory holidays only."""
        from . import deadlines

        return deadlines.provisional(self.received_on, self.accept_by, self.resolve_by)

    @cached_property
    def due_state(self):
        """("on_time" | "due_soon" | "overdue", working days left or overdue), or None."""
        from . import deadlines

        if self.due is None:
            return None
        return deadlines.state(self.due, timezone.localdate())

    def petitioner_names(self):
        """Names for lists: never a denouncer's (shown as "protected")."""
        if self.confidential:
            return _("(identity protected)") if not self.anonymous else _("(anonymous)")
        return ", ".join(p.public_name for p in self.petitioners.all())

    def reveal_identity(self, user):
        """The petitioners' identity for a user who may see it: without the ID number
        unless the user may see ID numbers (rules.can_see_id_numbers). A denouncer's
        identity and every ID number shown are logged."""
        from django.core.exceptions import PermissionDenied
        from wagtail.log_actions import log

        from .rules import can_see_id_numbers, can_see_identity

        if not can_see_identity(user, self):
            raise PermissionDenied
        people = [p.identity for p in self.petitioners.all()]
        if can_see_id_numbers(user, self):
            fields = ["identity", "id_number"] if self.confidential else ["id_number"]
        else:
            fields = ["identity"] if self.confidential else []
            for person in people:
                del person["id_number"]
        if fields:
            log(self, "dvs.reveal", user=user, data={"fields": fields})
        return people


class Petitioner(models.Model):
    """A person who sent the case; several for a group case. The identity (name,
    address, phone, ID number) is encrypted; `public_name` holds the name only for
    cases whose petitioners are not protected (not denunciations)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="petitioners")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    public_name = models.CharField(max_length=120, blank=True, editable=False)
    name_key = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    identity_encrypted = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")

    FIELDS = ("name", "address", "phone", "email", "id_number")

    def __str__(self):
        return self.public_name or str(_("(identity protected)"))

    def set_identity(self, *, confidential, **values):
        values = {k: nfc(values.get(k) or "") for k in self.FIELDS}
        self.identity_encrypted = crypto.encrypt(json.dumps(values, ensure_ascii=False))
        # Duplicate detection compares petitioners by a keyed hash of the folded name,
        # which reveals nothing of a denouncer's name.
        self.name_key = self.name_key_for(values["name"])
        self.public_name = "" if confidential else values["name"]
        if confidential:
            self.person = None  # a link to the registry would reveal who denounced

    @staticmethod
    def name_key_for(name):
        return crypto.blind_index(fold(nfc(name))) if (name or "").strip() else ""

    @property
    def identity(self):
        raw = crypto.decrypt(self.identity_encrypted)
        return json.loads(raw) if raw else dict.fromkeys(self.FIELDS, "")


def attachment_path(instance, filename):
    return f"cases/{instance.case_id}/{secrets.token_hex(8)}-{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)
    name = models.CharField(_("name"), max_length=255)
    identifying = models.BooleanField(
        _("identifies the denouncer"),
        default=False,
        help_text=_("Shown only to those who may see the denouncer's identity."),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class Event(models.Model):
    """A dated step on a case's timeline. Public tracking shows kind and date only."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted for resolution")
        ASSIGNED = "assigned", _("Handler assigned")
        FORWARDED = "forwarded", _("Forwarded to the competent body")
        GUIDED = "guided", _("Petitioner guided")
        ARCHIVED = "archived", _("Archived")
        EXTENDED = "extended", _("Time limit extended")
        SUSPENDED = "suspended", _("Suspended")
        RESUMED = "resumed", _("Resumed")
        VERIFIED = "verified", _("Verification recorded")
        CONCLUDED = "concluded", _("Concluded")
        NOTIFIED = "notified", _("Result notified to the petitioner")
        LINKED = "linked", _("Linked to an earlier case")
        MULTI_PLACE = "multi_place", _("Verification at several places recorded")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self):
        return f"{self.on:%d/%m/%Y} {self.get_kind_display()}"


class Extension(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    granted_on = models.DateField(_("granted on"))
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["granted_on", "id"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self):
        return f"+{self.days} ({self.granted_on:%d/%m/%Y})"


class Suspension(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    start = models.DateField(_("suspended on"))
    end = models.DateField(_("resumed on"), null=True, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self):
        return (
            f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}" if self.end else f"{self.start:%d/%m/%Y}–"
        )


class Reminder(models.Model):
    """A deadline reminder sent (in-app, and by e-mail where configured); one per case,
    user, kind and due date, so the daily run never repeats itself."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Deadline approaching")
        OVERDUE = "overdue", _("Deadline passed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user", "kind", "due"], name="reminder_once")
        ]
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.case.code} — {self.get_kind_display()}"


class CaseTally(models.Model):
    """The dashboard's counts as narrow rows (STYLE 13): for a bucket and a month, how
    many cases were received (in all, and by kind, channel, area and current status),
    accepted, and resolved (on time). A bucket is a ward with everything below it, or a
    unit outside any ward with its own cases only. Kept by `tally.refresh_case()` after
    every change of a case; a city's year then sums a few thousand rows instead of
    reading 100,000 cases."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    key = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "month", "key"], name="case_tally_once")
        ]
        indexes = [models.Index(fields=["month", "unit"], name="case_tally_month")]

    def __str__(self):
        return f"{self.unit_id} {self.month:%m/%Y} {self.key}: {self.count}"


# Citizen reception and dialogues ---------------------------------------------------------


class ReceptionDuty(models.Model):
    """A leader's duty to receive citizens periodically (DOMAIN-RULES §4): the required
    number of reception days per week or month."""

    class Position(models.TextChoices):
        PROVINCE_CHAIR = "province_chair", _("Chair of the provincial People's Committee")
        COMMUNE_CHAIR = "commune_chair", _("Chair of the ward/commune People's Committee")
        PROVINCE_SECRETARY = "province_secretary", _("Provincial Party Secretary")
        COMMUNE_SECRETARY = "commune_secretary", _("Ward/commune Party Secretary")
        SERVICE_HEAD = "service_head", _("Head of a public service unit")
        OTHER = "other", _("Other")

    class Per(models.TextChoices):
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reception_duties", verbose_name=_("unit")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reception_duties",
        verbose_name=_("leader"),
    )
    position = models.CharField(_("position"), max_length=30, choices=Position.choices)
    days_required = models.PositiveSmallIntegerField(_("reception days required"), default=1)
    per = models.CharField(_("per"), max_length=10, choices=Per.choices, default=Per.MONTH)
    weekday = models.PositiveSmallIntegerField(
        _("usual weekday"),
        null=True,
        blank=True,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
        ],
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reception duty")
        verbose_name_plural = _("reception duties")

    def __str__(self):
        return f"{self.leader} — {self.get_position_display()}"


class ReceptionSession(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular reception (reception officer)")
        PERIODIC = "periodic", _("Periodic reception by a leader")
        AD_HOC = "ad_hoc", _("Ad hoc reception")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reception_sessions", verbose_name=_("unit")
    )
    held_on = models.DateField(_("held on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reception_sessions",
        verbose_name=_("leader receiving"),
    )
    officer = models.CharField(_("reception officer"), max_length=120, blank=True)
    citizens_received = models.PositiveIntegerField(_("citizens received"), default=0)
    matters = models.TextField(_("matters raised"), blank=True)
    conclusion = models.TextField(_("conclusion notice"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        indexes = [models.Index(fields=["unit", "held_on"], name="reception_unit_held")]

    def __str__(self):
        return f"{self.unit} — {self.held_on:%d/%m/%Y}"


class Dialogue(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dialogues", verbose_name=_("unit")
    )
    topic = models.CharField(_("topic"), max_length=255)
    participants = models.CharField(
        _("with"),
        max_length=255,
        help_text=_("Residents of the unit, or a group (e.g. households of a clearance project)."),
    )
    leaders = models.CharField(_("leaders taking part"), max_length=255, blank=True)
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    matters = models.TextField(_("matters raised"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def __str__(self):
        return self.topic
