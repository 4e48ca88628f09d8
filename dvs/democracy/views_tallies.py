"""Back-office screens of a matter's vote: the meeting (attendance checklist, then the
count, with the law's verdict on those present shown before anyone votes), the household
ballot (start, numbered ballots as PDF, returned-ballot checklist, the two entries side by
side, confirmation, the signed count record), the online vote (start with its printed
codes, a household's vote recorded by the team, closing, screenshot) and sending the
decision. Every read goes through getters.get_matter (missing and out of scope are both
404); every write through actions/tallies.py; a user who may read but not change the
matter gets 403 on a POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import add_errors

from . import documents_ballot, getters, rules
from .actions import tallies as actions
from .forms_tallies import (
    AttendanceForm,
    BallotStartForm,
    CloseForm,
    ConfirmForm,
    EntryForm,
    HouseholdVoteForm,
    MeetingVoteForm,
    OnlineStartForm,
    ReturnedForm,
    SendForm,
    UploadForm,
)
from .models import Matter, RollEntry


def matter_url(matter):
    """The matter's own page (part "matters"), or its tallies page until that exists."""
    try:
        return reverse("democracy_matter:inspect", args=[matter.pk])
    except NoReverseMatch:
        return reverse("democracy_matter_tallies", args=[matter.pk])


def _matter(request, pk):
    """The matter the user sees (else 404); a POST needs the right to change it (else
    403), checked again by the action."""
    matter = getters.get_matter(request.user, pk)
    if request.method not in ("GET", "HEAD", "POST"):
        raise PermissionDenied
    if request.method == "POST" and not scope.can(request.user, matter, "change"):
        raise PermissionDenied
    return matter


def _step(request, name):
    return request.method == "POST" and request.POST.get("step") == name


def _save(request, form, done):
    """Save a bound, valid form through its action; True when it was saved."""
    if not form.is_valid():
        return False
    try:
        form.save_by(request.user)
    except ValidationError as error:
        add_errors(form, error)
        return False
    messages.success(request, done)
    return True


def _page(request, template, matter, **context):
    context.update(
        {
            "matter": matter,
            "matter_url": matter_url(matter),
            "tallies_url": reverse("democracy_matter_tallies", args=[matter.pk]),
            "can_change": scope.can(request.user, matter, "change"),
        }
    )
    return TemplateResponse(request, f"democracy/tallies/{template}", context)


# The hub ----------------------------------------------------------------------------------


@require_safe
def tallies(request, pk):
    """The matter's vote at a glance: the panel the matter's page also shows."""
    matter = _matter(request, pk)
    return _page(request, "hub.html", matter, title=_("Vote and decision"))


# The meeting ------------------------------------------------------------------------------


def meeting(request, pk):
    matter = _matter(request, pk)
    here = reverse("democracy_matter_meeting", args=[matter.pk])
    post = request.POST if request.method == "POST" else None
    attendance = AttendanceForm(post if _step(request, "attendance") else None, matter=matter)
    if _step(request, "attendance") and _save(
        request, attendance, _("The attendance was recorded.")
    ):
        return redirect(here)
    matter.refresh_from_db()
    present = actions.present_count(matter)
    vote = MeetingVoteForm(post if _step(request, "vote") else None, matter=matter, present=present)
    if _step(request, "vote") and _save(request, vote, _("The meeting's vote was recorded.")):
        return redirect(here)
    if post and request.POST.get("step") not in ("attendance", "vote"):
        raise PermissionDenied
    evaluation = actions.meeting_evaluation(matter)
    return _page(
        request,
        "meeting.html",
        matter,
        title=_("Record the meeting"),
        attendance=attendance,
        vote=vote,
        roll=RollEntry.objects.filter(matter=matter).order_by("number"),
        present=present,
        evaluation=evaluation,
        required_yes=rules.required_yes(matter.item, matter.households or 0),
        ballot_allowed=actions.ballot_allowed(matter),
        problems=actions.meeting_problems(matter) if matter.meeting_held else {},
        open_for_vote=matter.status in (Matter.Status.OPEN,),
    )


# The household ballot ---------------------------------------------------------------------


def ballot_start(request, pk):
    matter = _matter(request, pk)
    form = BallotStartForm(request.POST or None, matter=matter)
    if request.method == "POST" and _save(request, form, _("The household ballot was started.")):
        return redirect("democracy_ballot", matter.pk)
    return _page(
        request,
        "ballot_start.html",
        matter,
        title=_("Household ballot"),
        form=form,
        allowed=actions.ballot_allowed(matter),
    )


def _latest_ballot(matter):
    ballot = matter.ballots.order_by("-id").first()
    if ballot is None:
        raise Http404
    return ballot


def ballot(request, pk):
    """A ballot's state and the forms of its count (one POST field `step` says which)."""
    matter = _matter(request, pk)
    ballot = matter.ballots.order_by("-id").first()
    if ballot is None:
        if request.method == "POST":
            raise Http404
        return redirect("democracy_ballot_start", matter.pk)
    here = reverse("democracy_ballot", args=[matter.pk])
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    forms = {
        "returned": ReturnedForm(
            post if _step(request, "returned") else None,
            matter=matter,
            ballot=ballot,
            initial={
                "returned": list(
                    RollEntry.objects.filter(matter=matter, ballot_returned=True).values_list(
                        "number", flat=True
                    )
                )
            },
        ),
        "entry": EntryForm(post if _step(request, "entry") else None, matter=matter, ballot=ballot),
        "confirm": ConfirmForm(
            post if _step(request, "confirm") else None, matter=matter, ballot=ballot
        ),
        "record": UploadForm(
            post if _step(request, "record") else None,
            files if _step(request, "record") else None,
            matter=matter,
            target=ballot,
        ),
    }
    done = {
        "returned": _("The returned ballots were recorded."),
        "entry": _("The count entry was saved."),
        "confirm": _("The count was confirmed and the matter decided."),
        "record": _("The signed count record was attached."),
    }
    if post is not None:
        step = request.POST.get("step")
        if step not in forms:
            raise PermissionDenied
        if _save(request, forms[step], done[step]):
            return redirect(here)
    first, second, match = actions.entries_state(ballot)
    matter.refresh_from_db()
    return _page(
        request,
        "ballot.html",
        matter,
        title=_("Household ballot"),
        ballot=ballot,
        forms=forms,
        first=first,
        second=second,
        match=match,
        roll=RollEntry.objects.filter(matter=matter).order_by("number"),
        not_returned=actions.not_returned(ballot),
        required_yes=rules.required_yes(matter.item, matter.households or 0),
    )


@require_safe
def ballot_print(request, pk):
    """One numbered ballot per household of the roll, as PDF (or DOCX without
    LibreOffice, with a header saying so)."""
    matter = _matter(request, pk)
    ballot = _latest_ballot(matter)
    content, kind = documents_ballot.ballots(ballot)
    response = HttpResponse(content, content_type=kind)
    extension = "pdf" if kind == "application/pdf" else "docx"
    response["Content-Disposition"] = (
        f'attachment; filename="phieu-lay-y-kien-{matter.pk}.{extension}"'
    )
    if extension == "docx":
        response["X-DVS-Note"] = "LibreOffice is not installed: DOCX served instead of PDF"
    response["Cache-Control"] = "no-store"
    return response


def _file(field):
    if not field:
        raise Http404
    handle = field.open("rb")
    head = handle.read(12)
    handle.seek(0)
    content_type = (
        "application/pdf"
        if head.startswith(b"%PDF")
        else "image/png"
        if head.startswith(b"\x89PNG")
        else "image/webp"
        if head.startswith(b"RIFF")
        else "image/jpeg"
    )
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def ballot_record(request, pk):
    """The signed count record (Form 04) of the matter's latest ballot."""
    matter = _matter(request, pk)
    return _file(_latest_ballot(matter).count_record)


# The online vote --------------------------------------------------------------------------


def online(request, pk):
    matter = _matter(request, pk)
    vote = matter.online_votes.order_by("-id").first()
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    if vote is None:
        form = OnlineStartForm(post, matter=matter)
        if post is not None and form.is_valid():
            try:
                vote, codes = form.save_by(request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                # The codes are shown this once, for printing: only their hashes are kept.
                return _page(
                    request,
                    "online_codes.html",
                    matter,
                    title=_("Household codes"),
                    vote=vote,
                    codes=codes,
                )
        return _page(
            request,
            "online_start.html",
            matter,
            title=_("Online vote"),
            form=form,
            allowed=matter.item == 6,
        )
    here = reverse("democracy_online", args=[matter.pk])
    forms = {
        "vote": HouseholdVoteForm(
            post if _step(request, "vote") else None, matter=matter, vote=vote
        ),
        "close": CloseForm(post if _step(request, "close") else None, matter=matter, vote=vote),
        "screenshot": UploadForm(
            post if _step(request, "screenshot") else None,
            files if _step(request, "screenshot") else None,
            matter=matter,
            target=vote,
        ),
    }
    done = {
        "vote": _("The household's vote was recorded."),
        "close": _("The online vote was closed and the matter decided."),
        "screenshot": _("The screenshot was attached."),
    }
    if post is not None:
        step = request.POST.get("step")
        if step not in forms:
            raise PermissionDenied
        if _save(request, forms[step], done[step]):
            return redirect(here)
    return _page(
        request,
        "online.html",
        matter,
        title=_("Online vote"),
        vote=vote,
        forms=forms,
        results=actions.online_results(vote),
        voted=vote.votes.exclude(choice="").select_related("roll_entry"),
        public_url=reverse("democracy_public_vote", args=[vote.pk]),
    )


@require_safe
def online_screenshot(request, pk):
    matter = _matter(request, pk)
    vote = matter.online_votes.order_by("-id").first()
    if vote is None:
        raise Http404
    return _file(vote.screenshot)


# Sending the decision ---------------------------------------------------------------------


def send(request, pk):
    matter = _matter(request, pk)
    form = SendForm(request.POST or None, matter=matter)
    if request.method == "POST" and _save(request, form, _("The decision was sent to the ward.")):
        return redirect("democracy_matter_tallies", matter.pk)
    return _page(
        request,
        "send.html",
        matter,
        title=_("Send the decision to the ward"),
        form=form,
        send_by=matter.send_by or (matter.decided_on and rules.send_by(matter.decided_on)),
    )


# The panel on the matter's page -----------------------------------------------------------


def panel_state(matter, user):
    """What the panel shows: the meeting and its verdict, the latest ballot with its two
    entries, the latest online vote with its results, the decision and its sending;
    buttons only for a user who may change the matter."""
    ballot = matter.ballots.order_by("-id").first()
    vote = matter.online_votes.order_by("-id").first()
    first = second = match = None
    if ballot:
        first, second, match = actions.entries_state(ballot)
    late = rules.lateness(matter.sent_on, matter.send_by)
    overdue = (
        matter.status == Matter.Status.DECIDED
        and matter.send_by
        and matter.send_by < timezone.localdate()
    )
    return {
        "matter": matter,
        "can_change": scope.can(user, matter, "change"),
        "open": matter.status in (Matter.Status.OPEN, Matter.Status.VOTING),
        "present": actions.present_count(matter) if matter.meeting_held else None,
        "evaluation": actions.meeting_evaluation(matter),
        "required_yes": rules.required_yes(matter.item, matter.households or 0),
        "ballot": ballot,
        "first": first,
        "second": second,
        "match": match,
        "entries": sum(1 for entry in (first, second) if entry),
        "vote": vote,
        "results": actions.online_results(vote) if vote else None,
        "late": late,
        "overdue": overdue,
        "decided": matter.status
        in (Matter.Status.DECIDED, Matter.Status.SENT, Matter.Status.RECOGNISED),
    }
