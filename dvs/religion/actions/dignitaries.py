"""Writes of dignitaries, officials and practitioners (chức sắc, chức việc, nhà tu hành):
their record, their protected fields (ID number and issue, ethnicity), their ID image,
the positions they hold and their status history.

Each write checks the acting user's scope before it changes anything and is audited
without any protected value: the log says that protected fields changed, never what
they say. Setting protected fields needs the same right as reading them
(`view_sensitive` on the row, or on the unit a new row goes to): whoever may not read an
ID number may not overwrite it either."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import crypto, scope
from dvs.lib import cccd
from dvs.people.importing import CCCD_ERRORS

from ..models import (
    SENSITIVE_FIELDS,
    Dignitary,
    DignitaryPosition,
    DignitaryStatus,
    DignitaryStatusChange,
    can_see_sensitive,
)
from . import (
    assign,
    check_can,
    check_unit,
    check_visible,
    clean_fields,
    delete,
    not_future,
    refuse,
)

# Fields of the record a form or the API may set (the protected ones go by `sensitive`).
FIELDS = (
    "unit",
    "establishment",
    "religion",
    "organisation",
    "birth_name",
    "religious_name",
    "birth_date",
    "birth_year",
    "sex",
    "is_dignitary",
    "is_official",
    "is_practitioner",
    "sect",
    "rank",
    "position",
    "ordained_on",
    "scope",
    "certificate",
    "status",
    "status_on",
    "education",
    "phone",
    "note",
)
CLASSIFICATIONS = ("is_dignitary", "is_official", "is_practitioner")
# An ID card is a photograph or a scan of one: image files only.
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


# The record ------------------------------------------------------------------------------


@transaction.atomic
def create_dignitary(*, by, sensitive=None, **fields):
    """A new dignitary in a unit where `by` may add one; `sensitive` sets the protected
    fields, for a user who may also read them there."""
    fields = _clean(fields)
    unit = fields.get("unit")
    check_unit(by, Dignitary, unit, "add")
    if (
        sensitive
        and not scope.writable_anchor(by, Dignitary, "view_sensitive").filter(pk=unit.pk).exists()
    ):
        refuse(_("You may not record protected personal data."), "id_number")
    dignitary = Dignitary(status=DignitaryStatus.ACTIVE)
    assign(dignitary, fields)
    _check(by, dignitary)
    if sensitive:
        dignitary.set_sensitive(**_clean_sensitive(dignitary, sensitive))
    dignitary.save()
    if dignitary.status != DignitaryStatus.ACTIVE or dignitary.status_on:
        DignitaryStatusChange.objects.create(
            dignitary=dignitary,
            status=dignitary.status,
            on=dignitary.status_on or timezone.localdate(),
            created_by=by,
        )
    log(dignitary, "wagtail.create", user=by, data=_audit(fields, sensitive))
    return dignitary


@transaction.atomic
def update_dignitary(dignitary, *, by, sensitive=None, **fields):
    """Change the record (those fields given); `sensitive` changes protected fields for a
    user who may read them on this row."""
    check_can(by, dignitary, "change")
    fields = _clean(fields)
    if "unit" in fields and fields["unit"] != dignitary.unit:
        check_unit(by, Dignitary, fields["unit"], "change")
    if sensitive and not can_see_sensitive(by, dignitary):
        refuse(_("You may not record protected personal data."), "id_number")
    dignitary = Dignitary.objects.select_for_update().get(pk=dignitary.pk)
    assign(dignitary, fields)
    _check(by, dignitary)
    if sensitive:
        dignitary.set_sensitive(**_clean_sensitive(dignitary, sensitive))
    dignitary.save()
    log(dignitary, "wagtail.edit", user=by, data=_audit(fields, sensitive))
    return dignitary


def _clean(fields):
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field “%(name)s”.") % {"name": ", ".join(sorted(unknown))})
    return clean_fields(Dignitary, fields)


def _check(by, dignitary):
    """What every dignitary must be, whoever writes it (form, import or API)."""
    errors = {}
    if not dignitary.birth_name.strip():
        errors["birth_name"] = [_("Give the birth name.")]
    if dignitary.religion_id is None:
        errors["religion"] = [_("Choose the religion.")]
    if not any(getattr(dignitary, name) for name in CLASSIFICATIONS):
        errors["is_dignitary"] = [
            _("Tick at least one classification: dignitary, official or practitioner.")
        ]
    today = timezone.localdate()
    for name in ("birth_date", "ordained_on", "status_on"):
        value = getattr(dignitary, name)
        if value and value > today:
            errors[name] = [_("The date cannot be in the future.")]
    if dignitary.birth_date and dignitary.ordained_on:
        if dignitary.ordained_on < dignitary.birth_date:
            errors["ordained_on"] = [_("The ordination or appointment is before the birth.")]
    if dignitary.birth_year and dignitary.birth_year > today.year:
        errors["birth_year"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    establishment = dignitary.establishment
    if establishment is not None:
        check_visible(by, establishment, "establishment")
        if not establishment.unit.path.startswith(dignitary.unit.path):
            refuse(_("The establishment is not in the dignitary's unit."), "establishment")
    organisation = dignitary.organisation
    if organisation is not None and organisation.religion_id != dignitary.religion_id:
        refuse(_("The organisation belongs to another religion."), "organisation")


def _clean_sensitive(dignitary, values):
    """The protected fields as they are stored: a valid, unique ID number (as for a
    resident's CCCD), clean text."""
    unknown = set(values) - set(SENSITIVE_FIELDS)
    if unknown:
        raise ValueError(f"unknown sensitive fields: {sorted(unknown)}")
    cleaned = {}
    for name, value in values.items():
        if name == "id_issued_on":
            not_future(value, "id_issued_on")
            cleaned[name] = value.isoformat() if value else ""
        elif name == "id_number":
            cleaned[name] = _check_id_number(dignitary, value)
        else:
            from dvs.lib.vntext import clean_text

            cleaned[name] = clean_text(value or "")
    return cleaned


def _check_id_number(dignitary, value):
    number = cccd.normalise(value)
    if not number:
        return ""
    year = dignitary.birth_date.year if dignitary.birth_date else dignitary.birth_year
    errors = cccd.validate(number, sex=dignitary.sex or None, birth_year=year or None)
    if errors:
        raise ValidationError({"id_number": [str(CCCD_ERRORS[code]) for code in errors]})
    clash = Dignitary.objects.filter(id_number_index=crypto.blind_index(number))
    if dignitary.pk:
        clash = clash.exclude(pk=dignitary.pk)
    if clash.exists():
        refuse(_("A dignitary with this ID number is already recorded."), "id_number")
    return number


def _audit(fields, sensitive):
    """What the log keeps: the names of the fields written, never a protected value."""
    data = {"fields": sorted(fields)}
    if sensitive:
        data["protected_fields_changed"] = True
    return data


# The ID image ----------------------------------------------------------------------------


def check_image(uploaded):
    """An image file (by its name and its first bytes) of at most the size the project
    allows for attachments."""
    name = os.path.basename(uploaded.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    head = uploaded.read(12)
    uploaded.seek(0)
    if extension not in IMAGE_EXTENSIONS or not head.startswith(IMAGE_SIGNATURES):
        refuse(
            _("“%(name)s” is not an image (accepted: %(types)s).")
            % {"name": name, "types": ", ".join(IMAGE_EXTENSIONS)},
            "id_image",
        )
    if uploaded.size > settings.CASE_ATTACHMENT_MAX_BYTES:
        refuse(
            _("“%(name)s” is too large (%(size)s; at most %(max)s).")
            % {
                "name": name,
                "size": filesizeformat(uploaded.size),
                "max": filesizeformat(settings.CASE_ATTACHMENT_MAX_BYTES),
            },
            "id_image",
        )


@transaction.atomic
def set_id_image(dignitary, *, by, upload):
    """Keep (or replace) the ID card's image in private storage."""
    check_can(by, dignitary, "change")
    if not can_see_sensitive(by, dignitary):
        refuse(_("You may not record protected personal data."), "id_image")
    check_image(upload)
    old = dignitary.id_image.name if dignitary.id_image else ""
    dignitary.id_image.save("id", upload, save=False)
    dignitary.save(update_fields=["id_image", "updated_at"])
    if old:
        transaction.on_commit(lambda: dignitary.id_image.storage.delete(old))
    log(dignitary, "wagtail.edit", user=by, data={"fields": ["id_image"]})
    return dignitary


@transaction.atomic
def remove_id_image(dignitary, *, by):
    check_can(by, dignitary, "change")
    if not can_see_sensitive(by, dignitary):
        refuse(_("You may not record protected personal data."), "id_image")
    old = dignitary.id_image.name if dignitary.id_image else ""
    if not old:
        return dignitary
    dignitary.id_image = ""
    dignitary.save(update_fields=["id_image", "updated_at"])
    storage = Dignitary._meta.get_field("id_image").storage
    transaction.on_commit(lambda: storage.delete(old))
    log(dignitary, "wagtail.edit", user=by, data={"fields": ["id_image"]})
    return dignitary


@transaction.atomic
def delete_dignitary(dignitary, *, by):
    """Delete a record and, once that is committed, its ID image: no file of a deleted
    person stays in private storage."""
    image = dignitary.id_image.name if dignitary.id_image else ""
    delete(dignitary, by=by)
    if image:
        storage = Dignitary._meta.get_field("id_image").storage
        transaction.on_commit(lambda: storage.delete(image))


# Positions and status ---------------------------------------------------------------------


def _follow_latest(dignitary):
    """The dignitary's status is that of its latest change (kept when none is left)."""
    latest = dignitary.status_changes.order_by("-on", "-pk").first()
    if latest is None:
        return
    Dignitary.objects.filter(pk=dignitary.pk).update(
        status=latest.status, status_on=latest.on, updated_at=timezone.now()
    )
    dignitary.status, dignitary.status_on = latest.status, latest.on


@transaction.atomic
def add_position(dignitary, *, by, title, place="", started_on=None, ended_on=None):
    check_unit(by, DignitaryPosition, dignitary, "add", field="title")
    fields = clean_fields(DignitaryPosition, {"title": title, "place": place})
    if not fields["title"]:
        refuse(_("Give the position."), "title")
    not_future(started_on, "started_on")
    not_future(ended_on, "ended_on")
    if started_on and ended_on and ended_on < started_on:
        refuse(_("The end is before the start."), "ended_on")
    position = DignitaryPosition.objects.create(
        dignitary=dignitary, started_on=started_on, ended_on=ended_on, **fields
    )
    log(position, "wagtail.create", user=by)
    return position


@transaction.atomic
def end_position(position, *, by, ended_on):
    check_can(by, position, "change")
    if not ended_on:
        refuse(_("Give the end date."), "ended_on")
    not_future(ended_on, "ended_on")
    if position.started_on and ended_on < position.started_on:
        refuse(_("The end is before the start."), "ended_on")
    position.ended_on = ended_on
    position.save(update_fields=["ended_on"])
    log(position, "wagtail.edit", user=by, data={"fields": ["ended_on"]})
    return position


@transaction.atomic
def record_status(dignitary, *, by, status, on, note=""):
    """A change of status with its date: the dignitary's status follows the latest one,
    and the history keeps every one."""
    check_unit(by, DignitaryStatusChange, dignitary, "add", field="status")
    if status not in DignitaryStatus.values:
        refuse(_("Choose a status."), "status")
    if not on:
        refuse(_("Give the date."), "on")
    not_future(on, "on")
    fields = clean_fields(DignitaryStatusChange, {"note": note})
    change = DignitaryStatusChange.objects.create(
        dignitary=dignitary, status=status, on=on, created_by=by, **fields
    )
    _follow_latest(dignitary)
    log(change, "wagtail.create", user=by)
    return change


@transaction.atomic
def update_position(position, *, by, **fields):
    """Change a position's title, place or dates (the back office's edit form)."""
    check_can(by, position, "change")
    unknown = set(fields) - {"title", "place", "started_on", "ended_on"}
    if unknown or "dignitary" in fields:
        refuse(_("Unknown field “%(name)s”.") % {"name": ", ".join(sorted(unknown))})
    fields = clean_fields(DignitaryPosition, fields)
    assign(position, fields)
    if not position.title:
        refuse(_("Give the position."), "title")
    not_future(position.started_on, "started_on")
    not_future(position.ended_on, "ended_on")
    if position.started_on and position.ended_on and position.ended_on < position.started_on:
        refuse(_("The end is before the start."), "ended_on")
    position.save()
    log(position, "wagtail.edit", user=by, data={"fields": sorted(fields)})
    return position


@transaction.atomic
def update_status_change(change, *, by, **fields):
    """Correct a recorded status change; the dignitary's status follows the latest."""
    check_can(by, change, "change")
    unknown = set(fields) - {"status", "on", "note"}
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": ", ".join(sorted(unknown))})
    fields = clean_fields(DignitaryStatusChange, fields)
    assign(change, fields)
    if change.status not in DignitaryStatus.values:
        refuse(_("Choose a status."), "status")
    not_future(change.on, "on")
    change.save()
    _follow_latest(change.dignitary)
    log(change, "wagtail.edit", user=by, data={"fields": sorted(fields)})
    return change


@transaction.atomic
def delete_status_change(change, *, by):
    """Delete a change recorded by mistake; the status follows the latest one left."""
    dignitary = change.dignitary
    delete(change, by=by)
    _follow_latest(dignitary)
