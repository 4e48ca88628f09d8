import threading
from datetime import timedelta

from django.db import connection
from django.test import TestCase, TransactionTestCase, skipUnlessDBFeature
from django.utils import timezone

from dvs.lib import throttle
from dvs.models import Throttle


class ThrottleTests(TestCase):
    def test_a_counter_counts_in_its_window_and_starts_again_after_it(self):
        self.assertEqual([throttle.hit("k", window=60) for _ in range(3)], [1, 2, 3])
        self.assertEqual(throttle.count("k"), 3)
        Throttle.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        self.assertEqual(throttle.count("k"), 0)
        self.assertEqual(throttle.hit("k", window=60), 1)
        self.assertEqual(throttle.prune(), 0)
        Throttle.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        self.assertEqual(throttle.prune(), 1)


# PostgreSQL only: SQLite's in-memory test database refuses concurrent writers outright
# ("table is locked") instead of making them wait.
@skipUnlessDBFeature("has_select_for_update")
class ParallelThrottleTests(TransactionTestCase):
    def test_nine_parallel_submissions_from_separate_connections_are_counted_exactly(self):
        seen = []

        def submit():
            seen.append(throttle.hit("cases:public:203.0.113.5", window=3600))
            connection.close()

        threads = [threading.Thread(target=submit) for _ in range(9)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(seen), list(range(1, 10)))
        self.assertEqual(len([n for n in seen if n <= 5]), 5)
