"""Back-office screens of the people app that are not plain model listings: the import
wizard, coverage, duplicates, and the person's record with its sensitive data."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.accounts.models import AuditEntry
from dvs.lib import charts, legacy
from dvs.lib.spreadsheet import xlsx_row
from dvs.units.models import Unit

from . import importing
from .actions import (
    check_import,
    commit_import,
    duplicate_candidates,
    merge_people,
    start_import,
)
from .forms import ImportUploadForm, MappingForm
from .models import ImportJob, Person, can_see_sensitive
from .stats import membership_stats

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# Import wizard --------------------------------------------------------------------------


@require_safe
def import_list(request):
    _require(request, "people.import_person")
    jobs = scope.scoped(request.user, ImportJob).select_related("unit", "created_by")[:50]
    return TemplateResponse(request, "people/import_list.html", {"jobs": jobs})


def import_new(request):
    _require(request, "people.import_person")
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = start_import(
                by=request.user, unit=form.cleaned_data["unit"], file=form.cleaned_data["file"]
            )
        except importing.ImportError_ as error:
            form.add_error("file", str(error))
        else:
            return redirect("people_import_mapping", job.pk)
    return TemplateResponse(request, "people/import_new.html", {"form": form})


def _job(request, pk):
    _require(request, "people.import_person")
    return scope.access(request.user, ImportJob, pk)


def import_mapping(request, pk):
    job = _job(request, pk)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED):
        return redirect("people_import_detail", job.pk)
    table = importing.load_table(job, limit=importing.PREVIEW_ROWS)
    samples = [
        [_sample(row[i], table.encodings.get(str(i))) for _n, row in table.rows[:4]]
        for i in range(len(table.headers))
    ]
    form = MappingForm(
        request.POST or None,
        headers=table.headers,
        samples=samples,
        mapping=table.mapping,
        encodings=table.encodings,
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_import(job, by=request.user, headers=table.headers, mapping=form.mapping())
        except importing.ImportError_ as error:
            form.add_error(None, str(error))
        else:
            return redirect("people_import_detail", job.pk)
    return TemplateResponse(
        request,
        "people/import_mapping.html",
        {"job": job, "form": form},
    )


def _sample(value, encoding):
    """A cell as the import will read it (legacy fonts already converted)."""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and encoding:
        value = legacy.to_unicode(value, encoding)
    return "" if value is None else str(value)[:40]


@require_safe
def import_detail(request, pk):
    job = _job(request, pk)
    running = job.status in (ImportJob.Status.VALIDATING, ImportJob.Status.IMPORTING)
    return TemplateResponse(
        request,
        "people/import_detail.html",
        {"job": job, "running": running, "errors": job.errors[:100]},
    )


@require_POST
def import_commit(request, pk):
    job = _job(request, pk)
    try:
        commit_import(job, by=request.user)
    except importing.ImportError_ as error:
        messages.error(request, str(error))
    return redirect("people_import_detail", job.pk)


@require_safe
def import_errors(request, pk):
    """The rejected rows with their cells: protected data, for roles that may see it."""
    job = _job(request, pk)
    if not scope.writable_anchor(request.user, Person, "view_sensitive").filter(pk=job.unit_id):
        raise Http404
    response = HttpResponse(importing.error_report(job), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="loi-nhap-{job.pk}.xlsx"'
    return response


# Coverage and duplicates ----------------------------------------------------------------


def _unit_from_request(request):
    tops = scope.top_units(request.user)
    if not tops:
        raise PermissionDenied
    code = request.GET.get("unit")
    if code:
        return scope.scoped(request.user, Unit).filter(code=code).first() or tops[0]
    return tops[0]


@require_safe
def coverage(request):
    _require(request, "people.view_membership")
    unit = _unit_from_request(request)
    rows = membership_stats(request.user, unit)
    children = list(
        scope.scoped(request.user, Unit).filter(path__startswith=unit.path, depth=unit.depth + 1)
    )
    chart_list = coverage_charts(unit, rows, children)
    if request.GET.get("format") == "xlsx":
        table = (
            _("Members and coverage"),
            [
                _("Organisation"),
                _("Unit"),
                _("Members"),
                _("Eligible residents"),
                _("Coverage (%)"),
            ],
            [
                (
                    r["organisation"].name,
                    r["organisation"].unit.name,
                    r["members"],
                    r["eligible"],
                    r["coverage"],
                )
                for r in rows
            ],
        )
        chosen = charts.chosen(request, chart_list)
        extra = [] if request.GET.get("chart") else [table]
        return charts.xlsx_response(chosen, f"do-bao-phu-{unit.code}.xlsx", extra)
    return TemplateResponse(
        request,
        "people/coverage.html",
        {
            "unit": unit,
            "rows": rows,
            "children": children,
            "charts": charts.with_exports(request, chart_list),
            "export_url": f"?unit={unit.code}&format=xlsx",
        },
    )


def coverage_charts(unit, rows, children):
    """Coverage of the unit's own organisations, and of the units one level below (their
    organisations' members over their eligible residents), the units below the average
    marked as lagging behind. Organisations without an eligibility rule are left out."""
    own = [r for r in rows if r["organisation"].unit_id == unit.pk and r["coverage"] is not None]
    by_child = []
    for child in children:
        counted = [r for r in rows if r["organisation"].unit_id == child.pk and r["eligible"]]
        eligible = sum(r["eligible"] for r in counted)
        if eligible:
            members = sum(r["members"] for r in counted)
            by_child.append((child, round(100 * members / eligible, 1)))
    average = sum(c for _child, c in by_child) / len(by_child) if by_child else 0
    series = [_("Coverage (%)")]
    return [
        charts.Chart(
            _("Coverage by organisation"),
            [(r["organisation"].name, r["coverage"]) for r in own],
            series=series,
            label_header=_("Organisation"),
            slug="organisations",
            empty_text=_("No organisation of this unit has an eligibility rule."),
        ),
        charts.Chart(
            _("Coverage by unit below"),
            [
                charts.Row(
                    label=child.name,
                    values=[value],
                    url=f"?unit={child.code}",
                    flag=_("Lagging behind") if len(by_child) > 1 and value < average else "",
                )
                for child, value in sorted(by_child, key=lambda item: item[1])
            ],
            series=series,
            label_header=_("Unit"),
            slug="units",
            limit=charts.LIMIT,
            empty_text=_("No unit below with eligible residents."),
            note=_(
                "The members of each unit's organisations over their eligible residents; units below the average are marked as lagging behind."
            ),
        ),
    ]


@require_safe
def duplicates(request):
    _require(request, "people.change_person")
    unit = _unit_from_request(request)
    return TemplateResponse(
        request,
        "people/duplicates.html",
        {"unit": unit, "groups": duplicate_candidates(request.user, unit)},
    )


@require_POST
def merge(request):
    _require(request, "people.change_person")
    keep = scope.access(request.user, Person, request.POST.get("keep"), "change")
    drop = scope.access(request.user, Person, request.POST.get("drop"), "change")
    if keep.pk == drop.pk:
        messages.error(request, _("Choose two different records."))
    else:
        merge_people(keep, drop, by=request.user)
        messages.success(request, _("The records were merged into %(name)s.") % {"name": keep})
    return redirect("people_duplicates")


# A person's record ----------------------------------------------------------------------


@require_safe
def person_sensitive(request, pk):
    """Reveal a person's ID number, ethnicity and religion (logged), for roles allowed."""
    person = scope.access(request.user, Person, pk)
    if not can_see_sensitive(request.user, person):
        raise Http404
    values = person.reveal(request.user)
    viewers = (
        AuditEntry.objects.filter(
            content_type__model="person", object_id=str(person.pk), action="dvs.reveal"
        )
        .select_related("user")
        .order_by("-timestamp")[:50]
    )
    return TemplateResponse(
        request,
        "people/person_sensitive.html",
        {"person": person, "values": values, "viewers": viewers},
    )


@require_safe
def export_sensitive(request):
    """The filtered resident list with sensitive columns, for roles allowed; logged."""
    import openpyxl

    _require(request, "people.view_sensitive_person")
    people = scope.scoped(request.user, Person, "view_sensitive").select_related("unit")
    unit_code = request.GET.get("unit")
    if unit_code:
        unit = scope.scoped(request.user, Unit).filter(code=unit_code).first()
        if unit is None:
            raise Http404
        people = people.filter(unit__path__startswith=unit.path)
    from dvs.accounts import crypto

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Residents"))
    sheet.append(
        [
            _("Full name"),
            _("Date or year of birth"),
            _("Sex"),
            _("Neighbourhood"),
            _("Citizen ID number"),
            _("Ethnicity"),
            _("Religion"),
            _("Phone"),
        ]
    )
    count = 0
    for person in people.order_by("unit__path", "name_sort").iterator(chunk_size=2000):
        sheet.append(
            xlsx_row(
                sheet,
                [
                    person.full_name,
                    person.birth_display,
                    person.get_sex_display(),
                    person.unit.name,
                    crypto.decrypt(person.id_number_encrypted),
                    crypto.decrypt(person.ethnicity_encrypted),
                    crypto.decrypt(person.religion_encrypted),
                    person.phone,
                ],
            )
        )
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    top = scope.top_units(request.user)
    if top:
        log(
            top[0],
            "dvs.export_sensitive",
            user=request.user,
            data={"rows": count, "unit": unit_code},
        )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="dan-cu-day-du.xlsx"'
    return response
