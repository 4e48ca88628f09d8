"""The rules of reports as plain functions: no database, tested directly."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dvs.lib.vntext import clean_text

END_BEFORE_START = _("The end of a report period cannot be before its start.")
DUE_BEFORE_START = _("Reports cannot be due before the period starts.")
NOT_A_NUMBER = _("“%(name)s” takes a whole number, not “%(value)s”.")
NEGATIVE = _("“%(name)s” is a count and cannot be negative.")
NUMBER_IN_TEXT = _("“%(name)s” takes a written account, not just a number.")
NOTE_REQUIRED = _("“%(name)s”: say why the computed figure %(computed)s was corrected.")
ALREADY_SUBMITTED = _(
    "This report was already submitted on %(when)s; it cannot be submitted again."
)
NOT_SUBMITTED = _("Only a submitted report can be accepted or returned.")
RETURN_NEEDS_COMMENT = _("Say what must be changed when returning a report.")
NOT_EDITABLE = _("A submitted or accepted report can no longer be changed.")
MAY_NOT_FILL = _("You may not fill this unit's report.")
MAY_NOT_REVIEW = _("You may not accept or return this report.")
MAY_NOT_COMPILE = _("You may not compile the review report of this unit.")
UNKNOWN_SECTION = _("The review report has no section %(keys)s.")
UNKNOWN_CODE = _(
    "Section “%(title)s” names indicator %(code)s, which the template does not define."
)
UNKNOWN_COMPUTED = _("No capability computes an indicator with code %(code)s.")
DUPLICATE_CODE = _("Indicator code %(code)s is defined twice.")

_NUMBER_ONLY = re.compile(r"^\s*[-+]?[\d.,\s]+\s*$")


def check_period_dates(start, end):
    if end < start:
        raise ValidationError(END_BEFORE_START)


def parse_count(name, raw):
    """A count from a form or the API: None when empty, else a whole number ≥ 0."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool) or isinstance(raw, float) and not raw.is_integer():
        raise ValidationError(NOT_A_NUMBER, params={"name": name, "value": raw})
    text = str(raw).strip().replace(".", "").replace(" ", "") if isinstance(raw, str) else raw
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise ValidationError(NOT_A_NUMBER, params={"name": name, "value": raw}) from None
    if value < 0:
        raise ValidationError(NEGATIVE, params={"name": name})
    return value


def check_text(name, text):
    """A narrative cell as stored (clean_text: NFC, no control or invisible characters);
    one holding only a number was meant for an indicator."""
    text = clean_text(text, multiline=True)
    if text and _NUMBER_ONLY.match(text) and any(c.isdigit() for c in text):
        raise ValidationError(NUMBER_IN_TEXT, params={"name": name})
    return text


def check_correction(name, computed, value, note):
    if computed is not None and value is not None and value != computed and not note.strip():
        raise ValidationError(NOTE_REQUIRED, params={"name": name, "computed": computed})


def split_codes(text):
    return [code.strip() for code in re.split(r"[\s,;]+", text or "") if code.strip()]


def check_template(indicator_codes, sections):
    """`sections`: (title, kind, indicator codes text) of each section."""
    seen = set()
    for code in indicator_codes:
        if code in seen:
            raise ValidationError(DUPLICATE_CODE, params={"code": code})
        seen.add(code)
    for title, _kind, codes in sections:
        for code in split_codes(codes):
            if code not in seen:
                raise ValidationError(UNKNOWN_CODE, params={"title": title, "code": code})


def check_indicator_source(code, source):
    from .registry import computed_indicators

    if source == "computed" and code not in computed_indicators():
        raise ValidationError(UNKNOWN_COMPUTED, params={"code": code})


def change(current, previous):
    """(difference, percentage or None) of a figure against the previous period."""
    if current is None or previous is None:
        return None, None
    difference = current - previous
    return difference, (round(100 * difference / previous, 1) if previous else None)
