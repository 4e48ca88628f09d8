"""Residents, households and memberships: "xã nắm đến người dân, đoàn viên, hội viên".

Sensitive personal data (ID number, ethnicity, religion) is stored encrypted and only
leaves the model through `Person.reveal()`, which checks the permission and writes an
audit entry: lists, exports, search and the API never select it for other roles.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import crypto
from dvs.lib.queries import HIGH, starts_with
from dvs.lib.vntext import fold, name_sort_key, nfc, sort_key_bounds
from dvs.units.models import Organisation, OrganisationKind, Unit

SENSITIVE_FIELDS = ("id_number", "ethnicity", "religion")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Household(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="households", verbose_name=_("neighbourhood")
    )
    address = models.CharField(_("address"), max_length=255)
    head = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of household"),
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        self.address = nfc(self.address)
        super().save(*args, **kwargs)


# A search matching at most this many people fetches them by primary key (then sorts
# them); a more common name is served by walking the name order instead.
SELECTIVE_SEARCH = 2000


def _probe(queryset):
    """The ids of a rare match (up to SELECTIVE_SEARCH), or None for a common one."""
    ids = list(queryset.values_list("pk", flat=True)[: SELECTIVE_SEARCH + 1])
    return ids if len(ids) <= SELECTIVE_SEARCH else None


class PersonQuerySet(models.QuerySet):
    def search(self, text):
        """Accent-insensitive name search: "nguyen van an" finds "Nguyễn Văn An", and a
        given name alone ("an") finds everyone called An (or Anh, Ân…). Call it last,
        after other filters: it may return a union of two querysets.

        Disjoint arms, each served in name order from an index:
        - the given name: name order starts with the given name, so its matches lie in
          one narrow band of the name index (`sort_key_bounds`);
        - the family name typed in full ("nguyen", "nguyen van"): the (family, name)
          index lists that family's people in name order;
        - a longer family name the word only starts ("nguyen" → "nguyenx").
        A capped probe per arm asks how common the name is: a rare one becomes
        `id IN (…)` (a few rows to fetch and sort), a common one is walked in name order.
        The database merges the arms in name order (UNION ALL … ORDER BY name_sort).
        """
        key = fold(text)
        if not key:
            return self
        first, *rest = key.split()
        given = starts_with("given_key", key)
        low, high = sort_key_bounds(first)
        # The whole family name typed ("nguyen", "nguyen van"): that family's people in
        # name order from the (family, name) index.
        whole_family = Q(family_key=first) & (starts_with("search_key", key) if rest else Q())
        # Family names that only start with the word ("nguyen" → "nguyenx"): keys that
        # continue it with a letter, not a space.
        longer_family = Q(search_key__gte=key + "!", search_key__lt=key + HIGH)
        band = Q(name_sort__gte=low, name_sort__lt=high)
        # Walking the band, the given-name test must look weak to the planner: PostgreSQL
        # multiplies selectivities (the band and the name describe the same rows), and
        # an equality would make it expect a hundred rows and sort tens of thousands.
        # Written as two inequalities on an expression it is estimated at about 10 %,
        # so reading the band in order for the first page wins.
        walked_given = self.alias(given_prefix=Substr("given_key", 1, len(key))).filter(
            band, given_prefix__gte=key, given_prefix__lte=key
        )
        arms = []
        for condition, walk in (
            (given & band, walked_given),
            (whole_family & ~given, None),
            *([] if rest else [(longer_family & ~given, None)]),
        ):
            # The whole registry first (an index-only look-up): nothing or a few there is
            # final; only a name common there is probed again within the scope.
            ids = _probe(Person.objects.filter(condition))
            if ids is None:
                ids = _probe(self.filter(condition))
            if ids is None:
                arms.append(walk if walk is not None else self.filter(condition))
            elif ids:
                arms.append(self.filter(pk__in=ids))
        if not arms:
            return self.none()
        if len(arms) == 1:
            return arms[0]
        # The arms of a UNION may not be ordered (SQLite): order the whole instead.
        first_arm, *others = [arm.order_by() for arm in arms]
        return first_arm.union(*others, all=True).order_by(*self.query.order_by)

    def living(self):
        return self.filter(status=Person.Status.LIVING, archived_at__isnull=True)


class Person(models.Model):
    class Status(models.TextChoices):
        LIVING = "living", _("Living here")
        MOVED = "moved", _("Moved away")
        DECEASED = "deceased", _("Deceased")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="residents", verbose_name=_("neighbourhood")
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LIVING
    )
    status_on = models.DateField(_("since"), null=True, blank=True)
    moved_to = models.CharField(_("moved to"), max_length=255, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    id_number_encrypted = models.TextField(editable=False, blank=True)
    id_number_index = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    ethnicity_encrypted = models.TextField(editable=False, blank=True)
    religion_encrypted = models.TextField(editable=False, blank=True)

    name_sort = models.CharField(max_length=400, editable=False)
    search_key = models.CharField(max_length=120, editable=False)
    given_key = models.CharField(max_length=120, editable=False)
    family_key = models.CharField(max_length=40, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        permissions = [
            ("view_sensitive_person", _("Can see ID numbers, ethnicity and religion")),
            ("import_person", _("Can import residents from spreadsheets")),
        ]
        indexes = [
            models.Index(fields=["unit", "name_sort"], name="person_unit_name"),
            models.Index(fields=["search_key"], name="person_search"),
            models.Index(fields=["given_key"], name="person_given"),
            models.Index(fields=["family_key", "name_sort"], name="person_family_name"),
            models.Index(fields=["name_sort"], name="person_name_sort"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.set_name(self.full_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    def set_name(self, full_name):
        self.full_name = nfc(full_name)
        self.name_sort = name_sort_key(self.full_name)
        self.search_key = fold(self.full_name)
        words = self.search_key.split()
        self.given_key = " ".join([*words[-1:], *words[1:-1], *words[:1]]) if words else ""
        self.family_key = words[0] if words else ""

    def clean(self):
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            raise ValidationError({"birth_date": _("The date of birth is in the future.")})
        if self.status != self.Status.LIVING and not self.status_on:
            raise ValidationError({"status_on": _("Give the date of the move or death.")})

    # Sensitive data: write freely, read only through reveal().
    def set_sensitive(self, *, id_number=None, ethnicity=None, religion=None):
        if id_number is not None:
            self.id_number_encrypted = crypto.encrypt(id_number)
            self.id_number_index = crypto.blind_index(id_number)
        if ethnicity is not None:
            self.ethnicity_encrypted = crypto.encrypt(ethnicity)
        if religion is not None:
            self.religion_encrypted = crypto.encrypt(religion)

    def reveal(self, user):
        """The sensitive fields for a user allowed to see them, logged; else PermissionDenied."""
        from django.core.exceptions import PermissionDenied
        from wagtail.log_actions import log

        if not can_see_sensitive(user, self):
            raise PermissionDenied
        log(self, "dvs.reveal", user=user, data={"fields": list(SENSITIVE_FIELDS)})
        return {
            "id_number": crypto.decrypt(self.id_number_encrypted),
            "ethnicity": crypto.decrypt(self.ethnicity_encrypted),
            "religion": crypto.decrypt(self.religion_encrypted),
        }

    @property
    def age(self):
        if not self.birth_year:
            return None
        today = timezone.localdate()
        if self.birth_date:
            return (
                today.year
                - self.birth_date.year
                - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))
            )
        return today.year - self.birth_year

    @property
    def birth_display(self):
        if self.birth_date:
            return self.birth_date.strftime("%d/%m/%Y")
        return str(self.birth_year or "")


def can_see_sensitive(user, person):
    from dvs.accounts import scope

    return scope.scoped(user, Person, "view_sensitive").filter(pk=person.pk).exists()


SENSITIVE_PERMISSION = "view_sensitive"  # action name for scope.scoped(): view_sensitive_person


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        EXECUTIVE = "executive", _("Executive committee member")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        CHAIR = "chair", _("Chair")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    card_number = models.CharField(_("member card number"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["organisation", "ended_on"], name="membership_org")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(ended_on__isnull=True),
                name="one_active_membership",
                violation_error_message=_("This person is already a member."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.organisation}"

    def clean(self):
        if self.joined_on and self.ended_on and self.ended_on < self.joined_on:
            raise ValidationError({"ended_on": _("A membership cannot end before it starts.")})
        if self.ended_on and not self.end_reason:
            raise ValidationError({"end_reason": _("Give the reason the membership ended.")})


class EligibilityRule(models.Model):
    """Who may join an organisation kind, for coverage figures (data, not code)."""

    kind = models.OneToOneField(
        OrganisationKind,
        on_delete=models.CASCADE,
        related_name="eligibility",
        verbose_name=_("organisation kind"),
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self):
        return str(self.kind)

    def admits(self, sex, birth_year, on):
        """Whether a resident of this sex born in this year may join, by age on `on`."""
        if birth_year is None or (self.sex and sex != self.sex):
            return False
        age = on.year - birth_year
        if self.min_age is not None and age < self.min_age:
            return False
        return self.max_age is None or age <= self.max_age


class ImportTemplate(models.Model):
    """A column mapping remembered for a spreadsheet layout (its folded header row)."""

    signature = models.CharField(max_length=64, unique=True)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import template")
        verbose_name_plural = _("import templates")

    def __str__(self):
        return ", ".join(self.headers[:4])


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATING = "validating", _("Checking")
        VALIDATED = "validated", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="import_jobs", verbose_name=_("unit")
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    mapping = models.JSONField(default=dict, blank=True)
    encodings = models.JSONField(default=dict, blank=True)
    headers = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    auto_commit = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def rejected_rows(self):
        return len({error["row"] for error in self.errors})

    @property
    def progress(self):
        if not self.total_rows:
            return 100 if self.status in (self.Status.DONE, self.Status.VALIDATED) else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
