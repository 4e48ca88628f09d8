"""The scope rules as one matrix: every scoped model, every persona, every door
(the scope helper, the admin listing, detail/edit URLs, the chooser and the API).

A new model in a dvs app, a new admin viewset or a new API path fails
`test_every_*_is_covered` until it is given a scope rule and a row here.
"""

import datetime

from django.apps import apps
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts import scope
from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.signals import UNSCOPED
from dvs.accounts.viewsets import ScopedModelViewSet
from dvs.api.api import api
from dvs.cases.models import Case, Dialogue, ReceptionDuty, ReceptionSession
from dvs.cases.tests.helpers import receive
from dvs.clearance.models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    MilestoneKind,
    Obstacle,
    Project,
    Segment,
)
from dvs.clearance.tests.helpers import make_milestone, make_obstacle, make_visit, party_in
from dvs.democracy.tests import helpers as democracy_helpers
from dvs.emulation import actions as emulation_actions
from dvs.emulation.models import Evaluation, Exemplar, Recognition
from dvs.emulation.tests.helpers import full_marks, make_exemplar
from dvs.lib.paging import API_MAX_LIMIT
from dvs.people.models import Household, ImportJob, Membership, Person
from dvs.people.tests.helpers import add_person
from dvs.planning.models import Directive, Program, Task, TaskAssignment
from dvs.planning.tests.helpers import make_directive, make_program, make_task
from dvs.religion.models import (
    Contact,
    Dignitary,
    DignitaryPosition,
    DignitaryStatusChange,
    Establishment,
    Festival,
    Filing,
    FollowerCount,
    Group,
    Incident,
    KeyPerson,
)
from dvs.religion.tests import helpers as religion_helpers
from dvs.reports.models import ReportPeriod, ReviewReport, ReviewSectionText, UnitReport
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase
from dvs.units.models import Organisation, Term, Unit

# Models that are not domain data of a unit (reference data, tree bookkeeping, people
# who log in) and why they are reachable without a unit scope.
NOT_DOMAIN = {
    "dvs.throttle": "rate-limit counters (sign-in, public form): no domain data, never shown",
    "units.organisationkind": "reference data shared by all units, edited by administrators",
    "units.leader": "part of a Term, only edited inside the term's scoped form",
    "units.unitsuccession": "part of a UnitChange",
    "accounts.user": "people who log in; managed by administrators in Wagtail's user admin",
    "people.eligibilityrule": "reference data: who may join an organisation kind",
    "people.importtemplate": "a remembered column layout, holds no personal data",
    "workdays.calendarday": "reference data: the yearly holiday decisions, for all units",
    "workdays.calendardecision": "reference data: the yearly holiday decisions, for all units",
    "workdays.withdrawnholiday": "reference data: a holiday switched off for a year",
    "cases.subjectarea": "reference data: the subject areas of cases",
    "cases.petitioner": "part of a Case, only read through the case's scoped views",
    "cases.attachment": "part of a Case, only served through the case's scoped view",
    "cases.event": "part of a Case (its timeline)",
    "cases.extension": "part of a Case",
    "cases.suspension": "part of a Case",
    "cases.reminder": "a user's own reminders, read only by that user",
    "cases.casetally": "counts per ward and month, read only for the tallies a user sees whole",
    # The public portal: published pages are public, drafts are guarded by Wagtail's page
    # permissions (editor/approver groups on the portal's home page, see portal/setup.py).
    "portal.homepage": "a public portal page",
    "portal.sectionpage": "a public portal page",
    "portal.articlepage": "a public portal page",
    "portal.videoindexpage": "a public portal page",
    "portal.videopage": "a public portal page",
    "portal.documentindexpage": "a public portal page",
    "portal.publicdocumentpage": "a public portal page",
    "portal.infopage": "a public portal page",
    "portal.pagecounter": "public view counts of public pages",
    "portal.dailypagestats": "view statistics of public pages, no visitor data",
    "portal.onlinevisitor": "a keyed hash of a visitor, no personal data, kept minutes",
    "portal.articleword": "search words of published articles",
    "emulation.exemplarfield": "reference data: the fields of the movement",
    "emulation.indicator": "reference data: what exemplars are measured in",
    "emulation.criterion": "reference data: evaluation criteria and their weights",
    "emulation.indicatorvalue": "part of an Exemplar, only edited inside its scoped form",
    "emulation.exemplarphoto": "part of an Exemplar, only edited inside its scoped form",
    "emulation.exemplardocument": "part of an Exemplar, only edited inside its scoped form",
    "emulation.score": "part of an Evaluation, only written through its scoped score sheet",
    "reports.reporttemplate": "reference data: the board's report templates",
    "reports.templatesection": "part of a ReportTemplate",
    "reports.templateindicator": "part of a ReportTemplate",
    "reports.reportvalue": "part of a UnitReport, read and written through its scope",
    "reports.reporttext": "part of a UnitReport, read and written through its scope",
    "reports.indicatorvalue": "counts per unit, no personal data; read only through views "
    "that take the unit from the scope door",
    "reports.fillstate": "bookkeeping of the figures' fill",
    "clearance.ruleset": "reference data: the numbers and sources of the clearance clocks",
    "religion.ruleset": "reference data: the numbers and sources of the religion law's clocks",
    "religion.religion": "reference data: the religions recognised in Viet Nam",
    "religion.religiousorganisation": "reference data: religious organisations, for all units",
    "democracy.rollentry": "part of a Matter (its frozen roll), read and written through its scope",
    "democracy.consent": "part of a Matter (an initiative's consents), through its scope",
    "democracy.ballot": "part of a Matter (its household ballot), through its scope",
    "democracy.ballotentry": "part of a Matter's ballot (a count entry), through its scope",
    "democracy.onlinevote": "part of a Matter (its online vote), through its scope",
    "democracy.householdvote": "part of a Matter's online vote, through its scope",
    "democracy.candidate": "part of a HeadElection, edited inside its scoped form",
    "democracy.electionteammember": "part of a HeadElection, edited inside its scoped form",
    "democracy.loudspeakerday": "part of a Disclosure, through its scope",
    "democracy.boardmember": "part of a Board, edited inside its scoped form",
    "planning.progressupdate": "part of a TaskAssignment, written and read through its scope",
    "planning.programoutput": "part of a Program, only edited inside its scoped form",
    "planning.programspending": "part of a Program, only edited inside its scoped form",
}


class ScopeMatrixTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person_a = add_person(cls.neighbourhood_a1, "Nguyễn Văn An")
        cls.person_b = add_person(cls.neighbourhood_b1, "Trần Văn Bình")
        cls.household_a = Household.objects.create(unit=cls.neighbourhood_a1, address="Số 1")
        cls.household_b = Household.objects.create(unit=cls.neighbourhood_b1, address="Số 2")
        cls.membership_a = Membership.objects.create(
            person=cls.person_a, organisation=cls.ward_a_front
        )
        cls.membership_b = Membership.objects.create(
            person=cls.person_b, organisation=cls.ward_b_front
        )
        cls.import_a = ImportJob.objects.create(
            unit=cls.ward_a, file="a.xlsx", original_name="a.xlsx", created_by=cls.ward_a_officer
        )
        cls.import_b = ImportJob.objects.create(
            unit=cls.ward_b, file="b.xlsx", original_name="b.xlsx", created_by=cls.ward_b_officer
        )
        cls.case_a, cls.case_b = receive(cls.neighbourhood_a1), receive(cls.neighbourhood_b1)
        cls.session_a, cls.session_b = (
            ReceptionSession.objects.create(
                unit=unit,
                held_on=datetime.date(2026, 3, 2),
                kind="regular",
                officer="Cán bộ tiếp dân",
            )
            for unit in (cls.ward_a, cls.ward_b)
        )
        cls.duty_a, cls.duty_b = (
            ReceptionDuty.objects.create(unit=unit, leader=leader, position="commune_chair")
            for unit, leader in ((cls.ward_a, cls.ward_a_leader), (cls.ward_b, cls.ward_b_officer))
        )
        cls.dialogue_a, cls.dialogue_b = (
            Dialogue.objects.create(
                unit=unit,
                topic=f"Đối thoại {unit.code}",
                participants="Nhân dân",
                planned_on="2026-03-02",
            )
            for unit in (cls.ward_a, cls.ward_b)
        )
        cls.exemplar_a = make_exemplar(cls.ward_a, "Tuyến phố xanh An Bình")
        cls.exemplar_b = make_exemplar(cls.ward_b, "Camera an ninh Bình Minh")
        cls.evaluation_a, cls.evaluation_b = (
            emulation_actions.evaluate(e, year=2024, scores=full_marks(), by=cls.city_specialist)
            for e in (cls.exemplar_a, cls.exemplar_b)
        )
        cls.recognition_a, cls.recognition_b = (
            Recognition.objects.create(
                exemplar=e, level="city", decision_number=f"{n}-QĐ", decision_date="2024-12-01"
            )
            for n, e in ((1, cls.exemplar_a), (2, cls.exemplar_b))
        )
        template = make_template()
        period = make_period(cls.city, template)
        cls.period_a, cls.period_b = (
            make_period(unit, template, name=f"Kỳ riêng {unit.name}")
            for unit in (cls.ward_a, cls.ward_b)
        )
        cls.unit_report_a, cls.unit_report_b = (
            UnitReport.objects.create(period=period, unit=unit, template_version=1)
            for unit in (cls.ward_a, cls.ward_b)
        )
        cls.review_a, cls.review_b = (
            ReviewReport.objects.create(period=period, unit=unit)
            for unit in (cls.ward_a, cls.ward_b)
        )
        cls.review_text_a, cls.review_text_b = (
            ReviewSectionText.objects.create(period=period, unit=unit, key="results", text="…")
            for unit in (cls.ward_a, cls.ward_b)
        )
        cls.directive_a = make_directive(cls.ward_a, "01-KH/ĐU-A")
        cls.directive_b = make_directive(cls.ward_b, "02-KH/ĐU-B")
        cls.task_a = make_task(
            cls.ward_a_leader, cls.ward_a, [cls.neighbourhood_a1], title="Việc A"
        )
        cls.task_b = make_task(cls.city_leader, cls.ward_b, [cls.neighbourhood_b1], title="Việc B")
        cls.task_assignment_a = cls.task_a.assignments.get()
        cls.task_assignment_b = cls.task_b.assignments.get()
        cls.program_a = make_program(cls.ward_a_front, title="Chương trình A")
        cls.program_b = make_program(cls.ward_b_front, title="Chương trình B")
        cls.party_a, cls.party_b = party_in(cls.ward_a, "A"), party_in(cls.ward_b, "B")
        # Different days: a step's name is its kind and date, and the export check
        # looks for ward B's by name.
        cls.milestone_a, cls.milestone_b = (
            make_milestone(p, MilestoneKind.PLAN_POSTED, datetime.date(2026, 3, day))
            for p, day in ((cls.party_a, 2), (cls.party_b, 3))
        )
        cls.visit_a, cls.visit_b = (make_visit(p) for p in (cls.party_a, cls.party_b))
        cls.obstacle_a, cls.obstacle_b = (make_obstacle(p) for p in (cls.party_a, cls.party_b))
        cls.religion_rows = {}
        # Rows named by their kind and date (contacts, incidents, status changes) differ
        # by date or status, so the export check tells ward B's from ward A's.
        for side, unit, day, status in (
            ("a", cls.ward_a, 2, "active"),
            ("b", cls.ward_b, 3, "retired"),
        ):
            h = religion_helpers
            establishment = h.make_establishment(unit, f"Chùa {side}")
            dignitary = h.make_dignitary(unit, f"Nguyễn Văn {side}", f"Thích {side}")
            cls.religion_rows[side] = {
                Establishment: establishment,
                Festival: h.make_festival(establishment, f"Lễ hội {side}"),
                Group: h.make_group(unit, f"Nhóm {side}"),
                Dignitary: dignitary,
                DignitaryPosition: h.make_position(dignitary, f"Trụ trì {side}"),
                DignitaryStatusChange: h.make_status_change(dignitary, status=status),
                Filing: h.make_filing(unit, subject=f"Đăng ký {side}"),
                Contact: h.make_contact(unit, f"Thăm hỏi {side}", datetime.date(2026, 5, day)),
                Incident: h.make_incident(unit, f"Sự việc {side}", datetime.date(2026, 4, day)),
                KeyPerson: h.make_key_person(unit, f"Người uy tín {side}"),
                FollowerCount: h.make_follower_count(unit, source=f"Nguồn {side}"),
            }

        cls.app_rows = {
            side: {model: make(unit, side) for model, make in democracy_helpers.ROWS.items()}
            | cls.religion_rows[side]
            for side, unit in (("a", cls.ward_a), ("b", cls.ward_b))
        }

    def rows(self):
        """(model, a ward A user who may view it, a row in ward A, a row in ward B)."""
        ward_a_assignment = RoleAssignment.objects.get(user=self.ward_a_officer)
        ward_b_assignment = RoleAssignment.objects.get(user=self.ward_b_officer)
        return [
            (Unit, self.ward_a_officer, self.neighbourhood_a1, self.neighbourhood_b1),
            (Organisation, self.ward_a_officer, self.ward_a_front, self.ward_b_front),
            (Term, self.ward_a_officer, self.ward_a_term, self.ward_b_term),
            (RoleAssignment, self.ward_a_leader, ward_a_assignment, ward_b_assignment),
            (Person, self.ward_a_officer, self.person_a, self.person_b),
            (Household, self.ward_a_officer, self.household_a, self.household_b),
            (Membership, self.ward_a_officer, self.membership_a, self.membership_b),
            (ImportJob, self.ward_a_officer, self.import_a, self.import_b),
            (Case, self.ward_a_officer, self.case_a, self.case_b),
            (ReceptionSession, self.ward_a_officer, self.session_a, self.session_b),
            (ReceptionDuty, self.ward_a_officer, self.duty_a, self.duty_b),
            (Dialogue, self.ward_a_officer, self.dialogue_a, self.dialogue_b),
            (Exemplar, self.ward_a_officer, self.exemplar_a, self.exemplar_b),
            (Evaluation, self.ward_a_officer, self.evaluation_a, self.evaluation_b),
            (Recognition, self.ward_a_officer, self.recognition_a, self.recognition_b),
            (ReportPeriod, self.ward_a_officer, self.period_a, self.period_b),
            (UnitReport, self.ward_a_officer, self.unit_report_a, self.unit_report_b),
            (ReviewReport, self.ward_a_officer, self.review_a, self.review_b),
            (ReviewSectionText, self.ward_a_officer, self.review_text_a, self.review_text_b),
            (Directive, self.ward_a_officer, self.directive_a, self.directive_b),
            (Task, self.ward_a_officer, self.task_a, self.task_b),
            (TaskAssignment, self.ward_a_officer, self.task_assignment_a, self.task_assignment_b),
            (Program, self.ward_a_officer, self.program_a, self.program_b),
            (Project, self.ward_a_officer, self.party_a.project, self.party_b.project),
            (Segment, self.ward_a_officer, self.party_a.segment, self.party_b.segment),
            (AffectedParty, self.ward_a_officer, self.party_a, self.party_b),
            (Milestone, self.ward_a_officer, self.milestone_a, self.milestone_b),
            (AdvocacyVisit, self.ward_a_officer, self.visit_a, self.visit_b),
            (Obstacle, self.ward_a_officer, self.obstacle_a, self.obstacle_b),
        ] + [
            (model, self.ward_a_officer, row, self.app_rows["b"][model])
            for model, row in self.app_rows["a"].items()
        ]

    def test_every_dvs_model_is_covered(self):
        matrix = {row[0] for row in self.rows()}
        for model in apps.get_models():
            if not model.__module__.startswith("dvs."):
                continue
            label = model._meta.label_lower
            if label in NOT_DOMAIN or model in UNSCOPED:
                continue
            with self.subTest(model=label):
                self.assertIn(model, scope.registered_models(), "register a scope rule")
                self.assertIn(model, matrix, "add the model to ScopeMatrixTests.rows()")

    def test_every_admin_viewset_of_a_scoped_model_uses_the_scope_door(self):
        for viewset in admin_viewsets.viewsets:
            if isinstance(viewset, ModelViewSet) and viewset.model in scope.registered_models():
                with self.subTest(viewset=viewset.name):
                    self.assertIsInstance(viewset, ScopedModelViewSet)

    def test_in_scope_visible_out_of_scope_invisible_through_the_helper(self):
        for model, user, row_a, row_b in self.rows():
            visible = scope.scoped(user, model)
            with self.subTest(model=model.__name__):
                self.assertTrue(visible.filter(pk=row_a.pk).exists())
                self.assertFalse(visible.filter(pk=row_b.pk).exists())
                self.assertTrue(scope.scoped(self.city_leader, model).filter(pk=row_b.pk).exists())
                self.assertFalse(scope.scoped(self.citizen, model).exists())

    def test_admin_listing_detail_edit_delete_and_chooser(self):
        for model, user, row_a, row_b in self.rows():
            self.login(user)
            # The viewset's URL namespace: the model's name unless the viewset names itself.
            name = next(
                (
                    v.name
                    for v in admin_viewsets.viewsets
                    if isinstance(v, ModelViewSet) and v.model is model
                ),
                model._meta.model_name,
            )
            if model is ImportJob:
                continue  # its own screens: test_import_screens_of_another_ward_are_not_found
            if model in (UnitReport, ReviewReport, ReviewSectionText):
                continue  # its own screens: test_report_screens_of_another_ward_are_not_found
            with self.subTest(model=name):
                listing = self.client.get(reverse(f"{name}:index"))
                self.assertEqual(listing.status_code, 200)
                self.assertIn(row_a.pk, [o.pk for o in listing.context["object_list"]])
                self.assertNotIn(row_b.pk, [o.pk for o in listing.context["object_list"]])
                for action in ("inspect", "edit", "delete", "history"):
                    url = reverse(f"{name}:{action}", args=[row_b.pk])
                    # 404 where the user could act on such rows, a redirect to the
                    # dashboard ("no permission") where the role cannot at all.
                    self.assertIn(self.client.get(url).status_code, (302, 404), url)
                export = self.client.get(reverse(f"{name}:index") + "?export=csv")
                content = b"".join(export.streaming_content).decode()
                self.assertIn(str(row_a).split(" — ")[0], content)
                self.assertNotIn(str(row_b), content)

    def test_import_screens_of_another_ward_are_not_found(self):
        self.login(self.ward_a_officer)
        for name in ("people_import_detail", "people_import_mapping", "people_import_errors"):
            with self.subTest(url=name):
                url = reverse(name, args=[self.import_b.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        listing = self.client.get(reverse("people_import_list"))
        self.assertContains(listing, "a.xlsx")
        self.assertNotContains(listing, "b.xlsx")

    def test_report_screens_of_another_ward_are_not_found(self):
        self.login(self.ward_a_officer)
        period = self.unit_report_a.period
        self.assertEqual(
            self.client.get(reverse("reports_unit", args=[period.pk, "B"])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("reports_unit", args=[period.pk, "A"])).status_code, 200
        )
        for name in ("reports_review_job",):
            self.assertEqual(
                self.client.get(reverse(name, args=[self.review_b.pk])).status_code, 404
            )
        self.assertEqual(
            self.client.get(
                reverse("reports_review_file", args=[self.review_b.pk, "docx"])
            ).status_code,
            404,
        )
        review = self.client.post(reverse("reports_review_report", args=[self.unit_report_b.pk]))
        self.assertEqual(review.status_code, 404)
        listing = self.client.get(reverse("reports_period", args=[period.pk]))
        self.assertContains(listing, 'data-unit="A"')
        self.assertNotContains(listing, 'data-unit="B"')

    def test_chooser_offers_only_units_in_scope(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("unit_chooser:choose_results"))
        self.assertContains(response, self.ward_a.name)
        self.assertNotContains(response, self.ward_b.name)
        chosen = self.client.get(reverse("unit_chooser:chosen", args=[self.ward_b.pk]))
        self.assertEqual(chosen.status_code, 404)

    def test_organisation_officer_sees_only_their_organisation(self):
        visible = scope.scoped(self.ward_a_women_officer, Organisation)
        self.assertEqual(list(visible), [self.ward_a_women])

    def test_neighbourhood_committee_sees_only_its_neighbourhood(self):
        codes = scope.scoped(self.neighbourhood_a1_committee, Unit).values_list("code", flat=True)
        self.assertEqual(list(codes), ["A1"])

    def test_read_only_leader_can_view_but_not_change(self):
        self.assertTrue(scope.scoped(self.readonly_leader, Organisation).exists())
        self.assertFalse(scope.scoped(self.readonly_leader, Organisation, "change").exists())
        self.login(self.readonly_leader)
        url = reverse("organisation:edit", args=[self.ward_a_front.pk])
        self.assertNotEqual(self.client.get(url).status_code, 200)

    def test_expired_assignment_grants_nothing(self):
        RoleAssignment.objects.filter(user=self.ward_a_officer).update(ends_on="2020-01-01")
        user = User.objects.get(pk=self.ward_a_officer.pk)
        self.assertFalse(scope.scoped(user, Unit).exists())
        self.assertFalse(user.has_perm("wagtailadmin.access_admin"))


# API paths and how the matrix checks them: (path, in-ward-A code/id, in-ward-B code/id).
API_MATRIX = {
    "/units": ("code", lambda t: t.neighbourhood_a1.code, lambda t: t.neighbourhood_b1.code),
    "/units/{code}": None,  # checked by the detail half of the same row
    "/organisations": ("id", lambda t: t.ward_a_front.pk, lambda t: t.ward_b_front.pk),
    "/organisations/{organisation_id}": None,
    "/people": ("id", lambda t: t.person_a.pk, lambda t: t.person_b.pk),
    "/people/{person_id}": None,
    "/people/import": None,  # a write: test_import_into_another_ward_is_refused
    "/people/import/{job_id}": None,  # test_import_status_of_another_ward_is_not_found
    "/memberships/stats": None,  # test_membership_stats_of_another_ward_are_not_found
    "/calendar/holidays": None,  # reference data for every caller: dvs/workdays/tests
    "/work": None,  # the caller's own work list: dvs/accounts/tests/test_work_list.py
    "/clearance/timeline": None,  # a calculator on the dates sent, reads no row: test_timeline_api
    "/cases": ("id", lambda t: t.case_a.pk, lambda t: t.case_b.pk),
    "/cases/{case_id}": None,
    "/cases/stats": None,  # dvs/cases/tests/test_api.py: test_stats_count_what_the_list_returns
    "/cases/{case_id}/petitioners": None,  # dvs/cases/tests/test_confidentiality.py
    # Writes: dvs/cases/tests/test_api.py (another ward's case is not found).
    "/cases/{case_id}/accept": None,
    "/cases/{case_id}/extend": None,
    "/cases/{case_id}/conclude": None,
    "/cases/{case_id}/forward": None,
    "/cases/{case_id}/archive": None,
    "/cases/{case_id}/assign": None,  # dvs/cases/tests/test_handling_rights.py
    "/cases/{case_id}/multi-place-verification": None,  # dvs/cases/tests/test_multi_place.py
    "/exemplars": ("id", lambda t: t.exemplar_a.pk, lambda t: t.exemplar_b.pk),
    "/exemplars/{exemplar_id}": None,
    "/exemplars/stats": None,  # test_exemplar_stats_of_another_ward_are_not_found
    # Reports: dvs/reports/tests/test_api.py (another ward's report, summary and the
    # city's review are not found by a ward officer).
    "/reports/periods": None,
    "/reports/{period_id}/units/{code}": None,
    "/reports/{period_id}/units/{code}/submit": None,
    "/reports/{period_id}/summary": None,
    "/reports/{period_id}/review": None,
    "/reports/{period_id}/review.docx": None,
    "/reports/{period_id}/review.pdf": None,
    # dvs/reports/tests/test_review_texts.py: another unit's sections are not found.
    "/reports/{period_id}/review/sections": None,
    "/tasks": ("id", lambda t: t.task_a.pk, lambda t: t.task_b.pk),
    "/tasks/{task_id}": None,
    # A write: dvs/planning/tests/test_api.py (another ward's assignment is not found).
    "/tasks/{task_id}/assignments/{assignment_id}/progress": None,
    "/directives": ("id", lambda t: t.directive_a.pk, lambda t: t.directive_b.pk),
    "/directives/{directive_id}": None,
    "/directives/{directive_id}/file": None,  # dvs/planning/tests/test_directive_files.py
    "/tasks/progress/{update_id}/evidence": None,  # dvs/planning/tests/test_evidence.py
    "/programs": ("id", lambda t: t.program_a.pk, lambda t: t.program_b.pk),
    "/programs/{program_id}": None,
    "/clearance/projects": (
        "code",
        lambda t: t.party_a.project.code,
        lambda t: t.party_b.project.code,
    ),
    "/clearance/projects/{code}": None,
    # dvs/clearance/tests/test_api.py: another ward's parties and writes are not found.
    "/clearance/projects/{code}/parties": None,
    "/clearance/projects/{code}/parties/{party_id}/milestones": None,
    "/clearance/projects/{code}/parties/{party_id}/visits": None,
    # religion (registry): establishments, groups, festivals, contacts, incidents, key people
    # dvs/religion/tests/test_registry_api.py: another ward's establishment and group are
    # not found, lists hold only the caller's rows, creates in another ward are refused.
    "/religion/establishments": None,
    "/religion/establishments/{establishment_id}": None,
    "/religion/groups": None,
    "/religion/groups/{group_id}": None,
    "/religion/contacts": None,
    "/religion/incidents": None,
    "/religion/key-people": None,
    # religion (dignitaries)
    # dvs/religion/tests/test_dignitaries_api.py: test_the_list_is_scoped_and_filtered and
    # test_another_wards_unit_is_not_found_and_a_reader_is_refused (the create).
    "/religion/figures": None,
    "/religion/figures/{dignitary_id}": None,  # test_another_wards_dignitary_is_not_found
    # religion (filings, the lunar calendar)
    # dvs/religion/tests/test_filings_api.py: another ward's filings are not listed or
    # found, its writes are not found, a reader's writes are forbidden.
    "/religion/filings": None,
    "/religion/filings/{filing_id}": None,
    "/religion/filings/{filing_id}/answer": None,
    "/religion/filings/{filing_id}/complete": None,
    "/religion/filings/check": None,  # a calculator on the dates sent, reads no row
    "/calendar/lunar": None,  # reference data for every caller: dvs/religion/tests/test_lunar.py
    # religion (figures)
    # Figures, not rows: dvs/religion/tests/test_figures_api.py
    # (test_outside_the_scope_is_not_found) and test_stats_suppression.py.
    "/religion/stats": None,
    # democracy (matters)
    # dvs/democracy/tests/test_matters_api.py: another ward's and a sibling neighbourhood's
    # matters are not listed or found, their writes are not found, a reader's are forbidden.
    "/democracy/matters": None,
    "/democracy/matters/{matter_id}": None,
    "/democracy/matters/{matter_id}/open": None,
    "/democracy/matters/{matter_id}/roll": None,
    "/democracy/matters/{matter_id}/consents": None,
    "/democracy/matters/{matter_id}/receive": None,
    "/democracy/matters/{matter_id}/recognise": None,
    "/democracy/matters/{matter_id}/refuse": None,
    "/democracy/matters/{matter_id}/reviews": None,
    "/democracy/matters/evaluate": None,  # a calculator on the numbers sent, reads no row
    "/democracy/timeline": None,  # a calculator on the dates sent, reads no row
    # democracy (tallies)
    # dvs/democracy/tests/test_tallies_api.py: test_axes_and_agreement_with_the_admin (another
    # ward's, a sibling neighbourhood's matter: 404; read-only: 403 on writes).
    "/democracy/matters/{matter_id}/tallies": None,
    "/democracy/matters/{matter_id}/meeting": None,
    "/democracy/matters/{matter_id}/ballot": None,
    "/democracy/matters/{matter_id}/ballot/entries": None,
    "/democracy/matters/{matter_id}/ballot/returned": None,
    "/democracy/matters/{matter_id}/ballot/confirm": None,
    "/democracy/matters/{matter_id}/online": None,
    "/democracy/matters/{matter_id}/online/votes": None,
    "/democracy/matters/{matter_id}/online/close": None,
    "/democracy/matters/{matter_id}/send": None,
    # democracy (elections, charters, conferences)
    # dvs/democracy/tests/test_elections_api.py, test_charters_api.py, test_conferences_api.py:
    # another ward's and a sibling neighbourhood's rows are not listed or found, their
    # writes are not found, a reader's writes are forbidden, the counts are the caller's.
    "/democracy/elections": None,
    "/democracy/elections/{election_id}": None,
    "/democracy/elections/{election_id}/result": None,
    "/democracy/charters": None,
    "/democracy/charters/counts": None,
    "/democracy/charters/{charter_id}": None,
    "/democracy/charters/{charter_id}/post-draft": None,
    "/democracy/charters/{charter_id}/adopt": None,
    "/democracy/charters/{charter_id}/recognise": None,
    "/democracy/charters/{charter_id}/refuse": None,
    "/democracy/conferences": None,
    "/democracy/conferences/{conference_id}": None,
    # democracy (consultations, disclosures)
    # dvs/democracy/tests/test_consultations_api.py and test_disclosures_api.py: another
    # ward's rows are not listed or found, its writes are not found, a reader's are forbidden.
    "/democracy/consultations": None,
    "/democracy/consultations/{consultation_id}": None,
    "/democracy/consultations/{consultation_id}/publish": None,
    "/democracy/consultations/{consultation_id}/opinions": None,
    "/democracy/consultations/{consultation_id}/close": None,
    "/democracy/consultations/{consultation_id}/result": None,
    # Anonymous, only consultations open on the portal: test_public_consultation_api.py.
    "/democracy/public/consultations/{consultation_id}/opinions": None,
    "/democracy/disclosures": None,
    "/democracy/disclosures/quarterly": None,
    "/democracy/disclosures/{disclosure_id}": None,
    "/democracy/disclosures/{disclosure_id}/post": None,
    "/democracy/disclosures/{disclosure_id}/end": None,
    "/democracy/disclosures/{disclosure_id}/loudspeaker-days": None,
    # democracy (boards)
    # dvs/democracy/tests/test_boards_api.py: another ward's boards, plans, inspections,
    # reports and recommendations are not listed or found, its writes are not found, a
    # reader's writes are forbidden, an organisation-limited grant sees nothing.
    "/democracy/boards": None,
    "/democracy/boards/{board_id}": None,
    "/democracy/boards/{board_id}/members": None,
    "/democracy/boards/{board_id}/plans": None,
    "/democracy/boards/{board_id}/inspections": None,
    "/democracy/boards/{board_id}/reports": None,
    "/democracy/recommendations": None,
    "/democracy/inspections/{inspection_id}/recommendations": None,
    "/democracy/recommendations/{recommendation_id}/answer": None,
}


class ApiScopeMatrixTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person_a = add_person(cls.neighbourhood_a1, "Nguyễn Văn An")
        cls.person_b = add_person(cls.neighbourhood_b1, "Trần Văn Bình")
        cls.case_a, cls.case_b = receive(cls.neighbourhood_a1), receive(cls.neighbourhood_b1)
        cls.exemplar_a = make_exemplar(cls.ward_a, "Tuyến phố xanh An Bình")
        cls.exemplar_b = make_exemplar(cls.ward_b, "Camera an ninh Bình Minh")
        cls.party_a, cls.party_b = party_in(cls.ward_a, "A"), party_in(cls.ward_b, "B")
        cls.task_a = make_task(
            cls.ward_a_leader, cls.ward_a, [cls.neighbourhood_a1], title="Việc A"
        )
        cls.task_b = make_task(cls.city_leader, cls.ward_b, [cls.neighbourhood_b1], title="Việc B")
        cls.directive_a = make_directive(cls.ward_a, "01-KH/ĐU-A")
        cls.directive_b = make_directive(cls.ward_b, "02-KH/ĐU-B")
        cls.program_a = make_program(cls.ward_a_front, title="Chương trình A")
        cls.program_b = make_program(cls.ward_b_front, title="Chương trình B")

    def test_exemplar_stats_of_another_ward_are_not_found(self):
        self.assertEqual(
            self.api_get("/exemplars/stats", self.ward_a_officer, unit="B").status_code, 404
        )
        body = self.api_get("/exemplars/stats", self.ward_a_officer).json()
        self.assertEqual(body["total"], 1)

    def test_import_into_another_ward_is_refused(self):
        from dvs.people.tests.helpers import xlsx

        token = self.token_for(self.ward_a_officer)
        upload = xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Lê Văn Ba", 1980, "Nam"]])
        response = self.client.post(
            "/api/v1/people/import",
            {"unit": "B1", "file": upload},
            headers={"Authorization": f"Bearer {token}"},
        )
        # people.actions.start_import refuses (403), as the admin wizard does.
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ImportJob.objects.exists())

    def test_import_status_of_another_ward_is_not_found(self):
        job = ImportJob.objects.create(
            unit=self.ward_b, file="b.xlsx", original_name="b.xlsx", created_by=self.ward_b_officer
        )
        self.assertEqual(
            self.api_get(f"/people/import/{job.pk}", self.ward_a_officer).status_code, 404
        )
        self.assertEqual(
            self.api_get(f"/people/import/{job.pk}", self.ward_b_officer).status_code, 200
        )

    def test_membership_stats_of_another_ward_are_not_found(self):
        self.assertEqual(
            self.api_get("/memberships/stats", self.ward_a_officer, unit="B").status_code, 404
        )
        self.assertEqual(
            self.api_get("/memberships/stats", self.ward_a_officer, unit="A").status_code, 200
        )

    def test_every_api_path_is_in_the_matrix(self):
        paths = {path for path in api.get_openapi_schema()["paths"]}
        prefix = "/api/v1"
        self.assertEqual({p.removeprefix(prefix) for p in paths}, set(API_MATRIX))

    def test_lists_and_details_show_only_rows_in_scope(self):
        for path, spec in API_MATRIX.items():
            if spec is None:
                continue
            key, row_a, row_b = spec
            with self.subTest(path=path):
                body = self.api_get(path, self.ward_a_officer, limit=API_MAX_LIMIT).json()
                keys = [item[key] for item in body["items"]]
                self.assertIn(row_a(self), keys)
                self.assertNotIn(row_b(self), keys)
                self.assertEqual(
                    self.api_get(f"{path}/{row_b(self)}", self.ward_a_officer).status_code, 404
                )
                self.assertEqual(
                    self.api_get(f"{path}/{row_a(self)}", self.ward_a_officer).status_code, 200
                )
                self.assertEqual(self.api_get(path).status_code, 401)
