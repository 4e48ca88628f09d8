import unicodedata
from datetime import date

from django.test import SimpleTestCase

from dvs.lib.legacy import (
    TCVN3_BYTES,
    VNI_LETTERS,
    VNI_MARKS,
    convert_column,
    detect,
    tcvn3_to_unicode,
    to_unicode,
    vni_to_unicode,
)

# --- Encoders: the inverse of the module's tables, to build legacy text from real text. ---

_TCVN3_ENCODE = {letter: bytes([byte]).decode("latin-1") for byte, letter in TCVN3_BYTES.items()}
_VNI_LETTER_ENCODE = {letter: char for char, letter in VNI_LETTERS.items()}
_VNI_MARK_ENCODE = {(*marks, char.isupper()): char for char, marks in VNI_MARKS.items()}
_TONES = {"\u0300", "\u0309", "\u0303", "\u0301", "\u0323"}


def tcvn3_encode(text):
    """Unicode -> TCVN3 as a reader shows it.

    Toned capitals have no byte of their own: they take the lower-case one, as text typed
    in a .VnTimeH capitals font does.
    """
    encoded = []
    for char in unicodedata.normalize("NFC", text):
        encoded.append(_TCVN3_ENCODE.get(char) or _TCVN3_ENCODE.get(char.lower(), char))
    return "".join(encoded)


def _vni_encode_letter(char):
    if char in _VNI_LETTER_ENCODE:
        return _VNI_LETTER_ENCODE[char]
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not marks:
        return char
    tone = "".join(mark for mark in marks if mark in _TONES)
    letter_mark = "".join(mark for mark in marks if mark not in _TONES)
    if letter_mark == "\u031b":  # ơ and ư are letters of their own in VNI; only the tone follows
        base = _VNI_LETTER_ENCODE[unicodedata.normalize("NFC", base + letter_mark)]
        letter_mark = ""
    return base + _VNI_MARK_ENCODE[(letter_mark, tone, char.isupper())]


def vni_encode(text):
    """Unicode -> VNI as a reader shows it."""
    return "".join(_vni_encode_letter(char) for char in unicodedata.normalize("NFC", text))


# Every Vietnamese letter: the vowels in all six tones, then the consonants.
_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
ALL_SMALL_LETTERS = [
    unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in _TONE_MARKS
] + list("bcdđghklmnpqrstvx")

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Dũng",
    "Phạm Thị Thuỳ Dương",
    "Huỳnh Đức Thắng",
    "Đỗ Quang Huy",
    "Vũ Ngọc Ánh",
    "Bùi Thị Hương",
    "Hồ Sỹ Quyết",
    "Ngô Bảo Châu",
]
SENTENCES = [
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Tổ dân phố số 5, phường Quang Trung",
    "Uỷ ban nhân dân quận Đống Đa, thành phố Hà Nội",
    "Người nhận: ông Trương Quốc Khánh; điện thoại 0912 345 678",
    "Khuỷu tay, khuya khoắt, nguệch ngoạc, thuở ấy, rượu, giữa, quyển",
]


class TableTests(SimpleTestCase):
    def test_tcvn3_has_every_small_letter_and_the_seven_capitals_with_own_bytes(self):
        letters = set(TCVN3_BYTES.values())
        non_ascii = {letter for letter in ALL_SMALL_LETTERS if not letter.isascii()}
        self.assertEqual(letters, non_ascii | set("ĂÂÊÔƠƯĐ"))
        self.assertEqual(len(TCVN3_BYTES), 74)  # no letter has two bytes
        self.assertTrue(all(0xA1 <= byte <= 0xFE for byte in TCVN3_BYTES))

    def test_tcvn3_handwritten_samples(self):
        samples = {
            "Xin chµo tÊt c¶": "Xin chào tất cả",
            "NguyÔn V¨n An": "Nguyễn Văn An",
            "§Æng ThÞ Hoa": "Đặng Thị Hoa",
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam": "Cộng hoà xã hội chủ nghĩa Việt Nam",
            "§éc lËp - Tù do - H¹nh phóc": "Độc lập - Tự do - Hạnh phúc",
            "Tæ d©n phè sè 5": "Tổ dân phố số 5",
            "Hå ChÝ Minh": "Hồ Chí Minh",
            "Ngµy sinh": "Ngày sinh",
            "Giê": "Giờ",
            # ư is byte 0xAD, which Latin-1 calls SOFT HYPHEN.
            "Tr\xadêng": "Trường",
            "Kü thuËt": "Kỹ thuật",
            "¡n uèng": "Ăn uống",
        }
        for legacy, expected in samples.items():
            with self.subTest(legacy=legacy):
                self.assertEqual(tcvn3_to_unicode(legacy), expected)

    def test_vni_handwritten_samples(self):
        samples = {
            "Nguyeãn Vaên An": "Nguyễn Văn An",
            "Ñaëng Thò Hoa": "Đặng Thị Hoa",
            "Xin chaøo taát caû": "Xin chào tất cả",
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam": "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Ñòa chæ": "Địa chỉ",
            "Ñieän thoaïi": "Điện thoại",
            "Tröôøng": "Trường",
            "Hoà Chí Minh": "Hồ Chí Minh",
            "Kyõ thuaät": "Kỹ thuật",
            "Thuî": "Thuỵ",
            "Aên uoáng": "Ăn uống",
        }
        for legacy, expected in samples.items():
            with self.subTest(legacy=legacy):
                self.assertEqual(vni_to_unicode(legacy), expected)

    def test_vni_capitals_use_capital_marks(self):
        self.assertEqual(vni_to_unicode("NGUYEÃN VAÊN AN"), "NGUYỄN VĂN AN")
        self.assertEqual(vni_to_unicode("ÑÒA CHÆ"), "ĐỊA CHỈ")
        self.assertEqual(vni_to_unicode("TRÖÔØNG ÑAÏI HOÏC"), "TRƯỜNG ĐẠI HỌC")


class RoundTripTests(SimpleTestCase):
    def test_every_small_letter_round_trips_through_tcvn3(self):
        for letter in ALL_SMALL_LETTERS:
            with self.subTest(letter=letter):
                encoded = tcvn3_encode(letter)
                self.assertEqual(len(encoded), 1)
                self.assertEqual(tcvn3_to_unicode(encoded), letter)

    def test_capitals_with_their_own_tcvn3_bytes_round_trip(self):
        for letter in "ĂÂÊÔƠƯĐ" + "BCDGHKLMNPQRSTVX":
            with self.subTest(letter=letter):
                self.assertEqual(tcvn3_to_unicode(tcvn3_encode(letter)), letter)

    def test_every_letter_round_trips_through_vni_in_both_cases(self):
        for small in ALL_SMALL_LETTERS:
            for letter in (small, small.upper()):
                with self.subTest(letter=letter):
                    self.assertEqual(vni_to_unicode(vni_encode(letter)), letter)

    def test_names_and_sentences_round_trip(self):
        for text in NAMES + SENTENCES:
            with self.subTest(text=text):
                self.assertEqual(tcvn3_to_unicode(tcvn3_encode(text)), text)
                self.assertEqual(vni_to_unicode(vni_encode(text)), text)

    def test_encoders_agree_with_handwritten_samples(self):
        self.assertEqual(tcvn3_encode("Nguyễn Văn An"), "NguyÔn V¨n An")
        self.assertEqual(tcvn3_encode("Đặng Thị Hoa"), "§Æng ThÞ Hoa")
        self.assertEqual(vni_encode("Nguyễn Văn An"), "Nguyeãn Vaên An")
        self.assertEqual(vni_encode("Trường"), "Tröôøng")


class CapitalsTests(SimpleTestCase):
    def test_tcvn3_capitals_font_words_come_out_in_capitals(self):
        # .VnTimeH draws the lower-case bytes as capitals: NGUYỄN is stored as "NGUYÔN".
        self.assertEqual(tcvn3_to_unicode("NGUYÔN V¡N AN"), "NGUYỄN VĂN AN")
        self.assertEqual(tcvn3_to_unicode("TRÇN THÞ HOA"), "TRẦN THỊ HOA")
        self.assertEqual(tcvn3_to_unicode("UBND PH¦êNG"), "UBND PHƯỜNG")
        self.assertEqual(tcvn3_to_unicode("PHAN MINH Hµ"), "PHAN MINH HÀ")
        for name in ["NGUYỄN VĂN AN", "PHẠM THỊ THUỲ DƯƠNG", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA"]:
            with self.subTest(name=name):
                self.assertEqual(tcvn3_to_unicode(tcvn3_encode(name)), name)

    def test_a_single_capital_keeps_the_normal_font(self):
        self.assertEqual(tcvn3_to_unicode("Sè CMND"), "Số CMND")
        self.assertEqual(tcvn3_to_unicode("Hå"), "Hồ")

    def test_toned_capitals_are_guessed_in_title_case_cells(self):
        # The normal font has no toned capitals: "Ánh" can only be typed as "¸nh".
        self.assertEqual(tcvn3_to_unicode("Vò Ngäc ¸nh"), "Vũ Ngọc Ánh")
        self.assertEqual(tcvn3_to_unicode("Êp B¾c"), "Ấp Bắc")
        # Alone, or among lower-case words, the lower-case reading is kept.
        self.assertEqual(tcvn3_to_unicode("¸nh"), "ánh")
        self.assertEqual(tcvn3_to_unicode("¸nh s¸ng"), "ánh sáng")
        self.assertEqual(tcvn3_to_unicode("Uû ban, ñy ban"), "Uỷ ban, ủy ban")


class DetectTests(SimpleTestCase):
    def test_detects_tcvn3_columns(self):
        self.assertEqual(detect([tcvn3_encode(name) for name in NAMES]), "tcvn3")
        self.assertEqual(detect(["Xin chµo tÊt c¶", "NguyÔn V¨n An", "§Æng ThÞ Hoa"]), "tcvn3")

    def test_detects_vni_columns(self):
        self.assertEqual(detect([vni_encode(name) for name in NAMES]), "vni")
        self.assertEqual(detect(["Nguyeãn Vaên An", "Ñaëng Thò Hoa", "Xin chaøo taát caû"]), "vni")

    def test_detects_capitals(self):
        capitals = [name.upper() for name in NAMES]
        self.assertEqual(detect(["NGUYÔN V¡N AN", "TRÇN THÞ HOA", "PHAN MINH Hµ"]), "tcvn3")
        self.assertEqual(detect([tcvn3_encode(name) for name in capitals]), "tcvn3")
        self.assertEqual(detect(["NGUYEÃN VAÊN AN", "ÑÒA CHÆ", "TRÖÔØNG"]), "vni")
        self.assertEqual(detect([vni_encode(name) for name in capitals]), "vni")
        self.assertEqual(detect(capitals), "unicode")

    def test_detects_unicode_columns(self):
        self.assertEqual(detect(NAMES + SENTENCES), "unicode")
        # Vietnamese that only needs Latin-1 letters decodes to words in both legacy
        # encodings too ("Lê" is "Lờ" in TCVN3); ties go to Unicode.
        self.assertEqual(detect(["Lê Hà", "Tô Hoài", "Hà Tây"]), "unicode")

    def test_numbers_dates_and_blanks_do_not_disturb_detection(self):
        noise = ["", "  ", "0912345678", "12/05/1990", "1985", 42, 3.5, None, date(1990, 5, 12)]
        for encode, expected in [(tcvn3_encode, "tcvn3"), (vni_encode, "vni"), (str, "unicode")]:
            with self.subTest(expected=expected):
                column = [encode(name) for name in NAMES[:3]] + noise
                self.assertEqual(detect(column), expected)
                self.assertEqual(detect(noise + column[::-1]), expected)

    def test_ascii_only_and_empty_columns_are_unicode(self):
        self.assertEqual(detect(["Nguyen Van An", "Tran Thi B", "12 Ly Thuong Kiet"]), "unicode")
        self.assertEqual(detect([]), "unicode")
        self.assertEqual(detect(["", None, 7]), "unicode")

    def test_a_single_string_is_one_cell(self):
        self.assertEqual(detect("NguyÔn V¨n An"), "tcvn3")

    def test_each_name_alone_is_detected(self):
        for name in NAMES:
            with self.subTest(name=name):
                self.assertEqual(detect([tcvn3_encode(name)]), "tcvn3")
                self.assertEqual(detect([vni_encode(name)]), "vni")
                self.assertEqual(detect([name]), "unicode")


class ConvertTests(SimpleTestCase):
    def test_convert_column_tcvn3_keeps_non_strings(self):
        column = [tcvn3_encode(name) for name in NAMES] + ["", None, 1990]
        self.assertEqual(convert_column(column), ("tcvn3", NAMES + ["", None, 1990]))

    def test_convert_column_vni(self):
        column = [vni_encode(text) for text in SENTENCES]
        self.assertEqual(convert_column(column), ("vni", SENTENCES))

    def test_unicode_columns_are_not_altered(self):
        column = NAMES + ["Lê Hà", "Tô Hoài", "", None]
        self.assertEqual(convert_column(column), ("unicode", column))

    def test_cells_already_in_unicode_are_left_in_a_legacy_column(self):
        column = [tcvn3_encode(name) for name in NAMES] + ["Nguyễn Thị Hằng"]
        self.assertEqual(convert_column(column), ("tcvn3", NAMES + ["Nguyễn Thị Hằng"]))

    def test_output_is_nfc(self):
        decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
        self.assertEqual(to_unicode(decomposed, "unicode"), "Nguyễn Thị Hằng")
        for text in [
            tcvn3_to_unicode("NguyÔn ThÞ H»ng"),
            vni_to_unicode("Nguyeãn Thò Haèng"),
            to_unicode("Tr\xadêng", "tcvn3"),
            to_unicode("Tröôøng", "vni"),
        ]:
            with self.subTest(text=text):
                self.assertTrue(unicodedata.is_normalized("NFC", text))
        self.assertEqual(tcvn3_to_unicode("NguyÔn ThÞ H»ng"), "Nguyễn Thị Hằng")
        self.assertEqual(vni_to_unicode("Nguyeãn Thò Haèng"), "Nguyễn Thị Hằng")

    def test_cp1252_punctuation_is_not_a_letter(self):
        # VN3 assigns nothing to 0x80-0x9F, so the dashes and quotes Excel shows there
        # stay as they are.
        self.assertEqual(tcvn3_to_unicode("Sè 5 – “Tæ 3” €"), "Số 5 – “Tổ 3” €")

    def test_to_unicode_dispatches_and_rejects_unknown_encodings(self):
        self.assertEqual(to_unicode("NguyÔn", "tcvn3"), "Nguyễn")
        self.assertEqual(to_unicode("Nguyeãn", "vni"), "Nguyễn")
        self.assertEqual(to_unicode("Nguyễn", "unicode"), "Nguyễn")
        with self.assertRaises(ValueError):
            to_unicode("x", "viscii")
