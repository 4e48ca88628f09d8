"""Writes of the figures: a ward's follower count of a religion, as an aggregate with its
source and date (never per person). One count per ward × religion × date; the figures
use the latest dated on or before the day asked (stats.py)."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.units.models import Level

from ..models import FollowerCount
from . import check_can, check_unit, clean_fields, delete, not_future, refuse

FIELDS = ("unit", "religion", "count", "as_of", "source")


def _check(instance):
    """A ward (followers are counted per ward), a source, a date not in the future, and
    one count per ward × religion × date."""
    if instance.unit_id and instance.unit.level != Level.COMMUNE:
        refuse(_("Followers are counted per ward or commune."), "unit")
    if not (instance.source or "").strip():
        refuse(_("Give the source of the count."), "source")
    not_future(instance.as_of, "as_of")
    same = FollowerCount.objects.filter(
        unit_id=instance.unit_id, religion_id=instance.religion_id, as_of=instance.as_of
    ).exclude(pk=instance.pk)
    if instance.as_of and same.exists():
        refuse(
            _("This ward already has a count of this religion on this date: correct that one."),
            "as_of",
        )
    instance.full_clean(validate_constraints=False)


@transaction.atomic
def record_follower_count(*, by, unit, religion, count, as_of, source):
    """Record the followers of `religion` in ward `unit` on `as_of`, from `source`."""
    check_unit(by, FollowerCount, unit, "add")
    fields = clean_fields(FollowerCount, {"count": count, "as_of": as_of, "source": source})
    instance = FollowerCount(unit=unit, religion=religion, created_by=by, **fields)
    _check(instance)
    instance.save()
    log(instance, "wagtail.create", user=by)
    return instance


@transaction.atomic
def update_follower_count(instance, *, by, **fields):
    """Correct a count (its figure, date, source, or ward within the user's scope)."""
    check_can(by, instance, "change")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    if "unit" in fields:
        check_unit(by, FollowerCount, fields["unit"], "change")
    for name, value in clean_fields(FollowerCount, fields).items():
        setattr(instance, name, value)
    _check(instance)
    instance.save()
    log(instance, "wagtail.edit", user=by)
    return instance


def delete_follower_count(instance, *, by):
    """Remove a count entered by mistake."""
    delete(instance, by=by)
