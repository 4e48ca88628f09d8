from django.db import connection
from django.test import SimpleTestCase, TransactionTestCase

from dvs import scheduler, tasks


class SchedulerTests(SimpleTestCase):
    def test_housekeeping_tasks_are_scheduled_daily(self):
        names = {task.module_path: seconds for seconds, task in scheduler.scheduled()}
        self.assertEqual(names["dvs.tasks.clear_expired_sessions"], 86400)
        self.assertIn("dvs.tasks.prune_task_results", names)

    def test_a_task_is_due_when_never_run_and_again_after_its_interval(self):
        task = tasks.clear_expired_sessions
        self.assertIn(task, [t for _s, t in scheduler.due({}, now=0)])
        last = {t.module_path: 0 for _s, t in scheduler.scheduled()}
        shortest = min(seconds for seconds, _t in scheduler.scheduled())
        self.assertEqual(scheduler.due(last, now=shortest - 1), [])
        self.assertNotIn(task, [t for _s, t in scheduler.due(last, now=86399)])
        self.assertIn(task, [t for _s, t in scheduler.due(last, now=86400)])


class PlannerStatisticsTests(TransactionTestCase):
    def test_the_planner_statistics_are_measured_again(self):
        from dvs.people.tests.helpers import add_person
        from dvs.units.models import Unit

        unit = Unit.add_root(code="X", name="Phường X", level="ward")
        for name in ("Nguyễn Văn An", "Trần Thị Bình"):
            add_person(unit, name)
        tasks.refresh_statistics()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'people_person'")
            else:
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_person'")
            rows = cursor.fetchall()
        self.assertTrue(rows)
        self.assertTrue(str(rows[0][0]).startswith("2"), rows)
