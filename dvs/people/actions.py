"""Writes that span several rows and must be audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from dvs.accounts import scope

from .models import Membership, Person


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
    """Pairs of records in scope that may be one person: same ID number, or same name,
    year of birth and neighbourhood."""
    from django.db.models import Count

    people = scope.scoped(user, Person, "change").filter(unit__path__startswith=unit.path)
    groups = []
    by_id = (
        people.exclude(id_number_index="")
        .values("id_number_index")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("id_number_index", flat=True)[:limit]
    )
    for index in by_id:
        groups.append(list(people.filter(id_number_index=index).select_related("unit")))
    by_name = (
        people.values("search_key", "birth_year", "unit_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)[:limit]
    )
    for row in by_name:
        group = list(
            people.filter(
                search_key=row["search_key"], birth_year=row["birth_year"], unit_id=row["unit_id"]
            ).select_related("unit")
        )
        if not any({p.pk for p in group} == {p.pk for p in g} for g in groups):
            groups.append(group)
    return groups[:limit]
