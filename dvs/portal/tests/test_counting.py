"""View counting: exact under concurrency, no database write on the request path, bots
and reloads not counted, cached pages still counted."""

import threading
import time

from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext

from dvs.portal import counting
from dvs.portal.models import DailyPageStats, OnlineVisitor, PageCounter

from .helpers import BROWSER, make_article, make_section, reset_counting


def flushed_views(page):
    counting.flush(include_current=True)
    return PageCounter.objects.filter(page_id=page.pk).values_list("views", flat=True).first() or 0


class CountingRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.article = make_article(cls.section, "Hội nghị sơ kết")

    def setUp(self):
        reset_counting()

    def view(self, agent=BROWSER["HTTP_USER_AGENT"], address="10.0.0.1"):
        return self.client.get(self.article.url, HTTP_USER_AGENT=agent, REMOTE_ADDR=address)

    def test_a_view_is_counted_once_flushed(self):
        self.view()
        self.assertEqual(flushed_views(self.article), 1)
        day = DailyPageStats.objects.get(page_id=self.article.pk)
        self.assertEqual((day.views, day.visits), (1, 1))

    @override_settings(PORTAL_RELOAD_WINDOW=600)
    def test_the_same_visitor_reloading_within_the_window_is_not_counted(self):
        for _ in range(3):
            self.view()
        self.view(address="10.0.0.2")
        self.assertEqual(flushed_views(self.article), 2)

    @override_settings(PORTAL_RELOAD_WINDOW=0)
    def test_without_a_window_every_reload_counts(self):
        for _ in range(3):
            self.view()
        self.assertEqual(flushed_views(self.article), 3)

    def test_reload_after_the_window_counts_again(self):
        now = time.time()
        self.assertTrue(counting.record(self.article.pk, "v1", now))
        self.assertFalse(counting.record(self.article.pk, "v1", now + 1))
        counting.marks().delete(f"seen:{self.article.pk}:v1")  # the mark expired
        self.assertTrue(counting.record(self.article.pk, "v1", now + 2))

    def test_bots_and_requests_without_a_browser_are_not_counted(self):
        for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5", ""):
            self.view(agent=agent)
        self.assertEqual(flushed_views(self.article), 0)

    @override_settings(PORTAL_BOT_PATTERN=r"firefox")
    def test_the_bot_pattern_is_configurable(self):
        self.view()
        self.assertEqual(flushed_views(self.article), 0)

    @override_settings(PORTAL_CACHE_SECONDS=60, PORTAL_RELOAD_WINDOW=0)
    def test_no_database_write_on_the_request_path_and_cached_pages_still_count(self):
        self.view()  # renders and fills the cache
        with CaptureQueriesContext(connection) as queries:
            response = self.view()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(queries), 0, "a cached page is answered without any query")
        with CaptureQueriesContext(connection) as queries:
            self.client.get(self.article.url + "?x=1", **BROWSER)  # not cacheable: rendered
        writes = [
            q["sql"]
            for q in queries
            if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
        ]
        self.assertEqual(writes, [])
        self.assertEqual(flushed_views(self.article), 3)

    def test_previews_head_requests_and_errors_are_not_counted(self):
        self.client.head(self.article.url, **BROWSER)
        self.client.get(self.article.url + "khong-co/", **BROWSER)
        self.assertEqual(flushed_views(self.article), 0)

    def test_visitors_online_and_total_visits(self):
        self.view(address="10.0.0.1")
        self.view(address="10.0.0.2")
        counting.flush(include_current=True)
        self.assertEqual(OnlineVisitor.objects.count(), 2)
        counting.marks().delete("site-stats")
        self.assertEqual(counting.site_stats(), {"online": 2, "total": 2})

    @override_settings(PORTAL_ONLINE_WINDOW=300)
    def test_visitors_seen_before_the_online_window_are_not_online(self):
        counting._online["old"] = time.time() - 301
        counting._online["new"] = time.time()
        counting.flush_online()
        self.assertEqual(counting.site_stats()["online"], 1)

    def test_open_epochs_wait_for_the_next_flush(self):
        now = time.time()
        counting.record(self.article.pk, "v1", now)
        self.assertEqual(counting.flush(now=now), 0)
        later = now + 2 * counting.settings.PORTAL_FLUSH_SECONDS + counting.GRACE
        self.assertEqual(counting.flush(now=later), 1)
        self.assertEqual(counting.flush(now=later + 10), 0)

    def test_counts_of_a_deleted_page_are_dropped_not_fatal(self):
        other = make_article(self.section, "Bài sẽ bị xóa")
        counting.record(other.pk, "v1", time.time())
        other.delete()
        counting.flush(include_current=True)
        self.assertFalse(PageCounter.objects.filter(page_id=other.pk).exists())


@override_settings(PORTAL_RELOAD_WINDOW=0)
class ConcurrencyTests(TransactionTestCase):
    """Threads count while flushers run: the stored total is exactly the views counted."""

    def setUp(self):
        reset_counting()
        self.article = make_article(make_section(), "Bài nhiều người đọc")

    def test_no_increment_is_lost_under_concurrent_counting_and_flushing(self):
        # Eight threads count for 3 s while two flusher threads move every closed epoch
        # (one second each) to the database; then the shutdown flush takes the rest.
        counted = []
        stop = threading.Event()

        def reader(n):
            done, i = 0, 0
            deadline = time.time() + 3
            while time.time() < deadline:
                done += counting.record(self.article.pk, f"visitor-{n}-{i}")
                i += 1
            counted.append(done)

        def flusher():
            while not stop.is_set():
                counting.flush()
                time.sleep(0.05)
            connection.close()

        with override_settings(PORTAL_FLUSH_SECONDS=1):
            flushers = [threading.Thread(target=flusher) for _ in range(2)]
            readers = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
            for t in flushers + readers:
                t.start()
            for t in readers:
                t.join()
            stop.set()
            for t in flushers:
                t.join()
            flushed_before_shutdown = PageCounter.objects.get(page_id=self.article.pk).views
            counting.flush(include_current=True)
        expected = sum(counted)
        self.assertGreater(flushed_before_shutdown, 0, "the periodic flushes ran meanwhile")
        self.assertEqual(PageCounter.objects.get(page_id=self.article.pk).views, expected)
        daily = DailyPageStats.objects.filter(page_id=self.article.pk)
        self.assertEqual(sum(daily.values_list("views", flat=True)), expected)
