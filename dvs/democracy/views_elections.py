"""Back-office screens of elections, charters and conferences that are not plain
listings: an election's page with its clocks and the result form; a charter's page with
its lifecycle steps; the reviews due; the province's yearly counts (and their XLSX); the
year's conference tracking. Reads go through the getters or the scope helper, writes
through the actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, add_errors
from dvs.lib.spreadsheet import workbook_bytes

from . import getters
from .actions import charters as charter_actions
from .actions import conferences as conference_actions
from .actions import elections as election_actions
from .forms_elections import ElectionResultForm, LinkVoteForm, RefuseForm, StepForm, YearForm
from .models import Charter, CharterReview

S = Charter.Status


def _form_page(request, form, *, title, subtitle, back, done):
    if request.method == "POST" and form.is_valid():
        try:
            form.save_by(request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    context = {"page_title": title, "subtitle": subtitle, "cancel_url": back, "form": form}
    return TemplateResponse(request, "democracy/elections/form_page.html", context)


# An election's page ---------------------------------------------------------------------------


class ElectionInspectView(ScopedInspectView):
    template_name = "democracy/elections/election.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        election, user = self.object, self.request.user
        context.update(
            {
                "election": election,
                "clock": election_actions.clock_of(election, timezone.localdate()),
                "candidates": list(election.candidates.all()),
                "team": list(election.team.all()),
                "can_change": scope.can(user, election, "change"),
            }
        )
        return context


def election_result(request, pk):
    """The election's result: elected, votes, the vote's matter; recognition or re-run
    for the ward."""
    election = getters.get_election(request.user, pk, "change")
    form = ElectionResultForm(request.POST or None, election=election, user=request.user)
    return _form_page(
        request,
        form,
        title=_("Result of the election"),
        subtitle=str(election),
        back=reverse("headelection:inspect", args=[election.pk]),
        done=_("The result was recorded."),
    )


# A charter's page and its steps ------------------------------------------------------------------


class CharterInspectView(ScopedInspectView):
    template_name = "democracy/elections/charter.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        charter, user = self.object, self.request.user
        can_change = scope.can(user, charter, "change")
        ward = user.has_perm(charter_actions.RECOGNISE) and can_change
        status = charter.status
        steps = []
        if can_change and status in (S.DRAFT, S.POSTED):
            steps.append(("post", _("Draft posted")))
        if can_change and status == S.POSTED:
            steps += [("vote", _("Link the vote")), ("adopt", _("Adopted"))]
        if can_change and status == S.ADOPTED:
            steps.append(("dossier", _("Dossier sent")))
        if ward and status == S.SUBMITTED:
            steps += [
                ("recognise", pgettext("democracy", "Recognise")),
                ("refuse", _("Refuse recognition")),
            ]
        if ward and status == S.RECOGNISED:
            steps += [("suspend", pgettext("democracy", "Suspend")), ("amend", _("Amend"))]
        if ward and status in (S.RECOGNISED, S.SUSPENDED):
            steps.append(("annul", _("Annul")))
        context.update(
            {
                "charter": charter,
                "steps": steps,
                "can_change": can_change,
                "vote_earliest_on": charter_actions.vote_earliest_on(charter),
                "dossier_by": charter_actions.dossier_by(charter),
                "recognise_by": charter_actions.recognise_by(charter),
                "late_dossier": _late(charter.dossier_on, charter_actions.dossier_by(charter)),
                "late_recognition": _late(
                    charter.recognised_on, charter_actions.recognise_by(charter)
                ),
                "reviews": list(charter.reviews.all()),
                "matter_url": _matter_url(user, charter.matter),
            }
        )
        return context


def _late(done, due):
    today = timezone.localdate()
    return bool(due and ((done and done > due) or (not done and today > due)))


def _matter_url(user, matter):
    from dvs.accounts.viewsets import record_url

    return record_url(user, matter)


STEPS = {
    "post": (charter_actions.post_draft, _("Draft posted for opinions"), StepForm),
    "dossier": (charter_actions.send_dossier, _("Recognition dossier sent"), StepForm),
    "recognise": (charter_actions.recognise, _("Recognise the charter"), StepForm),
    "refuse": (None, _("Refuse recognition"), RefuseForm),
    "suspend": (charter_actions.suspend, _("Suspend the charter"), StepForm),
    "annul": (charter_actions.annul, _("Annul the charter"), StepForm),
}


def charter_step(request, pk, step):
    """One step of a charter's lifecycle on a day (the action checks who may)."""
    charter = getters.get_charter(request.user, pk, "change")
    back = reverse("charter:inspect", args=[charter.pk])
    if step == "vote":
        form = LinkVoteForm(request.POST or None, charter=charter, user=request.user)
        title = _("Link the vote")
    elif step in ("adopt", "amend"):
        return _post_only(request, charter, step, back)
    elif step in STEPS:
        action, title, form_class = STEPS[step]
        form = form_class(request.POST or None, charter=charter, step=action)
    else:
        raise PermissionDenied
    return _form_page(
        request, form, title=title, subtitle=str(charter), back=back, done=_("Saved.")
    )


def _post_only(request, charter, step, back):
    """Adoption and amendment take no input: a POST from the charter's page."""
    if request.method != "POST":
        return redirect(back)
    try:
        if step == "adopt":
            charter_actions.adopt(charter, request.user)
        else:
            new = charter_actions.amend(charter, request.user)
            back = reverse("charter:edit", args=[new.pk])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


# Reviews due -----------------------------------------------------------------------------------


@require_safe
def charter_reviews(request):
    """The yearly reviews not yet held, due or overdue first."""
    if not request.user.has_perm("democracy.view_charterreview"):
        raise PermissionDenied
    today = timezone.localdate()
    reviews = (
        scope.scoped(request.user, CharterReview)
        .filter(done_on__isnull=True)
        .select_related("charter", "charter__unit")
        .order_by("due_on", "pk")[:500]
    )
    rows = [(review, review.due_on < today) for review in reviews]
    return TemplateResponse(
        request,
        "democracy/elections/reviews.html",
        {"title": _("Charter reviews due"), "rows": rows},
    )


# The province's yearly counts ------------------------------------------------------------------


def _year(request):
    form = YearForm(request.GET or None)
    year = timezone.localdate().year
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    return form, year


def _count_headings():
    return [
        pgettext("democracy", "Recognised"),
        _("Refused"),
        _("Amended"),
        pgettext("democracy", "Suspended"),
        _("Annulled"),
    ]


@require_safe
def charter_counts(request):
    """Decree 61 Art. 16: per year and ward, the charters recognised, refused, amended,
    suspended, annulled (the province reports them by 30/11); `?format=xlsx` downloads."""
    if not request.user.has_perm("democracy.view_charter"):
        raise PermissionDenied
    form, year = _year(request)
    rows, total = charter_actions.yearly_counts(request.user, year)
    headings = _count_headings()
    if request.GET.get("format") == "xlsx":
        data = workbook_bytes(
            _("Charters %(year)s") % {"year": year},
            [pgettext("democracy", "Ward"), *headings],
            [[row.unit.name, *row.values()] for row in rows] + [[_("Total"), *total.values()]],
            width=18,
        )
        response = HttpResponse(
            data,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="charters-{year}.xlsx"'
        return response
    return TemplateResponse(
        request,
        "democracy/elections/counts.html",
        {
            "title": _("Village charters: yearly counts"),
            "form": form,
            "year": year,
            "headings": headings,
            "rows": rows,
            "total": total,
        },
    )


# The conferences of a year ---------------------------------------------------------------------


@require_safe
def conference_tracking(request):
    """For each neighbourhood in scope whether its community conference of the year was
    held, and for each ward its dialogue with residents; missing ones flagged."""
    if not request.user.has_perm("democracy.view_conference"):
        raise PermissionDenied
    form, year = _year(request)
    neighbourhoods, wards = conference_actions.tracking(request.user, year)
    return TemplateResponse(
        request,
        "democracy/elections/conferences.html",
        {
            "title": _("Conferences of the year"),
            "form": form,
            "year": year,
            "neighbourhoods": neighbourhoods,
            "wards": wards,
        },
    )


class ConferenceInspectView(ScopedInspectView):
    template_name = "democracy/elections/conference.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conference_warnings"] = conference_actions.warnings_of(self.object)
        return context
