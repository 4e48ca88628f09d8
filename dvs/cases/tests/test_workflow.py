import datetime

from dvs.cases import workflow
from dvs.cases.models import Case, Event, Kind, Status
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

D = datetime.date


class IntakeTests(BaseTestCase):
    def test_a_case_is_recorded_with_its_petitioner_event_and_deadline(self):
        case = receive(self.neighbourhood_a1, by=self.ward_a_reception_officer)
        self.assertEqual(case.status, Status.RECEIVED)
        self.assertEqual(len(case.code), 10)
        self.assertEqual(case.petitioners.get().public_name, "Nguyễn Văn Khiếu")
        self.assertEqual(list(case.events.values_list("kind", "on")), [("received", D(2026, 3, 2))])
        # Complaint received on Monday 2/3/2026: acceptance within 10 working days.
        self.assertEqual(case.accept_by, D(2026, 3, 16))
        self.assertIsNone(case.resolve_by)

    def test_bad_input_is_refused_with_a_message_and_nothing_saved(self):
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        cases = [
            ({"received_on": tomorrow}, "tương lai"),
            ({"name": ""}, "tên người gửi"),
            ({"content": "  "}, "nội dung"),
            ({"stage": 2}, "lần đầu"),
            ({"kind": Kind.PETITION, "stage": 2}, "khiếu nại"),
        ]
        for fields, words in cases:
            with self.subTest(fields=fields), self.assertRaises(workflow.CaseError) as raised:
                receive(self.neighbourhood_a1, **fields)
            self.assertIn(words, " ".join(raised.exception.messages).lower())
        self.assertFalse(Case.objects.exists())

    def test_a_second_time_complaint_follows_a_first_time_decision(self):
        first = receive(self.neighbourhood_a1, received_on=D(2026, 1, 5))
        with self.assertRaises(workflow.CaseError):
            receive(self.neighbourhood_a1, stage=2, first_case=first, received_on=D(2026, 1, 20))
        workflow.accept(first, by=None, accepted_on=D(2026, 1, 9))
        workflow.conclude(first, by=None, concluded_on=D(2026, 2, 3), conclusion="Giữ nguyên.")
        second = receive(
            self.neighbourhood_a1, stage=2, first_case=first, received_on=D(2026, 2, 20)
        )
        self.assertEqual(second.first_case, first)

    def test_an_anonymous_denunciation_needs_no_name(self):
        case = receive(self.neighbourhood_a1, kind=Kind.DENUNCIATION, name="", anonymous=True)
        self.assertEqual(case.petitioners.count(), 0)
        self.assertEqual(str(case.petitioner_names()), "(nặc danh)")


class DuplicateTests(BaseTestCase):
    def test_the_same_petitioner_with_similar_content_is_a_candidate(self):
        first = receive(self.neighbourhood_a1, name="Trần Thị Bình")
        found = workflow.duplicate_candidates(
            user=self.city_leader,
            content="Đề nghị xem xét lại quyết định thu hồi đất ở tổ 3",
            petitioner_names=["TRAN THI BINH"],
        )
        self.assertEqual(found, [first])
        other_matter = workflow.duplicate_candidates(
            user=self.city_leader,
            content="Phản ánh tiếng ồn quán karaoke ban đêm",
            petitioner_names=["Trần Thị Bình"],
        )
        self.assertEqual(other_matter, [])

    def test_the_same_forwarding_letter_is_a_candidate_and_a_linked_repeat_is_not_counted(self):
        first = receive(self.neighbourhood_a1, forwarded_reference="123/TTCP")
        again = receive(self.neighbourhood_a1, name="Người khác", forwarded_reference="123/ttcp")
        self.assertEqual(
            workflow.duplicate_candidates(
                user=self.city_leader, content="x", forwarded_reference="123/TTCP", exclude=again
            ),
            [first],
        )
        workflow.link(again, first, by=self.ward_a_reception_officer)
        again.refresh_from_db()
        self.assertEqual((again.status, again.duplicate_of), (Status.DUPLICATE, first))
        self.assertEqual(Case.objects.counted().count(), 1)
        self.assertTrue(first.events.filter(kind=Event.Kind.LINKED, note=again.code).exists())


class StateMachineTests(BaseTestCase):
    def test_a_complaint_walks_from_acceptance_to_notified_result(self):
        case = receive(self.neighbourhood_a1)
        workflow.accept(
            case, by=self.ward_a_reception_officer, accepted_on=D(2026, 3, 5), complexity="complex"
        )
        self.assertEqual(case.status, Status.ACCEPTED)
        # Complex first-time complaint: 45 days from acceptance.
        self.assertEqual(case.resolve_by, D(2026, 4, 20))
        workflow.assign(
            case,
            by=self.ward_a_leader,
            handler=self.ward_a_reception_officer,
            assigned_on=D(2026, 3, 6),
        )
        workflow.verify(
            case, by=self.ward_a_reception_officer, verified_on=D(2026, 3, 20), note="Đã xác minh."
        )
        workflow.conclude(
            case,
            by=self.ward_a_reception_officer,
            concluded_on=D(2026, 4, 10),
            conclusion="Đúng một phần.",
        )
        self.assertTrue(case.resolved_on_time)
        workflow.notify(case, by=self.ward_a_reception_officer, notified_on=D(2026, 4, 13))
        case.refresh_from_db()
        self.assertEqual((case.status, case.closed_on), (Status.NOTIFIED, D(2026, 4, 13)))
        self.assertEqual(
            list(case.events.values_list("kind", flat=True)),
            ["received", "accepted", "assigned", "verified", "concluded", "notified"],
        )

    def test_illegal_transitions_and_dates_are_refused_and_change_nothing(self):
        case = receive(self.neighbourhood_a1)
        with self.assertRaisesMessage(workflow.CaseError, "không thể"):
            workflow.conclude(case, by=None, concluded_on=D(2026, 3, 3), conclusion="x")
        with self.assertRaisesMessage(workflow.CaseError, "trước"):
            workflow.accept(case, by=None, accepted_on=D(2026, 3, 1))
        workflow.accept(case, by=None, accepted_on=D(2026, 3, 3))
        with self.assertRaisesMessage(workflow.CaseError, "trước"):
            workflow.conclude(case, by=None, concluded_on=D(2026, 3, 2), conclusion="x")
        with self.assertRaisesMessage(workflow.CaseError, "không thể"):
            workflow.forward(case, by=None, forwarded_on=D(2026, 3, 4), to="UBND quận")
        case.refresh_from_db()
        self.assertEqual(case.status, Status.ACCEPTED)
        self.assertEqual(case.events.count(), 2)

    def test_not_ours_is_forwarded_and_ineligible_is_archived_with_the_reason(self):
        forwarded = receive(self.neighbourhood_a1)
        workflow.forward(
            forwarded, by=None, forwarded_on=D(2026, 3, 4), to="Sở Tài nguyên và Môi trường"
        )
        self.assertEqual(
            (forwarded.status, forwarded.forwarded_to),
            (Status.FORWARDED, "Sở Tài nguyên và Môi trường"),
        )
        archived = receive(self.neighbourhood_a1, kind=Kind.DENUNCIATION, name="", anonymous=True)
        with self.assertRaises(workflow.CaseError):
            workflow.archive(archived, by=None, archived_on=D(2026, 3, 4), reason="")
        workflow.archive(
            archived,
            by=None,
            archived_on=D(2026, 3, 4),
            reason="Đơn nặc danh (Điều 25 Luật Tố cáo).",
        )
        self.assertEqual(archived.status, Status.ARCHIVED)

    def test_extensions_beyond_the_law_are_refused(self):
        case = receive(self.neighbourhood_a1, kind=Kind.DENUNCIATION)
        workflow.accept(case, by=None, accepted_on=D(2026, 3, 6), complexity="complex")
        before = case.resolve_by
        workflow.extend(case, by=None, granted_on=D(2026, 3, 20), days=30, reason="Phức tạp")
        self.assertGreater(case.resolve_by, before)
        with self.assertRaises(workflow.CaseError):
            workflow.extend(case, by=None, granted_on=D(2026, 3, 21), days=30, reason="Lần hai")
        self.assertEqual(case.extensions.count(), 1)

    def test_a_suspension_stops_the_clock_and_a_resumption_restarts_it(self):
        case = receive(self.neighbourhood_a1, received_on=D(2026, 8, 3))
        workflow.accept(case, by=None, accepted_on=D(2026, 8, 5))
        workflow.suspend(case, by=None, suspended_on=D(2026, 8, 10), reason="Chờ giám định")
        self.assertEqual(case.status, Status.SUSPENDED)
        self.assertIsNone(case.resolve_by)
        workflow.resume(case, by=None, resumed_on=D(2026, 9, 10))
        self.assertEqual(case.status, Status.ACCEPTED)
        self.assertGreater(case.resolve_by, D(2026, 9, 10))
        self.assertEqual(case.suspensions.get().end, D(2026, 9, 10))

    def test_a_handler_must_be_allowed_to_handle_the_unit(self):
        case = receive(self.neighbourhood_a1)
        with self.assertRaises(workflow.CaseError):
            workflow.assign(case, by=self.city_leader, handler=self.ward_b_officer)
        self.assertIsNone(Case.objects.get(pk=case.pk).handler)
