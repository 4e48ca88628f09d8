"""The arithmetic and checks of the movement, free of the database: tested on their own.

Messages are the ones users read (Vietnamese through gettext), so callers pass them on.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TWO_PLACES = Decimal("0.01")


def indicator_number(value, *, label, whole=False, allows_negative=False):
    """An indicator value as a Decimal (None when blank), or ValidationError saying why not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("The value of “%(name)s” must be a number.") % {"name": label})
    try:
        number = Decimal(str(value).strip().replace(",", ".") if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(
            _("The value of “%(name)s” must be a number.") % {"name": label}
        ) from None
    if not number.is_finite():
        raise ValidationError(_("The value of “%(name)s” must be a number.") % {"name": label})
    if number < 0 and not allows_negative:
        raise ValidationError(_("The value of “%(name)s” cannot be negative.") % {"name": label})
    if whole and number != number.to_integral_value():
        raise ValidationError(
            _("The value of “%(name)s” must be a whole number.") % {"name": label}
        )
    return number.quantize(TWO_PLACES)


def check_score(value, *, label, max_score):
    """A criterion's score as a Decimal between 0 and `max_score`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(_("Give a score for “%(name)s”.") % {"name": label})
    try:
        score = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(
            _("The score for “%(name)s” must be a number.") % {"name": label}
        ) from None
    if not score.is_finite() or score < 0 or score > Decimal(max_score):
        raise ValidationError(
            _("The score for “%(name)s” must be between 0 and %(max)s.")
            % {"name": label, "max": _plain(max_score)}
        )
    return score.quantize(TWO_PLACES)


def weighted_total(scores):
    """The total out of 100 of (score, max_score, weight) triples: each score as a share
    of its maximum, weighted."""
    scores = list(scores)
    weights = sum(Decimal(weight) for _s, _m, weight in scores)
    if not weights:
        return Decimal("0.00")
    points = sum(
        Decimal(score) / Decimal(maximum) * Decimal(weight) for score, maximum, weight in scores
    )
    return (points / weights * 100).quantize(TWO_PLACES)


def competition_ranks(values):
    """Ranks of values sorted best first, ties sharing a rank: 90, 85, 85, 80 → 1, 2, 2, 4."""
    ranks, previous = [], object()
    for position, value in enumerate(values, start=1):
        ranks.append(ranks[-1] if value == previous else position)
        previous = value
    return ranks


def check_recognition_date(decision_date, started_on, today=None):
    if started_on and decision_date < started_on:
        raise ValidationError(
            _("The decision date (%(date)s) is before the exemplar started (%(start)s).")
            % {"date": decision_date.strftime("%d/%m/%Y"), "start": started_on.strftime("%d/%m/%Y")}
        )
    if today and decision_date > today:
        raise ValidationError(_("The decision date is in the future."))


def _plain(number):
    """10.00 → "10", 7.50 → "7.5"."""
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
