"""The public pages as a visitor gets them."""

from django.test import TestCase
from django.urls import reverse

from dvs.portal import search
from dvs.portal.models import ArticlePage, PageCounter

from .helpers import BROWSER, import_seed, make_article, make_section, reset_counting


class PortalPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.seed = import_seed(cls.section)
        cls.other = make_article(
            cls.section, "Đại hội Hội Người cao tuổi phường Đông Ngàn", "Đoàn kết, đổi mới."
        )

    def setUp(self):
        reset_counting()

    def get(self, url, **extra):
        return self.client.get(url, **BROWSER, **extra)

    def test_the_seed_article_reads_like_the_original_page(self):
        response = self.get(self.seed.url)
        self.assertContains(response, "24/07/2024 16:42:07")
        self.assertContains(response, "Lượt xem <strong data-views>223</strong>", html=False)
        self.assertContains(response, "Sáng 24/7, Ban Dân vận Thành ủy tổ chức Hội nghị sơ kết")
        self.assertContains(response, "trái phép trên địa bàn./.")
        # As the original shows them: the author, then the source unit, without visible
        # labels (the labels are for screen readers).
        self.assertContains(
            response,
            '<span class="author"><span class="visually-hidden">Tác giả: </span>'
            "<strong data-author>Minh Khang</strong></span>",
            html=True,
        )
        self.assertContains(
            response,
            '<span class="source"><span class="visually-hidden">Nguồn: </span>'
            "<span data-source>Trung tâm VHTT và Truyền thông thành phố</span></span>",
            html=True,
        )
        self.assertContains(response, "Trung tâm VHTT và Truyền thông thành phố")
        self.assertContains(response, "Đang online")
        self.assertContains(response, "Tất cả")
        self.assertNotContains(response, "Thống kê truy cập</p>")
        self.assertContains(response, 'property="og:title"')
        self.assertContains(
            response, 'property="article:published_time" content="2024-07-24T16:42:07+07:00"'
        )
        self.assertEqual(response["Content-Language"], "vi")

    def test_home_section_and_related(self):
        home = self.get("/")
        self.assertContains(home, self.seed.title)
        self.assertContains(home, self.section.title)
        section = self.get(self.section.url)
        self.assertContains(section, self.other.title)
        self.assertContains(section, f"{self.section.url}rss/")
        article = self.get(self.other.url)
        self.assertContains(article, "Bài viết liên quan")
        self.assertContains(article, self.seed.title)

    def test_rss_feed_of_a_section(self):
        response = self.get(f"{self.section.url}rss/")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertContains(response, "<title>Công tác dân vận</title>")
        self.assertContains(response, self.seed.title)
        self.assertContains(response, "Minh Khang")

    def test_sitemap_and_robots(self):
        sitemap = self.get("/sitemap.xml")
        self.assertContains(sitemap, self.seed.url)
        self.assertContains(self.get("/robots.txt"), "Sitemap: http://testserver/sitemap.xml")

    def test_print_view(self):
        response = self.get(f"{self.seed.url}in/")
        self.assertContains(response, '<button type="button" data-print>')
        self.assertContains(response, "/static/portal/print.js")
        self.assertNotContains(response, "onclick")  # the CSP forbids inline scripts
        self.assertContains(response, "Minh Khang")
        self.assertNotContains(response, 'class="site-nav"')

    def test_search_is_accent_insensitive_and_matches_word_prefixes(self):
        for query in ("nguoi cao tuoi", "HỘI NGƯỜI", "dong nga", "Đông Ngàn", "doan ket doi moi"):
            with self.subTest(query=query):
                response = self.get(reverse("portal_search"), data={"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertIn(self.other, list(response.context["results"]))
        self.assertEqual(
            list(search.search_articles("ton giao chuc sac")),
            [ArticlePage.objects.get(pk=self.seed.pk)],
        )
        self.assertEqual(list(search.search_articles("khong co tu nay")), [])

    def test_unpublished_articles_are_not_found(self):
        self.other.unpublish()
        self.assertNotIn(self.other.pk, [a.pk for a in search.search_articles("nguoi cao tuoi")])
        self.assertEqual(self.get(self.other.url).status_code, 404)

    def test_hostile_queries_get_clear_pages(self):
        for params in (
            {"q": "x" * 5000},
            {"q": "' OR 1=1 --"},
            {"page": "-1"},
        ):
            with self.subTest(params=params):
                response = self.get(reverse("portal_search"), data=params)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>")
        # A control character is refused at the door, with a message, never echoed.
        refused = self.get(reverse("portal_search"), data={"q": "\x00<script>"})
        self.assertContains(refused, "ký tự điều khiển", status_code=400)
        self.assertNotContains(refused, "<script>", status_code=400)
        self.assertContains(self.get(reverse("portal_search"), data={"q": "x" * 500}), "200 ký tự")
        self.assertEqual(self.get(f"{self.section.url}?page=abc").status_code, 200)
        self.assertEqual(self.get(f"{self.section.url}?page=99999").status_code, 200)

    def test_unknown_page_is_a_vietnamese_404_and_not_counted(self):
        response = self.get("/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)

    def test_bad_host_is_a_400(self):
        self.assertEqual(self.client.get("/", HTTP_HOST="evil.example").status_code, 400)

    def test_rich_text_scripts_are_sanitised(self):
        from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

        converter = ContentstateConverter(features=["bold", "link"])
        stored = converter.to_database_format(
            converter.from_database_format("<p>An toàn<script>alert(1)</script></p>")
        )
        self.assertNotIn("<script", stored)
        self.assertIn("An toàn", stored)

    def test_the_seed_view_count_starts_from_the_imported_number(self):
        self.assertEqual(PageCounter.objects.get(page_id=self.seed.pk).views, 223)


class UploadLimitTests(TestCase):
    def test_an_oversized_video_is_refused_with_a_vietnamese_message(self):
        from django.core.exceptions import ValidationError
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test import override_settings

        from dvs.portal.models import validate_video_size

        big = SimpleUploadedFile("phong-su.mp4", b"0" * (3 * 2**20), content_type="video/mp4")
        with override_settings(PORTAL_VIDEO_MAX_BYTES=2 * 2**20):
            with self.assertRaisesMessage(ValidationError, "chỉ được tải lên tối đa 2 MB"):
                validate_video_size(big)
