"""The life of a case: intake, classification, resolution, notification.

Each step is an action: it takes the acting user `by` (keyword-only), checks itself that
`by` may handle the case (PermissionDenied otherwise), checks the transition and its
dates, writes a dated event on the timeline and recomputes the deadlines, all in one
transaction; bad input raises `CaseError` (a ValidationError with a Vietnamese message)
and changes nothing. The admin views and the API only call the steps and translate their
errors, so both give the same answer. `by=None` is the system itself (demo data,
scheduled tasks), never a request.
"""

import functools
import os
import re
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.lib.vntext import fold
from dvs.units.models import Organisation
from dvs.workdays import calendar

from . import deadlines, tally
from .models import (
    Attachment,
    Case,
    Channel,
    Complexity,
    Event,
    Extension,
    Kind,
    Petitioner,
    Status,
    Suspension,
)
from .rules import identity_visible, possible_handlers


class CaseError(ValidationError):
    pass


# The state machine: which statuses each step starts from, and where it leads.
TRANSITIONS = {
    "accept": ({Status.RECEIVED}, Status.ACCEPTED),
    "forward": ({Status.RECEIVED}, Status.FORWARDED),
    "guide": ({Status.RECEIVED}, Status.GUIDED),
    "archive": ({Status.RECEIVED}, Status.ARCHIVED),
    "link": ({Status.RECEIVED}, Status.DUPLICATE),
    "multi_place": ({Status.RECEIVED}, None),
    "assign": ({Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED}, None),
    "extend": ({Status.ACCEPTED}, None),
    "verify": ({Status.ACCEPTED}, None),
    "suspend": ({Status.ACCEPTED}, Status.SUSPENDED),
    "resume": ({Status.SUSPENDED}, Status.ACCEPTED),
    "conclude": ({Status.ACCEPTED}, Status.CONCLUDED),
    "notify": ({Status.CONCLUDED}, Status.NOTIFIED),
}

CLOSING = {Status.FORWARDED, Status.GUIDED, Status.ARCHIVED, Status.DUPLICATE, Status.NOTIFIED}


def allowed_steps(case):
    return [
        step
        for step, (sources, _target) in TRANSITIONS.items()
        if case.status in sources and (step != "multi_place" or case.kind == Kind.DENUNCIATION)
    ]


def _check_step(case, step):
    sources, _target = TRANSITIONS[step]
    if case.status not in sources:
        raise CaseError(
            _("A case that is “%(status)s” cannot be %(step)s.")
            % {"status": case.get_status_display(), "step": STEP_VERBS[step]}
        )


STEP_VERBS = {
    "accept": gettext_lazy("accepted"),
    "forward": gettext_lazy("forwarded"),
    "guide": gettext_lazy("closed with guidance"),
    "archive": gettext_lazy("archived"),
    "link": gettext_lazy("linked to another case"),
    "multi_place": gettext_lazy("given a verification at several places"),
    "assign": gettext_lazy("assigned"),
    "extend": gettext_lazy("extended"),
    "verify": gettext_lazy("given a verification"),
    "suspend": gettext_lazy("suspended"),
    "resume": gettext_lazy("resumed"),
    "conclude": gettext_lazy("concluded"),
    "notify": gettext_lazy("notified"),
}


def check_step_date(value, label):
    """The date of a step: given, not in the future, and one the deadline calendar covers
    (from 01/01/2000). Every step checks it; the API's step schemas too (422)."""
    if not isinstance(value, date):
        raise CaseError(_("Give the date (%(label)s).") % {"label": label})
    if value > timezone.localdate():
        raise CaseError(_("The date (%(label)s) is in the future.") % {"label": label})
    if value.year < calendar.MIN_YEAR:
        raise CaseError(
            _("The date (%(label)s) must be on or after %(date)s.")
            % {"label": label, "date": date(calendar.MIN_YEAR, 1, 1).strftime("%d/%m/%Y")}
        )
    return value


# The longest extension anything may ask for, whatever the configured rules allow.
MAX_EXTENSION_DAYS = 365


def check_extension_days(value):
    """A whole number of days from 1 to MAX_EXTENSION_DAYS (the law's own limit for the
    case is checked by deadlines.check_extension)."""
    try:
        days = int(value)
    except (TypeError, ValueError, OverflowError):
        raise CaseError(_("The number of days must be a whole number.")) from None
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise CaseError(
            _("The number of days must be from 1 to %(most)s.") % {"most": MAX_EXTENSION_DAYS}
        )
    return days


def _check_date(value, *, not_before=None, before_label="", label=""):
    check_step_date(value, label)
    if not_before and value < not_before:
        raise CaseError(
            _("The date (%(label)s) is before %(other)s (%(date)s).")
            % {"label": label, "other": before_label, "date": not_before.strftime("%d/%m/%Y")}
        )


def facts(case):
    """The case as the deadline engine sees it."""
    saved = case.pk is not None
    return deadlines.CaseFacts(
        kind=case.kind,
        received_on=case.received_on,
        stage=case.stage,
        complexity=case.complexity,
        remote_area=case.remote_area,
        accepted_on=case.accepted_on,
        extensions=tuple(
            deadlines.Extension(e.granted_on, e.days, e.reason)
            for e in (case.extensions.all() if saved else ())
        ),
        suspensions=tuple(
            deadlines.Suspension(s.start, s.end) for s in (case.suspensions.all() if saved else ())
        ),
        several_places=case.kind == Kind.DENUNCIATION and case.multi_place_verification,
    )


def refresh_deadlines(case):
    computed = deadlines.compute(facts(case))
    case.rules = computed.rules
    case.accept_by = computed.accept_by
    case.resolve_by = computed.resolve_by


def authorize(case, by, action="handle"):
    """Raise PermissionDenied unless `by` may `action` the case (by=None: the system)."""
    if by is not None and not scope.can(by, case, action):
        raise PermissionDenied


def action(function):
    """A write on one case: atomic, and refused before anything changes unless `by` may
    handle the case."""

    @functools.wraps(function)
    def wrapper(case, *args, by, **kwargs):
        with transaction.atomic():
            authorize(case, by)
            return function(case, *args, by=by, **kwargs)

    return wrapper


def _event(case, kind, on, user, note=""):
    return Event.objects.create(case=case, kind=kind, on=on, actor=user, note=note)


def _move(case, step, on, user, note="", **fields):
    _check_step(case, step)
    target = TRANSITIONS[step][1]
    for name, value in fields.items():
        setattr(case, name, value)
    if target:
        case.status = target
        if target in CLOSING:
            case.closed_on = on
    refresh_deadlines(case)
    case.save()
    _event(case, step_event(step), on, user, note)
    if target:  # a new status (and its date): the dashboard's tallies count it
        tally.refresh_case(case)
    return case


def step_event(step):
    return {
        "accept": Event.Kind.ACCEPTED,
        "forward": Event.Kind.FORWARDED,
        "guide": Event.Kind.GUIDED,
        "archive": Event.Kind.ARCHIVED,
        "link": Event.Kind.LINKED,
        "multi_place": Event.Kind.MULTI_PLACE,
        "assign": Event.Kind.ASSIGNED,
        "extend": Event.Kind.EXTENDED,
        "verify": Event.Kind.VERIFIED,
        "suspend": Event.Kind.SUSPENDED,
        "resume": Event.Kind.RESUMED,
        "conclude": Event.Kind.CONCLUDED,
        "notify": Event.Kind.NOTIFIED,
    }[step]


# Intake ---------------------------------------------------------------------------------


def check_attachment(uploaded):
    name = os.path.basename(uploaded.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in settings.CASE_ATTACHMENT_EXTENSIONS:
        raise CaseError(
            _("“%(name)s”: files of this type are not accepted (accepted: %(types)s).")
            % {"name": name, "types": ", ".join(settings.CASE_ATTACHMENT_EXTENSIONS)}
        )
    if uploaded.size > settings.CASE_ATTACHMENT_MAX_BYTES:
        raise CaseError(
            _("“%(name)s” is too large (%(size)s; at most %(max)s).")
            % {
                "name": name,
                "size": filesizeformat(uploaded.size),
                "max": filesizeformat(settings.CASE_ATTACHMENT_MAX_BYTES),
            }
        )


def check_received_on(value):
    """A date received that the deadline calendar covers and that is not in the future
    (the API schema and the intake form check it too, with this message)."""
    if not isinstance(value, date):
        raise CaseError(_("Give the date the case was received."))
    if value > timezone.localdate():
        raise CaseError(_("The date received is in the future."))
    if value.year < calendar.MIN_YEAR:
        raise CaseError(
            _("The date received must be on or after %(date)s.")
            % {"date": date(calendar.MIN_YEAR, 1, 1).strftime("%d/%m/%Y")}
        )
    return value


def check_multi_place(kind, value):
    """Verification at several places (10 working days to accept) is a denunciation's."""
    if value and kind != Kind.DENUNCIATION:
        raise CaseError(
            _(
                "Only a denunciation can need verification at several places (10 working "
                "days to decide on acceptance)."
            )
        )
    return bool(value)


def check_stage(value):
    """1 (first-time) or 2 (second-time complaint), nothing else."""
    if value not in (1, 2) or isinstance(value, bool):
        raise CaseError(_("The stage must be first-time (1) or second-time (2)."))
    return value


@transaction.atomic
def receive(
    *,
    unit,
    kind,
    channel,
    received_on,
    subject_area,
    content,
    petitioners=(),
    attachments=(),
    by=None,
    **fields,
):
    """Record a case with its petitioners (dicts of Petitioner.FIELDS, and `person`) and
    attachments (uploaded files, or (file, identifying) pairs). `by` must be allowed to
    add cases in `unit` (None: the portal or the system)."""
    if by is not None and not scope.writable_anchor(by, Case, "add").filter(pk=unit.pk).exists():
        raise PermissionDenied
    if by is not None:
        fields["organisation"] = _passed_on_by(by, unit, fields.get("organisation"))
    if kind not in Kind.values:
        raise CaseError(_("Unknown kind of case."))
    if channel not in Channel.values:
        raise CaseError(_("Unknown channel."))
    check_received_on(received_on)
    if not (content or "").strip():
        raise CaseError(_("Give the content of the case."))
    anonymous = bool(fields.get("anonymous"))
    named = [
        _from_registry(p) for p in petitioners if (p.get("name") or "").strip() or p.get("person")
    ]
    if not named and not (kind == Kind.DENUNCIATION and anonymous):
        raise CaseError(_("Give the petitioner's name (only a denunciation may be anonymous)."))
    check_multi_place(kind, fields.get("multi_place_verification"))
    stage = check_stage(fields.get("stage") or 1)
    first = fields.get("first_case")
    if stage == 2:
        if kind != Kind.COMPLAINT:
            raise CaseError(_("Only a complaint can be a second-time complaint."))
        if first is None:
            raise CaseError(_("A second-time complaint must name the first-time complaint."))
        if first.kind != Kind.COMPLAINT or first.stage != 1:
            raise CaseError(_("The case named as the first-time complaint is not one."))
        if first.status not in (Status.CONCLUDED, Status.NOTIFIED) and (
            first.resolve_by is None or first.resolve_by >= received_on
        ):
            raise CaseError(
                _(
                    "The first-time complaint has neither a decision nor an expired time "
                    "limit: a second-time complaint cannot follow it yet."
                )
            )
    elif first is not None:
        raise CaseError(_("Only a second-time complaint names a first-time complaint."))
    files = [a if isinstance(a, tuple) else (a, False) for a in attachments]
    for uploaded, _identifying in files:
        check_attachment(uploaded)

    case = Case(
        unit=unit,
        kind=kind,
        channel=channel,
        received_on=received_on,
        subject_area=subject_area,
        content=content.strip(),
        created_by=by if getattr(by, "pk", None) else None,
        **fields,
    )
    refresh_deadlines(case)
    case.save()
    for values in named:
        petitioner = Petitioner(case=case, person=values.get("person"))
        petitioner.set_identity(confidential=case.confidential, **values)
        petitioner.save()
    for uploaded, identifying in files:
        Attachment.objects.create(
            case=case,
            file=uploaded,
            name=os.path.basename(uploaded.name),
            identifying=identifying and case.confidential,
        )
    _event(case, Event.Kind.RECEIVED, received_on, by, case.get_channel_display())
    tally.refresh_case(case)
    return case


def _passed_on_by(by, unit, organisation):
    """The organisation a case `by` records in `unit` is passed on by. An officer whose
    only grants to record cases there are limited to an organisation records the cases
    it passes on: its own (by default) or a branch's, so that they stay in the officer's
    sight (an organisation-limited grant sees its organisation's cases only)."""
    limited = {
        grant.organisation_id
        for grant in scope.grants(by)
        if scope.role_allows(grant.role, "cases.add_case") and unit.path.startswith(grant.unit_path)
    }
    if by.is_superuser or None in limited:
        return organisation
    if organisation is None:
        return Organisation.objects.filter(pk__in=limited).order_by("pk").first()
    if organisation.pk in limited or organisation.parent_id in limited:
        return organisation
    raise PermissionDenied


def _from_registry(values):
    """A petitioner chosen from the registry: the name and contacts it holds, unless typed."""
    person = values.get("person")
    if person is None:
        return values
    household = person.household
    return {
        **values,
        "name": (values.get("name") or "").strip() or person.full_name,
        "phone": values.get("phone") or person.phone,
        "address": values.get("address") or (household.address if household else ""),
    }


def _words(text):
    return {word for word in re.findall(r"\w+", fold(text)) if len(word) > 2}


def similarity(a, b):
    """Share of the words two contents have in common (Jaccard, accent-insensitive)."""
    left, right = _words(a), _words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


SIMILAR_CONTENT = 0.35


def duplicate_candidates(
    *, user, content, petitioner_names=(), forwarded_reference="", exclude=None
):
    """Earlier cases in `user`'s scope about the same matter: the same petitioner with
    similar content, or the same forwarding letter again. Best match first.

    Names are compared only on cases whose identity `user` may see (rules.identity_visible):
    a denunciation the user may not see the denouncer of never matches on a name, so its
    presence or absence confirms no guess of who denounced."""
    from django.db.models import Q

    keys = [Petitioner.name_key_for(name) for name in petitioner_names if (name or "").strip()]
    condition = Q(pk__in=[])
    if keys:
        condition = Q(petitioners__name_key__in=keys) & Q(
            pk__in=identity_visible(user).values("pk")
        )
    if forwarded_reference.strip():
        condition |= Q(forwarded_reference__iexact=forwarded_reference.strip())
    candidates = (
        scope.scoped(user, Case).filter(condition).exclude(status=Status.DUPLICATE).distinct()
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = []
    for case in candidates.order_by("-received_on")[:100]:
        same_letter = bool(forwarded_reference.strip()) and (
            case.forwarded_reference.strip().lower() == forwarded_reference.strip().lower()
        )
        score = similarity(content, case.content)
        if same_letter or score >= SIMILAR_CONTENT:
            found.append((1.0 if same_letter else score, case))
    found.sort(key=lambda pair: -pair[0])
    return [case for _score, case in found]


@action
def link(case, original, *, by, on=None, note=""):
    """The same matter again: linked to the earlier case instead of counted twice."""
    authorize(original, by, "view")
    if original.pk == case.pk:
        raise CaseError(_("A case cannot be linked to itself."))
    if original.status == Status.DUPLICATE:
        original = original.duplicate_of or original
    on = on or timezone.localdate()
    _move(case, "link", on, by, note or original.code, duplicate_of=original)
    _event(original, Event.Kind.LINKED, on, by, case.code)
    return case


@action
def multi_place(case, *, by, recorded_on, multi_place_verification=True, note=""):
    """Record that a denunciation's content must be verified at several places, or that
    its verification is delegated (or, with False, that it need not be): the time limit
    to decide on acceptance becomes 10 working days after receipt instead of 7 (Law on
    Denunciation, Art. 24(1)), recomputed at once."""
    _check_step(case, "multi_place")
    check_multi_place(case.kind, True)
    _check_date(
        recorded_on,
        not_before=case.received_on,
        before_label=_("the date received"),
        label=_("recorded on"),
    )
    value = bool(multi_place_verification)
    text = (
        _("Verification at several places (10 working days to accept)")
        if value
        else _("No verification at several places (7 working days to accept)")
    )
    note = f"{text}. {note.strip()}" if (note or "").strip() else text
    return _move(case, "multi_place", recorded_on, by, note, multi_place_verification=value)


EDITABLE = ("subject_area", "complexity", "content", "remote_area", "group_case")


@action
def edit(case, *, by, **changes):
    """Correct the recorded facts of a case (EDITABLE); complexity or area change the
    time limits, the area the dashboard's tallies."""
    for name, value in changes.items():
        if name not in EDITABLE:
            raise TypeError(f"{name} is not an editable field of a case")
        setattr(case, name, value)
    if not (case.content or "").strip():
        raise CaseError(_("Give the content of the case."))
    refresh_deadlines(case)
    case.save()
    tally.refresh_case(case)
    return case


# Classification ---------------------------------------------------------------------------


@action
def accept(case, *, by, accepted_on, complexity=None, remote_area=None, note=""):
    _check_step(case, "accept")
    _check_date(
        accepted_on,
        not_before=case.received_on,
        before_label=_("the date received"),
        label=_("accepted on"),
    )
    fields = {"accepted_on": accepted_on}
    if complexity:
        if complexity not in Complexity.values:
            raise CaseError(_("Unknown complexity."))
        fields["complexity"] = complexity
    if remote_area is not None:
        fields["remote_area"] = remote_area
    return _move(case, "accept", accepted_on, by, note, **fields)


@action
def forward(case, *, by, forwarded_on, to, note=""):
    _check_date(
        forwarded_on,
        not_before=case.received_on,
        before_label=_("the date received"),
        label=_("forwarded on"),
    )
    if not (to or "").strip():
        raise CaseError(_("Name the competent body the case is forwarded to."))
    return _move(case, "forward", forwarded_on, by, note, forwarded_to=to.strip())


@action
def guide(case, *, by, guided_on, note):
    _check_date(
        guided_on,
        not_before=case.received_on,
        before_label=_("the date received"),
        label=_("guided on"),
    )
    if not (note or "").strip():
        raise CaseError(_("Say what the petitioner was guided to do."))
    return _move(case, "guide", guided_on, by, note, closing_reason=note.strip())


@action
def archive(case, *, by, archived_on, reason):
    _check_date(
        archived_on,
        not_before=case.received_on,
        before_label=_("the date received"),
        label=_("archived on"),
    )
    if not (reason or "").strip():
        raise CaseError(_("Give the legal reason for archiving the case."))
    return _move(case, "archive", archived_on, by, reason, closing_reason=reason.strip())


# Resolution -------------------------------------------------------------------------------


@action
def assign(case, *, by, handler, note="", assigned_on=None):
    _check_step(case, "assign")
    if not possible_handlers(case).filter(pk=handler.pk).exists():
        raise CaseError(
            _("%(name)s may not handle cases of this unit.")
            % {"name": handler.get_full_name() or handler.username}
        )
    name = handler.get_full_name() or handler.username
    on = assigned_on or timezone.localdate()
    return _move(case, "assign", on, by, note or name, handler=handler)


@action
def extend(case, *, by, granted_on, days, reason):
    _check_step(case, "extend")
    _check_date(
        granted_on,
        not_before=case.accepted_on,
        before_label=_("the date accepted"),
        label=_("granted on"),
    )
    if not (reason or "").strip():
        raise CaseError(_("Give the reason for the extension."))
    days = check_extension_days(days)
    try:
        deadlines.check_extension(facts(case), days)
    except ValidationError as error:
        raise CaseError(error.messages) from None
    warnings = []
    if case.resolve_by is not None and granted_on > case.resolve_by:
        # Granted after the time limit had passed: the case stays late from it.
        case.missed_deadline = case.missed_deadline or case.resolve_by
        warnings.append(late_extension_warning(case))
    Extension.objects.create(case=case, granted_on=granted_on, days=days, reason=reason.strip())
    case = _move(case, "extend", granted_on, by, f"+{days}: {reason.strip()}")
    case.warnings = warnings  # for the caller to show: the step is done
    return case


def late_extension_notice(case, today=None):
    """What the extension form says beforehand when the time limit has already passed
    (an extension granted now would be late), or ""."""
    today = today or timezone.localdate()
    if case.resolve_by is None or case.resolve_by >= today:
        return ""
    return _(
        "The time limit passed on %(date)s. An extension granted after it does not "
        "erase the lateness: the case will count as overdue from that date."
    ) % {"date": case.resolve_by.strftime("%d/%m/%Y")}


def late_extension_warning(case):
    return _(
        "The time limit had already passed on %(date)s when this extension was granted: "
        "the case stays overdue from that date in the figures, and will not count as "
        "resolved on time."
    ) % {"date": case.missed_deadline.strftime("%d/%m/%Y")}


@action
def verify(case, *, by, verified_on, note):
    _check_date(
        verified_on,
        not_before=case.accepted_on,
        before_label=_("the date accepted"),
        label=_("verified on"),
    )
    if not (note or "").strip():
        raise CaseError(_("Describe the verification."))
    return _move(case, "verify", verified_on, by, note.strip())


@action
def suspend(case, *, by, suspended_on, reason):
    _check_date(
        suspended_on,
        not_before=case.accepted_on,
        before_label=_("the date accepted"),
        label=_("suspended on"),
    )
    if not (reason or "").strip():
        raise CaseError(_("Give the reason for the suspension."))
    _check_step(case, "suspend")
    Suspension.objects.create(case=case, start=suspended_on, reason=reason.strip())
    return _move(case, "suspend", suspended_on, by, reason.strip())


@action
def resume(case, *, by, resumed_on, note=""):
    _check_step(case, "resume")
    suspension = case.suspensions.filter(end__isnull=True).last()
    _check_date(
        resumed_on,
        not_before=suspension.start if suspension else case.accepted_on,
        before_label=_("the suspension"),
        label=_("resumed on"),
    )
    if suspension:
        suspension.end = resumed_on
        suspension.save()
    return _move(case, "resume", resumed_on, by, note)


@action
def conclude(case, *, by, concluded_on, conclusion):
    _check_step(case, "conclude")
    _check_date(
        concluded_on,
        not_before=case.accepted_on,
        before_label=_("the date accepted"),
        label=_("concluded on"),
    )
    if not (conclusion or "").strip():
        raise CaseError(_("Give the conclusion or decision."))
    # An extension granted after the time limit had passed does not make it on time.
    on_time = case.missed_deadline is None and (
        case.resolve_by is None or concluded_on <= case.resolve_by
    )
    return _move(
        case,
        "conclude",
        concluded_on,
        by,
        "",
        concluded_on=concluded_on,
        conclusion=conclusion.strip(),
        resolved_on_time=on_time,
    )


@action
def notify(case, *, by, notified_on, note=""):
    _check_step(case, "notify")
    _check_date(
        notified_on,
        not_before=case.concluded_on,
        before_label=_("the conclusion"),
        label=_("notified on"),
    )
    return _move(case, "notify", notified_on, by, note)
