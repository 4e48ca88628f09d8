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
