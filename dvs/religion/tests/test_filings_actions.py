"""The writes of filings and rule sets: scope checked before anything is written, each
kind's required fields, the clock stored on the row, warnings kept (not refusals), the
answer and its effect on a group, the yearly list received once, and a 2027 rule set
entered by an administrator giving the waiting filings their dates."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError

from dvs.accounts.models import AuditEntry
from dvs.religion.actions import filings as actions
from dvs.religion.models import Filing, FilingKind, Group, ReligiousOrganisation, RuleSet
from dvs.testing import BaseTestCase

from .helpers import make_establishment, make_filing, make_group, religion

D = datetime.date


def pinned(day):
    return mock.patch("dvs.religion.actions.filings._today", return_value=day)


class FilingCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pagoda_a = make_establishment(cls.ward_a, "Chùa An")
        cls.pagoda_b = make_establishment(cls.ward_b, "Chùa Bình")
        cls.group_a = make_group(cls.ward_a, "Nhóm An")
        cls.organisation = ReligiousOrganisation.objects.create(
            religion=religion("tin-lanh"), name="Hội thánh Tin lành Việt Nam (miền Nam)"
        )

    def belief(self, by=None, **fields):
        data = {
            "unit": self.ward_a,
            "kind": FilingKind.BELIEF_REGISTRATION,
            "submitted_by": "Ban quản lý chùa An",
            "subject": "Đăng ký hoạt động tín ngưỡng năm 2026",
            "received_on": D(2026, 3, 2),
            "establishment": self.pagoda_a,
            "activity_on": D(2026, 6, 1),
        }
        data.update(fields)
        return actions.receive(by or self.ward_a_officer, **data)


class ReceiveTests(FilingCase):
    def test_a_belief_registration_gets_its_clock(self):
        filing = self.belief()
        filing.refresh_from_db()
        self.assertEqual(filing.reply_due_on, D(2026, 3, 17))
        self.assertEqual(filing.rule_set.code, "TNTG2016")
        self.assertIs(filing.on_time, True)
        self.assertEqual(filing.created_by, self.ward_a_officer)
        self.assertTrue(
            AuditEntry.objects.for_instance(filing).filter(action="wagtail.create").exists()
        )

    def test_a_late_registration_is_kept_with_its_warning(self):
        filing = self.belief(received_on=D(2026, 5, 5))
        self.assertIs(Filing.objects.get(pk=filing.pk).on_time, False)
        self.assertEqual(len(filing.clock.warnings), 1)

    def test_another_wards_unit_is_refused_and_nothing_saved(self):
        with self.assertRaises(ValidationError) as refused:
            self.belief(by=self.ward_b_officer)
        self.assertIn("unit", refused.exception.message_dict)
        self.assertFalse(Filing.objects.exists())

    def test_an_establishment_of_another_ward_is_refused(self):
        with self.assertRaises(ValidationError) as refused:
            self.belief(establishment=self.pagoda_b)
        self.assertIn("establishment", refused.exception.message_dict)
        # Even for a user who sees both wards: it is not in the filing's ward.
        with self.assertRaises(ValidationError) as refused:
            self.belief(by=self.city_leader, establishment=self.pagoda_b)
        self.assertIn("establishment", refused.exception.message_dict)
        self.assertFalse(Filing.objects.exists())

    def test_each_kind_needs_its_fields(self):
        cases = {
            FilingKind.BELIEF_REGISTRATION: {"establishment", "activity_on"},
            FilingKind.SUPPLEMENT: {"activity_on"},
            FilingKind.FESTIVAL_NOTICE: {"establishment", "activity_on"},
            FilingKind.FESTIVAL_REPORT: {"establishment", "festival_end_on"},
            FilingKind.GROUP_REGISTRATION: {"group"},
            FilingKind.ANNUAL_LIST: {"organisation", "recognised_on"},
        }
        for kind, needed in cases.items():
            with self.subTest(kind=kind), self.assertRaises(ValidationError) as refused:
                actions.receive(
                    self.ward_a_officer,
                    unit=self.ward_a,
                    kind=kind,
                    submitted_by="Ban quản lý",
                    subject="Hồ sơ",
                    received_on=D(2026, 3, 2),
                )
            self.assertEqual(needed, set(refused.exception.message_dict) & needed)
        self.assertFalse(Filing.objects.exists())

    def test_dates_out_of_range_are_refused(self):
        for fields, name in (
            ({"received_on": D(1999, 12, 31)}, "received_on"),
            ({"received_on": D(2026, 3, 2), "complete_on": D(2026, 3, 1)}, "complete_on"),
        ):
            with self.subTest(name=name), self.assertRaises(ValidationError) as refused:
                self.belief(**fields)
            self.assertIn(name, refused.exception.message_dict)
        with pinned(D(2026, 3, 1)), self.assertRaises(ValidationError) as refused:
            self.belief(received_on=D(2026, 3, 2))
        self.assertIn("received_on", refused.exception.message_dict)

    def test_a_festival_notice_cannot_end_before_it_starts(self):
        with self.assertRaises(ValidationError) as refused:
            self.belief(
                kind=FilingKind.FESTIVAL_NOTICE,
                activity_on=D(2026, 4, 26),
                festival_end_on=D(2026, 4, 25),
            )
        self.assertIn("festival_end_on", refused.exception.message_dict)

    def test_an_incomplete_dossier_lists_what_is_missing_and_has_no_clock(self):
        with self.assertRaises(ValidationError) as refused:
            actions.receive(
                self.ward_a_officer,
                unit=self.ward_a,
                kind=FilingKind.GROUP_REGISTRATION,
                submitted_by="Người đại diện",
                subject="Đăng ký sinh hoạt tôn giáo tập trung",
                received_on=D(2026, 6, 1),
                group=self.group_a,
                complete=False,
            )
        self.assertIn("missing_items", refused.exception.message_dict)
        filing = actions.receive(
            self.ward_a_officer,
            unit=self.ward_a,
            kind=FilingKind.GROUP_REGISTRATION,
            submitted_by="Người đại diện",
            subject="Đăng ký sinh hoạt tôn giáo tập trung",
            received_on=D(2026, 6, 1),
            group=self.group_a,
            complete=False,
            missing_items="Giấy tờ chứng minh địa điểm hợp pháp",
        )
        self.assertIsNone(Filing.objects.get(pk=filing.pk).reply_due_on)
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.state, Group.State.SUBMITTED)
        # Completed on Wednesday 10/06/2026: the reply is due Tuesday 30/06/2026.
        actions.complete(filing, self.ward_a_officer, D(2026, 6, 10))
        filing.refresh_from_db()
        self.assertTrue(filing.complete)
        self.assertEqual(filing.reply_due_on, D(2026, 6, 30))
        with self.assertRaises(ValidationError):
            actions.complete(filing, self.ward_a_officer, D(2026, 6, 11))

    def test_the_yearly_list_is_received_once_per_organisation_and_ward(self):
        fields = {
            "unit": self.ward_a,
            "kind": FilingKind.ANNUAL_LIST,
            "submitted_by": "Hội thánh",
            "subject": "Danh mục hoạt động tôn giáo năm 2026",
            "received_on": D(2026, 3, 20),
            "organisation": self.organisation,
            "recognised_on": D(2026, 3, 1),
        }
        first = actions.receive(self.ward_a_officer, **fields)
        self.assertIs(Filing.objects.get(pk=first.pk).on_time, True)
        with self.assertRaises(ValidationError) as refused:
            actions.receive(self.ward_a_officer, **fields)
        self.assertIn("organisation", refused.exception.message_dict)
        # In another ward the same organisation sends its own list.
        actions.receive(self.ward_b_officer, **{**fields, "unit": self.ward_b})
        self.assertEqual(Filing.objects.filter(kind=FilingKind.ANNUAL_LIST).count(), 2)

    def test_a_supplement_points_to_a_filing_of_the_same_ward(self):
        other = make_filing(self.ward_b, establishment=self.pagoda_b)
        with self.assertRaises(ValidationError) as refused:
            self.belief(kind=FilingKind.SUPPLEMENT, supplements=other, activity_on=D(2026, 8, 15))
        self.assertIn("supplements", refused.exception.message_dict)
        first = self.belief()
        supplement = self.belief(
            kind=FilingKind.SUPPLEMENT,
            supplements=first,
            received_on=D(2026, 7, 27),
            activity_on=D(2026, 8, 15),
        )
        self.assertIs(Filing.objects.get(pk=supplement.pk).on_time, False)

    def test_text_arrives_clean(self):
        filing = self.belief(subject="Đăng ký\u200b hoạt động\x07")
        self.assertEqual(Filing.objects.get(pk=filing.pk).subject, "Đăng ký hoạt động")


class AnswerTests(FilingCase):
    def test_an_answer_is_stored_and_the_filing_leaves_the_overdue_list(self):
        filing = self.belief()
        self.assertIn(filing, Filing.objects.overdue(D(2026, 3, 18)))
        actions.answer(filing, self.ward_a_officer, D(2026, 3, 18), Filing.Outcome.ACCEPTED)
        self.assertNotIn(filing, Filing.objects.overdue(D(2026, 3, 19)))
        filing.refresh_from_db()
        self.assertEqual(filing.replied_on, D(2026, 3, 18))

    def test_a_refusal_needs_reasons(self):
        filing = self.belief()
        with self.assertRaises(ValidationError) as refused:
            actions.answer(filing, self.ward_a_officer, D(2026, 3, 10), Filing.Outcome.REFUSED)
        self.assertIn("reasons", refused.exception.message_dict)
        self.assertIsNone(Filing.objects.get(pk=filing.pk).replied_on)

    def test_the_answer_date_is_checked(self):
        filing = self.belief()
        for day in (D(2026, 3, 1), D(2999, 1, 1)):
            with self.subTest(day=day), self.assertRaises(ValidationError) as refused:
                actions.answer(filing, self.ward_a_officer, day, Filing.Outcome.ACCEPTED)
            self.assertIn("replied_on", refused.exception.message_dict)

    def test_another_ward_may_not_answer(self):
        filing = self.belief()
        with self.assertRaises(ValidationError):
            actions.answer(filing, self.ward_b_officer, D(2026, 3, 10), Filing.Outcome.ACCEPTED)
        with self.assertRaises(ValidationError):
            actions.answer(filing, self.readonly_leader, D(2026, 3, 10), Filing.Outcome.ACCEPTED)
        self.assertIsNone(Filing.objects.get(pk=filing.pk).replied_on)

    def test_answering_a_group_registration_sets_the_groups_state(self):
        filing = self.belief(
            kind=FilingKind.GROUP_REGISTRATION, group=self.group_a, establishment=None
        )
        actions.answer(
            filing,
            self.ward_a_officer,
            D(2026, 3, 20),
            Filing.Outcome.REFUSED,
            reasons="Địa điểm chưa hợp pháp",
            reply_reference="12/UBND",
        )
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.state, Group.State.REFUSED)
        self.assertEqual(self.group_a.state_on, D(2026, 3, 20))

    def test_update_recomputes_the_clock(self):
        filing = self.belief()
        actions.update(filing, self.ward_a_officer, received_on=D(2026, 4, 15))
        self.assertEqual(Filing.objects.get(pk=filing.pk).reply_due_on, D(2026, 5, 4))
        with self.assertRaises(ValidationError):
            actions.update(filing, self.ward_b_officer, subject="Khác")
        with self.assertRaises(ValidationError):
            actions.update(filing, self.ward_a_officer, replied_on=D(2026, 4, 20))


class RuleSetTests(FilingCase):
    NEW = {
        "code": "TNTG2027",
        "name": "Luật Tín ngưỡng, tôn giáo 07/2026/QH16",
        "effective_from": D(2027, 1, 1),
        "source": "Luật 07/2026/QH16, Điều …",
        "belief_lead_days": 30,
        "belief_reply_days": 15,
        "supplement_lead_days": 20,
        "supplement_reply_days": 15,
        "festival_notice_lead_days": 20,
        "festival_report_days": 20,
        "group_reply_days": 20,
        "annual_list_days": 30,
    }

    def test_a_filing_of_2027_waits_for_its_rule_set_and_gets_its_dates_once_entered(self):
        with pinned(D(2027, 1, 20)):
            waiting = self.belief(received_on=D(2027, 1, 15), activity_on=D(2027, 3, 1))
        self.assertEqual(
            waiting.clock.warnings, ["Chưa có quy định áp dụng cho ngày tiếp nhận 15/01/2027."]
        )
        waiting.refresh_from_db()
        self.assertIsNone(waiting.reply_due_on)
        self.assertIsNone(waiting.rule_set)
        with pinned(D(2027, 1, 20)):
            december = self.belief(received_on=D(2026, 12, 20), activity_on=D(2027, 2, 1))
        rule_set = actions.save_rule_set(self.admin, **self.NEW)
        waiting.refresh_from_db()
        december.refresh_from_db()
        self.assertEqual(waiting.rule_set, rule_set)
        self.assertEqual(waiting.reply_due_on, D(2027, 2, 1))  # 30/01 is a Saturday
        self.assertIs(waiting.on_time, True)
        self.assertEqual(december.rule_set.code, "TNTG2016")

    def test_only_administrators_enter_rule_sets(self):
        for user in (self.ward_a_officer, self.city_specialist, self.city_leader):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.save_rule_set(user, **self.NEW)
        self.assertFalse(RuleSet.objects.filter(code="TNTG2027").exists())

    def test_source_period_and_overlap_are_checked(self):
        for fields, name in (
            ({"source": "  "}, "source"),
            ({"effective_to": D(2026, 12, 1)}, "effective_to"),
            ({"effective_from": D(2026, 12, 1)}, "effective_from"),
        ):
            with self.subTest(name=name), self.assertRaises(ValidationError) as refused:
                actions.save_rule_set(self.admin, **{**self.NEW, **fields})
            self.assertIn(name, refused.exception.message_dict)
        self.assertFalse(RuleSet.objects.filter(code="TNTG2027").exists())

    def test_changing_a_rule_set_recomputes_its_filings(self):
        filing = self.belief()
        tntg2016 = RuleSet.objects.get(code="TNTG2016")
        actions.save_rule_set(self.admin, tntg2016, belief_reply_days=10)
        filing.refresh_from_db()
        self.assertEqual(filing.reply_due_on, D(2026, 3, 12))
