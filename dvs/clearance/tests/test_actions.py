"""The writes of land clearance: each checks its user's scope, refuses bad input with a
message and nothing saved, and stamps the segment as reported."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dvs.accounts.models import AuditEntry
from dvs.cases.models import Dialogue
from dvs.clearance import actions
from dvs.clearance.models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    MilestoneKind,
    Obstacle,
    Outcome,
    PartyKind,
    Project,
    ProjectKind,
    RuleSet,
    Stage,
)
from dvs.testing import BaseTestCase

from .helpers import make_party, make_project, make_segment

D = datetime.date
FUTURE = D(2999, 1, 1)


class ClearanceTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.project = make_project(cls.city)
        cls.segment_a = make_segment(cls.project, cls.ward_a, km_from=0, km_to=3)
        cls.segment_b = make_segment(cls.project, cls.ward_b, km_from=3, km_to=5)
        cls.party_a = make_party(cls.segment_a, "Hộ ông Trần Văn Bình", unit=cls.neighbourhood_a1)
        cls.party_b = make_party(cls.segment_b, "Hộ bà Lê Thị Cúc")

    def messages(self, error):
        return " ".join(error.exception.messages)


class ProjectTests(ClearanceTestCase):
    def test_city_specialist_creates_a_key_project_that_is_logged(self):
        project = actions.create_project(
            by=self.city_specialist,
            unit=self.city,
            code="DT295C",
            name="Đường tỉnh 295C",
            kind=ProjectKind.TRANSPORT,
        )
        self.assertEqual(project.created_by, self.city_specialist)
        self.assertTrue(
            AuditEntry.objects.for_instance(project).filter(action="wagtail.create").exists()
        )

    def test_ward_a_officer_may_not_create_a_key_project(self):
        with self.assertRaises(ValidationError):
            actions.create_project(
                by=self.ward_a_officer,
                unit=self.ward_a,
                code="X1",
                name="Dự án phường",
                kind=ProjectKind.URBAN,
            )
        self.assertFalse(Project.objects.filter(code="X1").exists())

    def test_a_chosen_rule_set_needs_its_reason(self):
        rule_set = RuleSet.objects.create(
            code="T1",
            name="Thử",
            effective_from=D(2024, 8, 1),
            notice_days_agricultural=90,
            notice_days_non_agricultural=180,
            posting_days=30,
            dialogue_days=60,
        )
        with self.assertRaises(ValidationError) as error:
            actions.update_project(self.project, by=self.city_leader, rule_set=rule_set)
        self.assertIn("rule_set_reason", error.exception.message_dict)
        self.project.refresh_from_db()
        self.assertIsNone(self.project.rule_set_id)
        actions.update_project(
            self.project,
            by=self.city_leader,
            rule_set=rule_set,
            rule_set_reason="Dự án chuyển tiếp",
        )
        self.project.refresh_from_db()
        self.assertEqual(self.project.rule_set, rule_set)

    def test_readonly_leader_may_not_change_a_key_project(self):
        with self.assertRaises(ValidationError):
            actions.update_project(self.project, by=self.readonly_leader, name="Đổi tên")
        self.project.refresh_from_db()
        self.assertEqual(self.project.name, "Đường vành đai 4")


class SegmentTests(ClearanceTestCase):
    def test_city_leader_adds_a_segment_with_its_working_group(self):
        other = make_project(self.city, code="DT295C", name="Đường tỉnh 295C")
        segment = actions.add_segment(
            other,
            by=self.city_leader,
            ward=self.ward_a,
            km_from=1,
            km_to=2,
            planned_households=40,
            working_users=[self.ward_a_officer],
            working_organisations=[self.ward_a_front],
        )
        self.assertEqual(list(segment.working_users.all()), [self.ward_a_officer])
        self.assertEqual(list(segment.working_organisations.all()), [self.ward_a_front])
        self.assertIsNotNone(segment.last_reported_at)

    def test_ward_a_officer_may_not_add_a_segment(self):
        other = make_project(self.city, code="DT295C", name="Đường tỉnh 295C")
        with self.assertRaises(ValidationError):
            actions.add_segment(other, by=self.ward_a_officer, ward=self.ward_a)
        self.assertFalse(other.segments.exists())

    def test_a_segment_ending_before_it_starts_is_refused(self):
        other = make_project(self.city, code="DT295C", name="Đường tỉnh 295C")
        with self.assertRaises(ValidationError) as error:
            actions.add_segment(other, by=self.city_leader, ward=self.ward_a, km_from=5, km_to=2)
        self.assertIn("km_to", error.exception.message_dict)

    def test_ward_a_officer_reports_km_cleared_on_its_segment(self):
        actions.update_segment(
            self.segment_a, by=self.ward_a_officer, km_cleared="1.5", note="Đã cắm mốc"
        )
        self.segment_a.refresh_from_db()
        self.assertEqual(str(self.segment_a.km_cleared), "1.500")
        self.assertIsNotNone(self.segment_a.last_reported_at)

    def test_ward_a_officer_may_not_change_the_planned_households(self):
        with self.assertRaises(ValidationError):
            actions.update_segment(self.segment_a, by=self.ward_a_officer, planned_households=5)
        self.segment_a.refresh_from_db()
        self.assertEqual(self.segment_a.planned_households, 0)

    def test_ward_a_officer_may_not_change_ward_b_segment(self):
        with self.assertRaises(ValidationError):
            actions.update_segment(self.segment_b, by=self.ward_a_officer, km_cleared=1)
        self.segment_b.refresh_from_db()
        self.assertIsNone(self.segment_b.km_cleared)


class PartyTests(ClearanceTestCase):
    def test_ward_a_officer_adds_a_party_with_its_sensitive_flags(self):
        party = actions.add_party(
            self.segment_a,
            by=self.ward_a_officer,
            unit=self.neighbourhood_a2,
            kind=PartyKind.HOUSEHOLD,
            name="Hộ ông Phạm\u200b Văn Dũng",
            agricultural_land=True,
            sensitive={"policy_family": True},
        )
        self.assertEqual(party.name, "Hộ ông Phạm Văn Dũng")
        self.assertEqual(party.project, self.project)
        self.assertEqual(
            party.reveal(self.ward_a_officer), {"policy_family": True, "poor_household": False}
        )

    def test_a_party_unit_outside_the_segment_ward_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            actions.add_party(
                self.segment_a,
                by=self.city_leader,
                unit=self.neighbourhood_b1,
                kind=PartyKind.HOUSEHOLD,
                name="Hộ lạc phường",
            )
        self.assertIn("unit", error.exception.message_dict)
        self.assertFalse(AffectedParty.objects.filter(name="Hộ lạc phường").exists())

    def test_ward_b_officer_may_not_add_a_party_to_ward_a_segment(self):
        with self.assertRaises(ValidationError):
            actions.add_party(
                self.segment_a, by=self.ward_b_officer, kind=PartyKind.HOUSEHOLD, name="Hộ X"
            )
        self.assertFalse(AffectedParty.objects.filter(name="Hộ X").exists())

    def test_a_household_outside_the_officer_scope_is_refused(self):
        from dvs.people.models import Household

        household = Household.objects.create(unit=self.neighbourhood_b1, address="Số 9")
        with self.assertRaises(ValidationError) as error:
            actions.update_party(self.party_a, by=self.ward_a_officer, household=household)
        self.assertIn("household", error.exception.message_dict)

    def test_ward_b_officer_may_not_change_ward_a_party(self):
        with self.assertRaises(ValidationError):
            actions.update_party(self.party_a, by=self.ward_b_officer, name="Đổi")
        self.party_a.refresh_from_db()
        self.assertEqual(self.party_a.name, "Hộ ông Trần Văn Bình")


class MilestoneTests(ClearanceTestCase):
    def test_a_shared_notice_moves_every_party_of_the_segment(self):
        second = make_party(self.segment_a, "Hộ bà Đỗ Thị Em")
        actions.record_milestone(
            self.segment_a, by=self.ward_a_officer, kind=MilestoneKind.INVENTORY, on=D(2026, 3, 1)
        )
        for party in (self.party_a, second):
            party.refresh_from_db()
            self.assertEqual(party.stage, Stage.INVENTORIED)
        self.party_b.refresh_from_db()
        self.assertEqual(self.party_b.stage, Stage.NOT_INVENTORIED)

    def test_an_opinion_meeting_is_recorded_for_a_party_with_its_tally(self):
        milestone = actions.record_milestone(
            self.party_a,
            by=self.ward_a_officer,
            kind=MilestoneKind.OPINION_MEETING,
            on=D(2026, 4, 10),
            present=55,
            agree=40,
            disagree=12,
            other=3,
        )
        self.assertEqual(milestone.unit, self.neighbourhood_a1)
        self.party_a.refresh_from_db()
        self.assertEqual(self.party_a.stage, Stage.IN_PROGRESS)
        self.segment_a.refresh_from_db()
        self.assertIsNotNone(self.segment_a.last_reported_at)

    def test_a_shared_step_is_refused_on_a_party_not_tracked_separately(self):
        with self.assertRaises(ValidationError) as error:
            actions.record_milestone(
                self.party_a, by=self.ward_a_officer, kind=MilestoneKind.NOTICE, on=D(2026, 3, 1)
            )
        self.assertIn("kind", error.exception.message_dict)
        self.assertFalse(Milestone.objects.exists())

    def test_a_party_tracked_separately_gets_its_own_notice(self):
        self.party_a.tracked_separately = True
        self.party_a.save()
        milestone = actions.record_milestone(
            self.party_a, by=self.ward_a_officer, kind=MilestoneKind.NOTICE, on=D(2026, 3, 1)
        )
        self.assertEqual(milestone.party, self.party_a)

    def test_a_party_step_is_refused_on_a_segment(self):
        with self.assertRaises(ValidationError):
            actions.record_milestone(
                self.segment_a, by=self.ward_a_officer, kind=MilestoneKind.PAID, on=D(2026, 3, 1)
            )
        self.assertFalse(Milestone.objects.exists())

    def test_ward_b_officer_may_not_record_a_step_of_ward_a(self):
        with self.assertRaises(ValidationError):
            actions.record_milestone(
                self.party_a, by=self.ward_b_officer, kind=MilestoneKind.PAID, on=D(2026, 3, 1)
            )
        self.assertFalse(Milestone.objects.exists())

    def test_readonly_leader_may_not_record_a_step(self):
        with self.assertRaises(ValidationError):
            actions.record_milestone(
                self.segment_a, by=self.readonly_leader, kind=MilestoneKind.PLAN, on=D(2026, 3, 1)
            )
        self.assertFalse(Milestone.objects.exists())

    def test_a_persuasion_without_its_record_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            actions.record_milestone(
                self.party_a,
                by=self.ward_a_officer,
                kind=MilestoneKind.RECOVERY_PERSUASION,
                on=D(2026, 3, 1),
            )
        self.assertIn("record", error.exception.message_dict)
        self.assertFalse(Milestone.objects.exists())

    def test_a_persuasion_with_its_record_file_is_kept_privately(self):
        milestone = actions.record_milestone(
            self.party_a,
            by=self.ward_a_officer,
            kind=MilestoneKind.RECOVERY_PERSUASION,
            on=D(2026, 3, 1),
            record=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
        )
        self.assertEqual(milestone.record_name, "bien-ban.pdf")
        self.assertTrue(milestone.record.name.startswith("clearance/"))
        self.assertNotIn("bien-ban", milestone.record.name)

    def test_a_step_not_applicable_needs_its_reason(self):
        with self.assertRaises(ValidationError) as error:
            actions.record_milestone(
                self.party_a,
                by=self.ward_a_officer,
                kind=MilestoneKind.DIALOGUE,
                on=D(2026, 3, 1),
                not_applicable=True,
            )
        self.assertIn("reason", error.exception.message_dict)

    def test_the_clock_errors_refuse_the_step_and_its_warnings_are_kept(self):
        with mock.patch(
            "dvs.clearance.clocks.check_milestone",
            return_value=({"on": ["Quyết định trước thông báo."]}, []),
        ):
            with self.assertRaises(ValidationError) as error:
                actions.record_milestone(
                    self.party_a,
                    by=self.ward_a_officer,
                    kind=MilestoneKind.RECOVERY_DECISION,
                    on=D(2026, 3, 1),
                )
        self.assertEqual(error.exception.message_dict, {"on": ["Quyết định trước thông báo."]})
        self.assertFalse(Milestone.objects.exists())
        with mock.patch(
            "dvs.clearance.clocks.check_milestone",
            return_value=({}, ["Chưa đủ 90 ngày kể từ thông báo"]),
        ):
            milestone = actions.record_milestone(
                self.party_a,
                by=self.ward_a_officer,
                kind=MilestoneKind.RECOVERY_DECISION,
                on=D(2026, 3, 1),
            )
        milestone.refresh_from_db()
        self.assertEqual(milestone.warnings, ["Chưa đủ 90 ngày kể từ thông báo"])


class VisitTests(ClearanceTestCase):
    def test_three_not_yet_visits_put_a_party_on_the_needs_dialogue_list(self):
        for day in (1, 8, 15):
            actions.log_visit(
                self.party_a,
                by=self.ward_a_officer,
                on=D(2026, 4, day),
                outcome=Outcome.NOT_YET,
                concerns=["land_price", "graves"],
                visitors=[self.ward_a_officer],
                organisations=[self.ward_a_front],
            )
        self.assertIn(self.party_a, AffectedParty.objects.needs_dialogue())
        self.party_a.refresh_from_db()
        self.assertEqual(self.party_a.visit_count, 3)

    def test_ward_a_women_officer_logs_a_visit(self):
        visit = actions.log_visit(
            self.party_a, by=self.ward_a_women_officer, on=D(2026, 4, 1), outcome=Outcome.AGREES
        )
        self.party_a.refresh_from_db()
        self.assertTrue(self.party_a.agreed)
        self.assertEqual(visit.created_by, self.ward_a_women_officer)

    def test_an_unknown_concern_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            actions.log_visit(
                self.party_a,
                by=self.ward_a_officer,
                on=D(2026, 4, 1),
                outcome=Outcome.NOT_YET,
                concerns=["weather"],
            )
        self.assertIn("concerns", error.exception.message_dict)
        self.assertFalse(AdvocacyVisit.objects.exists())

    def test_a_ward_b_officer_cannot_be_named_on_a_ward_a_visit(self):
        with self.assertRaises(ValidationError) as error:
            actions.log_visit(
                self.party_a,
                by=self.ward_a_officer,
                on=D(2026, 4, 1),
                outcome=Outcome.NOT_YET,
                visitors=[self.ward_a_officer, self.ward_b_officer],
            )
        self.assertIn("visitors", error.exception.message_dict)
        self.assertFalse(AdvocacyVisit.objects.exists())

    def test_a_visit_in_the_future_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            actions.log_visit(
                self.party_a, by=self.ward_a_officer, on=FUTURE, outcome=Outcome.NOT_YET
            )
        self.assertIn("on", error.exception.message_dict)
        self.assertFalse(AdvocacyVisit.objects.exists())

    def test_ward_b_officer_may_not_log_a_visit_in_ward_a(self):
        with self.assertRaises(ValidationError):
            actions.log_visit(
                self.party_a, by=self.ward_b_officer, on=D(2026, 4, 1), outcome=Outcome.AGREES
            )
        self.assertFalse(AdvocacyVisit.objects.exists())

    def test_readonly_leader_may_not_log_a_visit(self):
        with self.assertRaises(ValidationError):
            actions.log_visit(
                self.party_a, by=self.readonly_leader, on=D(2026, 4, 1), outcome=Outcome.AGREES
            )
        self.assertFalse(AdvocacyVisit.objects.exists())

    def test_an_unknown_outcome_is_refused(self):
        with self.assertRaises(ValidationError):
            actions.log_visit(self.party_a, by=self.ward_a_officer, on=D(2026, 4, 1), outcome="x")
        self.assertFalse(AdvocacyVisit.objects.exists())


class ObstacleTests(ClearanceTestCase):
    def test_ward_a_officer_opens_and_resolves_an_obstacle_linked_to_a_dialogue(self):
        dialogue = Dialogue.objects.create(
            unit=self.ward_a, topic="Giá đất", participants="Các hộ", planned_on=D(2026, 4, 20)
        )
        obstacle = actions.open_obstacle(
            self.party_a,
            by=self.ward_a_officer,
            category="land_price",
            description="Chưa đồng ý giá",
            opened_on=D(2026, 4, 1),
            dialogue=dialogue,
        )
        self.assertIn(self.party_a, AffectedParty.objects.with_open_obstacle())
        actions.resolve_obstacle(
            obstacle, by=self.ward_a_officer, resolved_on=D(2026, 4, 21), resolution="Đã đối thoại"
        )
        self.assertNotIn(self.party_a, AffectedParty.objects.with_open_obstacle())

    def test_a_dialogue_of_another_ward_is_refused(self):
        dialogue = Dialogue.objects.create(
            unit=self.ward_b, topic="Giá đất", participants="Các hộ", planned_on=D(2026, 4, 20)
        )
        with self.assertRaises(ValidationError) as error:
            actions.open_obstacle(
                self.party_a,
                by=self.city_leader,
                category="land_price",
                description="Chưa đồng ý giá",
                opened_on=D(2026, 4, 1),
                dialogue=dialogue,
            )
        self.assertIn("dialogue", error.exception.message_dict)
        self.assertFalse(Obstacle.objects.exists())

    def test_an_obstacle_resolved_before_it_opened_is_refused(self):
        obstacle = actions.open_obstacle(
            self.party_a,
            by=self.ward_a_officer,
            category="graves",
            description="Mồ mả chưa di dời",
            opened_on=D(2026, 4, 10),
        )
        with self.assertRaises(ValidationError):
            actions.resolve_obstacle(obstacle, by=self.ward_a_officer, resolved_on=D(2026, 4, 1))
        obstacle.refresh_from_db()
        self.assertIsNone(obstacle.resolved_on)

    def test_ward_a_women_officer_raises_but_may_not_resolve_an_obstacle(self):
        obstacle = actions.open_obstacle(
            self.party_a,
            by=self.ward_a_women_officer,
            category="livelihood",
            description="Lo sinh kế",
            opened_on=D(2026, 4, 1),
        )
        with self.assertRaises(ValidationError):
            actions.resolve_obstacle(
                obstacle, by=self.ward_a_women_officer, resolved_on=D(2026, 4, 2)
            )

    def test_ward_b_officer_may_not_raise_an_obstacle_in_ward_a(self):
        with self.assertRaises(ValidationError):
            actions.open_obstacle(
                self.party_a,
                by=self.ward_b_officer,
                category="other",
                description="Khác",
                opened_on=D(2026, 4, 1),
            )
        self.assertFalse(Obstacle.objects.exists())
