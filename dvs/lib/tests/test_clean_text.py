"""Text from outside is stored NFC, without control or invisible characters."""

import unicodedata

from django.test import SimpleTestCase

from dvs.lib.vntext import clean_text, fold


class CleanTextTests(SimpleTestCase):
    def test_control_zero_width_and_bidi_characters_are_removed(self):
        dirty = "Nguy\u200bễn\ufeff Văn\u202e \u2066Bình\u2069\x00\x07\x1b\x85"
        self.assertEqual(clean_text(dirty), "Nguyễn Văn Bình")

    def test_text_is_normalised_to_nfc(self):
        decomposed = unicodedata.normalize("NFD", "Đặng Thị Ánh")
        self.assertEqual(clean_text(decomposed), "Đặng Thị Ánh")

    def test_a_single_line_folds_tabs_and_line_breaks_a_multi_line_text_keeps_them(self):
        self.assertEqual(clean_text(" An\t\r\nBình "), "An Bình")
        self.assertEqual(
            clean_text("Dòng 1\r\n\tDòng 2\x0c\rX", multiline=True), "Dòng 1\n\tDòng 2\nX"
        )

    def test_a_name_with_a_zero_width_space_folds_like_the_clean_name(self):
        self.assertEqual(fold("Bì\u200bnh"), fold("Bình"))
