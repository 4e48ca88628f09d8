"""`manage.py import_article` and the parser behind it, on the seed article."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from dvs.portal.importing import ArticleError, parse_article, read_text
from dvs.portal.models import ArticlePage, PageCounter

from .helpers import SEED, SEED_TITLE, SHARED_SEED, make_section


class ParseSeedTests(SimpleTestCase):
    def setUp(self):
        self.parsed = parse_article(read_text(SEED))

    def test_the_repository_copy_is_the_shared_seed(self):
        if not SHARED_SEED.exists():
            self.skipTest("../shared/seed is not beside the repository")
        self.assertEqual(SEED.read_bytes(), SHARED_SEED.read_bytes())

    def test_date_time_line_is_the_publication_time(self):
        expected = datetime(2024, 7, 24, 16, 42, 7, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        self.assertEqual(self.parsed.published_at, expected)

    def test_view_count_line_is_the_count_not_body_text(self):
        self.assertEqual(self.parsed.views, 223)
        self.assertFalse(any("lượt xem" in p for p in self.parsed.paragraphs))

    def test_byline_is_author_and_source(self):
        self.assertEqual(self.parsed.author, "Minh Khang")
        self.assertEqual(self.parsed.source, "Trung tâm VHTT và Truyền thông thành phố")

    def test_paragraphs_are_the_body_and_page_chrome_is_dropped(self):
        paragraphs = self.parsed.paragraphs
        self.assertEqual(len(paragraphs), 16)
        self.assertTrue(paragraphs[0].startswith("Sáng 24/7, Ban Dân vận Thành ủy tổ chức"))
        self.assertTrue(paragraphs[-1].endswith("trái phép trên địa bàn./."))
        text = "\n".join(paragraphs)
        self.assertNotIn("Video", paragraphs)
        self.assertNotIn("Thống kê truy cập", text)
        self.assertNotIn("3089933", text)
        self.assertNotIn("Minh Khang", text)

    def test_vietnamese_date_format_is_understood(self):
        parsed = parse_article("24/07/2024 16:42\nMột đoạn văn.\n")
        self.assertEqual((parsed.published_at.day, parsed.published_at.minute), (24, 42))

    def test_bad_texts_are_refused_with_a_reason(self):
        cases = {
            "": "rỗng",
            "Không có ngày\nĐoạn văn.": "ngày và giờ",
            "2024-02-30 10:00:00\nĐoạn văn.": "ngày và giờ",
            "2024-07-24 16:42:07\nSố lượt xem 5\n": "không có nội dung",
        }
        for text, reason in cases.items():
            with self.subTest(text=text), self.assertRaisesRegex(ArticleError, reason):
                parse_article(text)


class ImportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()

    def test_imports_the_seed_as_a_published_article(self):
        out = StringIO()
        call_command(
            "import_article", str(SEED), title=SEED_TITLE, section="cong-tac-dan-van", stdout=out
        )
        article = ArticlePage.objects.get(title=SEED_TITLE)
        self.assertTrue(article.live)
        self.assertEqual(article.get_parent().pk, self.section.pk)
        local = datetime(2024, 7, 24, 16, 42, 7, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        self.assertEqual(article.published_at, local)
        self.assertEqual(article.first_published_at, local)
        self.assertEqual(article.author, "Minh Khang")
        self.assertEqual(article.source, "Trung tâm VHTT và Truyền thông thành phố")
        self.assertTrue(article.lead.startswith("Sáng 24/7"))
        self.assertEqual(len(article.body), 15)
        self.assertEqual(PageCounter.objects.get(page_id=article.pk).views, 223)
        self.assertIn("24/07/2024 16:42:07", out.getvalue())

    def test_unknown_section_missing_file_and_duplicate_save_nothing(self):
        with self.assertRaisesRegex(CommandError, "cong-tac-dan-van"):
            call_command("import_article", str(SEED), title="X", section="khong-co")
        with self.assertRaisesRegex(CommandError, "Không tìm thấy tệp"):
            call_command("import_article", "/khong/co.txt", title="X", section="cong-tac-dan-van")
        call_command(
            "import_article",
            str(SEED),
            title=SEED_TITLE,
            section="cong-tac-dan-van",
            stdout=StringIO(),
        )
        with self.assertRaisesRegex(CommandError, "đã có bài viết"):
            call_command("import_article", str(SEED), title=SEED_TITLE, section="cong-tac-dan-van")
        self.assertEqual(ArticlePage.objects.count(), 1)

    def test_draft_option_keeps_the_article_unpublished(self):
        call_command(
            "import_article",
            str(SEED),
            title=SEED_TITLE,
            section="cong-tac-dan-van",
            draft=True,
            stdout=StringIO(),
        )
        self.assertFalse(ArticlePage.objects.get(title=SEED_TITLE).live)
