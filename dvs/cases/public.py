"""The citizen's side on the portal: send a petition or feedback, then follow it by its
tracking code (steps and dates only: no internal notes, no names)."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from dvs.lib import throttle
from dvs.lib.net import client_ip

from . import workflow
from .forms import PublicSubmissionForm, TrackForm
from .models import Case, Channel, Event, Status

# Steps a citizen sees, in the words of the timeline.
PUBLIC_STEPS = {
    Event.Kind.RECEIVED,
    Event.Kind.ACCEPTED,
    Event.Kind.FORWARDED,
    Event.Kind.GUIDED,
    Event.Kind.ARCHIVED,
    Event.Kind.EXTENDED,
    Event.Kind.SUSPENDED,
    Event.Kind.RESUMED,
    Event.Kind.CONCLUDED,
    Event.Kind.NOTIFIED,
    Event.Kind.LINKED,
}


@never_cache
def submit(request):
    form = PublicSubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            # A robot filled the hidden field: answer as if it worked, save nothing.
            return redirect("cases_public_sent", code="0000000000")
        # Counted in the database before the case is saved, so the limit holds across
        # workers and processes and parallel submissions cannot slip past it.
        key = f"cases:public:{client_ip(request)}"
        if throttle.hit(key, window=3600) > settings.CASE_PUBLIC_SUBMISSIONS_PER_HOUR:
            form.add_error(
                None, _("Too many submissions from this connection. Please try again later.")
            )
            return TemplateResponse(request, "cases/public/submit.html", {"form": form})
        try:
            with transaction.atomic():
                case = workflow.receive(
                    unit=data["unit"],
                    kind=data["kind"],
                    channel=Channel.PORTAL,
                    received_on=timezone.localdate(),
                    subject_area=data["subject_area"],
                    content=data["content"],
                    petitioners=[{k: data[k] for k in ("name", "address", "phone", "email")}],
                    attachments=data["attachments"],
                )
        except workflow.CaseError as error:
            throttle.give_back(key)
            form.add_error(None, error)
        else:
            return redirect("cases_public_sent", code=case.code)
    return TemplateResponse(request, "cases/public/submit.html", {"form": form})


@never_cache
def sent(request, code):
    return TemplateResponse(request, "cases/public/sent.html", {"code": code})


def next_step(case):
    """(what happens next, the date it is expected by or None) as a citizen reads it, or
    None for a case closed here. The date is the statutory deadline the office works to."""
    if case.status == Status.RECEIVED:
        return _("Decision whether to accept the case"), case.accept_by
    if case.status == Status.ACCEPTED:
        return _("Conclusion of the case"), case.resolve_by
    if case.status == Status.SUSPENDED:
        return _("Handling is suspended; it resumes when the reason for the suspension ends"), None
    if case.status == Status.CONCLUDED:
        return _("Notification of the result to the petitioner"), None
    return None


def unit_in_charge(case):
    """The unit handling the case: the agency it was forwarded to, else the ward or
    commune (never a person)."""
    if case.status == Status.FORWARDED and case.forwarded_to:
        return case.forwarded_to
    return case.unit.name


@never_cache
def track(request):
    form = TrackForm(request.GET or None)
    case, steps, context = None, [], {}
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        case = Case.objects.filter(code=code).select_related("unit").first()
        if case is None:
            form.add_error("code", _("No case has this tracking code. Check it and try again."))
        else:
            steps = [e for e in case.events.all() if e.kind in PUBLIC_STEPS]
            context = {"unit_in_charge": unit_in_charge(case), "next_step": next_step(case)}
    return TemplateResponse(
        request,
        "cases/public/track.html",
        {"form": form, "case": case, "steps": steps, **context},
    )


urlpatterns = [
    path("gui-phan-anh/", submit, name="cases_public_submit"),
    path("gui-phan-anh/da-gui/<str:code>/", sent, name="cases_public_sent"),
    path("tra-cuu-ho-so/", track, name="cases_public_track"),
]
