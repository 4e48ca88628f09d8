"""Writes that span several rows and must be audited, and the steps of an import: each
takes the acting user `by` and checks it may act before it changes anything."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope

from . import importing
from .models import ImportJob, Membership, Person


def importable_units(user):
    """The units `user` may import residents into: the one rule of the admin wizard (its
    choices and every step) and the API."""
    return scope.writable_anchor(user, Person, "import")


def _check_may_import(by, unit):
    if unit is None or not importable_units(by).filter(pk=unit.pk).exists():
        raise PermissionDenied


def start_import(*, by, unit, file, auto_commit=False):
    """Store an uploaded spreadsheet (privately, see ImportJob.file) as an import into
    `unit`, or raise PermissionDenied, or importing.ImportError_ with the message for the
    user (nothing kept).

    auto_commit (the API): the worker checks it with the automatic column mapping and
    imports the valid rows at once. Otherwise (the admin wizard) its first rows are read
    now, so an unreadable file is refused here; the user then chooses the columns."""
    _check_may_import(by, unit)
    importing.check_upload(file)
    job = ImportJob.objects.create(
        unit=unit, file=file, original_name=file.name, created_by=by, auto_commit=auto_commit
    )
    if auto_commit:
        from .tasks import process_import

        process_import.enqueue(job.pk, True)
        return job
    try:
        # Only the first rows, inside the request: the whole file is read by the task.
        importing.parse_table(importing.read_rows(job.file.path, importing.PREVIEW_ROWS))
    except importing.ImportError_:
        job.file.delete(save=False)
        job.delete()
        raise
    return job


def _queue(job, *, by, commit, waiting, **fields):
    """Move a waiting job to the worker's queue (one conditional update: a second click,
    or another tab, finds it moved on)."""
    from .tasks import process_import

    _check_may_import(by, job.unit)
    status = ImportJob.Status.IMPORTING if commit else ImportJob.Status.VALIDATING
    # heartbeat_at None: queued, the worker starts the heartbeat.
    moved = ImportJob.objects.filter(pk=job.pk, status__in=waiting).update(
        status=status, heartbeat_at=None, **fields
    )
    if not moved:
        raise importing.ImportError_(
            _("This import has already been committed or is still running.")
        )
    process_import.enqueue(job.pk, commit)
    job.refresh_from_db()
    return job


def check_import(job, *, by, headers, mapping):
    """Check every row of an uploaded import in the background with the columns the user
    chose, remembered for files of the same layout."""
    _check_may_import(by, job.unit)
    importing.check_mapping(mapping)
    importing.remember_mapping(headers, mapping)
    waiting = (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED)
    return _queue(job, by=by, commit=False, waiting=waiting, mapping=mapping)


def commit_import(job, *, by):
    """Import the valid rows of a checked import in the background."""
    return _queue(job, by=by, commit=True, waiting=(ImportJob.Status.VALIDATED,))


@transaction.atomic
def merge_people(keep, drop, *, by):
    """Merge a duplicate record into the one kept: its memberships move over, blank
    fields of the kept record are filled from it, and it is deleted."""
    for person in (keep, drop):
        if not scope.can(by, person, "change"):
            raise PermissionDenied
    if keep.pk == drop.pk:
        raise ValueError("a record cannot be merged into itself")
    active = set(
        Membership.objects.filter(person=keep, ended_on__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    for membership in Membership.objects.filter(person=drop):
        if membership.ended_on is None and membership.organisation_id in active:
            membership.delete()  # the kept record is already a member there
        else:
            membership.person = keep
            membership.save(update_fields=["person"])
    for name in ("birth_date", "birth_year", "phone", "household_id"):
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
    for name in ("id_number_encrypted", "ethnicity_encrypted", "religion_encrypted"):
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
            if name == "id_number_encrypted":
                keep.id_number_index = drop.id_number_index
    dropped = {"id": drop.pk, "full_name": drop.full_name}
    drop.delete()
    keep.save()
    log(keep, "dvs.merge", user=by, data={"merged": dropped})
    return keep


def duplicate_candidates(user, unit, limit=200):
    """Groups of records in scope that may be one person: the same ID number, or the same
    name, year of birth and neighbourhood. Three queries whatever the number of groups."""
    from collections import defaultdict

    from django.db.models import Count, Q

    people = scope.scoped(user, Person, "change").filter(unit__path__startswith=unit.path)
    shared_ids = list(
        people.exclude(id_number_index="")
        .values("id_number_index")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("id_number_index", flat=True)[:limit]
    )
    shared_names = list(
        people.values_list("search_key", "birth_year", "unit_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)[:limit]
    )
    wanted = Q(id_number_index__in=shared_ids)
    for search_key, birth_year, unit_id, _n in shared_names:
        wanted |= Q(search_key=search_key, birth_year=birth_year, unit_id=unit_id)
    by_id, by_name = defaultdict(list), defaultdict(list)
    candidates = (
        people.filter(wanted)
        .select_related("unit")
        .annotate(membership_count=Count("memberships"))
        .order_by("pk")
    )
    for person in candidates:
        if person.id_number_index in shared_ids:
            by_id[person.id_number_index].append(person)
        by_name[(person.search_key, person.birth_year, person.unit_id)].append(person)
    groups = list(by_id.values())
    seen = [{p.pk for p in group} for group in groups]
    for group in by_name.values():
        if len(group) > 1 and {p.pk for p in group} not in seen:
            groups.append(group)
    return groups[:limit]
