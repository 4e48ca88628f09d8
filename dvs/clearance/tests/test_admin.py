"""The back office of land clearance: lists, the party's and the project's pages, and
the forms that record a step, log a visit and raise an obstacle through the actions."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.clearance.models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    MilestoneKind,
    Obstacle,
    Segment,
)

from .helpers import make_obstacle, make_party, make_visit
from .test_actions import ClearanceTestCase

D = datetime.date


class ListTests(ClearanceTestCase):
    def test_ward_a_officer_sees_the_route_through_its_segment(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("project:index"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.project, response.context["object_list"])
        page = self.client.get(reverse("project:inspect", args=[self.project.pk]))
        self.assertEqual(page.status_code, 200)
        # Only its own ward's figures.
        wards = [row.segment.ward for row in page.context["rollup"].wards]
        self.assertEqual(wards, [self.ward_a])

    def test_ward_a_officer_lists_only_ward_a_parties_and_finds_one_without_accents(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("affectedparty:index"), {"q": "tran van binh"})
        self.assertEqual(list(response.context["object_list"]), [self.party_a])
        response = self.client.get(reverse("affectedparty:index"))
        self.assertNotIn(self.party_b, response.context["object_list"])

    def test_the_needs_dialogue_and_obstacle_filters(self):
        other = make_party(self.segment_a, "Hộ bà Đỗ Thị Em")
        for day in (1, 2, 3):
            make_visit(self.party_a, on=D(2026, 4, day))
        make_obstacle(other)
        self.login(self.city_leader)
        index = reverse("affectedparty:index")
        needs = self.client.get(index, {"dialogue": "true"}).context["object_list"]
        self.assertEqual(list(needs), [self.party_a])
        blocked = self.client.get(index, {"obstacle": "true"}).context["object_list"]
        self.assertEqual(list(blocked), [other])

    def test_the_party_export_never_carries_the_sensitive_flags(self):
        self.party_a.set_sensitive(policy_family=True)
        self.party_a.save()
        self.login(self.ward_a_officer)
        export = self.client.get(reverse("affectedparty:index") + "?export=csv")
        content = b"".join(export.streaming_content).decode()
        self.assertIn("Trần Văn Bình", content)
        self.assertNotIn("policy", content.lower())
        self.assertNotIn("chính sách", content.lower())


class PartyPageTests(ClearanceTestCase):
    def test_ward_a_officer_sees_the_party_page_with_its_clock(self):
        self.login(self.ward_a_officer)
        clock = {"dialogue_due_on": D(2026, 6, 9), "warnings": ["Cần tổ chức đối thoại"]}
        with mock.patch("dvs.clearance.clocks.party_clock", return_value=clock):
            page = self.client.get(reverse("affectedparty:inspect", args=[self.party_a.pk]))
        self.assertContains(page, "09/06/2026")
        self.assertContains(page, "Cần tổ chức đối thoại")
        self.assertContains(page, reverse("clearance_party_step", args=[self.party_a.pk]))

    def test_the_sensitive_flags_are_shown_only_on_request_and_the_reading_is_logged(self):
        self.party_a.set_sensitive(poor_household=True)
        self.party_a.save()
        self.login(self.ward_a_officer)
        url = reverse("affectedparty:inspect", args=[self.party_a.pk])
        self.client.get(url)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())
        page = self.client.get(url, {"reveal": "1"})
        self.assertEqual(page.context["sensitive"]["poor_household"], True)
        self.assertTrue(AuditEntry.objects.filter(action="dvs.reveal").exists())

    def test_ward_b_officer_cannot_open_ward_a_party(self):
        self.login(self.ward_b_officer)
        for name in ("affectedparty:inspect", "clearance_party_step", "clearance_party_visit"):
            response = self.client.get(reverse(name, args=[self.party_a.pk]))
            self.assertEqual(response.status_code, 404, name)

    def test_ward_a_officer_logs_a_visit_from_the_party_page(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("clearance_party_visit", args=[self.party_a.pk]),
            {
                "on": "01/04/2026",
                "outcome": "not_yet",
                "concerns": ["land_price"],
                "visitors": [self.ward_a_officer.pk],
                "note": "Gia đình muốn xem lại giá đất",
            },
        )
        self.assertRedirects(
            response, reverse("affectedparty:inspect", args=[self.party_a.pk]), 302, 200
        )
        visit = AdvocacyVisit.objects.get()
        self.assertEqual(visit.concerns, ["land_price"])
        self.assertEqual(visit.on, D(2026, 4, 1))

    def test_ward_a_officer_records_an_opinion_meeting(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("clearance_party_step", args=[self.party_a.pk]),
            {
                "kind": "opinion_meeting",
                "on": "10/04/2026",
                "at_time": "08:30",
                "present": "55",
                "agree": "40",
                "disagree": "12",
                "other": "3",
            },
        )
        self.assertEqual(response.status_code, 302)
        step = Milestone.objects.get()
        self.assertEqual((step.agree, step.disagree, step.other), (40, 12, 3))

    def test_a_persuasion_without_its_record_shows_the_error_and_saves_nothing(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("clearance_party_step", args=[self.party_a.pk]),
            {"kind": MilestoneKind.HANDOVER_PERSUASION, "on": "10/04/2026"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertFalse(Milestone.objects.exists())

    def test_ward_a_officer_raises_an_obstacle_from_the_party_page(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("clearance_party_obstacle", args=[self.party_a.pk]),
            {"category": "graves", "description": "Mồ mả chưa di dời", "opened_on": "02/04/2026"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Obstacle.objects.get().party, self.party_a)

    def test_a_shared_step_is_recorded_from_the_project_page(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("clearance_segment_step", args=[self.segment_a.pk]),
            {"kind": "inventory", "on": "01/03/2026"},
        )
        self.assertEqual(response.status_code, 302)
        self.party_a.refresh_from_db()
        self.assertEqual(self.party_a.stage, "inventoried")


class FormTests(ClearanceTestCase):
    def test_ward_a_officer_adds_a_party_through_the_form(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("affectedparty:add"),
            {
                "segment": self.segment_a.pk,
                "unit": self.neighbourhood_a2.pk,
                "kind": "household",
                "name": "Hộ ông Phạm Văn Dũng",
                "policy_family": "yes",
                "poor_household": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        party = AffectedParty.objects.get(name="Hộ ông Phạm Văn Dũng")
        self.assertTrue(party.reveal(self.ward_a_officer)["policy_family"])

    def test_ward_a_officer_edits_only_the_km_cleared_of_its_segment(self):
        self.login(self.ward_a_officer)
        url = reverse("segment:edit", args=[self.segment_a.pk])
        form = self.client.get(url).context["form"]
        self.assertTrue(form.fields["planned_households"].disabled)
        response = self.client.post(url, {"km_cleared": "1.25", "note": "Đã bàn giao một phần"})
        self.assertEqual(response.status_code, 302)
        segment = Segment.objects.get(pk=self.segment_a.pk)
        self.assertEqual(str(segment.km_cleared), "1.250")
        self.assertEqual(segment.ward, self.ward_a)

    def test_readonly_leader_cannot_open_the_add_forms(self):
        self.login(self.readonly_leader)
        for name in ("affectedparty:add", "project:add", "obstacle:add"):
            self.assertEqual(self.client.get(reverse(name)).status_code, 302, name)
        response = self.client.get(reverse("clearance_party_step", args=[self.party_a.pk]))
        self.assertEqual(response.status_code, 302)  # "no permission", to the dashboard
