from django.test import SimpleTestCase

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
        self.assertEqual(scheduler.due(last, now=86399), [])
        self.assertIn(task, [t for _s, t in scheduler.due(last, now=86400)])
