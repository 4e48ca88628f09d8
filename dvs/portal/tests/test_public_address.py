"""Issue 13, points 11–13: links that work outside this machine (PORTAL_BASE_URL in the
sitemap, Open Graph, RSS and robots.txt), ASCII slugs, search by relevance, and a
visitor counting themself among the visitors online."""

import datetime
import re
import time
from xml.etree import ElementTree

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from dvs.portal import counting, search
from dvs.portal.models import ArticlePage, ascii_slug

from .helpers import BROWSER, make_article, make_section, reset_counting

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PUBLIC = "https://danvan.example.gov.vn"


def parse_rss(content):
    """Read an RSS 2.0 document as a feed reader does: channel fields and items."""
    root = ElementTree.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0", root.tag
    channel = root.find("channel")
    items = [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]
    return {
        "title": channel.findtext("title"),
        "link": channel.findtext("link"),
        "self": channel.find("{http://www.w3.org/2005/Atom}link").get("href"),
        "items": items,
    }


class PublicAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.article = make_article(
            cls.section, "Hội nghị sơ kết khu phố 1", author="Minh Khang", lead="Tóm tắt."
        )

    def setUp(self):
        reset_counting()

    def get(self, url, **extra):
        return self.client.get(url, **BROWSER, **extra)

    @override_settings(PORTAL_BASE_URL=PUBLIC, ALLOWED_HOSTS=["testserver", "localhost"])
    def test_sitemap_open_graph_rss_and_robots_use_the_public_address(self):
        sitemap = ElementTree.fromstring(self.get("/sitemap.xml").content)
        locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
        self.assertIn(f"{PUBLIC}/cong-tac-dan-van/hoi-nghi-so-ket-khu-pho-1/", locations)
        self.assertTrue(all(loc.startswith(f"{PUBLIC}/") for loc in locations), locations)

        page = self.get(self.article.url).content.decode()
        og_url = re.search(r'<meta property="og:url" content="([^"]+)">', page).group(1)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page).group(1)
        self.assertEqual(og_url, f"{PUBLIC}{self.article.url}")
        self.assertEqual(canonical, og_url)
        self.assertNotIn("http://localhost", page)

        feed = parse_rss(self.get(f"{self.section.url}rss/").content)
        self.assertEqual(feed["title"], "Công tác dân vận")
        self.assertEqual(feed["link"], f"{PUBLIC}/cong-tac-dan-van/")
        self.assertEqual(feed["self"], f"{PUBLIC}/cong-tac-dan-van/rss/")
        [item] = feed["items"]
        self.assertEqual(item["title"], "Hội nghị sơ kết khu phố 1")
        self.assertEqual(item["link"], f"{PUBLIC}{self.article.url}")
        self.assertEqual(item["description"], "Tóm tắt.")
        self.assertTrue(item["pubDate"])

        robots = self.get("/robots.txt").content.decode()
        self.assertIn(f"Sitemap: {PUBLIC}/sitemap.xml", robots)

    @override_settings(PORTAL_BASE_URL="", ALLOWED_HOSTS=["danvan.example.org", "testserver"])
    def test_without_the_setting_links_use_the_address_asked_for_not_localhost(self):
        host = {"HTTP_HOST": "danvan.example.org"}
        sitemap = ElementTree.fromstring(self.get("/sitemap.xml", **host).content)
        locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
        self.assertIn(
            "http://danvan.example.org/cong-tac-dan-van/hoi-nghi-so-ket-khu-pho-1/", locations
        )
        page = self.get(self.article.url, **host).content.decode()
        self.assertIn(
            f'<meta property="og:url" content="http://danvan.example.org{self.article.url}">',
            page,
        )
        self.assertNotIn("http://localhost", page)
        feed = parse_rss(self.get(f"{self.section.url}rss/", **host).content)
        self.assertEqual(feed["items"][0]["link"], f"http://danvan.example.org{self.article.url}")

    def test_slugs_are_ascii_folded_the_vietnamese_way(self):
        self.assertEqual(ascii_slug("Đoàn kết xây dựng khu phố 1"), "doan-ket-xay-dung-khu-pho-1")
        # A slug left empty is made from the title; one sent with Vietnamese letters (an
        # older browser, the API, a copy) is folded on save.
        empty = ArticlePage(title="Đội tình nguyện Phường Đông Ngàn", slug="")
        self.section.add_child(instance=empty)
        self.assertEqual(empty.slug, "doi-tinh-nguyen-phuong-dong-ngan")
        typed = ArticlePage(title="Bài khác", slug="khu-phố-1-đẹp")
        self.section.add_child(instance=typed)
        typed.refresh_from_db()
        self.assertEqual(typed.slug, "khu-pho-1-dep")
        typed.save_revision().publish()
        response = self.get("/cong-tac-dan-van/khu-pho-1-dep/")
        self.assertContains(response, "Bài khác")
        self.assertTrue(typed.url.isascii(), typed.url)

    def test_the_admin_slug_field_folds_vietnamese_letters_as_you_type(self):
        from dvs.portal.models import SLUG_FORMATTERS

        # The formatters run in the browser before Wagtail's own slugify: check them here
        # the way the browser applies them (each regex replaced in turn).
        text = "Khu phố Đông Ngàn: Hội nghị tổng kết"
        for pattern, replacement in SLUG_FORMATTERS:
            text = re.sub(pattern, replacement, text)
        self.assertEqual(text, "Khu pho dong Ngan: Hoi nghi tong ket")
        self.assertTrue(text.isascii())


class SearchRelevanceTests(TestCase):
    """Title matches first, then the newest. Run on PostgreSQL too (DATABASE_URL)."""

    @classmethod
    def setUpTestData(cls):
        section = make_section()
        now = timezone.now()

        def article(title, text, days_ago):
            return make_article(
                section, title, text, published_at=now - datetime.timedelta(days=days_ago)
            )

        cls.newest_body = article("Tin mới trong tuần", "Bàn về giải phóng mặt bằng.", 1)
        cls.old_title = article("Giải phóng mặt bằng đường vành đai 4", "Nội dung.", 30)
        cls.newer_title = article("Vận động giải phóng mặt bằng", "Nội dung khác.", 10)
        cls.half_title = article("Mặt trận phường họp", "Giải phóng mặt bằng dự án.", 2)
        cls.unrelated = article("Đại hội phụ nữ", "Không liên quan.", 0)

    def test_title_matches_come_first_then_the_newest(self):
        found = search.search_articles("giai phong mat bang")
        self.assertEqual(
            [a.pk for a in found],
            [
                self.newer_title.pk,  # all four words in the title, newer
                self.old_title.pk,  # all four words in the title, older
                self.half_title.pk,  # "mặt" in the title only
                self.newest_body.pk,  # in the body only, though the newest
            ],
        )

    def test_the_search_page_shows_them_in_that_order_and_pages_them(self):
        response = self.client.get(reverse("portal_search"), {"q": "giải phóng"}, **BROWSER)
        titles = [a.title for a in response.context["results"]]
        self.assertEqual(titles[:2], [self.newer_title.title, self.old_title.title])
        self.assertEqual(response.context["results"].paginator.count, 4)
        body = response.content.decode()
        self.assertLess(body.index(self.newer_title.title), body.index(self.newest_body.title))


class OnlineVisitorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.article = make_article(cls.section, "Hội nghị")

    def setUp(self):
        reset_counting()

    def online_shown(self, response):
        return int(re.search(r"<dd data-online>([\d.]+)</dd>", response.content.decode())[1])

    def test_a_visitor_counts_themself_at_once(self):
        # Nothing flushed yet, no one else: the page drawn for this visitor says 1, not 0.
        first = self.client.get(self.article.url, **BROWSER, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(self.online_shown(first), 1)
        # A second visitor sees both, before any flush; the first is still counted once
        # after their visit is written to the database and they come back.
        second = self.client.get("/", **BROWSER, REMOTE_ADDR="10.0.0.2")
        self.assertEqual(self.online_shown(second), 2)
        counting.flush(include_current=True)
        again = self.client.get(self.section.url, **BROWSER, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(self.online_shown(again), 2)

    def test_a_visitor_on_another_process_counts_themself(self):
        # Another web process has flushed someone else; this process has seen no one.
        counting._online["someone-else"] = time.time()
        counting.flush_online()
        counting._online.clear()
        response = self.client.get(reverse("cases_public_track"), **BROWSER)
        self.assertEqual(self.online_shown(response), 2)

    def test_bots_are_not_online(self):
        response = self.client.get(self.article.url, HTTP_USER_AGENT="Googlebot/2.1")
        self.assertEqual(self.online_shown(response), 0)
