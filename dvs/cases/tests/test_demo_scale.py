"""The demo year of cases and the bulk generator: statuses, dates, deadlines."""

import io

from django.core.management import call_command
from django.db.models import Q
from django.test import TestCase
from django.utils import timezone

from dvs.accounts import demo as accounts_demo
from dvs.cases import demo
from dvs.cases.models import (
    Case,
    Channel,
    Event,
    Extension,
    Kind,
    Petitioner,
    ReceptionSession,
    Status,
    Suspension,
)
from dvs.units import demo as units_demo
from dvs.units.models import Unit


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        units_demo.load()
        accounts_demo.load()
        demo.load()
        cls.today = timezone.localdate()

    def test_demo_has_cases_in_every_status_kind_and_channel(self):
        self.assertGreater(Case.objects.count(), 250)
        self.assertEqual(set(Case.objects.values_list("status", flat=True)), set(Status.values))
        self.assertEqual(set(Case.objects.values_list("kind", flat=True)), set(Kind.values))
        self.assertEqual(set(Case.objects.values_list("channel", flat=True)), set(Channel.values))

    def test_most_demo_cases_are_resolved_and_some_are_overdue_or_due_soon(self):
        resolved = Case.objects.filter(status=Status.NOTIFIED).count()
        self.assertGreater(resolved, Case.objects.count() / 2)
        self.assertGreaterEqual(Case.objects.overdue(self.today).count(), 5)
        states = {case.due_state[0] for case in Case.objects.open() if case.due_state}
        self.assertEqual(states, {"on_time", "due_soon", "overdue"})

    def test_nothing_in_the_demo_is_dated_in_the_future(self):
        later = Q()
        for name in ("received_on", "accepted_on", "concluded_on", "closed_on"):
            later |= Q(**{f"{name}__gt": self.today})
        self.assertFalse(Case.objects.filter(later).exists())
        self.assertFalse(Event.objects.filter(on__gt=self.today).exists())
        self.assertFalse(Extension.objects.filter(granted_on__gt=self.today).exists())
        self.assertFalse(Suspension.objects.filter(start__gt=self.today).exists())
        self.assertFalse(ReceptionSession.objects.filter(held_on__gt=self.today).exists())

    def test_demo_deadlines_come_from_the_engine(self):
        self.assertFalse(Case.objects.filter(accept_by=None).exists())
        self.assertFalse(Case.objects.filter(rules="").exists())
        accepted = Case.objects.filter(status=Status.ACCEPTED)
        self.assertFalse(accepted.filter(resolve_by=None).exists())

    def test_demo_shows_the_special_cases(self):
        self.assertTrue(Case.objects.filter(stage=2, first_case__isnull=False).exists())
        self.assertTrue(Case.objects.filter(status=Status.DUPLICATE, duplicate_of__isnull=False))
        self.assertTrue(Case.objects.filter(kind=Kind.DENUNCIATION, anonymous=True).exists())
        self.assertTrue(Case.objects.filter(group_case=True).exists())
        self.assertTrue(Extension.objects.exists())
        self.assertTrue(Suspension.objects.filter(end=None).exists())
        self.assertTrue(Case.objects.exclude(handler=None).exists())
        self.assertTrue(ReceptionSession.objects.exists())

    def test_denouncers_names_are_not_public_in_the_demo(self):
        self.assertFalse(
            Petitioner.objects.filter(case__kind=Kind.DENUNCIATION).exclude(public_name="")
        )

    def test_loading_again_adds_nothing(self):
        count = Case.objects.count()
        demo.load()
        call_command("seed_demo", "--if-empty", stdout=io.StringIO())
        self.assertEqual(Case.objects.count(), count)


class ScaleTests(TestCase):
    def test_seed_scale_creates_cases_with_deadlines_events_and_petitioners(self):
        call_command(
            "seed_scale", "--wards", "3", "--neighbourhoods", "2", "--cases", "120",
            stdout=io.StringIO(),
        )  # fmt: skip
        city = Unit.objects.get(code="SC")
        cases = Case.objects.filter(unit__path__startswith=city.path)
        self.assertEqual(cases.count(), 120)
        self.assertFalse(cases.filter(accept_by=None).exists())
        self.assertFalse(cases.filter(status=Status.ACCEPTED, resolve_by=None).exists())
        self.assertFalse(cases.filter(received_on__gt=timezone.localdate()).exists())
        self.assertGreaterEqual(Event.objects.filter(case__in=cases).count(), 120)
        self.assertGreater(len(set(cases.values_list("status", flat=True))), 3)
        petitioner = Petitioner.objects.filter(case__in=cases).first()
        self.assertTrue(petitioner.identity["name"])
