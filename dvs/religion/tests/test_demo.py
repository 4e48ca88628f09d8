"""The demo religious affairs: establishments of every kind in the demo wards, a đình's
festival on 10/3 âm lịch, groups and a gathering point, dignitaries (some with protected
fields), filings in every state with exactly one overdue, contacts, incidents, key
people, and follower counts with small cells the figures hide; seen by the demo accounts."""

import io

from django.test import TestCase
from django.utils import timezone

from dvs.accounts import demo as accounts_demo
from dvs.accounts import scope
from dvs.accounts.models import User
from dvs.cases import demo as cases_demo
from dvs.religion import clocks, demo, stats
from dvs.religion.models import (
    BELIEF_KINDS,
    Contact,
    Dignitary,
    Establishment,
    EstablishmentKind,
    Festival,
    Filing,
    FilingKind,
    FollowerCount,
    Group,
    Incident,
    KeyPerson,
    ReligiousOrganisation,
)
from dvs.units import demo as units_demo
from dvs.units.models import Unit


class ReligionDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        units_demo.load()
        accounts_demo.load()
        cases_demo.load()
        cls.out = io.StringIO()
        demo.load(stdout=cls.out)
        cls.today = timezone.localdate()

    def test_every_ward_has_a_pagoda_a_dinh_and_a_clan_house_some_a_church(self):
        wards = Unit.objects.filter(code__regex=r"^W\d\d$")
        self.assertEqual(wards.count(), 19)
        for ward in wards:
            kinds = set(
                Establishment.objects.filter(unit__path__startswith=ward.path).values_list(
                    "kind", flat=True
                )
            )
            self.assertLessEqual(
                {
                    EstablishmentKind.PAGODA,
                    EstablishmentKind.COMMUNAL_HOUSE,
                    EstablishmentKind.CLAN_HOUSE,
                },
                kinds,
                ward.code,
            )
        self.assertEqual(Establishment.objects.filter(kind=EstablishmentKind.CHURCH).count(), 5)
        for establishment in Establishment.objects.all():
            self.assertEqual(establishment.religion is None, establishment.kind in BELIEF_KINDS)
        self.assertIn("religion:", self.out.getvalue())

    def test_the_dinh_s_festival_is_on_10_3_lunar_and_gets_its_solar_date(self):
        festival = Festival.objects.filter(establishment__unit__code__startswith="W01").first()
        self.assertEqual((festival.day, festival.month, festival.lunar), (10, 3, True))
        first, _last, notice_due = clocks.festival_dates(festival, 2026)
        self.assertEqual(f"{first:%d/%m/%Y}", "26/04/2026")
        self.assertEqual(f"{notice_due:%d/%m/%Y}", "06/04/2026")

    def test_organisations_groups_and_an_unregistered_gathering_point(self):
        names = set(ReligiousOrganisation.objects.values_list("name", flat=True))
        self.assertIn("Ban Trị sự Giáo hội Phật giáo Việt Nam thành phố Kinh Bắc", names)
        self.assertTrue(any(n.startswith("Giáo xứ ") for n in names))
        states = set(Group.objects.values_list("state", flat=True))
        self.assertLessEqual(
            {Group.State.APPROVED, Group.State.UNREGISTERED, Group.State.SUBMITTED}, states
        )

    def test_dignitaries_officials_practitioners_some_with_protected_fields(self):
        self.assertTrue(Dignitary.objects.filter(is_dignitary=True).exists())
        self.assertTrue(Dignitary.objects.filter(is_official=True).exists())
        self.assertTrue(Dignitary.objects.filter(is_practitioner=True).exists())
        protected = Dignitary.objects.exclude(sensitive_encrypted="")
        self.assertTrue(0 < protected.count() < 10)
        specialist = User.objects.get(username="chuyenvien")
        revealed = protected.first().reveal(specialist)
        self.assertRegex(revealed["id_number"], r"^027\d{9}$")
        self.assertEqual(revealed["ethnicity"], "Kinh")

    def test_filings_in_every_state_and_exactly_one_overdue(self):
        filings = Filing.objects.all()
        self.assertEqual(set(filings.values_list("kind", flat=True)), set(FilingKind.values))
        overdue = Filing.objects.overdue(self.today)
        self.assertEqual(overdue.count(), 1)
        self.assertEqual(overdue.get().unit.code, "W01")
        waiting = filings.unanswered().filter(reply_due_on__gte=self.today)
        self.assertTrue(waiting.exists())
        answered = filings.filter(replied_on__isnull=False, reply_due_on__isnull=False)
        on_time = [f for f in answered if f.replied_on <= f.reply_due_on]
        late = [f for f in answered if f.replied_on > f.reply_due_on]
        self.assertTrue(on_time)
        self.assertTrue(late)
        self.assertTrue(filings.filter(on_time=False).exists())  # filed late
        incomplete = filings.filter(complete=False)
        self.assertTrue(incomplete.exists())
        self.assertTrue(all(f.missing_items and f.reply_due_on is None for f in incomplete))
        notice = filings.filter(kind=FilingKind.FESTIVAL_NOTICE, report_due_on__isnull=False)
        self.assertEqual(notice.count(), 19)
        for filing in filings:
            self.assertLessEqual(filing.received_on, self.today)
            if filing.replied_on:
                self.assertLessEqual(filing.replied_on, self.today)

    def test_contacts_incidents_and_key_people(self):
        self.assertTrue(Contact.objects.filter(organisations__isnull=False).exists())
        self.assertTrue(Contact.objects.filter(dignitaries__isnull=False).exists())
        self.assertTrue(Contact.objects.filter(kind=Contact.Kind.DIALOGUE).exists())
        self.assertTrue(Incident.objects.filter(status=Incident.Status.OPEN).exists())
        resolved = Incident.objects.filter(status=Incident.Status.RESOLVED)
        self.assertTrue(resolved.filter(resolved_on__isnull=False).exists())
        self.assertTrue(Incident.objects.filter(case__isnull=False).exists())
        self.assertEqual(
            set(KeyPerson.objects.values_list("kind", flat=True)),
            {KeyPerson.Kind.CORE, KeyPerson.Kind.PRESTIGE},
        )

    def test_follower_counts_include_small_cells_that_the_figures_hide(self):
        small = FollowerCount.objects.filter(count__range=(1, 4))
        self.assertGreaterEqual(small.count(), 3)
        city = Unit.objects.get(code="C256")
        shown = stats.present(stats.compute(city, "followers", self.today), exact=False)
        cells = [c for row in shown.rows for c in row.cells.values()]
        self.assertIn("<5", cells)
        self.assertFalse([c for c in cells if c in (1, 2, 3, 4)])

    def test_khoidanvan01_sees_ward_w01_only(self):
        officer = User.objects.get(username="khoidanvan01")
        for model in (Establishment, Filing, Dignitary, FollowerCount):
            seen = scope.scoped(officer, model)
            self.assertTrue(seen.exists(), model)
            codes = {u.code[:3] for u in Unit.objects.filter(pk__in=seen.values("unit"))}
            self.assertEqual(codes, {"W01"}, model)

    def test_the_demo_is_the_same_each_time(self):
        def names():
            return list(Dignitary.objects.order_by("pk").values_list("birth_name", flat=True))

        before = names()
        for model in (Contact, Incident, KeyPerson, Filing, FollowerCount, Dignitary, Group):
            model.objects.all().delete()
        Establishment.objects.all().delete()
        demo.load()
        self.assertEqual(names(), before)
