from django.test import TestCase

from dvs.accounts import demo as accounts_demo
from dvs.planning import demo, report_indicators
from dvs.planning.models import Directive, Program, Task, TaskAssignment, TaskStatus
from dvs.units import demo as units_demo


class DemoTests(TestCase):
    def test_demo_loads_directives_tasks_and_programs(self):
        units_demo.load()
        accounts_demo.load()
        demo.load()
        self.assertGreaterEqual(Directive.objects.count(), 5)
        self.assertTrue(30 <= Task.objects.count() <= 60)
        self.assertTrue(Task.objects.overdue().exists())
        self.assertTrue(5 <= Program.objects.count() <= 10)
        import datetime

        start, end = datetime.date(2000, 1, 1), datetime.date(2100, 1, 1)
        values = {
            i["code"]: sum(i["compute"](start, end).values()) for i in report_indicators.INDICATORS
        }
        self.assertGreater(values["tasks_assigned"], 0)
        self.assertGreater(values["programs_budget"], 0)
        self.assertEqual(
            values["tasks_done"],
            TaskAssignment.objects.filter(status=TaskStatus.DONE).count(),
        )
