"""Writes of land clearance advocacy: projects, segments, parties, steps, visits and
obstacles.

Each is one transaction (nothing half-saved), takes the acting user as `by`, checks the
user's scope itself before writing, is audited, and raises ValidationError with the
message a user reads. Every write about a segment's rows stamps the segment's
`last_reported_at`: "silent for N days" and "no figures yet" read it.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.lib.vntext import clean_text
from dvs.units.models import Organisation

from . import clocks
from .models import (
    PERSUASION_KINDS,
    SHARED_KINDS,
    AdvocacyVisit,
    AffectedParty,
    Concern,
    Milestone,
    MilestoneKind,
    Obstacle,
    Project,
    Segment,
)

# What a ward officer may change on its own segment (the board sets up the rest).
WARD_SEGMENT_FIELDS = frozenset({"km_cleared", "note", "working_users", "working_organisations"})
# A party tracked separately has its own notice and inventory.
SEPARATE_KINDS = frozenset({MilestoneKind.NOTICE, MilestoneKind.INVENTORY})


def _refuse(message, field=None):
    raise ValidationError({field: [message]} if field else message)


def _clean(model, fields):
    """Text fields arrive as we store them (no control or invisible characters)."""
    cleaned = {}
    for name, value in fields.items():
        try:
            field = model._meta.get_field(name)
        except Exception:
            raise ValidationError(_("Unknown field “%(name)s”.") % {"name": name}) from None
        if isinstance(value, str) and isinstance(field, models.TextField):
            value = clean_text(value, multiline=True)
        elif isinstance(value, str) and isinstance(field, models.CharField) and not field.choices:
            value = clean_text(value)
        cleaned[name] = value
    return cleaned


def _assign(instance, fields):
    for name, value in fields.items():
        setattr(instance, name, value)


def _touch(segment_id):
    Segment.objects.filter(pk=segment_id).update(last_reported_at=timezone.now())


def _not_future(on, field="on"):
    if on and on > timezone.localdate():
        _refuse(_("The date cannot be in the future."), field)


def _check_rule_set(project):
    if project.rule_set_id and not project.rule_set_reason.strip():
        _refuse(
            _("Give the reason for choosing a rule set instead of the one in force."),
            "rule_set_reason",
        )


def colleagues(user):
    """Users who may go on a visit or sit in a working group: active, holding a role in
    a unit `user` sees (not the whole platform's user list)."""
    from dvs.accounts.models import User
    from dvs.units.models import Unit

    if user is None:
        return User.objects.none()
    units = scope.scoped(user, Unit).values("pk")
    return (
        User.objects.filter(is_active=True, assignments__unit__in=units)
        .distinct()
        .order_by("username")
    )


def _check_users(users, field, *, by):
    """The chosen users, if each is one of `by`'s colleagues (the form and the API alike)."""
    users = list(users)
    if any(not getattr(user, "is_active", False) for user in users):
        _refuse(_("A chosen user is not active."), field)
    known = set(colleagues(by).filter(pk__in=[u.pk for u in users]).values_list("pk", flat=True))
    if any(user.pk not in known for user in users):
        _refuse(_("A chosen user is outside your scope."), field)
    return users


def _check_organisations(organisations, *, by, field):
    organisations = list(organisations)
    visible = set(
        scope.scoped(by, Organisation)
        .filter(pk__in=[o.pk for o in organisations])
        .values_list("pk", flat=True)
    )
    if any(o.pk not in visible for o in organisations):
        _refuse(_("A chosen organisation is outside your scope."), field)
    return organisations


# Key projects -------------------------------------------------------------------------


@transaction.atomic
def create_project(*, by, **fields):
    project = Project(**_clean(Project, fields), created_by=by)
    if not project.unit_id or not scope.writable_anchor(by, Project, "add").filter(
        pk=project.unit_id
    ):
        _refuse(_("You may not create a key project in this unit."), "unit")
    _check_rule_set(project)
    project.full_clean()
    project.save()
    log(project, "wagtail.create", user=by)
    return project


@transaction.atomic
def update_project(project, *, by, **fields):
    if not scope.can(by, project, "change"):
        _refuse(_("You may not change this key project."))
    _assign(project, _clean(Project, fields))
    if not scope.writable_anchor(by, Project, "change").filter(pk=project.unit_id):
        _refuse(_("You may not move the key project to this unit."), "unit")
    _check_rule_set(project)
    project.full_clean()
    project.save()
    log(project, "wagtail.edit", user=by)
    return project


# Segments ------------------------------------------------------------------------------


@transaction.atomic
def add_segment(project, *, by, ward, working_users=(), working_organisations=(), **fields):
    if not Project.objects.visible_to(by).filter(pk=project.pk).exists() or not (
        scope.writable_anchor(by, Segment, "add").filter(pk=getattr(ward, "pk", None))
    ):
        _refuse(_("You may not add a segment in this ward."), "ward")
    segment = Segment(
        project=project, ward=ward, last_reported_at=timezone.now(), **_clean(Segment, fields)
    )
    segment.full_clean()
    _check_km(segment)
    segment.save()
    segment.working_users.set(_check_users(working_users, "working_users", by=by))
    segment.working_organisations.set(
        _check_organisations(working_organisations, by=by, field="working_organisations")
    )
    _touch(segment.pk)
    log(segment, "wagtail.create", user=by)
    return segment


def _check_km(segment):
    if segment.km_from is not None and segment.km_to is not None:
        if segment.km_to < segment.km_from:
            _refuse(_("The end km must not be before the start km."), "km_to")
    for name in ("km_from", "km_to", "km_cleared"):
        value = getattr(segment, name)
        if value is not None and value < 0:
            _refuse(_("A km cannot be negative."), name)
    if segment.km_cleared is not None and None not in (segment.km_from, segment.km_to):
        if segment.km_cleared > segment.km_to - segment.km_from:
            _refuse(_("The km cleared cannot exceed the segment's length."), "km_cleared")


@transaction.atomic
def update_segment(segment, *, by, **fields):
    """The board changes any field; a ward officer only its km cleared, note and
    working group."""
    if not scope.can(by, segment, "change"):
        _refuse(_("You may not change this segment."))
    board = scope.writable_anchor(by, Segment, "add").filter(pk=segment.ward_id).exists()
    if not board and set(fields) - WARD_SEGMENT_FIELDS:
        _refuse(_("Only the board may change the ward, km or planned households of a segment."))
    users = fields.pop("working_users", None)
    organisations = fields.pop("working_organisations", None)
    fields.pop("project", None)  # a segment stays on its route
    if "ward" in fields and not scope.writable_anchor(by, Segment, "change").filter(
        pk=getattr(fields["ward"], "pk", None)
    ):
        _refuse(_("You may not move the segment to this ward."), "ward")
    _assign(segment, _clean(Segment, fields))
    segment.full_clean()
    _check_km(segment)
    segment.save()
    if users is not None:
        segment.working_users.set(_check_users(users, "working_users", by=by))
    if organisations is not None:
        segment.working_organisations.set(
            _check_organisations(organisations, by=by, field="working_organisations")
        )
    _touch(segment.pk)
    log(segment, "wagtail.edit", user=by)
    return segment


# Affected parties ---------------------------------------------------------------------


def _check_party_links(party, *, by, action):
    ward = party.segment.ward
    unit = party.unit if party.unit_id else None
    if unit is None or not unit.path.startswith(ward.path):
        _refuse(_("The unit must be the segment's ward or a neighbourhood in it."), "unit")
    if not scope.writable_anchor(by, AffectedParty, action).filter(pk=unit.pk).exists():
        _refuse(_("This unit is outside your scope."), "unit")
    from dvs.people.models import Household, Person

    if party.household_id and not scope.scoped(by, Household).filter(pk=party.household_id):
        _refuse(_("This household is outside your scope."), "household")
    if party.person_id and not scope.scoped(by, Person).filter(pk=party.person_id):
        _refuse(_("This person is outside your scope."), "person")


@transaction.atomic
def add_party(segment, *, by, sensitive=None, **fields):
    fields.setdefault("unit", segment.ward)
    party = AffectedParty(
        segment=segment, project_id=segment.project_id, **_clean(AffectedParty, fields)
    )
    _check_party_links(party, by=by, action="add")
    if sensitive:
        party.set_sensitive(**sensitive)
    party.full_clean()
    party.save()
    _touch(segment.pk)
    log(party, "wagtail.create", user=by)
    return party


@transaction.atomic
def update_party(party, *, by, sensitive=None, **fields):
    if not scope.can(by, party, "change"):
        _refuse(_("You may not change this affected party."))
    segment = fields.get("segment")
    if segment is not None and segment.project_id != party.project_id:
        _refuse(_("A party stays on its key project."), "segment")
    if segment is not None and not scope.can(by, segment, "view"):
        _refuse(_("This segment is outside your scope."), "segment")
    _assign(party, _clean(AffectedParty, fields))
    _check_party_links(party, by=by, action="change")
    if sensitive:
        party.set_sensitive(**sensitive)
    party.full_clean()
    party.save()
    _touch(party.segment_id)
    # The sensitive flags are not named in the log: the trail is read by others.
    log(party, "wagtail.edit", user=by)
    return party


# Steps -------------------------------------------------------------------------------


@transaction.atomic
def record_milestone(target, *, by, kind, on, record=None, **fields):
    """Record a step reached by a party (its own) or a segment (a shared step), after
    the clock's checks: errors refuse it, warnings stay on the step. The state of the
    party, or of every party of the segment for a shared step, is recomputed."""
    if isinstance(target, Segment):
        segment, party = target, None
        if kind not in SHARED_KINDS:
            _refuse(_("This step is recorded for each affected party."), "kind")
        unit_id = segment.ward_id
    else:
        segment, party = target.segment, target
        if kind in SHARED_KINDS and not (target.tracked_separately and kind in SEPARATE_KINDS):
            _refuse(_("This step is shared by the whole segment: record it there."), "kind")
        unit_id = party.unit_id
    if not scope.writable_anchor(by, Milestone, "add").filter(pk=unit_id).exists():
        _refuse(_("You may not record a step here."))
    milestone = Milestone(
        segment=segment,
        party=party,
        unit_id=unit_id,
        kind=kind,
        on=on,
        created_by=by,
        **_clean(Milestone, fields),
    )
    errors = {}
    if milestone.not_applicable and not milestone.reason:
        errors["reason"] = [_("Give the reason why this step does not apply.")]
    if kind in PERSUASION_KINDS and not milestone.not_applicable:
        if not record and not milestone.minutes:
            errors["record"] = [
                _("A persuasion needs its written record: attach the file or type the minutes.")
            ]
    for name in ("present", "agree", "disagree", "other"):
        value = getattr(milestone, name)
        if value is not None and value < 0:
            errors[name] = [_("A number of households cannot be negative.")]
    if record:
        milestone.record = record
        milestone.record_name = clean_text(getattr(record, "name", ""))[:255]
    try:
        milestone.full_clean(exclude=["record"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    clock_errors, warnings = clocks.check_milestone(milestone)
    if clock_errors:
        raise ValidationError(clock_errors)
    milestone.warnings = list(warnings)
    milestone.save()
    if party is not None:
        party.refresh_state()
    else:
        for each in segment.parties.all():
            each.refresh_state()
    _touch(segment.pk)
    log(milestone, "wagtail.create", user=by, data={"kind": kind})
    return milestone


# Visits -----------------------------------------------------------------------------


@transaction.atomic
def log_visit(party, *, by, on, outcome, concerns=(), visitors=(), organisations=(), **fields):
    """Log a persuasion visit (lượt vận động) to a party."""
    if not scope.writable_anchor(by, AdvocacyVisit, "add").filter(pk=party.pk).exists():
        _refuse(_("You may not log a visit to this affected party."))
    concerns = list(dict.fromkeys(concerns or ()))
    valid = set(Concern.values)
    if any(code not in valid for code in concerns):
        _refuse(_("Unknown concern."), "concerns")
    _not_future(on)
    next_on = fields.get("next_on")
    if next_on and on and next_on < on:
        _refuse(_("The next step cannot come before the visit."), "next_on")
    visit = AdvocacyVisit(
        party=party,
        on=on,
        outcome=outcome,
        concerns=concerns,
        created_by=by,
        **_clean(AdvocacyVisit, fields),
    )
    visit.full_clean()
    visit.save()
    visit.visitors.set(_check_users(visitors, "visitors", by=by))
    visit.organisations.set(_check_organisations(organisations, by=by, field="organisations"))
    party.refresh_state()
    _touch(party.segment_id)
    log(visit, "wagtail.create", user=by, data={"outcome": outcome})
    return visit


# Obstacles --------------------------------------------------------------------------


def _check_linked(obstacle, *, by):
    """A linked complaint case or dialogue must be one the user sees, of the segment's
    ward or below it."""
    from dvs.cases.models import Case, Dialogue

    ward_path = obstacle.party.segment.ward.path
    if obstacle.case_id:
        case = scope.scoped(by, Case).filter(pk=obstacle.case_id).select_related("unit").first()
        if case is None or not case.unit.path.startswith(ward_path):
            _refuse(_("This complaint case is not one of the segment's ward."), "case")
    if obstacle.dialogue_id:
        dialogue = (
            scope.scoped(by, Dialogue)
            .filter(pk=obstacle.dialogue_id)
            .select_related("unit")
            .first()
        )
        if dialogue is None or not dialogue.unit.path.startswith(ward_path):
            _refuse(_("This dialogue is not one of the segment's ward."), "dialogue")


@transaction.atomic
def open_obstacle(party, *, by, category, description, opened_on, **fields):
    if not scope.writable_anchor(by, Obstacle, "add").filter(pk=party.pk).exists():
        _refuse(_("You may not raise an obstacle for this affected party."))
    _not_future(opened_on, "opened_on")
    obstacle = Obstacle(
        party=party,
        category=category,
        description=clean_text(description, multiline=True),
        opened_on=opened_on,
        created_by=by,
        **_clean(Obstacle, fields),
    )
    _check_linked(obstacle, by=by)
    if obstacle.resolved_on:
        _check_resolution(obstacle)
    obstacle.full_clean()
    obstacle.save()
    _touch(party.segment_id)
    log(obstacle, "wagtail.create", user=by)
    return obstacle


def _check_resolution(obstacle):
    _not_future(obstacle.resolved_on, "resolved_on")
    if obstacle.resolved_on < obstacle.opened_on:
        _refuse(_("An obstacle cannot be resolved before it was opened."), "resolved_on")


@transaction.atomic
def update_obstacle(obstacle, *, by, **fields):
    if not scope.can(by, obstacle, "change"):
        _refuse(_("You may not change this obstacle."))
    fields.pop("party", None)
    _assign(obstacle, _clean(Obstacle, fields))
    _not_future(obstacle.opened_on, "opened_on")
    _check_linked(obstacle, by=by)
    if obstacle.resolved_on:
        _check_resolution(obstacle)
    obstacle.full_clean()
    obstacle.save()
    _touch(obstacle.party.segment_id)
    log(obstacle, "wagtail.edit", user=by)
    return obstacle


@transaction.atomic
def resolve_obstacle(obstacle, *, by, resolved_on, resolution=""):
    if not scope.can(by, obstacle, "change"):
        _refuse(_("You may not change this obstacle."))
    if obstacle.resolved_on:
        _refuse(_("This obstacle is already resolved."), "resolved_on")
    obstacle.resolved_on = resolved_on
    obstacle.resolution = clean_text(resolution, multiline=True)
    _check_resolution(obstacle)
    obstacle.full_clean()
    obstacle.save()
    _touch(obstacle.party.segment_id)
    log(obstacle, "dvs.resolve", user=by)
    return obstacle
