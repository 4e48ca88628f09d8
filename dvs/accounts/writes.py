"""The shared pieces of every app's actions (religion, democracy): each write takes the
acting user as `by`, checks the user's scope itself before writing (`check_unit`,
`check_can`, `check_visible`), cleans its text fields (`clean_fields`) and raises
ValidationError with the message a user reads (`refuse`); `delete` is the generic audited
delete an `ActionViewSet` points its `delete_function` at."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.lib.vntext import clean_text


def refuse(message, field=None):
    raise ValidationError({field: [message]} if field else message)


def clean_fields(model, fields):
    """Text fields arrive as we store them (no control or invisible characters); an
    unknown field name is refused."""
    cleaned = {}
    for name, value in fields.items():
        try:
            field = model._meta.get_field(name)
        except Exception:
            raise ValidationError(_("Unknown field “%(name)s”.") % {"name": name}) from None
        if isinstance(value, str) and isinstance(field, models.TextField):
            value = clean_text(value, multiline=True)
        elif isinstance(value, str) and isinstance(field, models.CharField) and not field.choices:
            value = clean_text(value)
        cleaned[name] = value
    return cleaned


def assign(instance, fields):
    for name, value in fields.items():
        setattr(instance, name, value)


def not_future(on, field="on"):
    if on and on > timezone.localdate():
        refuse(_("The date cannot be in the future."), field)


def check_unit(by, model, unit, action="add", field="unit"):
    """Refuse unless `by` may `action` rows of `model` in `unit`."""
    if unit is None or not scope.writable_anchor(by, model, action).filter(pk=unit.pk).exists():
        refuse(_("You may not record this in the chosen unit."), field)


def check_can(by, instance, action="change"):
    """Refuse unless `by` may `action` this row (the scope door, not the row's own word)."""
    if not scope.can(by, instance, action):
        refuse(_("You may not change this record."))


def check_visible(by, instance, field):
    """A linked row (an establishment, a group, a case) must be one `by` sees."""
    if instance is not None and not scope.can(by, instance, "view"):
        refuse(_("The chosen record is outside your scope."), field)


@transaction.atomic
def delete(instance, *, by):
    """Delete a row `by` may delete (audited); one that other rows still point to (an
    establishment with filings) is refused, nothing deleted."""
    check_can(by, instance, "delete")
    log(instance, "wagtail.delete", user=by)
    try:
        instance.delete()
    except ProtectedError:
        refuse(_("This record cannot be deleted: other records still refer to it."))
