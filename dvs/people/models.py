"""Residents, households and memberships: "xã nắm đến người dân, đoàn viên, hội viên".

Sensitive personal data (ID number, ethnicity, religion) is stored encrypted and only
leaves the model through `Person.reveal()`, which checks the permission and writes an
audit entry: lists, exports, search and the API never select it for other roles.
"""

import heapq
import secrets
from itertools import islice
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Left, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import crypto
from dvs.lib.queries import HIGH, starts_with
from dvs.lib.vntext import fold, name_sort_key, nfc, sort_key_bounds
from dvs.storage import private_storage
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


# A name matching at most this many people in scope is fetched by primary key and
# sorted; a more common one is read in name order from its index, a page at a time, and
# counted as "more than SELECTIVE_SEARCH".
SELECTIVE_SEARCH = 2000

# The orderings a search serves by merging its arms (the lists' default, name order).
NAME_ORDER = (("name_sort",), ("name_sort", "id"), ("name_sort", "pk"))


def _probe(queryset):
    """The ids of a rare match (up to SELECTIVE_SEARCH), or None for a common one."""
    ids = list(queryset.values_list("pk", flat=True)[: SELECTIVE_SEARCH + 1])
    return ids if len(ids) <= SELECTIVE_SEARCH else None


class PersonQuerySet(models.QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by search() when a name is common: the result as disjoint querysets, each
        # readable in name order from an index (see __getitem__).
        self._search_arms = None

    def _clone(self):
        clone = super()._clone()
        clone._search_arms = self._search_arms
        return clone

    def _filter_or_exclude(self, negate, args, kwargs):
        clone = super()._filter_or_exclude(negate, args, kwargs)
        clone._search_arms = None  # the arms no longer describe the rows
        return clone

    def search(self, text):
        """Accent-insensitive name search: "nguyen van an" finds "Nguyễn Văn An", and a
        given name alone ("an") finds everyone called An (or Anh, Ân…). Call it last,
        after other filters.

        Three disjoint arms, each with an index that lists it in name order:
        - the given name: name order starts with the given name, so its matches lie in
          one narrow band of the name index (`sort_key_bounds`);
        - the family name typed in full ("nguyen", "nguyen van"): the (family, name)
          index lists that family's people in name order;
        - a longer family name the word only starts ("nguyen" → "nguyenx").
        A capped probe per arm asks how common the name is in scope. Rare matches are
        fetched by primary key. A common one stays a condition, and a page of the result
        in name order is read arm by arm from the indexes and merged (__getitem__), so
        no query sorts tens of thousands of matches (a planner given the arms as one
        query, OR or UNION, sorts them); its count is "more than SELECTIVE_SEARCH".
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
        # Each arm is written twice: to find its matches through an index (the probe),
        # and to walk them in name order for a page when they are many. Walking, the
        # name test must look weak to the planner, or it would fetch every match and
        # sort it. PostgreSQL multiplies selectivities (the band and the given name
        # describe the same rows) and reads two inequalities on one expression as a
        # range (0.5 %); on two spellings of the same prefix (LEFT, SUBSTRING) it takes
        # a third for each, about 11 % together. SQLite would take the search key's
        # index for the longer family names; on an expression it cannot.
        base = self.alias(
            given_from=Left("given_key", len(key)),
            given_upto=Substr("given_key", 1, len(key)),
            family_from=Left("family_key", len(key)),
        )
        given_in_band = Q(
            name_sort__gte=low, name_sort__lt=high, given_from__gte=key, given_upto__lte=key
        )
        longer_family_walked = Q(family_from=key) & ~Q(family_key=key)
        rare_ids, common = [], []
        for find, walk in (
            (given, given_in_band),
            (whole_family & ~given, whole_family & ~given),
            *([] if rest else [(longer_family & ~given, longer_family_walked & ~given)]),
        ):
            ids = _probe(self.filter(find))
            if ids is None:
                common.append(walk)
            else:
                rare_ids += ids
        if not common:
            return self.filter(pk__in=rare_ids)
        either = Q(pk__in=rare_ids) if rare_ids else Q()
        for condition in common:
            either = either | condition if either else condition
        result = base.filter(either)
        result._search_arms = [base.filter(condition) for condition in common]
        if rare_ids:
            result._search_arms.append(self.filter(pk__in=rare_ids))
        return result

    def __getitem__(self, k):
        """A page of a common name's matches in name order: the first `stop` keys of
        each arm from its index, merged here; then the page's rows by primary key."""
        arms = self._search_arms
        if (
            arms is None
            or self._result_cache is not None
            or not isinstance(k, slice)
            or k.stop is None
            or k.step is not None
            or self.query.order_by not in NAME_ORDER
        ):
            return super().__getitem__(k)
        start, stop = k.start or 0, k.stop
        keys = [
            arm.order_by("name_sort", "pk").values_list("name_sort", "pk")[:stop] for arm in arms
        ]
        ids = [pk for _, pk in islice(heapq.merge(*keys), start, stop)]
        return self.filter(pk__in=ids)

    def capped_count(self, cap):
        """(count, capped) for `dvs.lib.paging.capped_count`: a common name has more
        than SELECTIVE_SEARCH matches, known from its probe without counting them."""
        if self._search_arms is not None and not self.query.is_empty():
            return min(cap, SELECTIVE_SEARCH), True
        return None

    def living(self):
        return self.filter(status=Person.Status.LIVING, archived_at__isnull=True)

    def members_of(self, organisation, *, user):
        """Active members of `organisation`, through the memberships `user` may see: an
        organisation-limited grant sees its own organisation's (and branches') only."""
        from dvs.accounts import scope

        memberships = scope.scoped(user, Membership).filter(
            organisation=organisation, ended_on__isnull=True
        )
        return self.filter(pk__in=memberships.values("person_id"))


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


def import_path(instance, filename):
    """An unguessable name (the file holds ID numbers, ethnicity and religion in clear);
    the name the user gave is kept in `original_name`, the suffix tells the reader the
    format."""
    suffix = "".join(c for c in PurePath(filename).suffix.lower() if c.isalnum() or c == ".")
    return f"imports/{secrets.token_urlsafe(24)}{suffix[:8]}"


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
    # Private storage, never under MEDIA_ROOT; deleted when the job ends or is abandoned
    # (people.tasks.delete_import_files).
    file = models.FileField(
        _("file"), upload_to=import_path, storage=private_storage, blank=True, max_length=200
    )
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
    # Set by the worker as it goes; empty while the job waits in the queue. A job running
    # with no heartbeat for JOBS_STALE_AFTER_MINUTES lost its worker (importing.fail_stale).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"

    @property
    def rejected_rows(self):
        return len({error["row"] for error in self.errors})

    @property
    def progress(self):
        if not self.total_rows:
            return 100 if self.status in (self.Status.DONE, self.Status.VALIDATED) else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
