"""The arithmetic of grassroots democracy, without the database: thresholds on all
households, which forms a matter may take, and the law's clocks. Each rule names its
source (docs/democracy.md lists them with their confidence); the screens, the actions and
the two API calculators (`evaluate`, `timeline`) all call these functions.

Conventions (the same as the other apps'):
* a period "within N working days" of an event ends on the N-th working day after it, on
  the platform's calendar (dvs.workdays), so holidays and their compensatory days count;
* a lead ("at least N days before") counts calendar days and does not roll: it holds
  when `event − done ≥ N`;
* a period of months ends on the corresponding day of the last month, or that month's
  last day when it has none (Civil Code 2015 Art. 148(2)); a consent is valid through it.
"""

import datetime
import math
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dvs.workdays import calendar

from .models import Body, Form, Item

# Law 10/2022/QH15 and Decree 59/2023/NĐ-CP (docs/democracy.md gives each source).
NOTICE_LEAD_DAYS = 2  # meeting notice and documents to households (Decree 59 Art. 3(3)–(4))
SEND_WORKING_DAYS = 5  # decision to the ward (Art. 20(3))
RECOGNISE_WORKING_DAYS = 5  # recognition after receipt (Art. 21(2))
INITIATIVE_SHARE = 10  # percent of households consenting (Art. 16(3))
CONSENT_MONTHS = 3  # a consent's validity (Art. 16(3))
CONSULTATION_DAYS = 20  # opinions taken at least (Art. 28(1))
DISCLOSE_WORKING_DAYS = 5  # disclosure when no sectoral law says otherwise (Art. 12)
POSTING_DAYS = 30  # items 1–3, 5–12 posted at least (Art. 12(2))
PERMANENT_ITEMS = (4, 13)  # posted permanently and kept up to date (Art. 12(2))
LOUDSPEAKER_ITEMS = tuple(range(7, 13))  # read on the loudspeakers (Art. 12(3))
LOUDSPEAKER_DAYS = 3  # consecutive days (Art. 12(3))
ELECTION_PLAN_DAYS = 20  # decision and plan before the election (Decree 59 Art. 7(1))
ELECTION_CANDIDATES_DAYS = 15  # candidate list to the ward (Decree 59 Art. 7(3))
ELECTION_TEAM_DAYS = 10  # election team set up (Decree 59 Art. 7(2))
ELECTION_NOTICE_DAYS = 7  # public notice (Decree 59 Art. 7(4))
REELECTION_DAYS = 60  # election after a recognised dismissal (Decree 59 Art. 9(4))
INSPECTION_PLAN_WORKING_DAYS = 5  # inspection plan sent before (Decree 59 Art. 14(2))
CHARTER_POSTING_DAYS = 30  # draft posted at least (Decree 61 Art. 9(1))
CHARTER_REVIEW_DAY = (18, 11)  # yearly review on the Great Unity Day (Decree 61 Art. 15)
CONFERENCE_INVITATION_DAYS = 5  # invitations before the community conference (Decree 59 Art. 11)
BOARD_MIN_MEMBERS = 5  # inspection and monitoring boards (Art. 37(1), 41(2))
BOARD_MAX_DEPUTIES = 2
MONITORING_MAX_RESIDENTS = 5

TWO_THIRDS_ITEMS = (Item.CONTRIBUTION, Item.FUND)
MEETING_ONLY_ITEMS = (Item.CHARTER, Item.HEAD, Item.BOARDS)  # Art. 17(2)


def _d(day):
    return date_format(day, "d/m/Y")


# Thresholds and forms (Art. 17, 19, 21) -----------------------------------------------------


def required_yes(item, households):
    """Households in favour a matter needs, counted on all households of the roll
    (Art. 21(1)): at least two thirds for items 1–2, more than half for the others."""
    if item in TWO_THIRDS_ITEMS:
        return math.ceil(2 * households / 3)
    return households // 2 + 1


def passes(item, households, yes):
    return yes >= required_yes(item, households)


def optin_passes(households, optin_yes):
    """The opt-in poll opens an online vote when more than half of all households agree
    (Art. 17(2))."""
    return optin_yes is not None and optin_yes > households / 2


@dataclass
class Evaluation:
    required_yes: int
    passes: bool | None
    can_reach_threshold: bool
    ballot_allowed: bool
    online_allowed: bool
    warnings: list = field(default_factory=list)


def evaluate(item, households, *, present=None, yes=None, form=Form.MEETING, optin_yes=None):
    """What the law says of a matter's vote: the households in favour it needs, whether
    `yes` passes, whether those `present` can still reach the threshold, and which other
    forms are open. The screens and `POST /democracy/matters/evaluate` both show this."""
    item = Item(item)
    needed = required_yes(item, households)
    warnings = []
    can_reach = present is None or present >= needed
    if present is not None and present > households:
        warnings.append(
            _("More households are present (%(present)d) than on the roll (%(households)d).")
            % {"present": present, "households": households}
        )
    if not can_reach:
        warnings.append(
            _("The pass threshold cannot be reached (needs ≥%(needed)d households).")
            % {"needed": needed}
        )
    lacked = present is not None and present < needed
    # Items 3–5 are decided in a meeting; a ballot only when the meeting lacked
    # households (Art. 17(2), 19(1)(b)). The charter's meeting needs more than half of all
    # households present (Decree 61 Art. 10) — the same number as its threshold.
    ballot_allowed = item not in MEETING_ONLY_ITEMS or lacked
    if not can_reach and ballot_allowed:
        warnings.append(_("A household ballot may be organised instead (Art. 19(1)(b))."))
    online_allowed = item == Item.OTHER and optin_passes(households, optin_yes)
    if form == Form.ONLINE and item != Item.OTHER:
        warnings.append(_("Online voting applies only to matters of item 6 of Art. 15."))
    elif form == Form.ONLINE and not online_allowed:
        warnings.append(
            _(
                "An online vote needs an opt-in poll with more than half of all households (≥%(needed)d)."
            )
            % {"needed": households // 2 + 1}
        )
    if form == Form.BALLOT and not ballot_allowed:
        warnings.append(
            _(
                "This matter must be decided in a meeting; a ballot is allowed only when the meeting lacked households."
            )
        )
    result = None
    if yes is not None:
        result = yes >= needed
        if yes > households:
            warnings.append(
                _("More households in favour (%(yes)d) than on the roll (%(households)d).")
                % {"yes": yes, "households": households}
            )
        if present is not None and form == Form.MEETING and yes > present:
            warnings.append(_("More households in favour than present."))
    return Evaluation(needed, result, can_reach, ballot_allowed, online_allowed, warnings)


def initiative_needed(households):
    """Households whose consent a citizens' initiative needs (Art. 16(3): at least 10%)."""
    return math.ceil(households * INITIATIVE_SHARE / 100)


def consent_valid_until(signed_on):
    """The last day a consent counts (3 months, Civil Code Art. 148(2))."""
    return signed_on + relativedelta(months=CONSENT_MONTHS)


@dataclass
class Initiative:
    needed: int
    valid: int
    lapsed: int
    accepted: bool


def check_initiative(households, consent_dates, submitted_on, *, front_approved=False):
    """Count the consents still valid on `submitted_on`; the initiative stands with at
    least 10% of households, or below that with the Front's approval (Art. 16(3))."""
    valid = sum(1 for d in consent_dates if d <= submitted_on <= consent_valid_until(d))
    needed = initiative_needed(households)
    return Initiative(needed, valid, len(consent_dates) - valid, valid >= needed or front_approved)


# Ballot tallies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    returned: int
    yes: int
    no: int
    invalid: int


def count_problems(count, households):
    """What is wrong with one entered count on its own (empty when nothing)."""
    problems = []
    if count.yes + count.no + count.invalid != count.returned:
        problems.append(
            _(
                "In favour, against and other (%(sum)d) do not add up to the ballots returned (%(returned)d)."
            )
            % {"sum": count.yes + count.no + count.invalid, "returned": count.returned}
        )
    if count.returned > households:
        problems.append(
            _("More ballots returned (%(returned)d) than households on the roll (%(households)d).")
            % {"returned": count.returned, "households": households}
        )
    return problems


def entries_match(first, second):
    return (first.returned, first.yes, first.no, first.invalid) == (
        second.returned,
        second.yes,
        second.no,
        second.invalid,
    )


# Recognition -------------------------------------------------------------------------------


def recognising_body(item):
    """Who recognises a decision (Art. 21(2)): the People's Committee for the charter and
    the head's election, the Front committee for the boards; items 1, 2, 6 need none."""
    if item in (Item.CHARTER, Item.HEAD):
        return Body.PEOPLES_COMMITTEE
    if item == Item.BOARDS:
        return Body.FRONT
    return None


def effective_on(item, decided_on, recognised_on=None):
    """When a decision takes effect (Art. 21(2)): when voted for items 1, 2, 6 within a
    neighbourhood, from recognition for items 3–5."""
    if recognising_body(item) is None:
        return decided_on
    return recognised_on


# Clocks -----------------------------------------------------------------------------------------


def notice_by(meeting_on):
    return meeting_on - datetime.timedelta(days=NOTICE_LEAD_DAYS)


def send_by(decided_on):
    return calendar.add_working_days(decided_on, SEND_WORKING_DAYS)


def recognise_by(received_on):
    return calendar.add_working_days(received_on, RECOGNISE_WORKING_DAYS)


def consultation_closes_earliest_on(published_on):
    return published_on + datetime.timedelta(days=CONSULTATION_DAYS)


def disclose_by(decided_on):
    return calendar.add_working_days(decided_on, DISCLOSE_WORKING_DAYS)


def posting_ends_earliest_on(item, posted_on):
    """The first day a posting may be taken down, or None when the item stays posted
    (items 4 and 13) or has no minimum (item 14)."""
    if item in PERMANENT_ITEMS or item == 14:
        return None
    return posted_on + datetime.timedelta(days=POSTING_DAYS)


def loudspeaker_needed(item):
    return item in LOUDSPEAKER_ITEMS


def longest_run(days):
    """The longest run of consecutive days among `days`."""
    best = run = 0
    previous = None
    for day in sorted(set(days)):
        run = run + 1 if previous and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    return best


def election_dates(election_on):
    return {
        "election_plan_by": election_on - datetime.timedelta(days=ELECTION_PLAN_DAYS),
        "candidates_by": election_on - datetime.timedelta(days=ELECTION_CANDIDATES_DAYS),
        "election_team_by": election_on - datetime.timedelta(days=ELECTION_TEAM_DAYS),
        "election_notice_by": election_on - datetime.timedelta(days=ELECTION_NOTICE_DAYS),
    }


def election_due_by(dismissal_recognised_on):
    return dismissal_recognised_on + datetime.timedelta(days=REELECTION_DAYS)


def inspection_plan_by(inspection_on):
    return calendar.add_working_days(inspection_on, -INSPECTION_PLAN_WORKING_DAYS)


def charter_vote_earliest_on(posted_on):
    return posted_on + datetime.timedelta(days=CHARTER_POSTING_DAYS)


def charter_review_due(year):
    day, month = CHARTER_REVIEW_DAY
    return datetime.date(year, month, day)


def invitation_by(conference_on):
    return conference_on - datetime.timedelta(days=CONFERENCE_INVITATION_DAYS)


def timeline(
    *,
    meeting_on=None,
    ballot_closed_on=None,
    received_on=None,
    consultation_published_on=None,
    decided_on=None,
    disclosure_item=None,
    posted_on=None,
    election_on=None,
    dismissal_recognised_on=None,
    inspection_on=None,
    charter_posted_on=None,
    conference_on=None,
):
    """Every due date the given dates lead to (only those that apply): the calculator
    behind `POST /democracy/timeline` and the screens."""
    out = {}
    if meeting_on:
        out["notice_by"] = notice_by(meeting_on)
        out["send_by"] = send_by(meeting_on)
    if ballot_closed_on:
        out["send_by"] = send_by(ballot_closed_on)
    if received_on:
        out["recognise_by"] = recognise_by(received_on)
    if consultation_published_on:
        out["consultation_closes_earliest_on"] = consultation_closes_earliest_on(
            consultation_published_on
        )
    if decided_on and disclosure_item:
        out["disclose_by"] = disclose_by(decided_on)
    if posted_on and disclosure_item:
        ends = posting_ends_earliest_on(disclosure_item, posted_on)
        if ends:
            out["posting_ends_earliest_on"] = ends
    if election_on:
        out.update(election_dates(election_on))
    if dismissal_recognised_on:
        out["election_due_by"] = election_due_by(dismissal_recognised_on)
    if inspection_on:
        out["inspection_plan_by"] = inspection_plan_by(inspection_on)
    if charter_posted_on:
        out["charter_vote_earliest_on"] = charter_vote_earliest_on(charter_posted_on)
    if conference_on:
        out["invitation_by"] = invitation_by(conference_on)
    return out


def lateness(done_on, due_on):
    """A warning when something was done after its due date (None when on time)."""
    if done_on and due_on and done_on > due_on:
        return _("Late: due by %(due)s, done on %(done)s.") % {
            "due": _d(due_on),
            "done": _d(done_on),
        }
    return None


# Board composition (Art. 37, 41; Decree 59 Art. 13, 17) ---------------------------------------


def inspection_board_size(neighbourhoods):
    """Members of a people's inspection board: one per neighbourhood, at least 5 (and 5
    where the ward has fewer than 5 neighbourhoods)."""
    return max(neighbourhoods, BOARD_MIN_MEMBERS)


def board_problems(kind, members, *, neighbourhoods=0):
    """The composition rules a board's current members break (empty when none). Each
    member is any object with `role`, `origin`, `is_ward_official`, `related_to_investor`."""
    from .models import Board, BoardMember

    problems = []
    heads = sum(1 for m in members if m.role == BoardMember.Role.HEAD)
    deputies = sum(1 for m in members if m.role == BoardMember.Role.DEPUTY)
    if heads > 1:
        problems.append(_("A board has one head."))
    if deputies > BOARD_MAX_DEPUTIES:
        problems.append(_("A board has at most %(n)d deputy heads.") % {"n": BOARD_MAX_DEPUTIES})
    if kind == Board.Kind.INSPECTION:
        size = inspection_board_size(neighbourhoods)
        if len(members) != size:
            problems.append(
                _(
                    "The people's inspection board must have %(size)d members (one per neighbourhood, at least 5); it has %(count)d."
                )
                % {"size": size, "count": len(members)}
            )
        if any(m.is_ward_official for m in members):
            problems.append(_("Ward officials may not sit on the people's inspection board."))
    else:
        if len(members) < BOARD_MIN_MEMBERS:
            problems.append(
                _("A community investment-monitoring board has at least %(n)d members.")
                % {"n": BOARD_MIN_MEMBERS}
            )
        residents = sum(1 for m in members if m.origin == BoardMember.Origin.RESIDENT)
        if residents > MONITORING_MAX_RESIDENTS:
            problems.append(
                _("A community investment-monitoring board has at most %(n)d resident members.")
                % {"n": MONITORING_MAX_RESIDENTS}
            )
        if any(m.related_to_investor for m in members):
            problems.append(
                _(
                    "Relatives of the investor, the contractor or the supervisors may not sit on the board."
                )
            )
    return problems
