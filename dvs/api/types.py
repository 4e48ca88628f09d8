"""Input types shared by every API schema.

Text from a client is stored as the back office's forms store it
(`dvs.lib.vntext.clean_text`): NFC, without control or invisible characters. Every
input schema declares its text fields with these types instead of `str`.
"""

from functools import partial
from typing import Annotated

from pydantic import AfterValidator

from dvs.lib.vntext import clean_text

# One line: a name, a code, a phone number (runs of white space folded to one space).
CleanStr = Annotated[str, AfterValidator(clean_text)]
# Several lines: a description, a note (line breaks and tabs kept).
CleanText = Annotated[str, AfterValidator(partial(clean_text, multiline=True))]
