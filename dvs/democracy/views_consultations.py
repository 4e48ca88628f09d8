"""Back-office screens of consultations and disclosures that are not plain listings: a
consultation's page (its state, the days left, the counts by stance and channel, the
opinions, the result), the publish, close and result forms, the draft document's
download; a disclosure's page with its flags and loudspeaker days, the post, end and
loudspeaker forms; the quarterly list of disclosures and its XLSX file. Reads go through
the getters, writes through the actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, add_errors
from dvs.lib.spreadsheet import workbook_bytes

from . import getters, rules
from .actions import consultations as consultation_actions
from .actions import disclosures as disclosure_actions
from .forms_consultations import (
    CloseForm,
    EndForm,
    LoudspeakerForm,
    PostForm,
    PublishForm,
    QuarterForm,
    ResultForm,
)
from .models import Consultation, Disclosure, Opinion

VIEW_DISCLOSURE = "democracy.view_disclosure"


def dmy(day):
    return f"{day:%d/%m/%Y}" if day else "—"


# A consultation ---------------------------------------------------------------------------


def days_left(consultation, today=None):
    """Days until opinions stop being taken (0 on the last day), or None when not open."""
    if consultation.status != Consultation.Status.OPEN or not consultation.closes_on:
        return None
    return max((consultation.closes_on - (today or timezone.localdate())).days, 0)


def consultation_state(consultation, today=None):
    """What the lists and the work list say of a consultation."""
    today = today or timezone.localdate()
    if consultation.status == Consultation.Status.OPEN and consultation.closes_on < today:
        return _("Closing date passed on %(date)s: close it and write the synthesis") % {
            "date": dmy(consultation.closes_on)
        }
    if consultation.status == Consultation.Status.OPEN:
        return _("Open until %(date)s") % {"date": dmy(consultation.closes_on)}
    return consultation.get_status_display()


def count_rows(counts):
    stances = dict(Opinion.Stance.choices)
    channels = dict(Opinion.Channel.choices)
    return (
        [(stances[k], v) for k, v in counts["by_stance"].items()],
        [(channels[k], v) for k, v in counts["by_channel"].items() if v],
    )


class ConsultationInspectView(ScopedInspectView):
    template_name = "democracy/consultations/inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation, user = self.object, self.request.user
        counts = consultation_actions.counts(consultation)
        by_stance, by_channel = count_rows(counts)
        can_change = scope.can(user, consultation, "change")
        status = consultation.status
        Status = Consultation.Status
        context.update(
            {
                "consultation": consultation,
                "counts": counts,
                "by_stance": by_stance,
                "by_channel": by_channel,
                "majority": dict(Opinion.Stance.choices).get(counts["majority"]),
                "opinions": scope.scoped(user, consultation.opinions.all())[:200],
                "days_left": days_left(consultation),
                "state": consultation_state(consultation),
                "earliest_close": consultation.published_on
                and rules.consultation_closes_earliest_on(consultation.published_on),
                "can_change": can_change,
                "can_publish": can_change and status == Status.DRAFT,
                "can_add_opinion": status in (Status.OPEN, Status.CLOSED)
                and user.has_perm("democracy.add_opinion"),
                "can_close": can_change and status == Status.OPEN,
                "can_result": can_change and status == Status.CLOSED,
            }
        )
        return context


def _form_page(request, form, *, title, subtitle, back, done, intro=None):
    if request.method == "POST" and form.is_valid():
        try:
            form.save_by(request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    context = {
        "page_title": title,
        "subtitle": subtitle,
        "cancel_url": back,
        "form": form,
        "intro": intro,
    }
    return TemplateResponse(request, "democracy/consultations/form_page.html", context)


def _changeable_consultation(request, pk):
    return getters.get_consultation(request.user, pk, "change")


def publish(request, pk):
    consultation = _changeable_consultation(request, pk)
    form = PublishForm(request.POST or None, consultation=consultation)
    return _form_page(
        request,
        form,
        title=_("Publish the consultation"),
        subtitle=str(consultation),
        back=reverse("democracy_consultation:inspect", args=[pk]),
        done=_("The consultation is published."),
    )


def close(request, pk):
    consultation = _changeable_consultation(request, pk)
    form = CloseForm(request.POST or None, consultation=consultation)
    return _form_page(
        request,
        form,
        title=_("Close the consultation"),
        subtitle=str(consultation),
        back=reverse("democracy_consultation:inspect", args=[pk]),
        done=_("The consultation is closed: write the synthesis."),
    )


def result(request, pk):
    """The synthesis screen: the counts, whether the majority agrees, and the result."""
    consultation = _changeable_consultation(request, pk)
    counts = consultation_actions.counts(consultation)
    by_stance, by_channel = count_rows(counts)
    majority = dict(Opinion.Stance.choices).get(counts["majority"])
    form = ResultForm(request.POST or None, consultation=consultation)
    return _form_page(
        request,
        form,
        title=_("Synthesis and decision"),
        subtitle=str(consultation),
        back=reverse("democracy_consultation:inspect", args=[pk]),
        done=_("The synthesis is saved."),
        intro={"by_stance": by_stance, "by_channel": by_channel, "majority": majority},
    )


def serve_document(consultation):
    """The draft document under the name it was uploaded with, or 404 when there is none."""
    if not consultation.document:
        raise Http404
    name = consultation.document.name.rsplit("/", 1)[-1]
    return FileResponse(consultation.document.open("rb"), as_attachment=True, filename=name)


@require_safe
def document(request, pk):
    return serve_document(getters.get_consultation(request.user, pk))


# A disclosure -----------------------------------------------------------------------------


class DisclosureInspectView(ScopedInspectView):
    template_name = "democracy/consultations/disclosure_inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        disclosure = self.object
        can_change = scope.can(self.request.user, disclosure, "change")
        days = [d.on for d in disclosure.loudspeaker_days.all()]
        context.update(
            {
                "disclosure": disclosure,
                "flags": disclosure_actions.flags(disclosure),
                "days": days,
                "loudspeaker_needed": rules.loudspeaker_needed(disclosure.item),
                "permanent": disclosure.item in rules.PERMANENT_ITEMS,
                "earliest_end": disclosure.posted_from
                and rules.posting_ends_earliest_on(disclosure.item, disclosure.posted_from),
                "can_change": can_change,
            }
        )
        return context


def flags_text(disclosure):
    return " ".join(text for _key, text in disclosure_actions.flags(disclosure)) or "—"


def _changeable_disclosure(request, pk):
    return getters.get_disclosure(request.user, pk, "change")


def post(request, pk):
    disclosure = _changeable_disclosure(request, pk)
    return _form_page(
        request,
        PostForm(request.POST or None, disclosure=disclosure),
        title=_("Record the posting"),
        subtitle=str(disclosure),
        back=reverse("democracy_disclosure:inspect", args=[pk]),
        done=_("The posting is recorded."),
    )


def end(request, pk):
    disclosure = _changeable_disclosure(request, pk)
    return _form_page(
        request,
        EndForm(request.POST or None, disclosure=disclosure),
        title=_("End the posting"),
        subtitle=str(disclosure),
        back=reverse("democracy_disclosure:inspect", args=[pk]),
        done=_("The end of the posting is recorded."),
    )


def loudspeaker(request, pk):
    disclosure = _changeable_disclosure(request, pk)
    return _form_page(
        request,
        LoudspeakerForm(request.POST or None, disclosure=disclosure),
        title=_("Loudspeaker days"),
        subtitle=str(disclosure),
        back=reverse("democracy_disclosure:inspect", args=[pk]),
        done=_("The loudspeaker days are updated."),
    )


# The quarterly list ------------------------------------------------------------------------


def quarterly_rows(user, year, quarter):
    queryset = scope.scoped(user, Disclosure).select_related("unit")
    queryset = disclosure_actions.in_quarter(queryset, year, quarter)
    return list(
        queryset.prefetch_related("loudspeaker_days").order_by("unit__path", "decided_on", "pk")
    )


def _means(disclosure):
    names = [
        (disclosure.on_notice_board, _("notice board")),
        (disclosure.on_loudspeaker, _("loudspeaker")),
        (disclosure.on_portal, _("portal")),
        (disclosure.at_meeting, _("meeting")),
    ]
    return ", ".join(str(label) for on, label in names if on)


QUARTERLY_HEADER = (
    gettext_lazy("Unit"),
    gettext_lazy("Item"),
    gettext_lazy("What is disclosed"),
    gettext_lazy("Decided on"),
    gettext_lazy("To be disclosed by"),
    gettext_lazy("Means"),
    gettext_lazy("Where posted"),
    gettext_lazy("Posted from"),
    gettext_lazy("Posted until"),
    gettext_lazy("Responsible person"),
    gettext_lazy("Warnings"),
)


def quarterly_table(rows):
    return [
        [
            d.unit.name,
            d.item,
            d.title,
            dmy(d.decided_on),
            dmy(d.disclose_by),
            _means(d),
            d.place,
            dmy(d.posted_from),
            dmy(d.posted_to) if d.posted_to else "",
            d.responsible,
            flags_text(d),
        ]
        for d in rows
    ]


@require_safe
def quarterly(request):
    """ "Danh mục công khai hằng quý": the entries of a quarter, per unit; ?export=xlsx
    gives the file to post (Art. 12)."""
    if not request.user.has_perm(VIEW_DISCLOSURE):
        raise PermissionDenied
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("year", str(today.year))
    data.setdefault("quarter", str((today.month - 1) // 3 + 1))
    form = QuarterForm(data)
    rows = []
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        rows = quarterly_rows(request.user, year, quarter)
        if request.GET.get("export") == "xlsx":
            header = [str(h) for h in QUARTERLY_HEADER]
            body = workbook_bytes(
                _("Disclosures Q%(q)s-%(y)s") % {"q": quarter, "y": year},
                header,
                quarterly_table(rows),
                width=22,
            )
            response = HttpResponse(
                body,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="cong-khai-quy-{quarter}-{year}.xlsx"'
            )
            return response
    return TemplateResponse(
        request,
        "democracy/consultations/quarterly.html",
        {
            "title": _("Quarterly list of disclosures"),
            "form": form,
            "rows": [(d, _means(d), disclosure_actions.flags(d)) for d in rows],
            "query": request.GET.urlencode(),
        },
    )
