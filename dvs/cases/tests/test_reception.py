"""Citizen reception and dialogues: duties and their compliance, sessions and dialogues
whose matters become cases in one step, and the back-office screens."""

import datetime
import io

import openpyxl
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from dvs.accounts import scope
from dvs.accounts.roles import Role
from dvs.cases import reception, workflow
from dvs.cases.models import Case, Channel, Dialogue, ReceptionDuty, ReceptionSession
from dvs.cases.tests.helpers import area
from dvs.testing import BaseTestCase, make_user

D = datetime.date
Position = ReceptionDuty.Position
Per = ReceptionDuty.Per
SessionKind = ReceptionSession.Kind


class FrequencyRuleTests(TestCase):
    # Not a SimpleTestCase: working days come from the calendar, which reads the yearly
    # decisions from the database whenever another test has changed them.
    def test_each_position_starts_from_its_legal_minimum(self):
        self.assertEqual(reception.default_frequency(Position.COMMUNE_CHAIR), (1, Per.WEEK))
        self.assertEqual(reception.default_frequency(Position.COMMUNE_SECRETARY), (2, Per.MONTH))
        self.assertEqual(reception.default_frequency(Position.PROVINCE_CHAIR), (1, Per.MONTH))
        self.assertEqual(reception.default_frequency(Position.PROVINCE_SECRETARY), (1, Per.MONTH))

    def test_a_weekly_duty_over_a_month_counts_whole_weeks_and_the_share_of_cut_ones(self):
        # October 2026 starts on a Thursday: 2/5 of a week, then four whole working weeks
        # (26–31/10 holds all five working days of its week): 4.4 weeks, so 4 days.
        self.assertEqual(
            reception.required_days(1, Per.WEEK, D(2026, 10, 1), D(2026, 10, 31), D(2026, 11, 29)),
            4,
        )
        # Two weeks from Monday to Sunday are two weeks.
        self.assertEqual(
            reception.required_days(1, Per.WEEK, D(2026, 10, 5), D(2026, 10, 18), D(2026, 11, 29)),
            2,
        )

    def test_a_monthly_duty_requires_its_days_for_each_whole_month(self):
        self.assertEqual(
            reception.required_days(2, Per.MONTH, D(2026, 7, 1), D(2026, 9, 30), D(2026, 11, 29)),
            6,
        )
        # Half of a month's working days owe one of two days; less owes none yet.
        self.assertEqual(
            reception.required_days(2, Per.MONTH, D(2026, 10, 1), D(2026, 10, 9), D(2026, 11, 29)),
            0,
        )

    def test_days_after_today_are_not_yet_owed(self):
        # The fourth quarter seen on Sunday 29/11: October (2) and 20 of November's 21
        # working days (1.9): 3.9, so 3; nothing of December.
        self.assertEqual(
            reception.required_days(2, Per.MONTH, D(2026, 10, 1), D(2026, 12, 31), D(2026, 11, 29)),
            3,
        )
        self.assertEqual(
            reception.required_days(1, Per.WEEK, D(2026, 12, 1), D(2026, 12, 31), D(2026, 11, 29)),
            0,
        )

    def test_presets_are_this_month_quarter_half_year_and_year(self):
        today = D(2026, 11, 29)
        self.assertEqual(reception.preset_period("month", today), (D(2026, 11, 1), D(2026, 11, 30)))
        self.assertEqual(
            reception.preset_period("quarter", today), (D(2026, 10, 1), D(2026, 12, 31))
        )
        self.assertEqual(reception.preset_period("half", today), (D(2026, 7, 1), D(2026, 12, 31)))
        self.assertEqual(reception.preset_period("year", today), (D(2026, 1, 1), D(2026, 12, 31)))


class DialogueRuleTests(SimpleTestCase):
    today = D(2026, 11, 29)

    def check(self, **fields):
        values = {"status": "held", "planned_on": D(2026, 11, 10), "held_on": D(2026, 11, 12)}
        values.update(attendance=40, today=self.today)
        values.update(fields)
        reception.check_dialogue(**values)

    def assertRefused(self, field, **fields):
        with self.assertRaises(ValidationError) as raised:
            self.check(**fields)
        self.assertIn(field, raised.exception.message_dict)

    def test_a_held_dialogue_needs_its_date_and_attendance(self):
        self.check()
        self.assertRefused("held_on", held_on=None)
        self.assertRefused("attendance", attendance=None)
        self.assertRefused("attendance", attendance=0)

    def test_a_held_dialogue_is_not_dated_in_the_future_or_before_its_planned_date(self):
        self.assertRefused("held_on", held_on=D(2026, 11, 30))
        self.assertRefused("held_on", held_on=D(2026, 11, 9))

    def test_a_dialogue_whose_matters_became_cases_stays_held(self):
        self.check(has_cases=True)
        self.assertRefused(
            "status", status="cancelled", held_on=None, attendance=None, has_cases=True
        )

    def test_a_planned_or_cancelled_dialogue_has_no_date_held_or_attendance(self):
        self.check(status="planned", held_on=None, attendance=None, planned_on=D(2026, 12, 5))
        self.check(status="cancelled", held_on=None, attendance=None)
        self.assertRefused("held_on", status="planned", attendance=None)
        self.assertRefused("attendance", status="cancelled", held_on=None)


class ReceptionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ward_a_reception = make_user("ward_a_reception", Role.RECEPTION_OFFICER, cls.ward_a)
        cls.chair_a = make_user(
            "chair_a", Role.READONLY_LEADER, cls.ward_a, full_name="Trần Văn Chủ"
        )
        cls.secretary_a = make_user(
            "secretary_a", Role.READONLY_LEADER, cls.ward_a, full_name="Lê Thị Bí"
        )
        cls.chair_b = make_user(
            "chair_b", Role.READONLY_LEADER, cls.ward_b, full_name="Phạm Văn Bình"
        )
        cls.chair_a_duty = ReceptionDuty.objects.create(
            unit=cls.ward_a, leader=cls.chair_a, position=Position.COMMUNE_CHAIR,
            days_required=1, per=Per.WEEK,
        )  # fmt: skip
        cls.secretary_a_duty = ReceptionDuty.objects.create(
            unit=cls.ward_a, leader=cls.secretary_a, position=Position.COMMUNE_SECRETARY,
            days_required=2, per=Per.MONTH,
        )  # fmt: skip
        cls.chair_b_duty = ReceptionDuty.objects.create(
            unit=cls.ward_b, leader=cls.chair_b, position=Position.COMMUNE_CHAIR,
            days_required=1, per=Per.WEEK,
        )  # fmt: skip

    def session(self, unit, held_on, kind=SessionKind.PERIODIC, leader=None, **fields):
        return ReceptionSession.objects.create(
            unit=unit, held_on=held_on, kind=kind, leader=leader, **fields
        )

    def october(self):
        """The chair of ward A received on 2 periodic days in October (twice on the 6th)
        and once ad hoc, the secretary once; sessions that are not theirs do not count."""
        a, b = self.ward_a, self.ward_b
        self.session(a, D(2026, 10, 6), leader=self.chair_a)
        self.session(a, D(2026, 10, 6), leader=self.chair_a)  # same day: one day
        self.session(a, D(2026, 10, 13), leader=self.chair_a)
        self.session(a, D(2026, 10, 22), SessionKind.AD_HOC, leader=self.chair_a)
        self.session(a, D(2026, 9, 29), leader=self.chair_a)  # before the period
        self.session(a, D(2026, 10, 20), SessionKind.REGULAR, officer="Cán bộ tiếp dân")
        self.session(b, D(2026, 10, 7), leader=self.chair_a)  # another unit
        self.session(a, D(2026, 10, 8), leader=self.secretary_a)
        self.session(b, D(2026, 10, 8), leader=self.chair_b)


class ComplianceTests(ReceptionTestCase):
    def rows(self, user):
        start, end = D(2026, 10, 1), D(2026, 10, 31)
        duties = scope.scoped(user, ReceptionDuty)
        return {
            row.duty.leader.username: (row.required, row.held, row.shortfall, row.ok)
            for row in reception.compliance(duties, start, end, today=D(2026, 11, 29))
        }

    def test_days_held_by_the_duty_leader_are_counted_against_the_days_required(self):
        self.october()
        self.assertEqual(
            self.rows(self.ward_a_officer),
            {"chair_a": (4, 2, 2, False), "secretary_a": (2, 1, 1, False)},
        )

    def test_an_ad_hoc_reception_does_not_satisfy_the_frequency(self):
        # One week, one day owed: an ad hoc reception is counted apart, not towards it.
        self.session(self.ward_a, D(2026, 10, 7), SessionKind.AD_HOC, leader=self.chair_a)
        duties = ReceptionDuty.objects.filter(pk=self.chair_a_duty.pk)
        (row,) = reception.compliance(duties, D(2026, 10, 5), D(2026, 10, 11), D(2026, 11, 29))
        self.assertEqual((row.required, row.held, row.ok, row.ad_hoc), (1, 0, False, 1))
        self.session(self.ward_a, D(2026, 10, 8), leader=self.chair_a)
        (row,) = reception.compliance(duties, D(2026, 10, 5), D(2026, 10, 11), D(2026, 11, 29))
        self.assertEqual((row.required, row.held, row.ok, row.ad_hoc), (1, 1, True, 1))

    def test_a_week_wholly_in_the_tet_break_owes_no_reception_day(self):
        # Tết Bính Ngọ: Monday 16/2 to Friday 20/2/2026 are all days off.
        today = D(2026, 11, 29)
        self.assertEqual(
            reception.required_days(1, Per.WEEK, D(2026, 2, 16), D(2026, 2, 22), today), 0
        )
        # Three weeks around it owe two days; a month with Tết still owes its days.
        self.assertEqual(
            reception.required_days(1, Per.WEEK, D(2026, 2, 9), D(2026, 3, 1), today), 2
        )
        self.assertEqual(
            reception.required_days(2, Per.MONTH, D(2026, 2, 1), D(2026, 2, 28), today), 2
        )
        duties = ReceptionDuty.objects.filter(pk=self.chair_a_duty.pk)
        (row,) = reception.compliance(duties, D(2026, 2, 16), D(2026, 2, 22), today)
        self.assertEqual((row.required, row.held, row.ok), (0, 0, True))

    def test_other_leaders_sessions_other_units_and_regular_reception_do_not_count(self):
        self.session(self.ward_a, D(2026, 10, 6), SessionKind.REGULAR, officer="Cán bộ")
        self.session(self.ward_a, D(2026, 10, 7), leader=self.secretary_a)
        self.session(self.ward_b, D(2026, 10, 8), leader=self.chair_a)
        self.assertEqual(self.rows(self.ward_a_officer)["chair_a"], (4, 0, 4, False))

    def test_a_duty_met_shows_no_shortfall(self):
        for day in (6, 7, 14, 21):
            self.session(self.ward_a, D(2026, 10, day), leader=self.secretary_a)
        self.assertEqual(self.rows(self.ward_a_officer)["secretary_a"], (2, 4, 0, True))

    def test_units_outside_the_users_scope_are_not_shown(self):
        self.october()
        self.assertEqual(set(self.rows(self.ward_b_officer)), {"chair_b"})
        self.assertEqual(set(self.rows(self.city_leader)), {"chair_a", "secretary_a", "chair_b"})
        self.assertEqual(self.rows(self.citizen), {})

    def test_inactive_duties_are_left_out(self):
        ReceptionDuty.objects.filter(pk=self.secretary_a_duty.pk).update(active=False)
        self.assertEqual(set(self.rows(self.ward_a_officer)), {"chair_a"})

    def test_the_count_takes_the_same_queries_however_many_duties(self):
        self.october()
        duties = scope.scoped(self.city_leader, ReceptionDuty)
        # The duties with their units and leaders, then the sessions (the user's grants
        # were read when the duties were scoped).
        with self.assertNumQueries(2):
            reception.compliance(duties, D(2026, 10, 1), D(2026, 10, 31))


def matter(**fields):
    values = {
        "kind": "petition",
        "subject_area": area("urban_order"),
        "name": "Nguyễn Thị Dân",
        "address": "Số 3 ngõ 5",
        "phone": "0912000111",
        "content": "Đề nghị sửa đèn chiếu sáng ngõ 5.",
    }
    values.update(fields)
    return values


class CasesFromSessionTests(ReceptionTestCase):
    def setUp(self):
        self.held = self.session(self.ward_a, D(2026, 10, 6), leader=self.chair_a)

    def test_each_matter_becomes_a_case_of_the_session(self):
        cases = reception.create_cases(
            self.held,
            [matter(), matter(kind="complaint", content="Khiếu nại quyết định thu hồi đất.")],
            user=self.ward_a_reception,
        )
        self.assertEqual(len(cases), 2)
        for case in Case.objects.all():
            self.assertEqual(case.channel, Channel.RECEPTION)
            self.assertEqual(case.reception_session, self.held)
            self.assertEqual(case.received_on, D(2026, 10, 6))
            self.assertEqual(case.unit, self.ward_a)
            self.assertEqual(case.created_by, self.ward_a_reception)
        self.assertEqual(
            sorted(Case.objects.values_list("kind", flat=True)), ["complaint", "petition"]
        )

    def test_one_bad_matter_records_nothing_and_every_bad_row_gets_its_message(self):
        rows = [matter(), matter(name=""), matter(), matter(content=" ")]
        with self.assertRaises(reception.MattersError) as raised:
            reception.create_cases(self.held, rows, user=self.ward_a_reception)
        self.assertEqual(set(raised.exception.errors), {1, 3})
        self.assertFalse(Case.objects.exists())

    def test_a_user_of_another_ward_cannot_record_cases_at_this_session(self):
        with self.assertRaises(workflow.CaseError):
            reception.create_cases(self.held, [matter()], user=self.ward_b_officer)
        self.assertFalse(Case.objects.exists())

    def post_matters(self, user, rows, session=None):
        self.login(user)
        data = {
            "matter-TOTAL_FORMS": str(len(rows)),
            "matter-INITIAL_FORMS": "0",
            "matter-MIN_NUM_FORMS": "0",
            "matter-MAX_NUM_FORMS": "50",
        }
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"matter-{i}-{key}"] = getattr(value, "pk", value)
        url = reverse("reception_session_cases", args=[(session or self.held).pk])
        return self.client.post(url, data)

    def test_the_matters_page_records_all_rows_in_one_step_and_skips_empty_ones(self):
        self.login(self.ward_a_reception)
        page = self.client.get(reverse("reception_session_cases", args=[self.held.pk]))
        self.assertEqual(page.status_code, 200)
        empty = dict.fromkeys(matter(), "")
        response = self.post_matters(self.ward_a_reception, [matter(), matter(), empty])
        self.assertRedirects(response, reverse("reception_session:inspect", args=[self.held.pk]))
        self.assertEqual(self.held.cases.count(), 2)
        inspect = self.client.get(reverse("reception_session:inspect", args=[self.held.pk]))
        self.assertContains(inspect, self.held.cases.first().code)

    def test_the_matters_page_shows_the_bad_row_and_records_nothing(self):
        response = self.post_matters(self.ward_a_reception, [matter(), matter(name="")])
        self.assertEqual(response.status_code, 200)
        forms = response.context["formset"].forms
        self.assertEqual(forms[0].non_field_errors(), [])
        self.assertTrue(forms[1].non_field_errors())
        self.assertFalse(Case.objects.exists())

    def test_another_wards_session_is_not_found(self):
        other = self.session(self.ward_b, D(2026, 10, 6), leader=self.chair_b)
        response = self.post_matters(self.ward_a_officer, [matter()], session=other)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Case.objects.exists())


class CasesFromDialogueTests(ReceptionTestCase):
    def dialogue(self, **fields):
        values = {
            "unit": self.ward_a,
            "topic": "Giải phóng mặt bằng dự án đường Vành đai",
            "participants": "Các hộ dân thuộc dự án",
            "planned_on": D(2026, 10, 10),
            "status": Dialogue.Status.HELD,
            "held_on": D(2026, 10, 12),
            "attendance": 35,
        }
        values.update(fields)
        return Dialogue.objects.create(**values)

    def test_matters_raised_at_a_held_dialogue_become_cases(self):
        dialogue = self.dialogue()
        reception.create_cases(dialogue, [matter(kind="feedback")], user=self.ward_a_officer)
        case = Case.objects.get()
        self.assertEqual(
            (case.channel, case.dialogue, case.received_on), ("dialogue", dialogue, D(2026, 10, 12))
        )

    def test_a_dialogue_not_yet_held_gives_no_cases(self):
        dialogue = self.dialogue(status=Dialogue.Status.PLANNED, held_on=None, attendance=None)
        with self.assertRaises(workflow.CaseError):
            reception.create_cases(dialogue, [matter()], user=self.ward_a_officer)
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("dialogue:inspect", args=[dialogue.pk]))
        self.assertNotContains(page, reverse("dialogue_cases", args=[dialogue.pk]))

    def test_the_dialogue_form_refuses_a_held_dialogue_without_attendance(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("dialogue:add"),
            {
                "unit": self.ward_a.pk,
                "topic": "Trật tự đô thị",
                "participants": "Nhân dân khu phố 1",
                "planned_on": "2026-11-02",
                "status": "held",
                "held_on": "2026-11-03",
                "attendance": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attendance", response.context["form"].errors)
        self.assertFalse(Dialogue.objects.exists())


class AdminPageTests(ReceptionTestCase):
    def test_the_reception_pages_render_for_a_ward_officer(self):
        held = self.session(self.ward_a, D(2026, 10, 6), leader=self.chair_a)
        dialogue = Dialogue.objects.create(
            unit=self.ward_a, topic="Môi trường", participants="Khu phố 2",
            planned_on=D(2026, 12, 10),
        )  # fmt: skip
        self.login(self.ward_a_officer)
        for url in [
            reverse("reception_session:index"),
            reverse("reception_session:add"),
            reverse("reception_session:inspect", args=[held.pk]),
            reverse("reception_session:edit", args=[held.pk]),
            reverse("dialogue:index"),
            reverse("dialogue:add"),
            reverse("dialogue:inspect", args=[dialogue.pk]),
            reverse("reception_duty:index"),
            reverse("reception_duty:add"),
            reverse("reception_duty:edit", args=[self.chair_a_duty.pk]),
            reverse("reception_compliance"),
            reverse("reception_session_cases", args=[held.pk]),
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_reception_menu_leads_to_the_screens(self):
        self.login(self.ward_a_reception)
        home = self.client.get(reverse("wagtailadmin_home"))
        for url in [reverse("reception_session:index"), reverse("reception_compliance")]:
            self.assertContains(home, url)

    def test_another_wards_session_and_duty_are_not_found(self):
        other = self.session(self.ward_b, D(2026, 10, 6), leader=self.chair_b)
        self.login(self.ward_a_officer)
        for url in [
            reverse("reception_session:inspect", args=[other.pk]),
            reverse("reception_session:edit", args=[other.pk]),
            reverse("reception_session_cases", args=[other.pk]),
            reverse("reception_duty:edit", args=[self.chair_b_duty.pk]),
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        listing = self.client.get(reverse("reception_session:index"))
        self.assertNotIn(other, listing.context["object_list"])

    def test_a_new_duty_takes_the_positions_minimum_when_left_empty(self):
        self.login(self.ward_a_officer)
        ReceptionDuty.objects.all().delete()
        response = self.client.post(
            reverse("reception_duty:add"),
            {"unit": self.ward_a.pk, "leader": self.chair_a.pk, "position": "commune_chair",
             "days_required": "", "per": "", "active": "on"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        duty = ReceptionDuty.objects.get()
        self.assertEqual((duty.days_required, duty.per), (1, "week"))

    def test_a_leader_has_one_active_duty_per_position_and_unit(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("reception_duty:add"),
            {"unit": self.ward_a.pk, "leader": self.chair_a.pk, "position": "commune_chair",
             "days_required": "2", "per": "week", "active": "on"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertIn("leader", response.context["form"].errors)

    def test_leaders_offered_are_those_of_the_users_units(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("reception_duty:add"))
        self.assertContains(page, "cases/reception/duty.js")  # fills days from the position
        self.assertContains(page, "data-reception-frequency")
        form = page.context["form"]
        offered = set(form.fields["leader"].queryset.values_list("username", flat=True))
        self.assertIn("chair_a", offered)
        self.assertNotIn("chair_b", offered)
        self.assertNotIn("city_leader", offered)

    def test_a_session_in_the_future_or_without_its_leader_is_refused(self):
        self.login(self.ward_a_reception)
        response = self.client.post(
            reverse("reception_session:add"),
            {"unit": self.ward_a.pk, "held_on": "2099-01-05", "kind": "periodic",
             "leader": "", "citizens_received": "3"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"held_on", "leader"})
        self.assertFalse(ReceptionSession.objects.exists())

    def test_a_session_is_recorded_by_the_reception_officer(self):
        self.login(self.ward_a_reception)
        response = self.client.post(
            reverse("reception_session:add"),
            {"unit": self.ward_a.pk, "held_on": "2026-10-06", "kind": "periodic",
             "leader": self.chair_a.pk, "citizens_received": "3", "matters": "Đèn ngõ 5"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ReceptionSession.objects.get().leader, self.chair_a)


class ComplianceExportTests(ReceptionTestCase):
    def test_the_excel_export_has_the_tables_numbers(self):
        self.october()
        self.login(self.ward_a_officer)
        params = {"start": "2026-10-01", "end": "2026-10-31"}
        page = self.client.get(reverse("reception_compliance"), params)
        self.assertEqual(len(page.context["rows"]), 2)
        response = self.client.get(reverse("reception_compliance"), {**params, "format": "xlsx"})
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.values)
        self.assertEqual(rows[0][1], "01/10/2026 – 31/10/2026")
        body = {row[1]: row[4:7] + row[8:9] for row in rows[2:]}
        # Required, periodic days held, shortfall; and the ad hoc days apart.
        self.assertEqual(body, {"Trần Văn Chủ": (4, 2, 2, 1), "Lê Thị Bí": (2, 1, 1, 0)})

    def test_the_default_period_is_this_month_and_a_bad_period_is_explained(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("reception_compliance"))
        start, end = reception.preset_period("month")
        self.assertEqual((page.context["start"], page.context["end"]), (start, end))
        bad = self.client.get(
            reverse("reception_compliance"), {"start": "2026-10-31", "end": "2026-10-01"}
        )
        self.assertEqual(bad.status_code, 200)
        self.assertTrue(bad.context["form"].non_field_errors())
        self.assertEqual(bad.context["rows"], [])

    def test_a_user_without_reception_rights_is_refused(self):
        self.login(self.citizen)
        response = self.client.get(reverse("reception_compliance"))
        self.assertIn(response.status_code, (302, 403))


class DemoTests(BaseTestCase):
    def test_the_demo_gives_each_ward_duties_sessions_dialogues_and_cases(self):
        from dvs.cases.reception_demo import load_demo

        out = io.StringIO()
        load_demo([self.ward_a, self.ward_b, self.neighbourhood_a1], {}, out)
        self.assertEqual(ReceptionDuty.objects.filter(unit=self.ward_a).count(), 2)
        self.assertEqual(Dialogue.objects.filter(unit=self.ward_b).count(), 3)
        self.assertTrue(Case.objects.filter(channel=Channel.RECEPTION).exists())
        self.assertTrue(Case.objects.filter(channel=Channel.DIALOGUE).exists())
        self.assertIn("reception sessions", out.getvalue())
        start, end = reception.preset_period("year")
        rows = reception.compliance(ReceptionDuty.objects.all(), start, end)
        self.assertEqual(len(rows), 4)
        self.assertTrue(all(row.held > 0 for row in rows))
