"""Back-office screens of the cases app that are not plain listings: intake with
duplicate detection, the workflow steps, a denouncer's identity (logged), attachments,
the dashboard, and the reminders."""

import io
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.lib import charts
from dvs.lib.spreadsheet import xlsx_row
from dvs.units.models import Unit

from . import stats, workflow
from .forms import STEP_FORMS, STEP_LABELS, DashboardPeriodForm, IntakeForm, PetitionerFormSet
from .models import Attachment, Case, Reminder
from .rules import can_see_identity

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# Intake ------------------------------------------------------------------------------------


def intake(request):
    """Record a case; before saving, show earlier cases about the same matter, which the
    officer may link to instead of counting the matter twice."""
    _require(request, "cases.add_case")
    form = IntakeForm(request.POST or None, request.FILES or None, user=request.user)
    petitioners = PetitionerFormSet(
        request.POST or None, prefix="petitioner", form_kwargs={"user": request.user}
    )
    candidates = []
    if request.method == "POST" and form.is_valid() and petitioners.is_valid():
        data = form.cleaned_data
        people = [p for p in petitioners.cleaned_data if p and (p.get("name") or p.get("person"))]
        if link_to := request.POST.get("link_to"):
            original = scope.access(request.user, Case, link_to)
            return _record(request, form, people, link_to=original)
        if not request.POST.get("confirmed"):
            candidates = workflow.duplicate_candidates(
                user=request.user,
                content=data["content"],
                petitioner_names=[p["name"] for p in people],
                forwarded_reference=data["forwarded_reference"],
            )
        if not candidates:
            return _record(request, form, people)
    return TemplateResponse(
        request,
        "cases/intake.html",
        {"form": form, "petitioners": petitioners, "candidates": candidates},
    )


def _record(request, form, people, link_to=None):
    data = dict(form.cleaned_data)
    files = data.pop("attachments")
    identifying = data.pop("attachments_identifying")
    first = data.pop("first_case_code")
    try:
        with transaction.atomic():
            case = workflow.receive(
                petitioners=people,
                attachments=[(f, identifying) for f in files],
                by=request.user,
                first_case=first,
                **data,
            )
            if link_to is not None:
                workflow.link(case, link_to, by=request.user, on=case.received_on)
    except workflow.CaseError as error:
        form.add_error(None, error)
        return TemplateResponse(
            request,
            "cases/intake.html",
            {
                "form": form,
                "petitioners": PetitionerFormSet(
                    request.POST, prefix="petitioner", form_kwargs={"user": request.user}
                ),
            },
        )
    messages.success(request, _("Case %(code)s recorded.") % {"code": case.code})
    return redirect("case:inspect", case.pk)


# Workflow steps ------------------------------------------------------------------------------


def step(request, pk, name):
    if name not in STEP_FORMS:
        raise Http404
    case = scope.access(request.user, Case, pk, "handle")
    form_class = STEP_FORMS[name]
    extra = {"case": case} if name == "assign" else {}
    form = form_class(
        request.POST or None, initial={_date_field(form_class): timezone.localdate()}, **extra
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = getattr(workflow, name)(case, by=request.user, **form.cleaned_data)
        except workflow.CaseError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case %(code)s: done.") % {"code": case.code})
            for warning in getattr(done, "warnings", ()):
                messages.warning(request, warning)
            return redirect("case:inspect", case.pk)
    late_warning = workflow.late_extension_notice(case) if name == "extend" else ""
    return TemplateResponse(
        request,
        "cases/step.html",
        {
            "case": case,
            "form": form,
            "step": name,
            "label": STEP_LABELS[name],
            "late_warning": late_warning,
        },
    )


def _date_field(form_class):
    for field_name, _field in form_class.base_fields.items():
        if field_name.endswith("_on"):
            return field_name
    return None


# Protected identity and attachments ----------------------------------------------------------


@require_safe
def identity(request, pk):
    """The petitioners' identity: for a denunciation, only the handler and the leaders
    who must know see it, and every view is logged."""
    case = scope.access(request.user, Case, pk)
    try:
        people = case.reveal_identity(request.user)
    except PermissionDenied:
        raise Http404 from None
    return TemplateResponse(
        request,
        "cases/identity.html",
        {"case": case, "people": people, "show_id_number": all("id_number" in p for p in people)},
    )


@require_safe
def attachment(request, pk, attachment_id):
    case = scope.access(request.user, Case, pk)
    item = get_object_or_404(Attachment, pk=attachment_id, case=case)
    if item.identifying and not can_see_identity(request.user, case):
        raise Http404
    if item.identifying:
        from wagtail.log_actions import log

        log(case, "dvs.reveal", user=request.user, data={"fields": ["attachment"]})
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


# Dashboard and reports ---------------------------------------------------------------------


def _period(request):
    """The dashboard's period and its form; (None, None) when a date could not be read:
    the form says so, and no figures are shown for a period the user did not ask for."""
    today = timezone.localdate()
    form = DashboardPeriodForm(request.GET)
    if not form.is_valid():
        return None, None, form
    start = form.cleaned_data["start"] or date(today.year, 1, 1)
    end = form.cleaned_data["end"] or today
    return start, end, form


@require_safe
def dashboard(request):
    _require(request, "cases.view_case")
    start, end, form = _period(request)
    unit = None
    if code := request.GET.get("unit"):
        unit = get_object_or_404(scope.scoped(request.user, Unit), code=code)
    if start is None:
        context = {"form": form, "unit": unit}
        return TemplateResponse(request, "cases/dashboard.html", context)
    if start > end:
        messages.error(request, _("The period ends before it starts."))
        start, end = end, start
    # One view of the subtree for both: the figures, and the drill-down below it.
    area = stats.Area(request.user, unit or _top(request.user))
    figures = stats.summary(area, start, end)
    children = stats.by_child_unit(area, start, end)
    own = stats.own_row(area, figures, children)
    context = {
        "form": DashboardPeriodForm(initial={"start": start, "end": end}),
        "figures": figures,
        "children": children,
        "own": own,
        "area_unit": area.unit,
        "unit": unit,
        "start": start,
        "end": end,
        "long_running_months": stats.long_running_months(),
    }
    chart_list = dashboard_charts(area, start, end, figures, children)
    if request.GET.get("format") == "xlsx":
        if request.GET.get("chart"):
            return charts.xlsx_response(charts.chosen(request, chart_list), "bieu-do-don-thu.xlsx")
        return _xlsx(stats.summary_rows(figures, children, own, area.unit), "thong-ke-don-thu.xlsx")
    context["charts"] = charts.with_exports(request, chart_list)
    return TemplateResponse(request, "cases/dashboard.html", context)


def laggards(rows, worse_when_higher=True):
    """The labels of the rows doing worse than the average of the rows (ties are not
    flagged; nothing is flagged when all rows are equal)."""
    values = [value for _label, value in rows]
    if len(values) < 2:
        return set()
    average = sum(values) / len(values)
    return {
        label
        for label, value in rows
        if (value > average if worse_when_higher else value < average)
    }


def dashboard_charts(area, start, end, figures, children):
    """The dashboard's charts: received by month against the months before, by kind, by
    subject area, and the units below compared on their overdue cases."""
    previous_start, previous_end = stats.previous_months(start, end)
    now, before = stats.received_by_month_compared(area, start, end)
    this_period = _("This period")
    previous = _("Previous period (%(start)s–%(end)s)") % {
        "start": f"{previous_start:%m/%Y}",
        "end": f"{previous_end:%m/%Y}",
    }
    result = [
        charts.Chart(
            _("Cases received by month"),
            [
                (f"{month:%m/%Y}", [n, before[i] if i < len(before) else 0])
                for i, (month, n) in enumerate(now.items())
            ],
            series=[this_period, previous],
            label_header=_("Month"),
            slug="months",
            note=_(
                "Each month of the period beside the matching month of as many months just before it."
            ),
        ),
        charts.Chart(
            _("By kind"),
            [(label, n) for _key, label, n in figures.by_kind],
            series=[_("Received")],
            label_header=_("Kind"),
            slug="kind",
        ),
        charts.Chart(
            _("By subject area"),
            [(label, n) for _key, label, n in figures.by_area if n],
            series=[_("Received")],
            label_header=_("Subject area"),
            slug="area",
            empty_text=_("No cases received in the period."),
        ),
    ]
    if children:
        lagging = laggards([(child.pk, row["overdue"]) for child, row in children])
        query = f"&from={start:%Y-%m-%d}&to={end:%Y-%m-%d}"
        rows = sorted(children, key=lambda item: -item[1]["overdue"])
        result.append(
            charts.Chart(
                _("Overdue cases by unit"),
                [
                    charts.Row(
                        label=child.name,
                        values=[row["overdue"]],
                        url=f"?unit={child.code}{query}",
                        flag=_("Lagging behind") if child.pk in lagging else "",
                    )
                    for child, row in rows
                ],
                series=[_("Overdue")],
                label_header=_("Unit"),
                slug="units",
                limit=charts.LIMIT,
                note=_(
                    "Units with more overdue cases than the average of the units shown are marked as lagging behind."
                ),
            )
        )
    return result


def _top(user):
    tops = scope.top_units(user)
    return tops[0] if len(tops) == 1 else None


def _xlsx(rows, filename):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        # Labels may be lazy translations: written as the text they stand for.
        sheet.append(
            xlsx_row(
                sheet, [v if v is None or isinstance(v, (int, float)) else str(v) for v in row]
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def reminders(request):
    _require(request, "cases.view_case")
    mine = Reminder.objects.filter(user=request.user).select_related("case")[:100]
    Reminder.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return TemplateResponse(request, "cases/reminders.html", {"reminders": mine})


def case_url(case):
    return reverse("case:inspect", args=[case.pk])
