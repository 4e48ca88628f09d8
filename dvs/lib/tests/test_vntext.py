import unicodedata

from django.test import SimpleTestCase

from dvs.lib.vntext import fold, name_sort_key, nfc, sort_key


class FoldTests(SimpleTestCase):
    def test_fold_removes_tones_and_letter_marks_in_any_case(self):
        self.assertEqual(fold("Nguyễn Văn An"), "nguyen van an")
        self.assertEqual(fold("ĐẶNG THỊ ỬNG"), "dang thi ung")

    def test_fold_maps_d_with_stroke_which_has_no_decomposition(self):
        self.assertEqual(fold("Đặng"), "dang")
        self.assertEqual(fold("đ"), "d")

    def test_nfd_input_is_normalised_to_nfc(self):
        decomposed = unicodedata.normalize("NFD", "Huệ")
        self.assertNotEqual(decomposed, "Huệ")
        self.assertEqual(nfc(decomposed), "Huệ")
        self.assertEqual(nfc("  Lê   Văn  "), "Lê Văn")


class SortTests(SimpleTestCase):
    def test_letters_follow_the_vietnamese_alphabet(self):
        words = ["e", "đ", "d", "â", "ă", "b", "a", "ơ", "ô", "o", "ư", "u"]
        self.assertEqual(
            sorted(words, key=sort_key),
            ["a", "ă", "â", "b", "d", "đ", "e", "o", "ô", "ơ", "u", "ư"],
        )

    def test_tones_break_ties_in_dictionary_order(self):
        self.assertEqual(
            sorted(["ạ", "á", "ã", "ả", "à", "a"], key=sort_key), ["a", "à", "ả", "ã", "á", "ạ"]
        )

    def test_letters_decide_before_tones(self):
        self.assertEqual(sorted(["ánh", "anh", "an"], key=sort_key), ["an", "anh", "ánh"])

    def test_names_sort_by_given_then_middle_then_family_name(self):
        names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đặng Đức Đạt", "Phạm Dũng"]
        self.assertEqual(
            sorted(names, key=name_sort_key),
            ["Nguyễn Thị An", "Lê Văn An", "Trần Văn Bình", "Phạm Dũng", "Đặng Đức Đạt"],
        )

    def test_sort_keys_are_digits_so_every_database_collation_agrees(self):
        self.assertTrue(name_sort_key("Nguyễn Văn Ánh").isdigit())
