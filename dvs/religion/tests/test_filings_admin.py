"""The back office of filings: the list with each filing's state and its filters, the
intake form saving through the action, the filing's page with its clock and the answer
and completion forms, the overdue list (a ward's filings; the Board's count per ward),
the calculator, the rule sets (administrators) and the work list's reminders."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.accounts.dashboard import work_list
from dvs.religion.models import Filing, FilingKind, RuleSet
from dvs.testing import BaseTestCase

from .helpers import make_establishment, make_filing, make_group

D = datetime.date
TODAY = "django.utils.timezone.localdate"


class FilingAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pagoda_a = make_establishment(cls.ward_a, "Chùa An")
        cls.pagoda_b = make_establishment(cls.ward_b, "Chùa Bình")
        cls.overdue_a = make_filing(
            cls.ward_a, establishment=cls.pagoda_a, subject="Hồ sơ quá hạn A"
        )
        cls.overdue_b = make_filing(
            cls.ward_b, establishment=cls.pagoda_b, subject="Hồ sơ quá hạn B"
        )
        cls.answered_a = make_filing(
            cls.ward_a, subject="Hồ sơ đã trả lời A", replied_on=D(2026, 3, 10), outcome="accepted"
        )
        cls.incomplete_a = make_filing(
            cls.ward_a,
            kind=FilingKind.GROUP_REGISTRATION,
            subject="Hồ sơ thiếu A",
            complete=False,
            missing_items="Giấy tờ địa điểm",
            group=make_group(cls.ward_a),
        )

    def test_the_list_shows_states_and_only_the_wards_filings(self):
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 3, 20)):
            response = self.client.get(reverse("filing:index"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Hồ sơ quá hạn A", html)
        self.assertNotIn("Hồ sơ quá hạn B", html)
        self.assertIn("17/03/2026", html)
        self.assertIn("dvs-overdue", html)

    def test_state_filter(self):
        self.login(self.ward_a_officer)
        expected = {
            "overdue": "Hồ sơ quá hạn A",
            "answered": "Hồ sơ đã trả lời A",
            "incomplete": "Hồ sơ thiếu A",
        }
        for state, subject in expected.items():
            with self.subTest(state=state):
                response = self.client.get(reverse("filing:index"), {"state": state})
                html = response.content.decode()
                self.assertIn(subject, html)
                for other in set(expected.values()) - {subject}:
                    self.assertNotIn(other, html)

    def test_create_through_the_form_and_see_the_clock(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("filing:add"),
            {
                "unit": self.ward_a.pk,
                "kind": FilingKind.BELIEF_REGISTRATION,
                "submitted_by": "Ban quản lý chùa An",
                "subject": "Đăng ký hoạt động tín ngưỡng mới",
                "received_on": "05/05/2026",
                "complete": "on",
                "establishment": self.pagoda_a.pk,
                "activity_on": "01/06/2026",
            },
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        filing = Filing.objects.get(subject="Đăng ký hoạt động tín ngưỡng mới")
        self.assertEqual(filing.reply_due_on, D(2026, 5, 20))
        page = self.client.get(reverse("filing:inspect", args=[filing.pk])).content.decode()
        self.assertIn("20/05/2026", page)
        self.assertIn("TNTG2016", page)
        self.assertIn("rf-warnings", page)
        self.assertIn("02/05/2026", page)  # the last day it could have arrived
        self.assertIn(reverse("religion_filing_answer", args=[filing.pk]), page)

    def test_the_form_refuses_what_a_kind_lacks_on_the_field(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("filing:add"),
            {
                "unit": self.ward_a.pk,
                "kind": FilingKind.FESTIVAL_NOTICE,
                "submitted_by": "Ban quản lý đình",
                "subject": "Thông báo lễ hội",
                "received_on": "06/04/2026",
                "complete": "on",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("establishment", response.context["form"].errors)
        self.assertIn("activity_on", response.context["form"].errors)
        self.assertFalse(Filing.objects.filter(subject="Thông báo lễ hội").exists())

    def test_answer_and_complete_forms(self):
        self.login(self.ward_a_officer)
        url = reverse("religion_filing_answer", args=[self.overdue_a.pk])
        refused = self.client.post(url, {"replied_on": "18/03/2026", "outcome": "refused"})
        self.assertEqual(refused.status_code, 200)
        self.assertIn("reasons", refused.context["form"].errors)
        done = self.client.post(
            url, {"replied_on": "18/03/2026", "outcome": "refused", "reasons": "Thiếu chữ ký"}
        )
        self.assertRedirects(done, reverse("filing:inspect", args=[self.overdue_a.pk]))
        self.assertEqual(Filing.objects.get(pk=self.overdue_a.pk).replied_on, D(2026, 3, 18))
        complete = reverse("religion_filing_complete", args=[self.incomplete_a.pk])
        self.assertEqual(self.client.post(complete, {"complete_on": "10/06/2026"}).status_code, 302)
        self.assertEqual(Filing.objects.get(pk=self.incomplete_a.pk).reply_due_on, D(2026, 6, 30))

    def test_another_wards_filing_is_not_found_and_a_reader_may_not_answer(self):
        self.login(self.ward_a_officer)
        for name in ("religion_filing_answer", "religion_filing_complete", "filing:inspect"):
            with self.subTest(name=name):
                url = reverse(name, args=[self.overdue_b.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.readonly_leader)
        url = reverse("religion_filing_answer", args=[self.overdue_a.pk])
        # Wagtail sends a refused page back to the dashboard with a message.
        self.assertIn(self.client.get(url).status_code, (302, 403))
        page = self.client.get(reverse("filing:inspect", args=[self.overdue_a.pk]))
        self.assertNotIn(url, page.content.decode())

    def test_overdue_list_of_a_ward_and_the_boards_count_per_ward(self):
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 3, 18)):
            ward = self.client.get(reverse("religion_filings_overdue"))
        html = ward.content.decode()
        self.assertIn("Hồ sơ quá hạn A", html)
        self.assertNotIn("Hồ sơ quá hạn B", html)
        self.assertNotIn("rf-overdue-counts", html)
        self.login(self.city_leader)
        with mock.patch(TODAY, return_value=D(2026, 3, 18)):
            board = self.client.get(reverse("religion_filings_overdue"))
        self.assertEqual(board.context["total"], 2)
        self.assertEqual(
            {row["unit__name"]: row["count"] for row in board.context["counts"]},
            {"Phường An Bình": 1, "Phường Bình Minh": 1},
        )
        with mock.patch(TODAY, return_value=D(2026, 3, 17)):
            on_the_day = self.client.get(reverse("religion_filings_overdue"))
        self.assertEqual(on_the_day.context["total"], 0)
        self.login(self.citizen)
        self.assertIn(self.client.get(reverse("religion_filings_overdue")).status_code, (302, 403))

    def test_the_calculator(self):
        self.login(self.ward_a_officer)
        response = self.client.get(
            reverse("religion_filings_check"),
            {
                "kind": "belief_registration",
                "received_on": "02/03/2026",
                "activity_on": "01/06/2026",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["clock"].reply_due_on, D(2026, 3, 17))
        self.assertIn("17/03/2026", response.content.decode())
        bad = self.client.get(
            reverse("religion_filings_check"),
            {"kind": "belief_registration", "received_on": "3/31/2026"},
        )
        self.assertIsNone(bad.context["clock"])
        none = self.client.get(
            reverse("religion_filings_check"), {"kind": "supplement", "received_on": "15/01/2027"}
        )
        self.assertIn("15/01/2027", none.content.decode())
        self.assertIsNone(none.context["clock"].reply_due_on)

    def test_work_list_overdue_and_due_soon(self):
        soon = make_filing(self.ward_a, subject="Hồ sơ sắp đến hạn", received_on=D(2026, 3, 10))
        with mock.patch(TODAY, return_value=D(2026, 3, 23)):
            sections = {s.source.key: s for s in work_list(self.ward_a_officer)}
        overdue = [item.title for item in sections["religion_filings_overdue"].items]
        due = [item.title for item in sections["religion_filings_due_soon"].items]
        self.assertEqual(overdue, [str(self.overdue_a)])
        self.assertEqual(due, [str(soon)])  # due 25/03/2026
        # "Xem tất cả" opens the filings due within 3 days, not every one still waiting.
        later = make_filing(self.ward_a, subject="Hồ sơ còn lâu", received_on=D(2026, 3, 20))
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 3, 23)):
            listing = self.client.get(sections["religion_filings_due_soon"].all_url)
        shown = [filing.pk for filing in listing.context["object_list"]]
        self.assertEqual(shown, [soon.pk])
        self.assertNotIn(later.pk, shown)


class RuleSetAdminTests(BaseTestCase):
    def body(self, **fields):
        body = {
            "code": "TNTG2027",
            "name": "Luật Tín ngưỡng, tôn giáo 07/2026/QH16",
            "effective_from": "01/01/2027",
            "effective_to": "",
            "source": "Luật 07/2026/QH16",
            "confidence": "C",
            "belief_lead_days": 30,
            "belief_reply_days": 15,
            "supplement_lead_days": 20,
            "supplement_reply_days": 15,
            "festival_notice_lead_days": 20,
            "festival_report_days": 20,
            "group_reply_days": 20,
            "annual_list_days": 30,
        }
        body.update(fields)
        return body

    def test_an_administrator_enters_the_2027_rule_set_and_waiting_filings_get_dates(self):
        waiting = make_filing(self.ward_a, received_on=D(2027, 1, 15))
        self.assertIsNone(waiting.reply_due_on)
        self.login(self.admin)
        overlapping = self.client.post(
            reverse("religion_ruleset:add"), self.body(effective_from="01/12/2026")
        )
        self.assertEqual(overlapping.status_code, 200)
        self.assertIn("effective_from", overlapping.context["form"].errors)
        response = self.client.post(reverse("religion_ruleset:add"), self.body())
        self.assertEqual(response.status_code, 302)
        waiting.refresh_from_db()
        self.assertEqual(waiting.rule_set.code, "TNTG2027")
        self.assertEqual(waiting.reply_due_on, D(2027, 2, 1))

    def test_a_ward_officer_reads_but_does_not_enter_rule_sets(self):
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(reverse("religion_ruleset:index")).status_code, 200)
        response = self.client.post(reverse("religion_ruleset:add"), self.body())
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(RuleSet.objects.filter(code="TNTG2027").exists())
