"""The scope matrix on every axis, generated from the URL registry and the API schema.

test_scope_matrix.py checks ward A against ward B through the scope helper. This file walks
every door a person has to a row, for every axis along which two people must not see each
other's rows:

  AXES                       the outsider                the sibling's rows
  sibling wards              ward_a_officer              in ward B
  sibling neighbourhoods     neighbourhood_a1_committee  in neighbourhood A2
  sibling organisations      ward_a_women_officer        of ward A's Front
  sibling organisations      ward_a_front_officer        of ward A's women's union
  organisation vs its ward   ward_a_women_officer        of ward A, of no organisation
  read-only leader           readonly_leader             in ward A (every write refused)
  case identities            handler / non-handler / board leader on a denunciation

and, for each model with a row factory (FACTORIES), every door that is generated, not listed:
- the admin: every URL of the model's Wagtail viewset that takes the row's pk (inspect, edit,
  delete, history, usage, copy, …, GET and POST), the listing, its search, its CSV and XLSX
  exports with each unit/organisation filter set to the sibling's, the choosers;
- the other admin URLs that take an object (ADMIN_ROUTES) and the admin pages without one
  (ADMIN_PAGES), whose bodies must not name the sibling's rows;
- the API: every path and method of /api/v1/openapi.json, called with the sibling's ids
  (API_ROUTES), every list with its unit/organisation filter set to the sibling's.
A refusal is 403 or 404 (or, in the admin, Wagtail's redirect to the dashboard or the
login); a refused POST leaves the row in place. The admin and the API must give the same
answer for the same person, row and action (view, list), on the sibling's rows and their own.

A viewset, an admin URL or an API path without an entry here fails `test_every_door_*`, and a
scoped model without a factory fails too: a new door is covered or the suite is red.

KNOWN_GAPS lists the cells that fail today, each with the hole of issue 11 it belongs to;
the matrix fails on a new failing cell and on a listed gap that now passes.
"""

import csv
import datetime
import io
import itertools
import json
import sys
from dataclasses import dataclass

import openpyxl
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts import scope
from dvs.accounts.models import RoleAssignment
from dvs.accounts.roles import Role
from dvs.api.api import api
from dvs.cases.models import Attachment, Case, Dialogue, Kind, ReceptionDuty, ReceptionSession
from dvs.cases.tests.helpers import receive
from dvs.clearance.models import AdvocacyVisit, AffectedParty, Milestone, Obstacle, Project, Segment
from dvs.clearance.tests.helpers import make_milestone, make_obstacle, make_visit, party_in
from dvs.democracy.tests import helpers as democracy_helpers
from dvs.emulation import actions as emulation_actions
from dvs.emulation.models import Evaluation, Exemplar, Recognition
from dvs.emulation.tests.helpers import full_marks, make_exemplar
from dvs.people.models import Household, ImportJob, Membership, Person
from dvs.people.tests.helpers import add_person
from dvs.planning.models import Directive, Program, ProgressUpdate, Task, TaskAssignment
from dvs.planning.tests.helpers import make_directive, make_program, make_task
from dvs.religion import models as religion_models
from dvs.religion.tests import helpers as religion_helpers
from dvs.reports.models import ReportPeriod, ReviewReport, ReviewSectionText, UnitReport
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import (
    BaseTestCase,
    add_sibling_personas,
    bearer,
    make_user,
    use_temporary_media,
)
from dvs.units.models import Level, Organisation, Term, Unit

# ---------------------------------------------------------------------------------------
# The cells that fail today: (door, axis, action) → the hole of issue 11 it belongs to.
# Empty since the holes of issue 11 were closed; a new failing cell fails the matrix.
KNOWN_GAPS = {}

# ---------------------------------------------------------------------------------------
# Row factories: model → function(test, side, tag) creating one minimal row of `side`
# (a unit and maybe an organisation) whose text carries `tag`, so exports can be searched.


@dataclass(frozen=True)
class Side:
    unit: Unit
    organisation: Organisation | None = None

    def label(self):
        return self.organisation.name if self.organisation else self.unit.name


def _organisation(t, side, tag):
    """The side's organisation, or a new one of its unit (a model that needs one)."""
    if side.organisation:
        return side.organisation
    return Organisation.objects.create(kind=t.front_kind, unit=side.unit, name=f"Tổ chức {tag}")


def _unit(t, side, tag):
    parent = Unit.objects.get(pk=side.unit.pk)
    return parent.add_child(code=tag, name=f"Tổ {tag}", level=Level.NEIGHBOURHOOD)


def _organisation_row(t, side, tag):
    return Organisation.objects.create(
        kind=t.front_kind, unit=side.unit, parent=side.organisation, name=f"Chi hội {tag}"
    )


def _role_assignment(t, side, tag):
    role = Role.ORGANISATION_OFFICER if side.organisation else Role.WARD_BLOC_OFFICER
    user = make_user(tag.lower(), role, side.unit, side.organisation)
    return RoleAssignment.objects.get(user=user)


def _membership(t, side, tag):
    person = add_person(side.unit, f"Nguyễn Văn {tag}")
    return Membership.objects.create(person=person, organisation=_organisation(t, side, tag))


def _import_job(t, side, tag):
    return ImportJob.objects.create(
        unit=side.unit, file=f"{tag}.xlsx", original_name=f"{tag}.xlsx", created_by=t.admin
    )


def _file(tag, ext):
    """A small stored file whose bytes carry the tag, so a download is really tried."""
    return ContentFile(f"Tệp {tag}".encode(), name=f"{tag}.{ext}")


def _case(t, side, tag):
    case = receive(side.unit, content=f"Khiếu nại về việc {tag} tại tổ dân phố.")
    Attachment.objects.create(case=case, file=_file(tag, "pdf"), name=f"{tag}.pdf")
    return case


def _reception_duty(t, side, tag):
    leader = make_user(tag.lower(), first_name=tag)
    return ReceptionDuty.objects.create(unit=side.unit, leader=leader, position="commune_chair")


def _exemplar(t, side, tag):
    return make_exemplar(side.unit, f"Mô hình {tag}", organisation=side.organisation)


def _evaluation(t, side, tag):
    exemplar = _exemplar(t, side, tag)
    return emulation_actions.evaluate(exemplar, year=2024, scores=full_marks(), by=t.admin)


def _recognition(t, side, tag):
    return Recognition.objects.create(
        exemplar=_exemplar(t, side, tag),
        level="city",
        decision_number=f"{tag}-QĐ",
        decision_date="2024-12-01",
    )


def _period(t, side, tag, unit=None):
    return make_period(unit or t.city, t.template, name=f"Kỳ {tag}")


def _unit_report(t, side, tag):
    return UnitReport.objects.create(
        period=_period(t, side, tag),
        unit=side.unit,
        organisation=side.organisation,
        template_version=1,
    )


def _task_assignment(t, side, tag):
    task = make_task(t.city_leader, t.city, [side.unit], title=f"Việc {tag}")
    assignment = task.assignments.get()
    if side.organisation:
        assignment.organisation = side.organisation
        assignment.save(update_fields=["organisation"])
    ProgressUpdate.objects.create(
        assignment=assignment, date="2026-03-02", percent=10, evidence=_file(tag, "jpg")
    )
    return assignment


def _directive(t, side, tag):
    directive = make_directive(side.unit, f"{tag}-KH/ĐU")
    directive.file.save(f"{tag}.pdf", _file(tag, "pdf"))
    return directive


def _review_report(t, side, tag):
    return ReviewReport.objects.create(
        period=_period(t, side, tag),
        unit=side.unit,
        status=ReviewReport.Status.DONE,
        docx=_file(tag, "docx"),
        pdf=_file(tag, "pdf"),
    )


def _evidence(assignment):
    return assignment.updates.exclude(evidence="").get()


_STEP_DAYS = itertools.count()

FACTORIES = {
    Unit: _unit,
    Organisation: _organisation_row,
    Term: lambda t, side, tag: Term.objects.create(
        organisation=_organisation(t, side, tag), name=f"Nhiệm kỳ {tag}", starts_on="2024-05-20"
    ),
    RoleAssignment: _role_assignment,
    Person: lambda t, side, tag: add_person(side.unit, f"Nguyễn Văn {tag}"),
    Household: lambda t, side, tag: Household.objects.create(unit=side.unit, address=f"Số {tag}"),
    Membership: _membership,
    ImportJob: _import_job,
    Case: _case,
    ReceptionSession: lambda t, side, tag: ReceptionSession.objects.create(
        unit=side.unit, held_on="2026-03-02", kind="regular", officer=f"Cán bộ {tag}"
    ),
    ReceptionDuty: _reception_duty,
    Dialogue: lambda t, side, tag: Dialogue.objects.create(
        unit=side.unit, topic=f"Đối thoại {tag}", participants="Nhân dân", planned_on="2026-03-02"
    ),
    Exemplar: _exemplar,
    Evaluation: _evaluation,
    Recognition: _recognition,
    UnitReport: _unit_report,
    ReviewReport: _review_report,
    ReviewSectionText: lambda t, side, tag: ReviewSectionText.objects.create(
        period=_period(t, side, tag), unit=side.unit, key="proposals", text=f"Đề xuất {tag}"
    ),
    Directive: _directive,
    Task: lambda t, side, tag: make_task(
        t.city_leader, side.unit, [side.unit], title=f"Việc {tag}"
    ),
    TaskAssignment: _task_assignment,
    Program: lambda t, side, tag: make_program(
        _organisation(t, side, tag), title=f"Chương trình {tag}"
    ),
    Project: lambda t, side, tag: party_in(side.unit, tag).project,
    Segment: lambda t, side, tag: party_in(side.unit, tag).segment,
    AffectedParty: lambda t, side, tag: party_in(side.unit, tag),
    Milestone: lambda t, side, tag: make_milestone(
        # A step's name is its kind and date: each row a day of its own, so a sibling's
        # step is told from one's own in the exports.
        party_in(side.unit, tag),
        "plan_posted",
        datetime.date(2026, 3, 1) + datetime.timedelta(days=next(_STEP_DAYS)),
    ),
    AdvocacyVisit: lambda t, side, tag: make_visit(
        party_in(side.unit, tag), note=f"Vận động {tag}"
    ),
    Obstacle: lambda t, side, tag: make_obstacle(party_in(side.unit, tag), f"Vướng mắc {tag}"),
    religion_models.Establishment: lambda t, side, tag: religion_helpers.make_establishment(
        side.unit, f"Chùa {tag}"
    ),
    religion_models.Festival: lambda t, side, tag: religion_helpers.make_festival(
        religion_helpers.make_establishment(side.unit, f"Đình {tag}"), f"Lễ hội {tag}"
    ),
    religion_models.Group: lambda t, side, tag: religion_helpers.make_group(
        side.unit, f"Nhóm {tag}"
    ),
    religion_models.Dignitary: lambda t, side, tag: religion_helpers.make_dignitary(
        side.unit, f"Nguyễn Văn {tag}", f"Thích {tag}"
    ),
    religion_models.DignitaryPosition: lambda t, side, tag: religion_helpers.make_position(
        religion_helpers.make_dignitary(side.unit, f"Trần Văn {tag}", ""), f"Trụ trì {tag}"
    ),
    religion_models.DignitaryStatusChange: lambda t, side, tag: religion_helpers.make_status_change(
        religion_helpers.make_dignitary(side.unit, f"Lê Văn {tag}", ""), note=f"Ghi chú {tag}"
    ),
    religion_models.Filing: lambda t, side, tag: religion_helpers.make_filing(
        side.unit, subject=f"Đăng ký {tag}"
    ),
    religion_models.Contact: lambda t, side, tag: religion_helpers.make_contact(
        side.unit, f"Thăm hỏi {tag}"
    ),
    religion_models.Incident: lambda t, side, tag: religion_helpers.make_incident(
        side.unit, f"Sự việc {tag}"
    ),
    religion_models.KeyPerson: lambda t, side, tag: religion_helpers.make_key_person(
        side.unit, f"Người uy tín {tag}"
    ),
    religion_models.FollowerCount: lambda t, side, tag: religion_helpers.make_follower_count(
        side.unit,
        source=f"Nguồn {tag}",
        # One count per ward × religion × date: each row its own date.
        as_of=datetime.date(2026, 6, 30) - datetime.timedelta(days=next(_STEP_DAYS)),
    ),
    # Not registered with the scope door, but a unit's rows with an admin viewset.
    ReportPeriod: lambda t, side, tag: _period(t, side, tag, unit=side.unit),
}

# Grassroots democracy: one row of each model from its test helpers.
FACTORIES.update(
    {
        model: (lambda t, side, tag, make=make: make(side.unit, tag))
        for model, make in democracy_helpers.ROWS.items()
    }
)

# Scoped models reached only through another model's doors (no row of their own).
NO_FACTORY = {
    "emulation.indicatorvalue": "part of an Exemplar, edited inside its scoped form",
}

# Viewsets of reference data, not rows of a unit: only the read-only leader's writes apply.
REFERENCE_VIEWSETS = {
    "organisationkind": "reference data shared by all units",
    "unitchange": "a merge or split spans units; written by administrators",
    "eligibilityrule": "reference data: who may join an organisation kind",
    "calendardecision": "reference data: the yearly holiday decisions",
    "religion_ruleset": "reference data: the religion law's clock numbers, by administrators",
    "exemplarfield": "reference data of the emulation movement",
    "indicator": "reference data of the emulation movement",
    "criterion": "reference data of the emulation movement",
    "reporttemplate": "the board's report templates",
    "wagtailsites": "Wagtail's sites, administrators only",
    "wagtailusers_users": "Wagtail's users, administrators only",
    "wagtailusers_groups": "Wagtail's groups, administrators only",
    "wagtaildocs_chooser": "the portal's documents, guarded by Wagtail's collections",
    "wagtailimages_chooser": "the portal's images, guarded by Wagtail's collections",
    # religion (registry)
    "religiousorganisation": "reference data: religious organisations, for all units",
    "religion": "reference data: the religions recognised in Viet Nam",
    # democracy (matters)
    # democracy (tallies)
    # democracy (elections, charters, conferences)
    # democracy (consultations, disclosures)
    # democracy (boards)
}

# Other admin URLs that take an object: name → (model, the URL's args for a row), or a
# reason why no row is built for it.
ADMIN_ROUTES = {
    "people_import_detail": (ImportJob, lambda r: [r.pk]),
    "people_import_mapping": (ImportJob, lambda r: [r.pk]),
    "people_import_commit": (ImportJob, lambda r: [r.pk]),
    "people_import_errors": (ImportJob, lambda r: [r.pk]),
    "people_person_sensitive": (Person, lambda r: [r.pk]),
    "reception_session_cases": (ReceptionSession, lambda r: [r.pk]),
    "dialogue_cases": (Dialogue, lambda r: [r.pk]),
    "cases_step": (Case, lambda r: [r.pk, "accept"]),
    "cases_identity": (Case, lambda r: [r.pk]),
    "cases_attachment": (Case, lambda r: [r.pk, r.attachments.get().pk]),
    "emulation_replicate": (Exemplar, lambda r: [r.pk]),
    "emulation_publish": (Exemplar, lambda r: [r.pk]),
    "emulation_unpublish": (Exemplar, lambda r: [r.pk]),
    "planning_record_progress": (TaskAssignment, lambda r: [r.pk]),
    "planning_evidence": (TaskAssignment, lambda r: [_evidence(r).pk]),
    "planning_directive_file": (Directive, lambda r: [r.pk]),
    "reports_period": (ReportPeriod, lambda r: [r.pk]),
    "reports_dashboard": (ReportPeriod, lambda r: [r.pk]),
    "reports_refresh": (ReportPeriod, lambda r: [r.pk]),
    "reports_start_review": (ReportPeriod, lambda r: [r.pk]),
    "reports_unit": (UnitReport, lambda r: [r.period_id, r.unit.code]),
    "reports_organisation": (UnitReport, lambda r: [r.period_id, r.organisation_id or 0]),
    "reports_review_report": (UnitReport, lambda r: [r.pk]),
    "reports_review_texts": (ReviewReport, lambda r: [r.period_id, r.unit.code]),
    "reports_review_job": (ReviewReport, lambda r: [r.pk]),
    "reports_review_file": (ReviewReport, lambda r: [r.pk, "docx"]),
    "dvs_otp_verify": "the sign-in's second step, no object",
    "workdays_calendar": "reference data: a year's days off, the same for every unit",
    "clearance_party_step": (AffectedParty, lambda r: [r.pk]),
    "clearance_party_visit": (AffectedParty, lambda r: [r.pk]),
    "clearance_party_obstacle": (AffectedParty, lambda r: [r.pk]),
    "clearance_segment_step": (Segment, lambda r: [r.pk]),
    "clearance_milestone_record": (Milestone, lambda r: [r.pk]),
    "clearance_obstacle_resolve": (Obstacle, lambda r: [r.pk]),
    "clearance_figures_project": (Project, lambda r: [r.code]),
    # religion (registry): establishments, groups, festivals, contacts, incidents, key people
    # religion (dignitaries)
    "religion_dignitary_id_image": (religion_models.Dignitary, lambda r: [r.pk]),
    "religion_dignitary_position": (religion_models.Dignitary, lambda r: [r.pk]),
    "religion_dignitary_status": (religion_models.Dignitary, lambda r: [r.pk]),
    # religion (filings, the lunar calendar)
    "religion_filing_answer": (religion_models.Filing, lambda r: [r.pk]),
    "religion_filing_complete": (religion_models.Filing, lambda r: [r.pk]),
    # religion (figures)
    # democracy (matters)
    "democracy_matter_open": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_roll": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_roll_xlsx": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_roll_correct": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_consent": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_receive": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_recognise": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_document": (democracy_helpers.m.Matter, lambda r: [r.pk, "notice"]),
    # democracy (tallies)
    "democracy_matter_tallies": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_meeting": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_ballot_start": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_ballot": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_ballot_print": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_ballot_record": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_online": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_online_screenshot": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    "democracy_matter_send": (democracy_helpers.m.Matter, lambda r: [r.pk]),
    # democracy (elections, charters, conferences)
    "democracy_election_result": (democracy_helpers.m.HeadElection, lambda r: [r.pk]),
    "democracy_charter_step": (democracy_helpers.m.Charter, lambda r: [r.pk, "post"]),
    # democracy (consultations, disclosures)
    "democracy_consultation_publish": (democracy_helpers.m.Consultation, lambda r: [r.pk]),
    "democracy_consultation_close": (democracy_helpers.m.Consultation, lambda r: [r.pk]),
    "democracy_consultation_result": (democracy_helpers.m.Consultation, lambda r: [r.pk]),
    "democracy_consultation_document": (democracy_helpers.m.Consultation, lambda r: [r.pk]),
    "democracy_disclosure_post": (democracy_helpers.m.Disclosure, lambda r: [r.pk]),
    "democracy_disclosure_end": (democracy_helpers.m.Disclosure, lambda r: [r.pk]),
    "democracy_disclosure_loudspeaker": (democracy_helpers.m.Disclosure, lambda r: [r.pk]),
    # democracy (boards)
    "democracy_board_members": (democracy_helpers.m.Board, lambda r: [r.pk]),
    "democracy_board_dissolve": (democracy_helpers.m.Board, lambda r: [r.pk]),
    "democracy_recommendation_answer": (democracy_helpers.m.Recommendation, lambda r: [r.pk]),
}

# Admin pages without an object: name → the models whose sibling rows it must not name.
ADMIN_PAGES = {
    "workdays_calendar_now": [],
    "people_import_list": [ImportJob],
    "people_import_new": [],
    "people_coverage": [Unit],
    "people_duplicates": [Person],
    "people_merge": [],
    "people_export_sensitive": [Person],
    "reception_compliance": [ReceptionDuty],
    "cases_intake": [],
    "cases_dashboard": [],
    "cases_reminders": [Case],
    "emulation_stats": [Exemplar],
    "emulation_stats_export": [Exemplar],
    "emulation_registration": [Exemplar],
    "reports_index": [ReportPeriod],
    "portal_stats": [],
    "clearance_figures": [Project],
    "clearance_timeline": [],  # a calculator on the dates typed: it reads no row
    # The clearance import (its state is the user's session, no object in the URL).
    "clearance_import": [Project],
    "clearance_import_mapping": [],
    "clearance_import_check": [AffectedParty],
    "clearance_import_commit": [],
    "clearance_import_cancel": [],
    "clearance_import_errors": [],
    "clearance_import_template": [],
    # religion (registry): establishments, groups, festivals, contacts, incidents, key people
    "religion_festival_calendar": [religion_models.Festival],
    # religion (dignitaries)
    # The import of Phiếu số 3 sheets (its state is the user's session, no object in the URL).
    "religion_import": [Unit],
    "religion_import_check": [religion_models.Dignitary],
    "religion_import_commit": [],
    "religion_import_cancel": [],
    "religion_import_errors": [],
    "religion_import_template": [],
    # religion (filings, the lunar calendar)
    "religion_filings_overdue": [religion_models.Filing],
    "religion_filings_check": [],  # a calculator on the dates typed: it reads no row
    # religion (figures)
    # The figures page names the follower counts' sources: never the sibling's.
    "religion_figures": [religion_models.FollowerCount],
    # democracy (matters)
    "democracy_matters_calculator": [],  # a calculator on the numbers typed: it reads no row
    # democracy (tallies)
    # democracy (elections, charters, conferences)
    "democracy_charter_reviews": [democracy_helpers.m.CharterReview],
    "democracy_charter_counts": [],  # counts per ward of the user's scope, no row's text
    "democracy_conference_tracking": [democracy_helpers.m.Conference],
    # democracy (consultations, disclosures)
    "democracy_disclosures_quarterly": [democracy_helpers.m.Disclosure],
    # democracy (boards)
    # The yearly tracking of quarterly reports names the boards of the user's units.
    "democracy_board_reports": [democracy_helpers.m.Board],
}

# API paths: the model whose row the path's parameters name, and those parameters.
API_ROUTES = {
    "/units/{code}": (Unit, lambda r: {"code": r.code}),
    "/organisations/{organisation_id}": (Organisation, lambda r: {"organisation_id": r.pk}),
    "/people/{person_id}": (Person, lambda r: {"person_id": r.pk}),
    "/people/import/{job_id}": (ImportJob, lambda r: {"job_id": r.pk}),
    "/cases/{case_id}": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/petitioners": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/accept": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/extend": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/multi-place-verification": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/conclude": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/forward": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/archive": (Case, lambda r: {"case_id": r.pk}),
    "/cases/{case_id}/assign": (Case, lambda r: {"case_id": r.pk}),
    "/exemplars/{exemplar_id}": (Exemplar, lambda r: {"exemplar_id": r.pk}),
    "/tasks/{task_id}": (Task, lambda r: {"task_id": r.pk}),
    "/tasks/{task_id}/assignments/{assignment_id}/progress": (
        TaskAssignment,
        lambda r: {"task_id": r.task_id, "assignment_id": r.pk},
    ),
    "/directives/{directive_id}": (Directive, lambda r: {"directive_id": r.pk}),
    "/directives/{directive_id}/file": (Directive, lambda r: {"directive_id": r.pk}),
    "/tasks/progress/{update_id}/evidence": (
        TaskAssignment,
        lambda r: {"update_id": _evidence(r).pk},
    ),
    "/programs/{program_id}": (Program, lambda r: {"program_id": r.pk}),
    "/reports/{period_id}/units/{code}": (
        UnitReport,
        lambda r: {"period_id": r.period_id, "code": r.unit.code},
    ),
    "/reports/{period_id}/units/{code}/submit": (
        UnitReport,
        lambda r: {"period_id": r.period_id, "code": r.unit.code},
    ),
    "/reports/{period_id}/summary": (ReviewReport, lambda r: {"period_id": r.period_id}),
    "/reports/{period_id}/review": (ReviewReport, lambda r: {"period_id": r.period_id}),
    "/reports/{period_id}/review.docx": (ReviewReport, lambda r: {"period_id": r.period_id}),
    "/reports/{period_id}/review.pdf": (ReviewReport, lambda r: {"period_id": r.period_id}),
    "/reports/{period_id}/review/sections": (
        ReviewReport,
        lambda r: {"period_id": r.period_id},
    ),
    "/clearance/projects/{code}": (Project, lambda r: {"code": r.code}),
    "/clearance/projects/{code}/parties": (Project, lambda r: {"code": r.code}),
    "/clearance/projects/{code}/parties/{party_id}/milestones": (
        AffectedParty,
        lambda r: {"code": r.project.code, "party_id": r.pk},
    ),
    "/clearance/projects/{code}/parties/{party_id}/visits": (
        AffectedParty,
        lambda r: {"code": r.project.code, "party_id": r.pk},
    ),
    # religion (registry): establishments, groups, festivals, contacts, incidents, key people
    "/religion/establishments/{establishment_id}": (
        religion_models.Establishment,
        lambda r: {"establishment_id": r.pk},
    ),
    "/religion/groups/{group_id}": (religion_models.Group, lambda r: {"group_id": r.pk}),
    # religion (dignitaries)
    "/religion/figures/{dignitary_id}": (
        religion_models.Dignitary,
        lambda r: {"dignitary_id": r.pk},
    ),
    # religion (filings, the lunar calendar)
    "/religion/filings/{filing_id}": (religion_models.Filing, lambda r: {"filing_id": r.pk}),
    "/religion/filings/{filing_id}/answer": (
        religion_models.Filing,
        lambda r: {"filing_id": r.pk},
    ),
    "/religion/filings/{filing_id}/complete": (
        religion_models.Filing,
        lambda r: {"filing_id": r.pk},
    ),
    # religion (figures)
    # democracy (matters)
    "/democracy/matters/{matter_id}": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/open": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/roll": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/consents": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/receive": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/recognise": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/refuse": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/reviews": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    # democracy (tallies)
    "/democracy/matters/{matter_id}/tallies": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/meeting": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/ballot": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/ballot/entries": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/ballot/returned": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/ballot/confirm": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/online": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/online/votes": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/online/close": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    "/democracy/matters/{matter_id}/send": (
        democracy_helpers.m.Matter,
        lambda r: {"matter_id": r.pk},
    ),
    # democracy (elections, charters, conferences)
    "/democracy/elections/{election_id}": (
        democracy_helpers.m.HeadElection,
        lambda r: {"election_id": r.pk},
    ),
    "/democracy/elections/{election_id}/result": (
        democracy_helpers.m.HeadElection,
        lambda r: {"election_id": r.pk},
    ),
    "/democracy/charters/{charter_id}": (
        democracy_helpers.m.Charter,
        lambda r: {"charter_id": r.pk},
    ),
    "/democracy/charters/{charter_id}/post-draft": (
        democracy_helpers.m.Charter,
        lambda r: {"charter_id": r.pk},
    ),
    "/democracy/charters/{charter_id}/adopt": (
        democracy_helpers.m.Charter,
        lambda r: {"charter_id": r.pk},
    ),
    "/democracy/charters/{charter_id}/recognise": (
        democracy_helpers.m.Charter,
        lambda r: {"charter_id": r.pk},
    ),
    "/democracy/charters/{charter_id}/refuse": (
        democracy_helpers.m.Charter,
        lambda r: {"charter_id": r.pk},
    ),
    "/democracy/conferences/{conference_id}": (
        democracy_helpers.m.Conference,
        lambda r: {"conference_id": r.pk},
    ),
    # democracy (consultations, disclosures)
    "/democracy/consultations/{consultation_id}": (
        democracy_helpers.m.Consultation,
        lambda r: {"consultation_id": r.pk},
    ),
    "/democracy/consultations/{consultation_id}/publish": (
        democracy_helpers.m.Consultation,
        lambda r: {"consultation_id": r.pk},
    ),
    "/democracy/consultations/{consultation_id}/opinions": (
        democracy_helpers.m.Consultation,
        lambda r: {"consultation_id": r.pk},
    ),
    "/democracy/consultations/{consultation_id}/close": (
        democracy_helpers.m.Consultation,
        lambda r: {"consultation_id": r.pk},
    ),
    "/democracy/consultations/{consultation_id}/result": (
        democracy_helpers.m.Consultation,
        lambda r: {"consultation_id": r.pk},
    ),
    # Anonymous: a consultation not open on the portal (the factory's draft) is not found.
    "/democracy/public/consultations/{consultation_id}/opinions": (
        democracy_helpers.m.Consultation,
        lambda r: {"consultation_id": r.pk},
    ),
    "/democracy/disclosures/{disclosure_id}": (
        democracy_helpers.m.Disclosure,
        lambda r: {"disclosure_id": r.pk},
    ),
    "/democracy/disclosures/{disclosure_id}/post": (
        democracy_helpers.m.Disclosure,
        lambda r: {"disclosure_id": r.pk},
    ),
    "/democracy/disclosures/{disclosure_id}/end": (
        democracy_helpers.m.Disclosure,
        lambda r: {"disclosure_id": r.pk},
    ),
    "/democracy/disclosures/{disclosure_id}/loudspeaker-days": (
        democracy_helpers.m.Disclosure,
        lambda r: {"disclosure_id": r.pk},
    ),
    # democracy (boards)
    "/democracy/boards/{board_id}": (democracy_helpers.m.Board, lambda r: {"board_id": r.pk}),
    "/democracy/boards/{board_id}/members": (
        democracy_helpers.m.Board,
        lambda r: {"board_id": r.pk},
    ),
    "/democracy/boards/{board_id}/plans": (
        democracy_helpers.m.Board,
        lambda r: {"board_id": r.pk},
    ),
    "/democracy/boards/{board_id}/inspections": (
        democracy_helpers.m.Board,
        lambda r: {"board_id": r.pk},
    ),
    "/democracy/boards/{board_id}/reports": (
        democracy_helpers.m.Board,
        lambda r: {"board_id": r.pk},
    ),
    "/democracy/inspections/{inspection_id}/recommendations": (
        democracy_helpers.m.Inspection,
        lambda r: {"inspection_id": r.pk},
    ),
    "/democracy/recommendations/{recommendation_id}/answer": (
        democracy_helpers.m.Recommendation,
        lambda r: {"recommendation_id": r.pk},
    ),
}

# API lists: the model they list and how an item names its row.
API_LISTS = {
    "/units": (Unit, "code", lambda r: r.code),
    "/organisations": (Organisation, "id", lambda r: r.pk),
    "/people": (Person, "id", lambda r: r.pk),
    "/cases": (Case, "id", lambda r: r.pk),
    "/exemplars": (Exemplar, "id", lambda r: r.pk),
    "/tasks": (Task, "id", lambda r: r.pk),
    "/directives": (Directive, "id", lambda r: r.pk),
    "/programs": (Program, "id", lambda r: r.pk),
    "/reports/periods": (ReportPeriod, "id", lambda r: r.pk),
    "/clearance/projects": (Project, "code", lambda r: r.code),
    # Figures, not rows: asked with the sibling's unit they must refuse (below).
    "/memberships/stats": None,
    "/cases/stats": None,
    "/exemplars/stats": None,
    "/calendar/holidays": None,
    # The caller's own work list: each source per axis in dvs/accounts/tests/test_work_list.py.
    "/work": None,
    # religion (registry): establishments, groups, festivals, contacts, incidents, key people
    "/religion/establishments": (religion_models.Establishment, "id", lambda r: r.pk),
    "/religion/groups": (religion_models.Group, "id", lambda r: r.pk),
    "/religion/contacts": (religion_models.Contact, "id", lambda r: r.pk),
    "/religion/incidents": (religion_models.Incident, "id", lambda r: r.pk),
    "/religion/key-people": (religion_models.KeyPerson, "id", lambda r: r.pk),
    # religion (dignitaries)
    "/religion/figures": (religion_models.Dignitary, "id", lambda r: r.pk),
    # religion (filings, the lunar calendar)
    "/religion/filings": (religion_models.Filing, "id", lambda r: r.pk),
    "/calendar/lunar": None,  # reference data: a lunar date's solar one, for every caller
    # religion (figures)
    "/religion/stats": None,
    # democracy (matters)
    "/democracy/matters": (democracy_helpers.m.Matter, "id", lambda r: r.pk),
    # democracy (tallies)
    # democracy (elections, charters, conferences)
    "/democracy/elections": (democracy_helpers.m.HeadElection, "id", lambda r: r.pk),
    "/democracy/charters": (democracy_helpers.m.Charter, "id", lambda r: r.pk),
    "/democracy/charters/counts": None,
    "/democracy/conferences": (democracy_helpers.m.Conference, "id", lambda r: r.pk),
    # democracy (consultations, disclosures)
    "/democracy/consultations": (democracy_helpers.m.Consultation, "id", lambda r: r.pk),
    "/democracy/disclosures": (democracy_helpers.m.Disclosure, "id", lambda r: r.pk),
    "/democracy/disclosures/quarterly": None,  # a list by quarter: test_disclosures_api.py
    # democracy (boards)
    "/democracy/boards": (democracy_helpers.m.Board, "id", lambda r: r.pk),
    "/democracy/recommendations": (democracy_helpers.m.Recommendation, "id", lambda r: r.pk),
}

# Valid bodies of the API's writes, so a refusal is the scope's and not the validator's.
API_BODIES = {
    "/people": {"unit": "{unit}", "full_name": "Nguyễn Văn Mới", "sex": "male", "birth_year": 1980},
    "/cases": {
        "kind": "complaint",
        "received_on": "2026-03-02",
        "unit": "{unit}",
        "content": "Khiếu nại về đường ngõ.",
        "petitioner_name": "Lê Văn Mới",
    },
    "/exemplars": {
        "name": "Mô hình mới",
        "field": "economy",
        "level": "ward",
        "unit": "{unit}",
        "year": 2024,
        "started_on": "2024-03-01",
        "problem": "Rác",
        "method": "Nhận đoạn phố",
    },
    "/cases/{case_id}/accept": {"accepted_on": "2026-03-03"},
    "/cases/{case_id}/extend": {"granted_on": "2026-03-03", "days": 10, "reason": "Phức tạp"},
    "/cases/{case_id}/multi-place-verification": {"recorded_on": "2026-03-03"},
    "/cases/{case_id}/conclude": {"concluded_on": "2026-03-03", "conclusion": "Đã giải quyết"},
    "/cases/{case_id}/forward": {"forwarded_on": "2026-03-03", "to": "UBND thành phố"},
    "/cases/{case_id}/archive": {"archived_on": "2026-03-03", "reason": "Trùng đơn"},
    "/cases/{case_id}/assign": {"handler": "city_handler", "note": "Giao xử lý"},
    "/tasks/{task_id}/assignments/{assignment_id}/progress": {"percent": 50, "note": "Đã làm"},
    "/reports/{period_id}/units/{code}/submit": {"values": {}, "notes": {}, "texts": {}},
    "/reports/{period_id}/review": {},  # its parameters are in the query
    "/reports/{period_id}/review/sections": {"sections": {}},
    "/clearance/projects/{code}/parties/{party_id}/milestones": {
        "kind": "plan_posted",
        "on": "2026-03-03",
    },
    "/clearance/projects/{code}/parties/{party_id}/visits": {
        "on": "2026-03-03",
        "outcome": "agrees",
    },
    # A multipart upload: test_scope_matrix.test_import_into_another_ward_is_refused.
    "/people/import": None,
    # A calculator on the dates it is given: it reads and writes no row.
    "/clearance/timeline": None,
    # religion (registry): establishments, groups, festivals, contacts, incidents, key people
    "/religion/establishments": {
        "unit": "{unit}",
        "name": "Chùa Mới",
        "kind": "pagoda",
        "religion": "phat-giao",
    },
    "/religion/groups": {"unit": "{unit}", "name": "Nhóm Mới", "religion": "tin-lanh"},
    "/religion/contacts": {
        "unit": "{unit}",
        "kind": "courtesy",
        "on": "2026-03-02",
        "topics": "Thăm hỏi",
    },
    "/religion/incidents": {
        "unit": "{unit}",
        "kind": "other",
        "on": "2026-03-02",
        "description": "Sự việc mới",
    },
    "/religion/key-people": {"unit": "{unit}", "kind": "core", "name": "Người mới"},
    # religion (dignitaries)
    "/religion/figures": {
        "unit": "{unit}",
        "religion": "phat-giao",
        "classification": ["dignitary"],
        "birth_name": "Nguyễn Văn Mới",
    },
    # religion (filings, the lunar calendar)
    "/religion/filings": {
        "unit": "{unit}",
        "kind": "supplement",
        "submitted_by": "Ban quản lý đình",
        "subject": "Đăng ký bổ sung",
        "received_on": "2026-03-02",
        "activity_on": "2026-08-15",
    },
    "/religion/filings/{filing_id}/answer": {"replied_on": "2026-03-10", "outcome": "accepted"},
    "/religion/filings/{filing_id}/complete": {"complete_on": "2026-03-10"},
    # A calculator on the dates it is given: it reads and writes no row.
    "/religion/filings/check": None,
    # religion (figures)
    # democracy (matters)
    "/democracy/matters": {"unit": "{unit}", "item": 1, "title": "Việc mới"},
    "/democracy/matters/{matter_id}/open": {"on": "2026-04-01"},
    "/democracy/matters/{matter_id}/roll": {"households": 5, "reason": "Sót hộ"},
    "/democracy/matters/{matter_id}/consents": {
        "representative": "Hộ mới",
        "signed_on": "2026-03-02",
    },
    "/democracy/matters/{matter_id}/receive": {"received_on": "2026-05-06"},
    "/democracy/matters/{matter_id}/recognise": {"on": "2026-05-07"},
    "/democracy/matters/{matter_id}/refuse": {"on": "2026-05-07", "reason": "Sai thủ tục"},
    "/democracy/matters/{matter_id}/reviews": {
        "kind": "annul",
        "requested_on": "2026-05-08",
        "reason": "Trái luật",
    },
    # Calculators on the numbers and dates sent: they read and write no row.
    "/democracy/matters/evaluate": None,
    "/democracy/timeline": None,
    # democracy (tallies)
    "/democracy/matters/{matter_id}/meeting": {
        "meeting_on": "2026-04-15",
        "present": [1],
        "chair": "Lê Văn Chủ",
        "secretary": "Phạm Thị Thư",
        "vote_method": "hands",
        "witnesses": "Nguyễn Văn An\nTrần Thị Bình",
    },
    "/democracy/matters/{matter_id}/ballot": {
        "reason": "Thiếu hộ",
        "opens_on": "2026-04-20",
        "closes_on": "2026-04-24",
    },
    "/democracy/matters/{matter_id}/ballot/entries": {
        "order": 1,
        "clerk": "Văn thư A",
        "returned": 1,
        "yes": 1,
        "no": 0,
        "invalid": 0,
    },
    "/democracy/matters/{matter_id}/ballot/returned": {"numbers": [1]},
    "/democracy/matters/{matter_id}/ballot/confirm": {},
    "/democracy/matters/{matter_id}/online": {
        "optin_polled_on": "2026-04-10",
        "optin_yes": 1,
        "starts_at": "2026-04-20T08:00:00+07:00",
        "ends_at": "2026-04-22T20:00:00+07:00",
    },
    "/democracy/matters/{matter_id}/online/votes": {"number": 1, "choice": "yes"},
    "/democracy/matters/{matter_id}/online/close": {},
    "/democracy/matters/{matter_id}/send": {"sent_on": "2026-04-27"},
    # democracy (elections, charters, conferences)
    "/democracy/elections": {
        "unit": "{unit}",
        "election_on": "2026-12-20",
        "candidates": [{"name": "Nguyễn Văn An"}],
    },
    "/democracy/elections/{election_id}/result": {"rerun": False},
    "/democracy/charters": {"unit": "{unit}", "title": "Quy ước mới"},
    "/democracy/charters/{charter_id}/post-draft": {"on": "2026-10-01"},
    "/democracy/charters/{charter_id}/adopt": {},
    "/democracy/charters/{charter_id}/recognise": {"on": "2026-11-10"},
    "/democracy/charters/{charter_id}/refuse": {"on": "2026-11-10", "reason": "Trái luật"},
    "/democracy/conferences": {"unit": "{unit}", "kind": "community", "year": 2026},
    # democracy (consultations, disclosures)
    "/democracy/consultations": {
        "unit": "{unit}",
        "subject": 9,
        "title": "Lấy ý kiến mới",
        "summary": "Dự thảo.",
    },
    "/democracy/consultations/{consultation_id}/publish": {
        "published_on": "2026-09-01",
        "closes_on": "2026-09-21",
    },
    "/democracy/consultations/{consultation_id}/opinions": {
        "channel": "meeting",
        "stance": "agree",
        "count": 10,
        "received_on": "2026-09-02",
    },
    "/democracy/consultations/{consultation_id}/close": {"on": "2026-09-21"},
    "/democracy/consultations/{consultation_id}/result": {"synthesis": "Tổng hợp"},
    "/democracy/public/consultations/{consultation_id}/opinions": {
        "name": "Người dân",
        "phone": "0912345678",
        "stance": "agree",
        "content": "Đồng ý.",
    },
    "/democracy/disclosures": {
        "unit": "{unit}",
        "item": 2,
        "title": "Công khai mới",
        "decided_on": "2026-08-28",
    },
    "/democracy/disclosures/{disclosure_id}/post": {"posted_from": "2026-09-09"},
    "/democracy/disclosures/{disclosure_id}/end": {"posted_to": "2026-10-09"},
    "/democracy/disclosures/{disclosure_id}/loudspeaker-days": {"on": "2026-09-10"},
    # democracy (boards)
    "/democracy/boards": {
        "unit": "{unit}",
        "kind": "monitoring",
        "name": "Ban giám sát mới",
        "project": "Đường ngõ 7",
        "term_from": "2026-01-01",
    },
    "/democracy/boards/{board_id}/members": {"members": []},
    "/democracy/boards/{board_id}/plans": {"period": "quarter", "title": "Kế hoạch mới"},
    "/democracy/boards/{board_id}/inspections": {
        "subject": "Kiểm tra mới",
        "held_on": "2026-05-04",
    },
    "/democracy/boards/{board_id}/reports": {
        "period": "year",
        "year": 2026,
        "sent_on": "2026-05-04",
        "content": "Báo cáo mới",
    },
    "/democracy/inspections/{inspection_id}/recommendations": {
        "content": "Kiến nghị mới",
        "addressed_to": "UBND phường",
        "sent_on": "2026-05-10",
    },
    "/democracy/recommendations/{recommendation_id}/answer": {
        "status": "answered",
        "answer": "Đã trả lời",
    },
}

REFUSED = (403, 404, 405)
API = "/api/v1"


@dataclass(frozen=True)
class Axis:
    name: str  # who against whose rows, e.g. "ward_a_officer→Phường Bình Minh"
    persona: str
    own: Side
    sibling: Side
    organisation_only: bool = False  # only models whose rows belong to an organisation
    writes_only: bool = False  # the read-only leader: reads of his scope are allowed

    def applies_to(self, model):
        if not self.organisation_only:
            return True
        rule = scope._REGISTRY.get(model)
        return bool(rule and rule.organisation)


def admin_url_names():
    """Every named URL under /admin/ that this project adds (not Wagtail's own)."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name, prefix + str(pattern.pattern), pattern

    for name, route, pattern in walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "")
        ours = not module.startswith(("wagtail", "django")) and not name.startswith("wagtail")
        if route.startswith("admin/") and ours:
            yield name, route, pattern


def registered_viewsets():
    """Wagtail's viewsets, registered while the URLconf is read."""
    get_resolver().url_patterns  # noqa: B018
    return admin_viewsets.viewsets


def scoped_viewsets():
    for viewset in registered_viewsets():
        if isinstance(viewset, ModelViewSet | ChooserViewSet) and viewset.model in FACTORIES:
            yield viewset


def viewset_object_urls(viewset):
    """(action, url name) of the viewset's URLs that take an object's pk."""
    for pattern in viewset.get_urlpatterns():
        if "<" in str(pattern.pattern) and pattern.name:
            yield pattern.name, f"{viewset.name}:{pattern.name}"


def refused_redirect(response):
    """Wagtail's answer to a user without the permission: back to the dashboard (or login)."""
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.rstrip("/").endswith("/admin") or "/login" in location
    )


def body_text(response):
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if content[:2] == b"PK":  # an XLSX workbook
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    text = content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("text/csv"):
        return "\n".join(",".join(row) for row in csv.reader(io.StringIO(text)))
    return text


class ScopeAxesTests(BaseTestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.template = make_template()
        cls.specialist_handler = make_user(
            "city_handler", Role.BOARD_SPECIALIST, cls.city, first_name="Xử lý"
        )

    def setUp(self):
        use_temporary_media(self)  # the factories store files, so downloads are tried

    def axes(self):
        return [
            Axis("ward_a_officer→ward B", "ward_a_officer", Side(self.ward_a), Side(self.ward_b)),
            Axis(
                "neighbourhood_a1_committee→A2",
                "neighbourhood_a1_committee",
                Side(self.neighbourhood_a1),
                Side(self.neighbourhood_a2),
            ),
            Axis(
                "ward_a_women_officer→ward A Front",
                "ward_a_women_officer",
                Side(self.ward_a, self.ward_a_women),
                Side(self.ward_a, self.ward_a_front),
                organisation_only=True,
            ),
            Axis(
                "ward_a_front_officer→ward A women",
                "ward_a_front_officer",
                Side(self.ward_a, self.ward_a_front),
                Side(self.ward_a, self.ward_a_women),
                organisation_only=True,
            ),
            Axis(
                "ward_a_women_officer→ward A (no organisation)",
                "ward_a_women_officer",
                Side(self.ward_a, self.ward_a_women),
                Side(self.ward_a),
                organisation_only=True,
            ),
            Axis(
                "readonly_leader→ward A",
                "readonly_leader",
                Side(self.ward_a),
                Side(self.ward_a),
                writes_only=True,
            ),
        ]

    # -- the registry checks: a new door without a row here fails -----------------------

    def test_every_scoped_model_and_viewset_has_a_factory(self):
        for model in scope.registered_models():
            label = model._meta.label_lower
            with self.subTest(model=label):
                self.assertTrue(
                    model in FACTORIES or label in NO_FACTORY,
                    f"add a row factory for {label} to FACTORIES in {__name__}",
                )
        for viewset in registered_viewsets():
            model = getattr(viewset, "model", None)
            if not isinstance(viewset, ModelViewSet | ChooserViewSet) or model is None:
                continue
            with self.subTest(viewset=viewset.name):
                self.assertTrue(
                    model in FACTORIES or viewset.name in REFERENCE_VIEWSETS,
                    f"add a row factory for {model} (viewset {viewset.name}) to FACTORIES",
                )

    def test_every_door_of_the_admin_is_in_the_matrix(self):
        viewset_names = {v.name for v in registered_viewsets()}
        for name, route, _pattern in admin_url_names():
            if ":" in name and name.split(":")[0] in viewset_names:
                continue
            with self.subTest(url=name):
                self.assertTrue(
                    name in ADMIN_ROUTES or name in ADMIN_PAGES,
                    f"add {name} ({route}) to ADMIN_ROUTES or ADMIN_PAGES",
                )

    def test_every_door_of_the_api_is_in_the_matrix(self):
        for path, operations in api.get_openapi_schema()["paths"].items():
            path = path.removeprefix(API)
            with self.subTest(path=path):
                if "{" in path:
                    self.assertIn(path, API_ROUTES, "add the path to API_ROUTES")
                else:
                    self.assertTrue(
                        path in API_LISTS or set(operations) == {"post"},
                        "add the path to API_LISTS",
                    )
                for method in operations:
                    if method != "get":
                        self.assertIn(path, API_BODIES, "add a valid body to API_BODIES")

    # -- the matrix ---------------------------------------------------------------------

    def test_no_one_reaches_a_siblings_rows_through_any_door(self):
        self.cells = {}  # (door, axis, action) → None if it held, else what happened
        self.answers = {}  # (axis, model, side, action) → {"admin": allowed, "api": allowed}
        # Three letters: 5,832 tags (the rows of every app's factories, for every axis).
        self.tags = (
            f"Mk{a}{b}{c}" for a, b, c in itertools.product("BCDFGHKLMNPQRSTVXZ", repeat=3)
        )
        self.schema = api.get_openapi_schema()["paths"]
        axes = self.axes()
        for axis in axes:
            self.check_axis(axis)
        self.check_case_identities()
        self.check_agreement()

        failing = {key: what for key, what in self.cells.items() if what}
        new = {key: what for key, what in failing.items() if key not in KNOWN_GAPS}
        closed = sorted(key for key in KNOWN_GAPS if key in self.cells and key not in failing)
        size = (
            f"scope matrix: {len(self.cells)} cells over {len(axes) + 1} axes "
            f"({len(failing)} failing, {len(KNOWN_GAPS)} known gaps)"
        )
        sys.stdout.write(f"\n{size}\n")
        self.assertGreater(len(self.cells), 500, size)
        if new:
            self.fail(
                f"{size}: new gaps\n" + "\n".join(f"{k!r}: {w}" for k, w in sorted(new.items()))
            )
        self.assertEqual(closed, [], f"{size}: closed, remove them from KNOWN_GAPS")

    def note(self, door, axis, action, failure):
        key = (door, axis.name if isinstance(axis, Axis) else axis, action)
        self.cells[key] = self.cells.get(key) or failure

    def answer(self, axis, model, side, action, door, allowed):
        self.answers.setdefault((axis.name, model._meta.label, side, action), {})[door] = allowed

    def check_axis(self, axis):
        user = getattr(self, axis.persona)
        models = [m for m in FACTORIES if axis.applies_to(m)]
        rows = {m: FACTORIES[m](self, axis.sibling, next(self.tags)) for m in models}
        own = (
            {}
            if axis.writes_only
            else {m: FACTORIES[m](self, axis.own, next(self.tags)) for m in models}
        )
        self.client.force_login(user)
        self.header = bearer(user)
        for viewset in scoped_viewsets():
            if viewset.model in rows:
                self.check_viewset(axis, viewset, rows[viewset.model], own.get(viewset.model))
        for name, spec in ADMIN_ROUTES.items():
            if isinstance(spec, tuple) and spec[0] in rows:
                self.check_admin_route(axis, name, spec, rows[spec[0]])
        if not axis.writes_only:
            for name, shown in ADMIN_PAGES.items():
                self.check_admin_page(axis, name, [rows[m] for m in shown if m in rows])
        for path, spec in API_ROUTES.items():
            if spec[0] in rows:
                self.check_api_route(axis, path, spec, rows[spec[0]], own.get(spec[0]))
        for path, spec in API_LISTS.items():
            self.check_api_list(axis, path, spec, rows, own)
        if axis.writes_only:
            for path, operations in self.schema.items():
                if "{" not in path and "post" in operations:
                    self.check_api_create(axis, path.removeprefix(API), user)

    # -- the admin ----------------------------------------------------------------------

    def check_viewset(self, axis, viewset, row, own_row):
        name = viewset.name
        if isinstance(viewset, ChooserViewSet):
            if not axis.writes_only:
                self.check_chooser(axis, viewset, row)
            return
        if axis.writes_only:
            add = self.client.get(reverse(f"{name}:add"))
            self.expect_refused(name, axis, "add", add)
        for action, url_name in viewset_object_urls(viewset):
            url = reverse(url_name, args=[row.pk])
            writes = action in ("edit", "delete", "copy", "reorder")
            if axis.writes_only and not writes:
                continue
            response = self.client.get(url)
            self.expect_refused(name, axis, action, response)
            if writes:
                response = self.client.post(url, {})
                self.expect_refused(name, axis, f"{action}:POST", response)
                if not type(row).objects.filter(pk=row.pk).exists():
                    self.note(name, axis, f"{action}:POST", "the row was deleted")
                    row.save()  # put it back for the other doors
        if axis.writes_only:
            return
        self.check_listing(axis, viewset, row, own_row)

    def check_listing(self, axis, viewset, row, own_row):
        name, index = viewset.name, reverse(f"{viewset.name}:index")
        listing = self.client.get(index)
        marker = self.marker(row)
        if listing.status_code == 200:
            shown = [o.pk for o in listing.context["object_list"]]
            self.note(name, axis, "index", f"lists {row}" if row.pk in shown else None)
            self.answer(axis, viewset.model, "sibling", "list", "admin", row.pk in shown)
            if own_row is not None:
                self.answer(axis, viewset.model, "own", "list", "admin", own_row.pk in shown)
            filters = self.sibling_filters(listing, row)
        else:
            self.expect_refused(name, axis, "index", listing)
            self.answer(axis, viewset.model, "sibling", "list", "admin", False)
            if own_row is not None:
                self.answer(axis, viewset.model, "own", "list", "admin", False)
            filters = {}
        inspect = self.object_view(viewset)
        for side, target in (("sibling", row), ("own", own_row)):
            if inspect and target is not None:
                response = self.client.get(reverse(inspect, args=[target.pk]))
                self.answer(axis, viewset.model, side, "view", "admin", response.status_code == 200)
        searched = self.client.get(index, {"q": marker})
        found = searched.status_code == 200 and row.pk in [
            o.pk for o in searched.context["object_list"]
        ]
        self.note(name, axis, "search", f"finds {row}" if found else None)
        for fmt in ("csv", "xlsx"):
            for params in ({}, filters) if filters else ({},):
                action = f"export:{fmt}" + ("?" + "&".join(params) if params else "")
                response = self.client.get(index, {**params, "export": fmt})
                if response.status_code == 200:
                    exported = marker in body_text(response)
                    self.note(name, axis, action, f"exports {row}" if exported else None)
                else:
                    self.expect_refused(name, axis, action, response)

    def object_view(self, viewset):
        names = dict(viewset_object_urls(viewset))
        return names.get("inspect") or names.get("edit")

    def sibling_filters(self, listing, row):
        """The listing's filters on a unit or an organisation, set to the sibling's row's."""
        filters = listing.context.get("filters")
        if not filters:
            return {}
        unit, organisation = self.side_of(row)
        params = {}
        for field_name, field in filters.form.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is Unit and unit:
                params[field_name] = unit.pk
            elif model is Organisation and organisation:
                params[field_name] = organisation.pk
        return params

    def side_of(self, row):
        unit = row if isinstance(row, Unit) else None
        organisation = row if isinstance(row, Organisation) else None
        rule = scope._REGISTRY.get(type(row))
        if rule and unit is None and rule.path != "path":
            value = row
            for attribute in rule.path.split("__")[:-1]:
                value = getattr(value, attribute)
            unit = value
        if rule and rule.organisation and rule.organisation != "self" and organisation is None:
            value = row
            for attribute in rule.organisation.split("__"):
                value = getattr(value, attribute, None)
            organisation = value
        if isinstance(row, ReportPeriod):
            unit = row.unit
        return unit, organisation

    def check_chooser(self, axis, viewset, row):
        name = viewset.name
        results = self.client.get(reverse(f"{name}:choose_results"), {"q": self.marker(row)})
        chosen_url = reverse(f"{name}:chosen", args=[row.pk])  # the page echoes the query
        offered = results.status_code == 200 and chosen_url in results.content.decode()
        self.note(name, axis, "choose", f"offers {row}" if offered else None)
        chosen = self.client.get(reverse(f"{name}:chosen", args=[row.pk]))
        self.expect_refused(name, axis, "chosen", chosen)

    def check_admin_route(self, axis, name, spec, row):
        model, args = spec
        url = reverse(name, args=args(row))
        if not axis.writes_only:
            self.expect_refused(name, axis, "GET", self.client.get(url))
        self.expect_refused(name, axis, "POST", self.client.post(url, {}))

    def check_admin_page(self, axis, name, rows):
        response = self.client.get(reverse(name))
        if response.status_code != 200:
            return  # a page the role may not open at all
        text = body_text(response)
        for row in rows:
            shown = self.marker(row) in text
            self.note(name, axis, "GET", f"shows {row}" if shown else None)

    def expect_refused(self, door, axis, action, response):
        status = response.status_code
        if status in REFUSED or refused_redirect(response):
            self.note(door, axis, action, None)
        else:
            self.note(door, axis, action, f"{status} {response.get('Location', '')}".strip())

    def marker(self, row):
        """The tag the factory wrote into the row's text."""
        for field in ("name", "title", "full_name", "address", "topic", "officer", "content"):
            value = getattr(row, field, None)
            if isinstance(value, str) and "Mk" in value:
                return value[value.index("Mk") : value.index("Mk") + 5]
        text = " ".join(str(v) for v in row.__dict__.values())
        index = text.find("Mk")
        return text[index : index + 5] if index >= 0 else str(row)

    # -- the API ------------------------------------------------------------------------

    def api(self, method, path, body=None, **params):
        call = getattr(self.client, method)
        if method == "get":
            return call(API + path, params, headers=self.header)
        return call(API + path, body or {}, content_type="application/json", headers=self.header)

    def check_api_route(self, axis, path, spec, row, own_row):
        model, params = spec
        filled = path.format(**params(row))
        body = self.body(path, row)
        for method in self.schema[API + path]:
            if axis.writes_only and method == "get":
                continue
            response = self.api(method, filled, body)
            action = method.upper()
            if response.status_code in REFUSED:
                self.note(f"api:{path}", axis, action, None)
            else:
                self.note(f"api:{path}", axis, action, str(response.status_code))
            if method == "get" and path.count("{") == 1 and path.endswith("}"):
                self.answer(axis, model, "sibling", "view", "api", response.status_code == 200)
                if own_row is not None:
                    own = self.api("get", path.format(**params(own_row)))
                    self.answer(axis, model, "own", "view", "api", own.status_code == 200)

    def body(self, path, row):
        body = API_BODIES.get(path) or {}
        unit = getattr(row, "unit", None) or self.ward_a
        return {k: (unit.code if v == "{unit}" else v) for k, v in body.items()}

    def check_api_list(self, axis, path, spec, rows, own):
        operations = self.schema[API + path]
        if "get" not in operations or axis.writes_only:
            return
        names = {p["name"] for p in operations["get"].get("parameters", [])}
        if spec is None:  # figures: asked for the sibling's unit they refuse
            if "unit" in names and axis.sibling.unit != axis.own.unit:
                response = self.api("get", path, unit=axis.sibling.unit.code)
                if response.status_code in REFUSED:
                    self.note(f"api:{path}", axis, "GET?unit", None)
                else:
                    self.note(f"api:{path}", axis, "GET?unit", str(response.status_code))
            return
        model, key, value = spec
        if model not in rows:
            return
        row = rows[model]
        unit, organisation = self.side_of(row)
        queries = [{}]
        if "unit" in names and unit:
            queries.append({"unit": unit.code})
        if "organisation" in names and organisation:
            queries.append({"organisation": organisation.pk})
        for query in queries:
            action = "list" + ("?" + "&".join(query) if query else "")
            response = self.api("get", path, limit=100, **query)
            if response.status_code == 200:
                body = response.json()
                items = body["items"] if isinstance(body, dict) else body
                keys = [item.get(key) for item in items]
                self.note(
                    f"api:{path}", axis, action, f"lists {row}" if value(row) in keys else None
                )
                if not query:
                    self.answer(axis, model, "sibling", "list", "api", value(row) in keys)
                    if model in own:
                        self.answer(axis, model, "own", "list", "api", value(own[model]) in keys)
            elif response.status_code in REFUSED:
                self.note(f"api:{path}", axis, action, None)
                if not query:
                    self.answer(axis, model, "sibling", "list", "api", False)
                    if model in own:
                        self.answer(axis, model, "own", "list", "api", False)
            else:
                self.note(f"api:{path}", axis, action, str(response.status_code))

    def check_api_create(self, axis, path, user):
        if API_BODIES[path] is None:
            return
        before = {m: m.objects.count() for m in (Person, Case, Exemplar, ImportJob)}
        response = self.api("post", path, self.body(path, None))
        failure = None if response.status_code in REFUSED else str(response.status_code)
        self.note(f"api:{path}", axis, "POST", failure)
        if {m: m.objects.count() for m in before} != before:
            self.note(f"api:{path}", axis, "POST", "a row was created")

    # -- the handler, a non-handler and the board leader on a denouncer's identity -------

    def check_case_identities(self):
        case = receive(self.neighbourhood_a1, kind=Kind.DENUNCIATION, name="Người Tố Cáo")
        Case.objects.filter(pk=case.pk).update(handler=self.specialist_handler)
        expected = {
            "city_handler (the handler)": (self.specialist_handler, True),
            "ward_a_officer (not the handler)": (self.ward_a_officer, False),
            "ward_a_women_officer (not the handler)": (self.ward_a_women_officer, False),
            "readonly_leader (not the handler)": (self.readonly_leader, False),
            "city_leader (the board leader)": (self.city_leader, True),
        }
        for who, (user, allowed) in expected.items():
            self.client.force_login(user)
            self.header = bearer(user)
            axis = f"{who}→a denouncer"
            admin = self.client.get(reverse("cases_identity", args=[case.pk]))
            api_answer = self.api("get", f"/cases/{case.pk}/petitioners")
            for door, response in (
                ("cases_identity", admin),
                ("api:/cases/{id}/petitioners", api_answer),
            ):
                text = response.content.decode()
                if response.get("Content-Type", "").startswith("application/json"):
                    text = json.dumps(response.json(), ensure_ascii=False)
                shown = response.status_code == 200 and "Người Tố Cáo" in text
                self.note(
                    door,
                    axis,
                    "GET",
                    None if shown == allowed else f"{response.status_code}, shown={shown}",
                )
            self.answers[(axis, "cases.Case", "denunciation", "identity")] = {
                "admin": admin.status_code == 200,
                "api": api_answer.status_code == 200,
            }

    # -- the admin and the API agree ----------------------------------------------------

    def check_agreement(self):
        for (axis, model, side, action), doors in self.answers.items():
            if len(doors) == 2:
                failure = (
                    None
                    if doors["admin"] == doors["api"]
                    else f"admin {doors['admin']}, api {doors['api']}"
                )
                self.note(f"agree:{model}", axis, f"{action}:{side}", failure)
