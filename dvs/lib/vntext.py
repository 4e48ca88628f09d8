"""Vietnamese text helpers: NFC normalisation, accent folding and name sort keys.

Pure functions, no Django: tested with SimpleTestCase-style unit tests.
"""

import re
import unicodedata
from functools import lru_cache

# The Vietnamese alphabet (dictionary order), with đ its own letter after d.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone order used by dictionaries and ICU: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a different letter (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


# Characters no text we keep should hold: control characters (C0 but tab, line feed and
# carriage return; DEL; C1), which also break XLSX and DOCX files, and invisible ones
# that hide a name from search or reorder what a reader sees: zero-width space, joiners
# and marks (U+200B-U+200F), word joiner and invisible operators (U+2060-U+2064), the
# byte-order mark, the Arabic letter mark and the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069). (Not the soft hyphen U+00AD: in TCVN3 text
# still to be converted it stands for "ư".)
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def clean_text(value, multiline=False):
    """Text from outside (a form, the API, a spreadsheet cell) as we store it: NFC,
    without control or invisible characters, trimmed. A single line has its runs of
    white space (tabs, line breaks) folded to one space; multi-line text keeps its line
    breaks (as "\n") and tabs."""
    if value is None:
        return ""
    text = _UNSAFE.sub("", str(value))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return unicodedata.normalize("NFC", text).strip()
    return " ".join(unicodedata.normalize("NFC", text).split())


def nfc(text):
    """Normalise to NFC and trim, folding runs of white space (and dropping control and
    invisible characters: `clean_text`), for names, keys and spreadsheet cells."""
    return clean_text(text)


def fold(text):
    """Accent-insensitive search key: lower case, no marks, đ → d."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


@lru_cache(maxsize=4096)
def _split_letter(char):
    """Split one NFC character into (base letter with its letter marks, tone mark)."""
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    letter_marks = "".join(m for m in decomposed[1:] if m in _LETTER_MARKS)
    tone = "".join(m for m in decomposed[1:] if m in _TONE_RANK)
    return unicodedata.normalize("NFC", base + letter_marks), tone


def _letter_code(letter):
    if letter in _LETTER_RANK:
        return 10 + _LETTER_RANK[letter]
    if letter.isdecimal():  # not "²": isdigit() but int() refuses it
        return 50 + int(letter)
    return 99


@lru_cache(maxsize=65536)  # names repeat: imports of 100,000 rows reuse a few thousand words
def _encode(word):
    """Digits only, so that every database collation orders the keys alike.

    Each letter is two digits (10-99), "00" ends the letters so a shorter word sorts
    first, then one digit per tone: letters decide first, tones only break ties.
    """
    letters, tones = [], []
    for char in nfc(word).lower():
        letter, tone = _split_letter(char)
        letters.append(f"{_letter_code(letter):02d}")
        tones.append(str(1 + _TONE_RANK.get(tone, 0)))
    return "".join(letters) + "00" + "".join(tones)


def sort_key(text):
    """A key that sorts text the Vietnamese way, word by word."""
    return "0".join(_encode(word) for word in nfc(text).split())


def name_sort_key(full_name):
    """Person names sort by given name (last word), then middle names, then family name."""
    words = nfc(full_name).split()
    if len(words) > 1:
        words = [words[-1], *words[1:-1], words[0]]
    return "0".join(_encode(word) for word in words)


# Letters that fold to the same ASCII letter, adjacent in the alphabet (a ă â, d đ, …).
_VARIANTS = {"a": "aăâ", "d": "dđ", "e": "eê", "o": "oôơ", "u": "uư"}


def sort_key_bounds(folded_word):
    """The range of sort keys of words whose letters start like `folded_word` (no marks):
    "tuan" spans "tuan…" to "tưân…", since each folded letter stands for its variants.
    Returns (low, high) with low <= key < high for every such word's key."""
    low = "".join(f"{_letter_code(_VARIANTS.get(c, c)[0]):02d}" for c in folded_word)
    high = "".join(f"{_letter_code(_VARIANTS.get(c, c)[-1]):02d}" for c in folded_word)
    return low, high + "~"
