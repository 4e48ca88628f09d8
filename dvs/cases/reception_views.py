"""Back-office screens of citizen reception that are not model listings: the matters
raised at a session or dialogue recorded as cases in one step, and the compliance view
(with its Excel export)."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.lib.spreadsheet import xlsx_row

from . import reception, workflow
from .models import Dialogue, ReceptionDuty, ReceptionSession
from .reception_forms import MatterFormSet, PeriodForm, filled_matters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# Matters raised → cases -------------------------------------------------------------------


def session_cases(request, pk):
    session = scope.access(request.user, ReceptionSession, pk, "change")
    return _record_matters(
        request,
        session,
        title=_("Cases from the reception session of %(date)s")
        % {"date": session.held_on.strftime("%d/%m/%Y")},
        back_url=reverse("reception_session:inspect", args=[session.pk]),
    )


def dialogue_cases(request, pk):
    dialogue = scope.access(request.user, Dialogue, pk, "change")
    return _record_matters(
        request,
        dialogue,
        title=_("Cases from the dialogue “%(topic)s”") % {"topic": dialogue.topic},
        back_url=reverse("dialogue:inspect", args=[dialogue.pk]),
    )


def _record_matters(request, source, *, title, back_url):
    """One formset of matters, each a case; all are recorded or none (reception.create_cases)."""
    _require(request, "cases.add_case")
    rows = _row_count(request)
    formset = MatterFormSet(request.POST or None, prefix="matter")
    formset.extra = rows
    if request.method == "POST" and formset.is_valid():
        filled = filled_matters(formset)
        try:
            cases = reception.create_cases(
                source, [data for _form, data in filled], user=request.user
            )
        except reception.MattersError as error:
            for index, message in error.errors.items():
                filled[index][0].add_error(None, message)
            messages.error(request, _("Nothing was recorded: correct the rows marked below."))
        except workflow.CaseError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext("%(count)d case recorded.", "%(count)d cases recorded.", len(cases))
                % {"count": len(cases)},
            )
            return redirect(back_url)
    elif request.method == "POST":
        messages.error(request, _("Nothing was recorded: correct the rows marked below."))
    return TemplateResponse(
        request,
        "cases/reception/matters.html",
        {
            "title": title,
            "subtitle": source.unit.name,
            "source": source,
            "formset": formset,
            "back_url": back_url,
            "more_rows_url": f"?rows={min(rows + 5, MatterFormSet.max_num)}",
        },
    )


def _row_count(request):
    try:
        rows = int(request.GET.get("rows", 3))
    except ValueError:
        rows = 3
    return max(1, min(rows, MatterFormSet.max_num))


# Compliance -------------------------------------------------------------------------------


@require_safe
def compliance_view(request):
    """Reception days held against required, per leader and unit, for a period."""
    _require(request, "cases.view_receptionduty")
    form = PeriodForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        rows, start, end = [], None, None
    else:
        if not request.GET:
            form = PeriodForm({"preset": "month"}, user=request.user)
            form.is_valid()
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        duties = scope.scoped(request.user, ReceptionDuty)
        unit = form.cleaned_data.get("unit")
        if unit is not None:
            duties = duties.filter(unit__path__startswith=unit.path)
        rows = reception.compliance(duties, start, end)
        if request.GET.get("format") == "xlsx":
            return _compliance_workbook(rows, start, end)
    query = request.GET.copy()
    query["format"] = "xlsx"
    return TemplateResponse(
        request,
        "cases/reception/compliance.html",
        {
            "title": _("Reception compliance"),
            "subtitle": (f"{start:%d/%m/%Y} – {end:%d/%m/%Y}" if start and end else ""),
            "form": form,
            "rows": rows,
            "start": start,
            "end": end,
            "export_url": f"?{query.urlencode()}" if start else "",
        },
    )


COMPLIANCE_HEADINGS = [
    gettext_lazy("Unit"),
    gettext_lazy("Leader"),
    gettext_lazy("Position"),
    gettext_lazy("Required frequency"),
    gettext_lazy("Days required"),
    gettext_lazy("Periodic days held"),
    gettext_lazy("Shortfall"),
    gettext_lazy("Met"),
    gettext_lazy("Ad hoc days held"),
]


def _compliance_workbook(rows, start, end):
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Reception compliance"))
    sheet.append([_("Reception compliance"), f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"])
    sheet.append([str(heading) for heading in COMPLIANCE_HEADINGS])
    for row in rows:
        duty = row.duty
        sheet.append(
            xlsx_row(
                sheet,
                [
                    duty.unit.name,
                    str(duty.leader),
                    duty.get_position_display(),
                    f"{duty.days_required} {duty.get_per_display()}",
                    row.required,
                    row.held,
                    row.shortfall,
                    _("Yes") if row.ok else _("No"),
                    row.ad_hoc,
                ],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="tiep-cong-dan-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    return response
