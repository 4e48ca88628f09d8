"""The residents' side of consultations on the portal: the consultations open for opinions
(and the results published recently), each with its document, the days left and, while
the portal takes opinions, a form. One opinion per phone number (only its keyed hash is
kept), the hidden anti-robot field and the per-connection limit work as in
dvs/cases/public.py. No page shows who gave an opinion."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from dvs.lib import throttle
from dvs.lib.net import client_ip

from .actions import consultations as actions
from .forms_consultations import PublicOpinionForm
from .models import Consultation
from .views_consultations import count_rows, days_left, serve_document

RESULTS_SHOWN_DAYS = 90  # results published in the last 90 days stay on the list


def throttle_key(request):
    return f"democracy:opinion:{client_ip(request)}"


def over_limit(key):
    """Count one attempt from this connection; whether it goes past the hourly limit."""
    return throttle.hit(key, window=3600) > settings.DEMOCRACY_PUBLIC_OPINIONS_PER_HOUR


def public_consultations():
    """What the portal may show: published consultations and published results."""
    return Consultation.objects.filter(
        status__in=(Consultation.Status.OPEN, Consultation.Status.PUBLISHED),
        published_on__isnull=False,
    ).select_related("unit")


def _public(pk):
    consultation = public_consultations().filter(pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


@require_safe
def index(request):
    today = timezone.localdate()
    since = today - datetime.timedelta(days=RESULTS_SHOWN_DAYS)
    open_now = actions.portal_open(public_consultations(), today).order_by("closes_on", "pk")
    results = (
        public_consultations()
        .filter(status=Consultation.Status.PUBLISHED, result_published_on__gte=since)
        .order_by("-result_published_on", "-pk")
    )
    return TemplateResponse(
        request,
        "democracy/public/index.html",
        {
            "open_now": [(c, days_left(c, today)) for c in open_now],
            "results": results,
        },
    )


@never_cache
def detail(request, pk):
    consultation = _public(pk)
    accepting = actions.open_on_portal(consultation)
    form = PublicOpinionForm(request.POST or None) if accepting else None
    if request.method == "POST":
        if not accepting:
            raise Http404
        if form.is_valid():
            return _submit(request, consultation, form)
    return _page(request, consultation, form)


def _submit(request, consultation, form):
    data = form.cleaned_data
    if data["website"]:
        # A robot filled the hidden field: answer as if it worked, save nothing.
        return redirect("democracy_public_consultation_sent", pk=consultation.pk)
    # Counted in the database before the opinion is saved, as the cases' public form.
    key = throttle_key(request)
    if over_limit(key):
        form.add_error(
            None, _("Too many submissions from this connection. Please try again later.")
        )
        return _page(request, consultation, form)
    try:
        actions.submit_public_opinion(
            consultation,
            name=data["name"],
            address=data["address"],
            phone=data["phone"],
            stance=data["stance"],
            content=data["content"],
        )
    except ValidationError as error:
        throttle.give_back(key)
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _page(request, consultation, form)
    return redirect("democracy_public_consultation_sent", pk=consultation.pk)


def _page(request, consultation, form):
    context = {
        "consultation": consultation,
        "form": form,
        "days_left": days_left(consultation),
    }
    if consultation.status == Consultation.Status.PUBLISHED:
        by_stance, by_channel = count_rows(actions.counts(consultation))
        context.update({"by_stance": by_stance, "by_channel": by_channel})
    return TemplateResponse(request, "democracy/public/detail.html", context)


@never_cache
def sent(request, pk):
    consultation = _public(pk)
    return TemplateResponse(request, "democracy/public/sent.html", {"consultation": consultation})


@require_safe
def document(request, pk):
    """The draft document of a published consultation (private storage, served here)."""
    return serve_document(_public(pk))


urlpatterns = [
    path("lay-y-kien/", index, name="democracy_public_consultations"),
    path("lay-y-kien/<int:pk>/", detail, name="democracy_public_consultation"),
    path("lay-y-kien/<int:pk>/da-gui/", sent, name="democracy_public_consultation_sent"),
    path(
        "lay-y-kien/<int:pk>/tai-lieu/",
        document,
        name="democracy_public_consultation_document",
    ),
]
