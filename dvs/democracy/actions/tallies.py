"""Writes of a matter's vote: the meeting (attendance per household, then the count), the
household ballot (started only where the law allows it, returns marked per household,
its count entered twice by two clerks, confirmed only when both agree), the online vote
(item 6 only, after an opt-in poll of more than half of all households; one code per
household, one vote per code) and sending the decision to the ward.

Thresholds always count on the matter's whole roll (Art. 21); the arithmetic is
rules.py's. Each write checks that `by` may change the matter first, then refuses what the
law does not allow with the message a user reads, nothing written.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import rules
from ..models import (
    Ballot,
    BallotEntry,
    Form,
    HouseholdVote,
    Item,
    Matter,
    OnlineChoice,
    OnlineVote,
    RollEntry,
    VoteMethod,
)
from . import check_can, clean_fields, not_future, refuse

FIRST_DAY = datetime.date(2000, 1, 1)
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper
CODE_LENGTH = 10
COUNTING_BOARD_SIZE = (3, 5)  # Decree 59 Art. 3(5)
WITNESSES = 2


# Shared checks ---------------------------------------------------------------------------


def _changeable(matter, by):
    """`by` may change the matter, whose roll is frozen and whose vote is not decided."""
    check_can(by, matter, "change")
    if matter.status == Matter.Status.DRAFT or not matter.households:
        refuse(_("The matter's household roll has not been frozen yet."))
    if matter.status not in (Matter.Status.OPEN, Matter.Status.VOTING):
        refuse(_("This matter has already been decided."))


def _names(text):
    """The people a text field lists, one per line (or separated by commas)."""
    parts = text.replace(",", "\n").splitlines()
    return [part.strip() for part in parts if part.strip()]


def _date(value, field):
    if value is None:
        refuse(_("This field is required."), field)
    if value < FIRST_DAY:
        refuse(_("The date cannot be before 01/01/2000."), field)


def present_count(matter):
    return RollEntry.objects.filter(matter=matter, present=True).count()


def _decide(matter, by, form, on, yes):
    """The matter is decided: by which form, on which day, whether it passed on the
    whole roll, and the day it must reach the ward (Art. 20(3))."""
    matter.decided_form = form
    matter.decided_on = on
    matter.yes = yes
    matter.passed = rules.passes(matter.item, matter.households, yes)
    matter.status = Matter.Status.DECIDED
    matter.send_by = rules.send_by(on)
    matter.save()
    log(matter, "democracy.decide", user=by, data={"form": form, "yes": yes})


def check_upload(upload, field):
    """A photo or scan (JPEG, PNG, WebP or PDF), at most 10 MB: read by its first bytes,
    not its name."""
    if upload.size > UPLOAD_MAX_BYTES:
        refuse(
            _("The file is too large (%(size)s; at most %(max)s).")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(UPLOAD_MAX_BYTES)},
            field,
        )
    head = upload.read(12)
    upload.seek(0)
    known = (
        head.startswith(b"\xff\xd8\xff")
        or head.startswith(b"\x89PNG")
        or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
        or head.startswith(b"%PDF")
    )
    if not known:
        refuse(_("Upload a photo or a scan (JPEG, PNG, WebP or PDF)."), field)


def _save_file(instance, field, upload, name, by):
    check_upload(upload, field)
    old = getattr(instance, field).name
    getattr(instance, field).save(name, upload, save=False)
    instance.save(update_fields=[field])
    if old:
        storage = getattr(instance, field).storage
        transaction.on_commit(lambda: storage.delete(old))
    log(instance.matter, "wagtail.edit", user=by, data={"fields": [field]})


# The meeting (Art. 18, 21; Decree 59 Art. 3) ----------------------------------------------


@transaction.atomic
def record_attendance(
    matter,
    *,
    by,
    present,
    meeting_on,
    chair="",
    secretary="",
    vote_method="",
    counting_board="",
    witnesses="",
    meeting_place=None,
):
    """Who came, household by household (`present`: the roll numbers present), and who
    runs the meeting. The meeting is then held; the screen shows whether those present can
    still reach the threshold before anyone votes."""
    _changeable(matter, by)
    if (
        matter.ballots.filter(closed=False).exists()
        or matter.online_votes.filter(closed=False).exists()
    ):
        refuse(_("A household ballot or an online vote is under way for this matter."))
    _date(meeting_on, "meeting_on")
    not_future(meeting_on, "meeting_on")
    numbers = {int(n) for n in present}
    roll = RollEntry.objects.filter(matter=matter)
    known = set(roll.filter(number__in=numbers).values_list("number", flat=True))
    if numbers - known:
        refuse(
            _("These numbers are not on the roll: %(numbers)s.")
            % {"numbers": ", ".join(map(str, sorted(numbers - known)[:20]))},
            "present",
        )
    if vote_method and vote_method not in VoteMethod.values:
        refuse(_("Choose how the meeting votes."), "vote_method")
    roll.update(present=False)
    roll.filter(number__in=numbers).update(present=True)
    fields = clean_fields(
        Matter,
        {
            "chair": chair,
            "secretary": secretary,
            "counting_board": counting_board,
            "witnesses": witnesses,
        },
    )
    for name, value in fields.items():
        setattr(matter, name, value)
    if meeting_place is not None:
        matter.meeting_place = clean_fields(Matter, {"meeting_place": meeting_place})[
            "meeting_place"
        ]
    matter.vote_method = vote_method
    matter.meeting_on = meeting_on
    matter.meeting_held = True
    matter.save()
    log(matter, "democracy.attendance", user=by, data={"present": len(numbers)})
    return matter


def meeting_problems(matter):
    """What the meeting still lacks before its vote counts (Decree 59 Art. 3(5))."""
    problems = {}
    if not matter.chair:
        problems["chair"] = _("Name who chaired the meeting.")
    if not matter.secretary:
        problems["secretary"] = _("Name the meeting's secretary.")
    if not matter.vote_method:
        problems["vote_method"] = _("Choose how the meeting votes.")
    low, high = COUNTING_BOARD_SIZE
    if matter.vote_method == VoteMethod.SECRET and not (
        low <= len(_names(matter.counting_board)) <= high
    ):
        problems["counting_board"] = _(
            "A secret ballot needs a counting board of 3 to 5 people, one per line."
        )
    if len(_names(matter.witnesses)) != WITNESSES:
        problems["witnesses"] = _(
            "Name the two household representatives witnessing, one per line."
        )
    return problems


@transaction.atomic
def record_meeting_vote(matter, *, by, yes, no, other):
    """The meeting's count. It decides the matter only when those present could reach the
    threshold on the whole roll (Art. 21); otherwise the meeting is recorded as held
    without a valid decision, and a household ballot may follow."""
    _changeable(matter, by)
    if not matter.meeting_held:
        refuse(_("Record the attendance first."))
    problems = meeting_problems(matter)
    if problems:
        refuse(next(iter(problems.values())))
    present = present_count(matter)
    for name, value in (("yes", yes), ("no", no), ("other", other)):
        if value is None or value < 0:
            refuse(_("Enter a number of households (0 or more)."), name)
    if yes + no + other > present:
        refuse(
            _(
                "In favour, against and other (%(sum)d) are more than the households present (%(present)d)."
            )
            % {"sum": yes + no + other, "present": present},
            "yes",
        )
    matter.meeting_yes, matter.meeting_no, matter.meeting_other = yes, no, other
    matter.save(update_fields=["meeting_yes", "meeting_no", "meeting_other", "updated_at"])
    log(matter, "democracy.meeting_vote", user=by, data={"yes": yes, "no": no, "other": other})
    evaluation = rules.evaluate(matter.item, matter.households, present=present, yes=yes)
    if evaluation.can_reach_threshold:
        _decide(matter, by, Form.MEETING, matter.meeting_on, yes)
    return matter


def meeting_evaluation(matter):
    """rules.evaluate for the matter's meeting as recorded (None before attendance)."""
    if not matter.meeting_held or not matter.households:
        return None
    return rules.evaluate(
        matter.item,
        matter.households,
        present=present_count(matter),
        yes=matter.meeting_yes,
    )


# The household ballot (Art. 19; Decree 59 Art. 4) -----------------------------------------


def ballot_allowed(matter):
    """Items 1, 2 and 6 may always be decided by ballot; items 3–5 only after a meeting
    that lacked households (Art. 17(2), 19(1)(b))."""
    present = present_count(matter) if matter.meeting_held else None
    if matter.item in rules.MEETING_ONLY_ITEMS and present is None:
        return False
    return rules.evaluate(matter.item, matter.households, present=present).ballot_allowed


def open_ballot(matter):
    return matter.ballots.filter(closed=False).order_by("-id").first()


@transaction.atomic
def start_ballot(matter, *, by, reason, opens_on, closes_on, plan_on=None, team=""):
    _changeable(matter, by)
    if open_ballot(matter) or matter.online_votes.filter(closed=False).exists():
        refuse(_("A household ballot or an online vote is under way for this matter."))
    if not ballot_allowed(matter):
        refuse(
            _(
                "This matter must be decided in a meeting; a ballot is allowed only when the meeting lacked households."
            )
        )
    _date(opens_on, "opens_on")
    _date(closes_on, "closes_on")
    if closes_on < opens_on:
        refuse(_("Ballots cannot be collected before they are handed out."), "closes_on")
    if plan_on is not None:
        _date(plan_on, "plan_on")
        if plan_on > opens_on:
            refuse(_("The plan is issued before the ballots are handed out."), "plan_on")
    fields = clean_fields(Ballot, {"reason": reason, "team": team})
    if not fields["reason"]:
        refuse(_("Say why the matter is decided by ballot."), "reason")
    ballot = Ballot.objects.create(
        matter=matter, opens_on=opens_on, closes_on=closes_on, plan_on=plan_on, **fields
    )
    RollEntry.objects.filter(matter=matter).update(ballot_returned=False)
    matter.status = Matter.Status.VOTING
    matter.save(update_fields=["status", "updated_at"])
    log(matter, "democracy.ballot_start", user=by, data={"ballot": ballot.pk})
    return ballot


def _open(ballot, by):
    check_can(by, ballot.matter, "change")
    if ballot.closed:
        refuse(_("This ballot's count has already been confirmed."))


@transaction.atomic
def mark_returned(ballot, *, by, numbers):
    """The households whose ballot came back (the returned-ballot checklist)."""
    _open(ballot, by)
    numbers = {int(n) for n in numbers}
    roll = RollEntry.objects.filter(matter=ballot.matter)
    known = set(roll.filter(number__in=numbers).values_list("number", flat=True))
    if numbers - known:
        refuse(
            _("These numbers are not on the roll: %(numbers)s.")
            % {"numbers": ", ".join(map(str, sorted(numbers - known)[:20]))},
            "returned",
        )
    roll.update(ballot_returned=False)
    roll.filter(number__in=numbers).update(ballot_returned=True)
    log(ballot.matter, "democracy.ballot_returned", user=by, data={"returned": len(numbers)})
    return len(numbers)


def _same_name(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@transaction.atomic
def enter_count(ballot, *, by, order, clerk, returned, yes, no, invalid):
    """One of the two entries of the count (order 1 or 2), or its correction. The two
    entries must come from two different clerks; a mismatch is kept (both shown side by
    side) and blocks the confirmation until one is corrected."""
    _open(ballot, by)
    if order not in (1, 2):
        refuse(_("Choose the first or the second entry."), "order")
    clerk = clean_fields(BallotEntry, {"clerk": clerk})["clerk"]
    if not clerk:
        refuse(_("Name the clerk who entered the count."), "clerk")
    other = ballot.entries.exclude(order=order).first()
    if other and _same_name(other.clerk, clerk):
        refuse(_("The two entries must be made by two different clerks."), "clerk")
    for name, value in (("returned", returned), ("yes", yes), ("no", no), ("invalid", invalid)):
        if value is None or value < 0:
            refuse(_("Enter a number of ballots (0 or more)."), name)
    count = rules.Count(returned, yes, no, invalid)
    problems = rules.count_problems(count, ballot.matter.households)
    if problems:
        refuse(" ".join(problems), "returned")
    entry, created = BallotEntry.objects.update_or_create(
        ballot=ballot,
        order=order,
        defaults={
            "clerk": clerk,
            "returned": returned,
            "yes": yes,
            "no": no,
            "invalid": invalid,
            "entered_by": by,
        },
    )
    log(
        ballot.matter,
        "democracy.ballot_entry",
        user=by,
        data={"order": order, "clerk": clerk, "count": [returned, yes, no, invalid]},
    )
    return entry


def entries_state(ballot):
    """(first, second, match): match is None until both entries exist."""
    entries = {entry.order: entry for entry in ballot.entries.all()}
    first, second = entries.get(1), entries.get(2)
    match = None
    if first and second:
        match = rules.entries_match(_count(first), _count(second))
    return first, second, match


def _count(entry):
    return rules.Count(entry.returned, entry.yes, entry.no, entry.invalid)


def not_returned(ballot):
    """The households whose ballot did not come back, when the checklist was used
    (None when it was not: the count record then gives their number only)."""
    roll = RollEntry.objects.filter(matter=ballot.matter)
    if not roll.filter(ballot_returned=True).exists():
        return None
    return list(roll.filter(ballot_returned=False).order_by("number"))


@transaction.atomic
def confirm_ballot(ballot, *, by):
    """Both entries agree: their count is the ballot's, and it decides the matter on all
    households of the roll (Art. 21), on the day the ballots were collected."""
    _open(ballot, by)
    first, second, match = entries_state(ballot)
    if match is None:
        refuse(_("The count must be entered twice, by two different clerks."))
    if not match:
        refuse(_("The two entries do not match."))
    checked = RollEntry.objects.filter(matter=ballot.matter, ballot_returned=True).count()
    if checked and checked != first.returned:
        refuse(
            _(
                "The returned-ballot checklist counts %(checked)d households but the count says %(returned)d."
            )
            % {"checked": checked, "returned": first.returned}
        )
    ballot.returned, ballot.yes, ballot.no, ballot.invalid = (
        first.returned,
        first.yes,
        first.no,
        first.invalid,
    )
    ballot.closed = True
    ballot.save()
    matter = Matter.objects.select_for_update().get(pk=ballot.matter_id)
    _decide(matter, by, Form.BALLOT, ballot.closes_on, first.yes)
    ballot.matter = matter
    return ballot


@transaction.atomic
def attach_count_record(ballot, *, by, upload):
    """The photo or scan of the signed count record (Form 04), in private storage."""
    check_can(by, ballot.matter, "change")
    _save_file(ballot, "count_record", upload, "form-04", by)
    return ballot


# The online vote (Art. 17(2); Decree 59 Art. 5) -------------------------------------------


def code_hash(vote, code):
    """A household's code as stored: keyed with the site's secret and the vote, so a copy
    of the database gives no code back."""
    message = f"{vote.pk}:{code.strip().upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def start_online_vote(
    matter, *, by, optin_polled_on, optin_yes, starts_at, ends_at, team="", platform=""
):
    """Open the online vote of an item-6 matter whose opt-in poll passed, and issue one
    code per household of the roll. Returns (vote, [(roll entry, code)]): the codes are
    shown this once, for printing; only their hashes are kept."""
    _changeable(matter, by)
    if matter.item != Item.OTHER:
        refuse(_("Online voting applies only to matters of item 6 of Art. 15."))
    if open_ballot(matter) or matter.online_votes.filter(closed=False).exists():
        refuse(_("A household ballot or an online vote is under way for this matter."))
    _date(optin_polled_on, "optin_polled_on")
    not_future(optin_polled_on, "optin_polled_on")
    if optin_yes is None or optin_yes < 0 or optin_yes > matter.households:
        refuse(
            _("Enter a number of households between 0 and %(households)d.")
            % {"households": matter.households},
            "optin_yes",
        )
    if not rules.optin_passes(matter.households, optin_yes):
        refuse(
            _(
                "An online vote needs an opt-in poll with more than half of all households (≥%(needed)d)."
            )
            % {"needed": matter.households // 2 + 1},
            "optin_yes",
        )
    if starts_at is None or ends_at is None:
        refuse(_("This field is required."), "ends_at")
    if ends_at <= starts_at:
        refuse(_("The vote must end after it starts."), "ends_at")
    if timezone.localtime(starts_at).date() < optin_polled_on:
        refuse(_("The vote cannot start before the opt-in poll."), "starts_at")
    fields = clean_fields(OnlineVote, {"team": team, "platform": platform})
    vote = OnlineVote.objects.create(
        matter=matter,
        optin_polled_on=optin_polled_on,
        optin_yes=optin_yes,
        starts_at=starts_at,
        ends_at=ends_at,
        **fields,
    )
    roll = list(RollEntry.objects.filter(matter=matter).order_by("number"))
    codes = [(entry, _new_code()) for entry in roll]
    HouseholdVote.objects.bulk_create(
        HouseholdVote(vote=vote, roll_entry=entry, token_hash=code_hash(vote, code))
        for entry, code in codes
    )
    matter.status = Matter.Status.VOTING
    matter.save(update_fields=["status", "updated_at"])
    log(matter, "democracy.online_start", user=by, data={"vote": vote.pk})
    return vote, codes


def _record(row, choice, now):
    if choice not in OnlineChoice.values:
        refuse(_("Choose in favour, against or another opinion."), "choice")
    if row.choice:
        refuse(_("This household has already voted."), "code")
    row.choice, row.voted_at = choice, now
    row.save(update_fields=["choice", "voted_at"])


def _voting(vote, now):
    if vote.closed:
        refuse(_("This online vote is closed."))
    if now < vote.starts_at:
        refuse(_("This online vote has not started yet."))
    if now > vote.ends_at:
        refuse(_("This online vote has ended."))


@transaction.atomic
def cast_online_vote(vote, *, code, choice, now=None):
    """A household votes on the portal with its code (anonymous: the code is the
    household's). One vote per household: a second vote with the same code is refused."""
    now = now or timezone.now()
    _voting(vote, now)
    row = (
        HouseholdVote.objects.select_for_update()
        .filter(vote=vote, token_hash=code_hash(vote, code or ""))
        .first()
    )
    if row is None:
        refuse(_("This code is not valid for this vote."), "code")
    _record(row, choice, now)
    return row


@transaction.atomic
def record_household_vote(vote, *, by, number, choice, now=None):
    """The team records a household's vote from the back office (a household without a
    device); the same rule of one vote per household holds."""
    check_can(by, vote.matter, "change")
    now = now or timezone.now()
    _voting(vote, now)
    row = (
        HouseholdVote.objects.select_for_update()
        .filter(vote=vote, roll_entry__number=number)
        .first()
    )
    if row is None:
        refuse(_("This number is not on the roll."), "number")
    _record(row, choice, now)
    log(vote.matter, "democracy.online_vote", user=by, data={"number": number})
    return row


def online_results(vote):
    """{yes, no, other, participants} of an online vote so far."""
    counts = {choice: 0 for choice in OnlineChoice.values}
    for choice in vote.votes.exclude(choice="").values_list("choice", flat=True):
        counts[choice] += 1
    counts["participants"] = sum(counts.values())
    return counts


@transaction.atomic
def close_online_vote(vote, *, by, now=None):
    """After its end the vote is closed and decides the matter on the whole roll, on its
    last day."""
    check_can(by, vote.matter, "change")
    now = now or timezone.now()
    if vote.closed:
        refuse(_("This online vote is closed."))
    if now < vote.ends_at:
        refuse(_("The online vote can be closed only after it ends."))
    vote.closed = True
    vote.save(update_fields=["closed"])
    results = online_results(vote)
    matter = Matter.objects.select_for_update().get(pk=vote.matter_id)
    _decide(matter, by, Form.ONLINE, timezone.localtime(vote.ends_at).date(), results["yes"])
    vote.matter = matter
    return vote


@transaction.atomic
def attach_screenshot(vote, *, by, upload):
    check_can(by, vote.matter, "change")
    _save_file(vote, "screenshot", upload, "screenshot", by)
    return vote


# Sending the decision (Art. 20(3)) ---------------------------------------------------------


@transaction.atomic
def send_decision(matter, *, by, sent_on):
    """The decision goes to the ward's People's Committee and Front committee; its due
    date is send_by (5 working days), a late sending is recorded and shown, not refused."""
    check_can(by, matter, "change")
    if matter.status != Matter.Status.DECIDED:
        refuse(_("Only a decided matter can be sent to the ward."))
    _date(sent_on, "sent_on")
    not_future(sent_on, "sent_on")
    if matter.decided_on and sent_on < matter.decided_on:
        refuse(_("The decision cannot be sent before it was taken."), "sent_on")
    matter.sent_on = sent_on
    if matter.send_by is None and matter.decided_on:
        matter.send_by = rules.send_by(matter.decided_on)
    matter.status = Matter.Status.SENT
    matter.save(update_fields=["sent_on", "send_by", "status", "updated_at"])
    log(matter, "democracy.send", user=by, data={"sent_on": sent_on.isoformat()})
    return matter
