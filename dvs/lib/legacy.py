"""Vietnamese text in pre-Unicode encodings: detection and conversion to Unicode NFC.

Before Unicode (roughly until the mid-2000s, and still today in many ward and
neighbourhood offices) Vietnamese was typed with 8-bit "font encodings": the bytes were
ordinary Windows-1252 bytes and only a special font drew them as Vietnamese letters.
Spreadsheets made that way still circulate.  Opened in Excel without the font, or read by
an .xlsx/.csv reader, their cells are Unicode strings full of Latin-1-looking characters.
Two encodings account for almost all of them:

TCVN3 ("ABC", fonts .VnTime, .VnArial, ...), the VN3 table of TCVN 5712:1993, dominant in
    the north and in government offices.  One byte per letter: each toned lower-case vowel
    has its own byte in 0xA1-0xFE, e.g. "Xin chµo" is "Xin chào".  The only capitals with
    their own bytes are Ă Â Ê Ô Ơ Ư Đ; the toned capitals live in a second font (.VnTimeH,
    .VnArialH, ...) that draws the lower-case bytes as capitals.  The font is not in the
    cell text, so such capitals are guessed from the rest of the cell (see
    ``tcvn3_to_unicode``).
VNI ("VNI-Windows", fonts VNI-Times, VNI-Helve, ...), dominant in the south and overseas.
    A vowel is its base letter followed by one mark byte (tone, ă/â/ê/ô modifier, or both
    in one byte), e.g. "chaøo" is "chào"; a few letters (đ ư ơ and some of i, y) are single
    bytes, e.g. "Ñ" is Đ, "ö" is ư, "ò" is ị.  Capitals use capital mark bytes: "AØ" is À.

``detect`` guesses a column's encoding, ``to_unicode`` converts one string and
``convert_column`` does both for a spreadsheet column.  Pure functions, no Django.
"""

import re
import string
import unicodedata
from collections.abc import Iterable

UNICODE = "unicode"
TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (UNICODE, TCVN3, VNI)

# Combining marks, named after the Vietnamese tones they write.
_GRAVE = "\u0300"  # huyền
_HOOK = "\u0309"  # hỏi
_TILDE = "\u0303"  # ngã
_ACUTE = "\u0301"  # sắc
_DOT = "\u0323"  # nặng
_TONES = frozenset((_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT))
# Marks that make a different letter rather than a tone: â ê ô, ă, ơ ư.
_CIRCUMFLEX = "\u0302"
_BREVE = "\u0306"
_HORN = "\u031b"
_LETTER_MARKS = frozenset((_CIRCUMFLEX, _BREVE, _HORN))
_VOWELS = frozenset("aeiouyAEIOUY")


def _nfc(text):
    return unicodedata.normalize("NFC", text)


# --- Words and syllables ---------------------------------------------------------------

# Words are split at white space, digits and punctuation.  No TCVN3 or VNI letter is ASCII
# punctuation, and the cp1252 dashes and quotes split words in every encoding.
_WORD_SEPARATORS = re.compile(
    "[\\s\\d" + re.escape(string.punctuation) + "\u2013\u2014\u2018\u2019\u201c\u201d\u2026]+"
)

# A Vietnamese syllable without its tone: an optional initial consonant, then a rhyme.
# Some vowel groups end the syllable (their last vowel is a glide: "ai", "ươu"), some may
# take a final consonant ("o", "on"), and some must ("ă", "ươ").  Looser than the real
# phonotactics: it only has to tell Vietnamese from the letter salad of a wrong decoding.
# ("oo", as in the loan word "xoong", is left out on purpose: VNI's "oâ" for ô reads as
# "oõ" in TCVN3, and accepting it made those two hard to tell apart.)
_INITIALS = "ngh ng gh gi kh nh ph qu th tr ch b c d đ g h k l m n p r s t v x"
_OPEN_GROUPS = (
    "y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua uơ ui ưa ưi ưu "
    "iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu"
)
_FREE_GROUPS = "a e ê i o ô ơ u ư oa oe uê uy"
_CLOSED_GROUPS = "ă â oă uâ iê yê uô ươ uyê"
_FINALS = "ch ng nh c m n p t"
# After a stop consonant only the sắc and nặng tones are possible ("tát", "tạt", never "tàt").
_STOP_FINALS = ("c", "ch", "p", "t")
_STOP_TONES = frozenset((_ACUTE, _DOT))
_MARKED_VOWELS = "ăâêôơư"
# Groups whose tone is written on either vowel: "hoà" and "hòa" are both in use.
_EITHER_STYLE = ("oa", "oe", "uy")


def _either(words):
    """A regex group matching any one of the space-separated ``words``."""
    return "(?:" + "|".join(words.split()) + ")"


_FINAL = _either(_FINALS)
_RHYME = "|".join(
    (_either(_OPEN_GROUPS), _either(_FREE_GROUPS) + _FINAL + "?", _either(_CLOSED_GROUPS) + _FINAL)
)
# The look-ahead checks the rhyme; the groups then name its vowels for the tone check.
_SYLLABLE = re.compile(
    f"{_either(_INITIALS)}?(?=(?:{_RHYME})\\Z)(?P<vowels>[aăâeêioôơuưy]+)(?P<final>[a-z]*)"
)


def _tone_position(vowels, *, closed):
    """Index in ``vowels`` that carries the tone, or None if either of two may."""
    marked = [index for index, vowel in enumerate(vowels) if vowel in _MARKED_VOWELS]
    if marked:
        return marked[-1]  # ươ takes it on the ơ
    if closed or len(vowels) == 1:
        return len(vowels) - 1
    if len(vowels) == 3:
        return 1  # oai, uya, oeo, ...
    return None if vowels in _EITHER_STYLE else 0


def _is_syllable(word):
    """Whether ``word`` is spelled like one Vietnamese syllable.

    Checks the letters (see ``_SYLLABLE``), the case (lower, Capitalised or CAPITALS), at
    most one tone, the tone allowed after a stop consonant, and the vowel carrying it.
    """
    if not (word.islower() or word.isupper() or word[1:].islower()):
        return False
    letters, tones = [], []
    for char in word.lower():
        decomposed = unicodedata.normalize("NFD", char)
        letters.append(_nfc("".join(mark for mark in decomposed if mark not in _TONES)))
        tones.extend((len(letters) - 1, mark) for mark in decomposed if mark in _TONES)
    toneless = "".join(letters)
    match = _SYLLABLE.fullmatch(toneless)
    if match is None or len(tones) > 1:
        return False
    if not tones:
        return not toneless.endswith(_STOP_FINALS)
    index, tone = tones[0]
    if toneless.endswith(_STOP_FINALS) and tone not in _STOP_TONES:
        return False
    vowels = match.group("vowels")
    offset = index - match.start("vowels")
    expected = _tone_position(vowels, closed=bool(match.group("final")))
    return 0 <= offset < len(vowels) and (expected is None or offset == expected)


def _words(text):
    return [word for word in _WORD_SEPARATORS.split(text) if word]


# --- TCVN3 -----------------------------------------------------------------------------

# Each toned vowel row: the letters with huyền, hỏi, ngã, sắc, nặng, and their TCVN3 bytes.
# The bytes of 0xA0-0xFF not used here (0xA0, 0xAF-0xB4, 0xBA, 0xBF-0xC5, 0xCD,
# 0xD9-0xDB, 0xE0, 0xF0) hold toned capitals and combining tones in the fuller VN1 table
# of the same standard, as does 0x80-0x9F; VN3, the table of the .VnTime fonts, has none.
_TCVN3_TONED_ROWS = (
    ("àảãáạ", (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ằẳẵắặ", (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("ầẩẫấậ", (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("èẻẽéẹ", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ềểễếệ", (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("ìỉĩíị", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("òỏõóọ", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ồổỗốộ", (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ờởỡớợ", (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("ùủũúụ", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ừửữứự", (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("ỳỷỹýỵ", (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
)
# Letters with a byte of their own in both cases, from 0xA1 on.  0xAD (ư) is the byte
# Latin-1 calls SOFT HYPHEN, which most programs show as nothing at all.
_TCVN3_CAPITALS = "ĂÂÊÔƠƯĐ"
_TCVN3_SMALL = "ăâêôơưđ"

#: TCVN3 byte value -> the Vietnamese letter it encodes.
TCVN3_BYTES: dict[int, str] = {
    **{0xA1 + i: letter for i, letter in enumerate(_TCVN3_CAPITALS + _TCVN3_SMALL)},
    **{
        byte: letter
        for row, codes in _TCVN3_TONED_ROWS
        for letter, byte in zip(row, codes, strict=True)
    },
}


def _byte_as_read(byte):
    """The characters a reader may show for one byte: its Latin-1 and its cp1252 reading.

    The two differ only for 0x80-0x9F (Latin-1 control characters vs "€", "‚", "ƒ" ...).
    VN3 assigns nothing there, so today this only matters in principle; it keeps the
    table correct should a byte in that range ever be added.
    """
    readings = {bytes([byte]).decode("latin-1")}
    try:
        readings.add(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D have no cp1252 character
        pass
    return readings


#: Character as an .xlsx/.csv reader shows it -> the Vietnamese letter.
TCVN3_CHARS: dict[str, str] = {
    char: letter for byte, letter in TCVN3_BYTES.items() for char in _byte_as_read(byte)
}
_TCVN3_CAPITAL_CHARS = frozenset(char for char, letter in TCVN3_CHARS.items() if letter.isupper())
# Lower-case letters whose capital has no TCVN3 byte: the toned vowels.
_TCVN3_NO_CAPITAL = frozenset(
    char for char, letter in TCVN3_CHARS.items() if letter.upper() not in TCVN3_BYTES.values()
)
_NON_SPACE = re.compile(r"\S+")


def _looks_like_capitals_font(text):
    """Whether a TCVN3 cell was most likely typed in a capitals font (.VnTimeH).

    Such a cell stores toned capitals as the lower-case bytes ("NGUYÔN" is NGUYỄN), so
    the font must be guessed: no ASCII lower-case letter anywhere, and at least one word
    of two or more capitals that reads as a Vietnamese syllable in capitals ("PHAN",
    "NGUYÔN"; not an abbreviation such as "CMND").  In "Sè CMND" or a lone "Hå" the
    lower-case reading is kept: Số, Hồ in the normal font (HỒ in .VnTimeH is the same).
    """
    if any("a" <= char <= "z" for char in text):
        return False
    for word in _words(text):
        capitals = sum(1 for char in word if "A" <= char <= "Z" or char in _TCVN3_CAPITAL_CHARS)
        in_capitals = "".join(TCVN3_CHARS.get(char, char) for char in word).upper()
        if capitals >= 2 and _is_syllable(in_capitals):
            return True
    return False


def _capitalise_title_case_words(text, letters):
    """Capitalise words stored with a lower-case toned vowel first in a title-case cell.

    The normal font has no toned capitals, so "Vũ Ngọc Ánh" or "Ấp Bắc" could only be
    typed as "Vò Ngäc ¸nh", "Êp B¾c".  When every other word of the cell starts with a
    capital, such a word is taken to be capitalised too.  ``letters`` is the converted
    text, one entry per character of ``text``, and is changed in place.
    """
    starts = [word.start() for word in _NON_SPACE.finditer(text) if letters[word.start()].isalpha()]
    lower_case = [start for start in starts if text[start] in _TCVN3_NO_CAPITAL]
    others = [start for start in starts if text[start] not in _TCVN3_NO_CAPITAL]
    if lower_case and others and all(letters[start].isupper() for start in others):
        for start in lower_case:
            letters[start] = letters[start].upper()


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC, .VnTime) text, as an .xlsx/.csv reader shows it, to Unicode NFC.

    Capitals that TCVN3 cannot store are guessed from the rest of the cell: see
    ``_looks_like_capitals_font`` and ``_capitalise_title_case_words``.
    """
    capitals_font = _looks_like_capitals_font(text)
    letters = []
    for char in text:
        letter = TCVN3_CHARS.get(char, char)
        letters.append(letter.upper() if capitals_font and char in TCVN3_CHARS else letter)
    if not capitals_font:
        _capitalise_title_case_words(text, letters)
    return _nfc("".join(letters))


# --- VNI -------------------------------------------------------------------------------

# Mark characters that follow a base vowel: character -> (letter mark, tone).  A
# circumflex goes on a, e or o; a breve only on a; a tone on any vowel.  Capital letters
# take the capital form of the same mark ("AØ" is À), added below.
_VNI_MARKS_SMALL = {
    # Tone alone.
    "ø": ("", _GRAVE),
    "û": ("", _HOOK),
    "õ": ("", _TILDE),
    "ù": ("", _ACUTE),
    "ï": ("", _DOT),
    # Circumflex (â ê ô), alone or with a tone.
    "â": (_CIRCUMFLEX, ""),
    "à": (_CIRCUMFLEX, _GRAVE),
    "å": (_CIRCUMFLEX, _HOOK),
    "ã": (_CIRCUMFLEX, _TILDE),
    "á": (_CIRCUMFLEX, _ACUTE),
    "ä": (_CIRCUMFLEX, _DOT),
    # Breve (ă), alone or with a tone.
    "ê": (_BREVE, ""),
    "è": (_BREVE, _GRAVE),
    "ú": (_BREVE, _HOOK),
    "ü": (_BREVE, _TILDE),
    "é": (_BREVE, _ACUTE),
    "ë": (_BREVE, _DOT),
}
#: VNI mark character -> (combining letter mark or "", combining tone or "").
VNI_MARKS: dict[str, tuple[str, str]] = {
    **_VNI_MARKS_SMALL,
    **{char.upper(): marks for char, marks in _VNI_MARKS_SMALL.items()},
}

# Letters VNI writes as one byte.  ơ and ư are single bytes that may then take a tone mark
# ("öø" is ừ).  Of the toned i's, ì and í are the Latin-1 letters themselves; the other
# three, and ỵ, borrow unrelated Latin-1 letters.
_VNI_LETTERS_SMALL = {
    "ñ": "đ",
    "ô": "ơ",
    "ö": "ư",
    "ì": "ì",
    "í": "í",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}
#: VNI single-byte letter -> the Vietnamese letter.
VNI_LETTERS: dict[str, str] = {
    **_VNI_LETTERS_SMALL,
    **{char.upper(): letter.upper() for char, letter in _VNI_LETTERS_SMALL.items()},
}


def _add_vni_marks(previous, letter_mark, tone):
    """``previous`` with the marks added, or None if VNI never writes them on that letter."""
    decomposed = unicodedata.normalize("NFD", previous)
    base, marks = decomposed[0], decomposed[1:]
    if base not in _VOWELS:
        return None
    if tone and any(mark in _TONES for mark in marks):
        return None
    if letter_mark:
        allowed = "aeo" if letter_mark == _CIRCUMFLEX else "a"
        if base.lower() not in allowed or any(mark in _LETTER_MARKS for mark in marks):
            return None
    return _nfc(base + marks + letter_mark + tone)


def vni_to_unicode(text: str) -> str:
    """Convert VNI (VNI-Windows, VNI-Times) text, as a reader shows it, to Unicode NFC."""
    letters = []
    for char in text:
        marks = VNI_MARKS.get(char)
        if marks is not None and letters:
            marked = _add_vni_marks(letters[-1], *marks)
            if marked is not None:
                letters[-1] = marked
                continue
        letters.append(VNI_LETTERS.get(char, char))
    return _nfc("".join(letters))


# --- Detection -------------------------------------------------------------------------

# Every character a legacy cell can hold: Latin-1 plus the cp1252 readings of 0x80-0x9F.
# A word with anything else (ễ, ư, đ as real Unicode letters) is already Unicode.
_LEGACY_RANGE = frozenset(char for byte in range(256) for char in _byte_as_read(byte))
_VNI_CHARS = frozenset(VNI_MARKS) | frozenset(VNI_LETTERS)
# Characters only one of the two encodings uses: the tie-breaker between them.
_TCVN3_ONLY = frozenset(TCVN3_CHARS) - _VNI_CHARS
_VNI_ONLY = _VNI_CHARS - frozenset(TCVN3_CHARS)


def detect(texts: Iterable[str]) -> str:
    """Guess the encoding of a column of cells: ``"unicode"``, ``"tcvn3"`` or ``"vni"``.

    Only words with a non-ASCII character count: ASCII text reads the same in all three,
    and numbers, dates and empty cells (strings or not) are skipped.  Each encoding scores
    one point per such word that reads as a Vietnamese syllable in it: as it stands for
    Unicode, after conversion for the legacy ones.  A word holding a character no legacy
    cell can contain scores for Unicode only.  A legacy encoding must beat Unicode outright;
    a tie between the two legacy ones goes to the one with more characters of its own.
    """
    if isinstance(texts, str):
        texts = [texts]
    scores = dict.fromkeys(ENCODINGS, 0)
    own_chars = dict.fromkeys((TCVN3, VNI), 0)
    for text in texts:
        if not isinstance(text, str):
            continue
        for word in _words(text):
            if word.isascii():
                continue
            scores[UNICODE] += _is_syllable(word)
            if not set(word) <= _LEGACY_RANGE:
                continue
            scores[TCVN3] += _is_syllable(tcvn3_to_unicode(word))
            scores[VNI] += _is_syllable(vni_to_unicode(word))
            own_chars[TCVN3] += sum(1 for char in word if char in _TCVN3_ONLY)
            own_chars[VNI] += sum(1 for char in word if char in _VNI_ONLY)

    best = max(
        (TCVN3, VNI),
        key=lambda encoding: (scores[encoding], own_chars[encoding], encoding == TCVN3),
    )
    return best if scores[best] > scores[UNICODE] else UNICODE


def to_unicode(text: str, encoding: str) -> str:
    """Convert ``text`` from ``encoding`` (one of ``ENCODINGS``) to Unicode NFC."""
    if encoding == TCVN3:
        return tcvn3_to_unicode(text)
    if encoding == VNI:
        return vni_to_unicode(text)
    if encoding == UNICODE:
        return _nfc(text)
    raise ValueError(f"unknown encoding {encoding!r}, expected one of {ENCODINGS}")


def convert_column(texts: Iterable[str]) -> tuple[str, list]:
    """Detect a column's encoding and convert its cells: ``(encoding, converted cells)``.

    Values that are not strings (numbers, dates, None) are returned unchanged.  A cell
    with real Unicode Vietnamese letters is only normalised, never decoded: a column
    half-converted by hand keeps its converted half.
    """
    cells = [texts] if isinstance(texts, str) else list(texts)
    encoding = detect(cells)
    converted = []
    for cell in cells:
        if not isinstance(cell, str):
            converted.append(cell)
        elif set(cell) <= _LEGACY_RANGE:
            converted.append(to_unicode(cell, encoding))
        else:
            converted.append(_nfc(cell))
    return encoding, converted
