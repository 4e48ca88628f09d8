"""The pieces every write route repeats, in one place: the calendar a date must lie in,
the 422 answer of a refused action, the row a caller may change, and the unit a caller
may write in. Missing and forbidden rows are 404 alike; a row the caller sees but may not
change is 403."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Status
from ninja.errors import HttpError
from pydantic_core import PydanticCustomError

from dvs.accounts import scope
from dvs.units.models import Unit

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def in_calendar(value):
    """A pydantic validator: a date between 01/01/2000 and 31/12/2099 (or none)."""
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError(
            "invalid", str(_("The date must be between 01/01/2000 and 31/12/2099."))
        )
    return value


def invalid(error):
    """The 422 answer of an action's ValidationError: its messages, and per field."""
    fields = error.message_dict if hasattr(error, "error_dict") else {}
    return Status(422, {"detail": _("Invalid data."), "errors": error.messages, "fields": fields})


def changeable(request, getter, pk, permission=None):
    """The row `getter` gives the caller (else 404) that the caller may change, and hold
    `permission` for when one is named (else 403)."""
    row = getter(request.user, pk)
    if not scope.can(request.user, row, "change") or (
        permission and not request.user.has_perm(permission)
    ):
        raise HttpError(403, _("You may not change this record."))
    return row


def unit(request, code, model=None):
    """The unit `code` the caller sees (else 404) and, with `model`, may add such rows in
    (else 403)."""
    found = scope.scoped(request.user, Unit).filter(code=code).first()
    if found is None:
        raise Http404
    if (
        model is not None
        and not scope.writable_anchor(request.user, model, "add").filter(pk=found.pk).exists()
    ):
        raise HttpError(403, _("You may not record this in the chosen unit."))
    return found
