"""Writes of village charters (hương ước, quy ước; Decree 61/2023), their yearly reviews,
and the province's yearly counts (a read, Art. 16).

The lifecycle: a charter is drafted (`create`, or `amend` for a new text that amends a
recognised one), its draft posted for opinions (`post_draft`, at least 30 days, Art. 9),
voted as an item-3 matter of the same neighbourhood (`link_vote`: refused before the
30 days are over), adopted when that matter passed (`adopt`: the matter's own rules hold
the quorum and the threshold on all households, Art. 10), its dossier sent to the ward
(`send_dossier`, due within 5 working days of the vote), and recognised (`recognise`) or
refused (`refuse_recognition`) by the ward within 5 working days of the dossier
(`democracy.recognise_matter`); the ward may later `suspend` or `annul` it.

On recognition the charter's yearly review on 18/11 (Art. 15) is created; the daily task
(tasks.py) creates each recognised charter's review of the current year, once.
A late dossier or recognition is a warning on the page and in the work list, not a
refusal: the ward records what happened.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.units.models import Level, Unit

from .. import rules
from ..models import Charter, CharterReview, Form, Item
from . import assign, check_can, check_unit, check_visible, clean_fields, not_future, refuse

RECOGNISE = "democracy.recognise_matter"
FIELDS = ("kind", "title", "amends")
S = Charter.Status


def _check_recogniser(by):
    if not by.has_perm(RECOGNISE):
        refuse(_("Only the ward's People's Committee records this."))


def _check_status(charter, *allowed):
    if charter.status not in allowed:
        refuse(
            _("This step is not possible while the charter is “%(status)s”.")
            % {"status": charter.get_status_display()}
        )


def _check_amends(by, charter, amends):
    if amends is None:
        return
    check_visible(by, amends, "amends")
    if amends.unit_id != charter.unit_id or amends.pk == charter.pk:
        refuse(_("An amendment amends another charter of the same neighbourhood."), "amends")


def _save(charter, by, action="wagtail.edit"):
    charter.save()
    log(charter, action, user=by)
    return charter


# Drafting ---------------------------------------------------------------------------------


@transaction.atomic
def create(by, *, unit, title, kind=Charter.Kind.QUY_UOC, amends=None):
    """A new charter's draft in a neighbourhood."""
    check_unit(by, Charter, unit)
    if unit.level != Level.NEIGHBOURHOOD:
        refuse(_("A village charter belongs to a neighbourhood: choose a neighbourhood."), "unit")
    charter = Charter(unit=unit, **clean_fields(Charter, {"title": title, "kind": kind}))
    _check_amends(by, charter, amends)
    charter.amends = amends
    return _save(charter, by, "wagtail.create")


@transaction.atomic
def update(charter, by, **fields):
    """Correct a charter's title, kind or the charter it amends."""
    check_can(by, charter, "change")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    if "amends" in fields:
        _check_amends(by, charter, fields["amends"])
    assign(charter, clean_fields(Charter, fields))
    return _save(charter, by)


@transaction.atomic
def amend(charter, by, *, title=None):
    """A new draft amending a recognised charter (counted as "amended" once recognised)."""
    check_can(by, charter, "change")
    _check_status(charter, S.RECOGNISED)
    return create(
        by,
        unit=charter.unit,
        title=title or _("Amendment of %(title)s") % {"title": charter.title},
        kind=charter.kind,
        amends=charter,
    )


@transaction.atomic
def post_draft(charter, by, on):
    """The draft is posted for the residents' opinions: the vote may come 30 days later."""
    check_can(by, charter, "change")
    _check_status(charter, S.DRAFT, S.POSTED)
    not_future(on)
    charter.draft_posted_on = on
    charter.status, charter.status_on = S.POSTED, on
    return _save(charter, by)


def vote_earliest_on(charter):
    if charter.draft_posted_on is None:
        return None
    return rules.charter_vote_earliest_on(charter.draft_posted_on)


def _vote_day(matter):
    return matter.decided_on or matter.meeting_on


@transaction.atomic
def link_vote(charter, by, matter):
    """The item-3 matter in which the households vote the charter: of the same
    neighbourhood, and not before the draft was posted 30 days (Decree 61 Art. 9)."""
    check_can(by, charter, "change")
    _check_status(charter, S.POSTED)
    check_visible(by, matter, "matter")
    if matter.item != Item.CHARTER or matter.unit_id != charter.unit_id:
        refuse(_("The vote must be an item-3 matter of the same neighbourhood."), "matter")
    earliest = vote_earliest_on(charter)
    day = _vote_day(matter)
    if day is None:
        refuse(_("Give the matter its meeting date first."), "matter")
    if day < earliest:
        refuse(
            _(
                "The draft must stay posted at least 30 days: the vote cannot be held "
                "before %(date)s."
            )
            % {"date": earliest.strftime("%d/%m/%Y")},
            "matter",
        )
    charter.matter = matter
    return _save(charter, by)


@transaction.atomic
def adopt(charter, by):
    """The households adopted the charter: its matter passed (more than half of all
    households, in a meeting with its quorum or a ballot after a failed quorum — the
    matter's own rules), on the matter's decision day."""
    check_can(by, charter, "change")
    _check_status(charter, S.POSTED)
    matter = charter.matter
    if matter is None:
        refuse(_("Link the vote (the item-3 matter) first."))
    if matter.passed is not True or not matter.decided_on:
        refuse(_("The vote has not passed: the charter cannot be adopted."))
    if matter.decided_form not in (Form.MEETING, Form.BALLOT):
        refuse(_("A charter is adopted in a meeting or, failing its quorum, by a ballot."))
    if matter.decided_on < vote_earliest_on(charter):
        refuse(_("The vote came before the draft had been posted 30 days."))
    charter.adopted_on = matter.decided_on
    charter.status, charter.status_on = S.ADOPTED, matter.decided_on
    return _save(charter, by)


def dossier_by(charter):
    return rules.send_by(charter.adopted_on) if charter.adopted_on else None


def recognise_by(charter):
    return rules.recognise_by(charter.dossier_on) if charter.dossier_on else None


@transaction.atomic
def send_dossier(charter, by, on):
    """The recognition dossier reached the ward (due within 5 working days of the vote)."""
    check_can(by, charter, "change")
    _check_status(charter, S.ADOPTED)
    not_future(on)
    if on < charter.adopted_on:
        refuse(_("The dossier is sent after the adoption."), "on")
    charter.dossier_on = on
    charter.status, charter.status_on = S.SUBMITTED, on
    return _save(charter, by)


def review_year(recognised_on):
    """The first review: this year's 18/11 if recognised before it, else next year's."""
    year = recognised_on.year
    return year if recognised_on < rules.charter_review_due(year) else year + 1


def _ensure_review(charter, year):
    review, _created = CharterReview.objects.get_or_create(
        charter=charter, year=year, defaults={"due_on": rules.charter_review_due(year)}
    )
    return review


@transaction.atomic
def recognise(charter, by, on):
    """The ward's People's Committee recognised the charter (Decree 61 Art. 11); its
    yearly review on 18/11 is created."""
    check_can(by, charter, "change")
    _check_recogniser(by)
    _check_status(charter, S.SUBMITTED)
    not_future(on)
    if on < charter.dossier_on:
        refuse(_("Recognition comes after the dossier."), "on")
    charter.recognised_on = on
    charter.refusal_reason = ""
    charter.status, charter.status_on = S.RECOGNISED, on
    _save(charter, by)
    _ensure_review(charter, review_year(on))
    return charter


@transaction.atomic
def refuse_recognition(charter, by, on, reason):
    """The ward refused recognition in writing, with its reasons."""
    check_can(by, charter, "change")
    _check_recogniser(by)
    _check_status(charter, S.SUBMITTED)
    not_future(on)
    reason = clean_fields(Charter, {"refusal_reason": reason or ""})["refusal_reason"]
    if not reason:
        refuse(_("Give the reasons for refusing."), "reason")
    charter.refusal_reason = reason
    charter.status, charter.status_on = S.REFUSED, on
    return _save(charter, by)


@transaction.atomic
def suspend(charter, by, on):
    check_can(by, charter, "change")
    _check_recogniser(by)
    _check_status(charter, S.RECOGNISED)
    not_future(on)
    charter.status, charter.status_on = S.SUSPENDED, on
    return _save(charter, by)


@transaction.atomic
def annul(charter, by, on):
    check_can(by, charter, "change")
    _check_recogniser(by)
    _check_status(charter, S.RECOGNISED, S.SUSPENDED)
    not_future(on)
    charter.status, charter.status_on = S.ANNULLED, on
    return _save(charter, by)


# Reviews ------------------------------------------------------------------------------------


@transaction.atomic
def add_review(by, *, charter, year, due_on=None, done_on=None, result=""):
    """A review recorded by hand (a year the task has not reached, or another agreed
    day, Decree 61 Art. 15): of a recognised charter, once a year."""
    if charter is None:
        refuse(_("Choose the charter."), "charter")
    check_can(by, charter, "change")
    if charter.status != S.RECOGNISED:
        refuse(_("Only a recognised charter is reviewed."), "charter")
    if not 2000 <= (year or 0) <= 2099:
        refuse(_("The year must be between 2000 and 2099."), "year")
    if CharterReview.objects.filter(charter=charter, year=year).exists():
        refuse(_("This charter's review of this year is already recorded."), "year")
    review = CharterReview(
        charter=charter, year=year, due_on=due_on or rules.charter_review_due(year)
    )
    _fill_review(review, done_on, result)
    review.save()
    log(review, "wagtail.create", user=by)
    return review


def _fill_review(review, done_on, result):
    not_future(done_on, "done_on")
    result = clean_fields(CharterReview, {"result": result or ""})["result"]
    if done_on and not result:
        refuse(_("Write the review's result."), "result")
    review.done_on, review.result = done_on, result


@transaction.atomic
def record_review(review, by, *, done_on=None, result="", due_on=None):
    """The yearly review was held (its day and result), or its due day moved."""
    check_can(by, review, "change")
    if due_on:
        review.due_on = due_on
    _fill_review(review, done_on, result)
    review.save()
    log(review, "wagtail.edit", user=by)
    return review


@transaction.atomic
def create_yearly_reviews(year):
    """Each recognised charter's review of `year` (recognised before that year's 18/11),
    created once: the daily task's work, idempotent. The number created."""
    due = rules.charter_review_due(year)
    charters = Charter.objects.filter(status=S.RECOGNISED, recognised_on__lt=due).exclude(
        reviews__year=year
    )
    created = [CharterReview(charter=c, year=year, due_on=due) for c in charters]
    CharterReview.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)


# The province's yearly counts (a read) ------------------------------------------------------

COUNTS = ("recognised", "refused", "amended", "suspended", "annulled")


@dataclass
class CountRow:
    unit: Unit
    recognised: int = 0
    refused: int = 0
    amended: int = 0
    suspended: int = 0
    annulled: int = 0

    def values(self):
        return [getattr(self, name) for name in COUNTS]


def _buckets(charter, year):
    """What a charter counts as in `year` (Decree 61 Art. 16)."""
    found = []
    if charter.recognised_on and charter.recognised_on.year == year:
        found.append("amended" if charter.amends_id else "recognised")
    on = charter.status_on
    if on and on.year == year:
        kind = {S.REFUSED: "refused", S.SUSPENDED: "suspended", S.ANNULLED: "annulled"}
        if charter.status in kind:
            found.append(kind[charter.status])
    return found


def _ward_of(unit, wards):
    for ward in wards:
        if unit.path.startswith(ward.path):
            return ward
    return None


def yearly_counts(user, year, top=None):
    """Per ward of the user's scope (under `top`), the charters recognised, refused,
    amended (a recognised amendment), suspended and annulled in `year`, and the total."""
    wards = scope.scoped(user, Unit).filter(level=Level.COMMUNE)
    charters = scope.scoped(user, Charter).select_related("unit")
    if top is not None:
        wards = wards.filter(path__startswith=top.path)
        charters = charters.filter(unit__path__startswith=top.path)
    wards = list(wards.order_by("path"))
    rows = {ward.pk: CountRow(ward) for ward in wards}
    total = CountRow(top)
    for charter in charters.filter(_in_year(year)):
        ward = _ward_of(charter.unit, wards)
        for bucket in _buckets(charter, year):
            if ward is not None:
                setattr(rows[ward.pk], bucket, getattr(rows[ward.pk], bucket) + 1)
            setattr(total, bucket, getattr(total, bucket) + 1)
    return list(rows.values()), total


def _in_year(year):
    """Charters with a recognition or a status dated in `year`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Q(recognised_on__range=(start, end)) | Q(status_on__range=(start, end))
