"""Back-office screens of matters that are not plain listings: a matter's page (roll,
initiative, meeting kit with its warnings, the tallies part's panel, decision, sending and
recognition with their due dates, reviews), the forms that open it, correct its roll, add
consents and record the ward's answer, the roll (paginated, and as XLSX), the meeting
kit's DOCX and the calculator "Tính tỷ lệ và thời hạn". Every read goes through
getters.get_matter, every write through actions/matters.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
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

from . import documents, documents_meeting, rules
from .actions import matters as actions
from .forms_matters import (
    ConsentForm,
    CorrectRollForm,
    EvaluateForm,
    OpenForm,
    ReceiveForm,
    RecogniseForm,
)
from .getters import get_matter
from .models import Item, Matter, Proposer

PERMISSION = "democracy.view_matter"
ROLL_PAGE = 100


def dmy(day):
    return day.strftime("%d/%m/%Y") if day else "—"


# What a matter's page says ---------------------------------------------------------------


def kit_warnings(matter):
    """The meeting kit's warnings: the notice and (items 1–3) the documents must be out
    by rules.notice_by; late ones are flagged with their date."""
    if not matter.meeting_on:
        return []
    due = rules.notice_by(matter.meeting_on)
    warnings = []
    needs_documents = matter.item in (Item.CONTRIBUTION, Item.FUND, Item.CHARTER)
    checks = [(matter.notice_on, _("The notice must be issued by %(date)s."))]
    if needs_documents:
        checks.append(
            (matter.documents_on, _("The documents must reach each household by %(date)s."))
        )
    for done, message in checks:
        late = rules.lateness(done, due)
        if done is None or late:
            warnings.append(message % {"date": dmy(due)} + (f" {late}" if late else ""))
    return warnings


def send_state(matter, today=None):
    """(due date, late or overdue text) of the sending to the ward (Art. 20(3))."""
    decided = matter.decided_on
    if not decided:
        return None, None
    due = matter.send_by or rules.send_by(decided)
    today = today or timezone.localdate()
    if matter.sent_on:
        return due, rules.lateness(matter.sent_on, due)
    if today > due:
        return due, _("Not sent: it was due by %(date)s.") % {"date": dmy(due)}
    return due, None


def recognition_state(matter, today=None):
    """(body, due date, late or overdue text) of the ward's recognition (Art. 21(2))."""
    body = rules.recognising_body(matter.item)
    if body is None or not matter.received_on:
        return body, None, None
    due = matter.recognise_by or rules.recognise_by(matter.received_on)
    today = today or timezone.localdate()
    if matter.recognised_on:
        return body, due, rules.lateness(matter.recognised_on, due)
    if today > due:
        return body, due, _("Not recognised: it was due by %(date)s.") % {"date": dmy(due)}
    return body, due, None


def effect_date(matter):
    if matter.effective_on:
        return matter.effective_on
    if matter.decided_on and matter.passed:
        return rules.effective_on(matter.item, matter.decided_on, matter.recognised_on)
    return None


def summary(matter, user):
    """What the page and the API both show of a matter beyond its fields."""
    initiative = None
    if matter.proposer == Proposer.CITIZENS:
        state = actions.initiative_state(matter, matter.opened_on)
        initiative = {"state": state, "message": actions.initiative_message(state)}
    body, recognise_due, recognise_late = recognition_state(matter)
    send_due, send_late = send_state(matter)
    threshold = rules.required_yes(matter.item, matter.households) if matter.households else None
    return {
        "initiative": initiative,
        "kit_warnings": kit_warnings(matter),
        "notice_by": rules.notice_by(matter.meeting_on) if matter.meeting_on else None,
        "threshold": threshold,
        "roll_count": matter.roll.count(),
        "send_due": send_due,
        "send_late": send_late,
        "body": body,
        "recognise_due": recognise_due,
        "recognise_late": recognise_late,
        "effective_on": effect_date(matter),
    }


class MatterInspectView(ScopedInspectView):
    template_name = "democracy/matters/inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        matter, user = self.object, self.request.user
        can_change = scope.can(user, matter, "change")
        status = matter.status
        ward = user.has_perm(actions.RECOGNISE) and can_change
        body = rules.recognising_body(matter.item)
        context.update(summary(matter, user))
        context.update(
            {
                "matter": matter,
                "can_change": can_change and status not in actions.DECIDED,
                "can_open": can_change and status == Matter.Status.DRAFT,
                "can_correct": can_change and status in (Matter.Status.OPEN, Matter.Status.VOTING),
                "can_consent": can_change
                and status == Matter.Status.DRAFT
                and matter.proposer == Proposer.CITIZENS,
                "can_receive": ward
                and status in (Matter.Status.DECIDED, Matter.Status.SENT)
                and not matter.received_on,
                "can_recognise": ward
                and body is not None
                and status == Matter.Status.SENT
                and matter.received_on,
                "consents": matter.consents.all()[:200],
                "reviews": scope.scoped(user, matter.reviews.all()),
                "is_citizens": matter.proposer == Proposer.CITIZENS,
            }
        )
        return context


# Forms on a matter ----------------------------------------------------------------------


def _changeable(request, pk, permission=None):
    """A matter the user sees (else 404) and may change (else 403)."""
    matter = get_matter(request.user, pk)
    if not scope.can(request.user, matter, "change"):
        raise PermissionDenied
    if permission and not request.user.has_perm(permission):
        raise PermissionDenied
    return matter


def _form_page(request, matter, form, *, title, done, intro=""):
    back = reverse("democracy_matter:inspect", args=[matter.pk])
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
        "subtitle": str(matter),
        "cancel_url": back,
        "form": form,
        "intro": intro,
    }
    return TemplateResponse(request, "democracy/matters/form_page.html", context)


def open_matter(request, pk):
    """ "Chốt danh sách hộ": freeze the roll and open the matter."""
    matter = _changeable(request, pk)
    form = OpenForm(request.POST or None, matter=matter, initial={"on": timezone.localdate()})
    return _form_page(
        request,
        matter,
        form,
        title=_("Open the matter and freeze the roll"),
        done=_("The roll is frozen and the matter is open."),
        intro=_(
            "Every current household of the unit is put on the roll, numbered in address order; the thresholds count on all of them."
        ),
    )


def correct_roll(request, pk):
    matter = _changeable(request, pk)
    form = CorrectRollForm(
        request.POST or None, matter=matter, initial={"households": matter.households}
    )
    return _form_page(
        request,
        matter,
        form,
        title=_("Correct the roll"),
        done=_("The roll was corrected."),
    )


def add_consent(request, pk):
    matter = _changeable(request, pk)
    form = ConsentForm(request.POST or None, matter=matter, user=request.user)
    return _form_page(
        request,
        matter,
        form,
        title=_("Add a household's consent"),
        done=_("The consent was added."),
    )


def receive(request, pk):
    matter = _changeable(request, pk, actions.RECOGNISE)
    form = ReceiveForm(request.POST or None, matter=matter)
    return _form_page(
        request,
        matter,
        form,
        title=_("Decision received by the ward"),
        done=_("The receipt was recorded."),
    )


def recognise(request, pk):
    matter = _changeable(request, pk, actions.RECOGNISE)
    body = rules.recognising_body(matter.item)
    form = RecogniseForm(request.POST or None, matter=matter)
    intro = _("Recognised by: %(body)s.") % {"body": body.label} if body else ""
    return _form_page(
        request,
        matter,
        form,
        title=_("Recognition of the decision"),
        done=_("The ward's answer was recorded."),
        intro=intro,
    )


# The roll ------------------------------------------------------------------------------


@require_safe
def roll(request, pk):
    """The frozen roll, a page at a time (a ward may have thousands of households)."""
    matter = get_matter(request.user, pk)
    page = Paginator(matter.roll.order_by("number"), ROLL_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "democracy/matters/roll.html",
        {"title": _("Roll of households"), "matter": matter, "page": page},
    )


@require_safe
def roll_xlsx(request, pk):
    matter = get_matter(request.user, pk)
    header = [
        _("Number"),
        _("Address"),
        _("Household representative"),
        _("Present"),
        _("Ballot returned"),
    ]
    rows = (
        (e.number, e.address, e.representative, _yes(e.present), _yes(e.ballot_returned))
        for e in matter.roll.order_by("number").iterator()
    )
    content = workbook_bytes(_("Roll of households"), header, rows, width=30)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="danh-sach-ho-{matter.pk}.xlsx"'
    return response


def _yes(value):
    return _("Yes") if value else ""


# The meeting kit ----------------------------------------------------------------------


@require_safe
def document(request, pk, kind):
    """Form 01, 02 or 03 of the matter as DOCX, through the getter like every read."""
    matter = get_matter(request.user, pk)
    if kind not in documents_meeting.DOCUMENTS:
        from django.http import Http404

        raise Http404
    build, name = documents_meeting.DOCUMENTS[kind]
    response = HttpResponse(build(matter), content_type=documents.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{matter.pk}.docx"'
    return response


# The calculator ------------------------------------------------------------------------


@require_safe
def calculator(request):
    """ "Tính tỷ lệ và thời hạn": rules.evaluate and rules.timeline on typed numbers and
    dates. It reads no row."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = EvaluateForm(request.GET or None)
    evaluation = dates = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        evaluation = rules.evaluate(
            data["item"],
            data["households"],
            present=data.get("present"),
            yes=data.get("yes"),
            form=data.get("form") or "meeting",
            optin_yes=data.get("optin_yes"),
        )
        dates = [
            (TIMELINE_LABELS.get(key, key), value)
            for key, value in rules.timeline(
                meeting_on=data.get("meeting_on"),
                ballot_closed_on=data.get("ballot_closed_on"),
                received_on=data.get("received_on"),
            ).items()
        ]
    return TemplateResponse(
        request,
        "democracy/matters/calculator.html",
        {
            "title": _("Thresholds and deadlines"),
            "form": form,
            "evaluation": evaluation,
            "dates": dates,
        },
    )


TIMELINE_LABELS = {
    "notice_by": gettext_lazy("Notice and documents by"),
    "send_by": gettext_lazy("Decision sent to the ward by"),
    "recognise_by": gettext_lazy("Recognition due by"),
}
