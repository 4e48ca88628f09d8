"""Writes of the election of the head of a neighbourhood (Decree 59/2023 Art. 6–9), and
the election's clocks as its page and the API show them.

An election is planned (`create`) with its candidates and its election team, corrected
(`update`), and its result recorded (`record_result`): the elected candidate and the
votes, the item-4 matter of the vote if the neighbourhood recorded one, and the ward's
recognition (`democracy.recognise_matter`) or a re-run.

Refusals: no candidate; a team member who is also a candidate (the same resident, or the
same name once accents and case are folded: Decree 59 Art. 7(2)); an election after a
dismissal without its dismissal date or its interim head; a step dated after the
election. A step done later than the law's lead (plan 20 days, candidates 15, team 10,
notice 7 before; an election more than 60 days after a recognised dismissal; recognition
after 5 working days) is a warning on the page, not a refusal: the ward records what
happened, and the work list and the page show it late.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.lib.vntext import fold
from dvs.units.models import Level

from .. import rules
from ..models import Candidate, ElectionTeamMember, HeadElection, Item, Matter
from . import assign, check_can, check_unit, check_visible, clean_fields, refuse

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
RECOGNISE = "democracy.recognise_matter"

# What `create` and `update` may set (the result has its own action).
FIELDS = (
    "cause",
    "dismissal_recognised_on",
    "interim_head",
    "election_on",
    "plan_on",
    "candidates_on",
    "team_on",
    "notice_on",
    "note",
)
DATE_FIELDS = (
    "dismissal_recognised_on",
    "election_on",
    "plan_on",
    "candidates_on",
    "team_on",
    "notice_on",
)
# The steps before the election: (key of rules.election_dates, the field recording it).
STEPS = (
    ("election_plan_by", "plan_on", gettext_lazy("Decision and plan")),
    ("candidates_by", "candidates_on", gettext_lazy("Candidate list sent to the ward")),
    ("election_team_by", "team_on", gettext_lazy("Election team set up")),
    ("election_notice_by", "notice_on", gettext_lazy("Public notice posted")),
)


# The clocks (a read) -----------------------------------------------------------------------


@dataclass
class Step:
    key: str
    label: str
    due_on: datetime.date
    done_on: datetime.date | None
    late: bool


@dataclass
class Clock:
    steps: list
    due_by: datetime.date | None  # 60 days after a recognised dismissal
    recognise_by: datetime.date | None
    warnings: list


def recognition_base(election):
    """The day the result reaches the ward: the item-4 matter's receipt when recorded,
    else the election day (the ward's officer attends the meeting)."""
    matter = election.matter
    if matter is not None and matter.received_on:
        return matter.received_on
    return election.election_on


def clock_of(election, today=None):
    """The election's due dates against its recorded dates, and what is late."""
    warnings, steps = [], []
    dates = rules.election_dates(election.election_on) if election.election_on else {}
    for key, field, label in STEPS:
        due, done = dates.get(key), getattr(election, field)
        if due is None:
            continue
        late = bool(done and done > due) or bool(not done and today and today > due)
        steps.append(Step(key, str(label), due, done, late))
        if done and done > due:
            warnings.append(
                _("%(step)s: late, due by %(due)s, done on %(done)s.")
                % {"step": label, "due": _d(due), "done": _d(done)}
            )
    due_by = None
    if election.cause == HeadElection.Cause.DISMISSAL and election.dismissal_recognised_on:
        due_by = rules.election_due_by(election.dismissal_recognised_on)
        if election.election_on and election.election_on > due_by:
            warnings.append(
                _(
                    "The election must be held within 60 days of the recognised dismissal, "
                    "by %(due)s."
                )
                % {"due": _d(due_by)}
            )
    base = recognition_base(election)
    recognise_by = rules.recognise_by(base) if base else None
    if recognise_by and election.recognised_on and election.recognised_on > recognise_by:
        warnings.append(
            _("Recognition is late: due by %(due)s, recognised on %(done)s.")
            % {"due": _d(recognise_by), "done": _d(election.recognised_on)}
        )
    return Clock(steps, due_by, recognise_by, warnings)


def _d(day):
    return day.strftime("%d/%m/%Y")


# Checks ----------------------------------------------------------------------------------


def _check_dates(election):
    errors = {}
    for name in DATE_FIELDS:
        value = getattr(election, name)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            errors[name] = _("The date must be between 01/01/2000 and 31/12/2099.")
    on = election.election_on
    for _key, name, _label in STEPS:
        value = getattr(election, name)
        if on and value and value > on and name not in errors:
            errors[name] = _("This step comes before the election meeting.")
    if election.cause == HeadElection.Cause.DISMISSAL:
        if not election.dismissal_recognised_on:
            errors["dismissal_recognised_on"] = _(
                "An election after a dismissal needs the date the dismissal was recognised."
            )
        elif on and on < election.dismissal_recognised_on:
            errors["election_on"] = _("The election comes after the dismissal was recognised.")
        if not election.interim_head:
            errors["interim_head"] = _(
                "Record the interim head appointed until the election (Decree 59 Art. 9)."
            )
    if errors:
        raise ValidationError(errors)


def _check_unit_level(unit):
    if unit is not None and unit.level != Level.NEIGHBOURHOOD:
        refuse(_("The head is elected in a neighbourhood: choose a neighbourhood."), "unit")


def _clean_people(by, rows, model, field):
    """The candidates or team members given: names cleaned, blank rows dropped, a linked
    resident one `by` sees."""
    cleaned = []
    for row in rows:
        fields = clean_fields(model, {k: v for k, v in row.items() if k != "person"})
        if not fields.get("name"):
            continue
        fields["person"] = row.get("person")
        check_visible(by, fields["person"], field)
        cleaned.append(fields)
    return cleaned


def team_problems(candidates, team):
    """The team members who are also candidates (Decree 59 Art. 7(2)), by resident or by
    folded name."""
    people = {c["person"].pk for c in candidates if c.get("person")}
    names = {fold(c["name"]) for c in candidates}
    return [
        member["name"]
        for member in team
        if (member.get("person") and member["person"].pk in people) or fold(member["name"]) in names
    ]


def _check_people(candidates, team):
    if not candidates:
        refuse(_("An election has at least one candidate."), "candidates")
    clash = team_problems(candidates, team)
    if clash:
        refuse(
            _("The election team may not include a candidate: %(names)s.")
            % {"names": ", ".join(clash)},
            "team",
        )


def _save_people(election, candidates, team):
    election.candidates.all().delete()
    election.team.all().delete()
    Candidate.objects.bulk_create(Candidate(election=election, **row) for row in candidates)
    ElectionTeamMember.objects.bulk_create(
        ElectionTeamMember(election=election, **row) for row in team
    )


def _rows(queryset, fields):
    return [{name: getattr(row, name) for name in fields} for row in queryset]


# Writes ----------------------------------------------------------------------------------


@transaction.atomic
def create(by, *, unit, candidates=(), team=(), **fields):
    """Plan an election in a neighbourhood with its candidates and its election team."""
    check_unit(by, HeadElection, unit)
    _check_unit_level(unit)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    election = HeadElection(unit=unit, **clean_fields(HeadElection, fields))
    _check_dates(election)
    candidates = _clean_people(by, candidates, Candidate, "candidates")
    team = _clean_people(by, team, ElectionTeamMember, "team")
    _check_people(candidates, team)
    election.save()
    _save_people(election, candidates, team)
    log(election, "wagtail.create", user=by)
    return election


@transaction.atomic
def update(election, by, *, candidates=None, team=None, **fields):
    """Correct an election's dates, cause and people (None: the people unchanged)."""
    check_can(by, election, "change")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    assign(election, clean_fields(HeadElection, fields))
    _check_dates(election)
    if candidates is None:
        candidates = _rows(election.candidates.all(), ("name", "person", "votes"))
    else:
        candidates = _clean_people(by, candidates, Candidate, "candidates")
    if team is None:
        team = _rows(election.team.all(), ("name", "person", "role"))
    else:
        team = _clean_people(by, team, ElectionTeamMember, "team")
    _check_people(candidates, team)
    election.save()
    _save_people(election, candidates, team)
    log(election, "wagtail.edit", user=by)
    return election


def _check_matter(by, election, matter):
    if matter is None:
        return
    check_visible(by, matter, "matter")
    if matter.item != Item.HEAD or matter.unit_id != election.unit_id:
        refuse(
            _("The vote must be an item-4 matter of the same neighbourhood."),
            "matter",
        )


def _check_votes(election, votes, matter):
    households = matter.households if matter is not None else None
    for candidate in election.candidates.all():
        count = votes.get(candidate.pk, votes.get(str(candidate.pk)))
        if count is None:
            continue
        if count < 0 or (households is not None and count > households):
            refuse(
                _("Votes must be between 0 and the households on the roll (%(n)s).")
                % {"n": households},
                "votes",
            )
        candidate.votes = count
        candidate.save(update_fields=["votes"])


def _elected_candidate(election, elected):
    """The candidate elected, given by id or by name (one of the election's candidates)."""
    for candidate in election.candidates.all():
        if str(candidate.pk) == str(elected) or fold(candidate.name) == fold(str(elected)):
            return candidate
    refuse(_("The person elected must be one of the candidates."), "elected")


@transaction.atomic
def record_result(
    election,
    by,
    *,
    elected=None,
    votes=None,
    matter=None,
    recognised_on=None,
    rerun=False,
    note="",
):
    """The election's result: the candidate elected with the votes, the item-4 matter of
    the vote (optional), and the ward's recognition (its permission) or a re-run."""
    check_can(by, election, "change")
    if (recognised_on or rerun) and not by.has_perm(RECOGNISE):
        refuse(_("Only the ward records the recognition of an election or its re-run."))
    if recognised_on and rerun:
        refuse(_("An election is either recognised or held again, not both."))
    if not election.election_on:
        refuse(_("Record the election meeting's date first."), "election_on")
    _check_matter(by, election, matter)
    _check_votes(election, votes or {}, matter)
    if rerun:
        election.elected = ""
        election.recognised_on = None
        election.status = HeadElection.Status.RERUN
    else:
        if elected in (None, ""):
            refuse(_("Choose the candidate elected."), "elected")
        election.elected = _elected_candidate(election, elected).name
        election.status = HeadElection.Status.HELD
        if recognised_on:
            if recognised_on < election.election_on:
                refuse(_("Recognition comes after the election."), "recognised_on")
            election.recognised_on = recognised_on
            election.status = HeadElection.Status.RECOGNISED
    if matter is not None:
        election.matter = matter
    if note:
        election.note = clean_fields(HeadElection, {"note": note})["note"]
    election.save()
    log(election, "wagtail.edit", user=by)
    return election


def matters_for(user, election):
    """The item-4 matters of the election's neighbourhood the user sees (the form's
    choice of the vote)."""
    return scope.scoped(user, Matter).filter(item=Item.HEAD, unit_id=election.unit_id)
