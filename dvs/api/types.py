"""Input types shared by every API schema.

Text from a client is stored as the back office's forms store it
(`dvs.lib.vntext.clean_text`): NFC, without control or invisible characters. Every
input schema declares its text fields with these types instead of `str`.
"""

import datetime
import re
from functools import partial
from typing import Annotated

from django.utils.translation import gettext_lazy
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from dvs.lib.vntext import clean_text

# One line: a name, a code, a phone number (runs of white space folded to one space).
CleanStr = Annotated[str, AfterValidator(clean_text)]
# Several lines: a description, a note (line breaks and tabs kept).
CleanText = Annotated[str, AfterValidator(partial(clean_text, multiline=True))]


def _iso_date(value):
    """A date as the API takes it: the text YYYY-MM-DD and nothing else. Pydantic alone
    would also take numbers and numeric text as Unix timestamps (0 is 01/01/1970) and
    "2026-03-01T00:00" as a date; the API refuses them instead of guessing."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass  # no such day (2026-02-30): the same answer as any unreadable text
    raise PydanticCustomError("iso_date", str(ISO_DATE_INVALID))


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ISO_DATE_INVALID = gettext_lazy("Enter the date as YYYY-MM-DD, for example 2026-03-01.")
# Every date an API client sends (bodies and query parameters). Dates the API returns are
# ISO too; times carry the platform's offset, +07:00 (dvs.api.api.LocalTimeRenderer).
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
