"""The screens of the affected parties' import ("Nhập từ bảng tính"): upload, confirm the
columns, see every row to fix, import the valid rows. The stored file's name, the chosen
project, ward and columns live in the session between the steps; the rows are checked
again at each step (nothing half-checked is ever committed)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from dvs.accounts import scope
from dvs.lib import legacy
from dvs.lib.forms import Form
from dvs.lib.import_session import SessionImport
from dvs.units.models import Level

from . import importing
from .models import AffectedParty, Project

SESSION_KEY = "clearance_import"
SHOWN_ERRORS = 200
WIZARD = SessionImport(
    importing,
    session_key=SESSION_KEY,
    start="clearance_import",
    report_name="loi-nhap-gpmb.xlsx",
    template_name="mau-nhap-gpmb.xlsx",
)


class UploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "Excel (.xlsx, .xls) or CSV; old TCVN3 and VNI fonts are converted."
        ),
    )
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        required=False,
        label=gettext_lazy("Key project"),
        help_text=gettext_lazy("For rows without a project code."),
    )
    ward = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        required=False,
        label=gettext_lazy("Ward"),
        help_text=gettext_lazy("For rows without a ward."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("code")
        writable = scope.writable_anchor(user, AffectedParty, "add")
        self.fields["ward"].queryset = writable.filter(level=Level.COMMUNE).order_by("path")


class MappingForm(Form):
    """One choice per column of the file: which kind of data it holds."""

    def __init__(self, *args, headers, samples, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(ignore this column)"))] + list(importing.FIELDS.items())
        self.columns = []
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(str(index), "")
            )
            self.columns.append({"field": name, "header": header, "samples": samples[index]})

    def mapping(self):
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if value
        }


def _defaults(request, state):
    """The project and ward chosen at upload, read again through the user's scope."""
    project = ward = None
    if state.get("project"):
        project = Project.objects.visible_to(request.user).filter(pk=state["project"]).first()
    if state.get("ward"):
        writable = scope.writable_anchor(request.user, AffectedParty, "add")
        ward = writable.filter(pk=state["ward"], level=Level.COMMUNE).first()
    return {"project": project, "ward": ward}


def import_start(request):
    WIZARD.require(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            name = importing.store_upload(form.cleaned_data["file"])
        except importing.ImportError_ as error:
            form.add_error("file", str(error))
        else:
            WIZARD.forget(request)  # a file uploaded earlier and never imported
            project, ward = form.cleaned_data["project"], form.cleaned_data["ward"]
            request.session[SESSION_KEY] = {
                "file": name,
                "original": form.cleaned_data["file"].name[:255],
                "project": project.pk if project else None,
                "ward": ward.pk if ward else None,
            }
            return redirect("clearance_import_mapping")
    return TemplateResponse(
        request,
        "clearance/import/start.html",
        {"form": form, "pending": WIZARD.state(request).get("original")},
    )


def import_mapping(request):
    WIZARD.require(request)
    state = WIZARD.state(request)
    if not state.get("file"):
        return redirect("clearance_import")
    try:
        table = importing.load_table(state["file"], limit=importing.PREVIEW_ROWS)
    except importing.ImportError_ as error:
        WIZARD.forget(request)
        messages.error(request, str(error))
        return redirect("clearance_import")
    samples = [
        [_sample(row[i], table.encodings.get(str(i))) for _n, row in table.rows[:3]]
        for i in range(len(table.headers))
    ]
    form = MappingForm(
        request.POST or None,
        headers=table.headers,
        samples=samples,
        mapping=state.get("mapping") or table.mapping,
    )
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        try:
            importing.check_mapping(mapping)
        except importing.ImportError_ as error:
            form.add_error(None, str(error))
        else:
            state["mapping"] = mapping
            request.session[SESSION_KEY] = state
            return redirect("clearance_import_check")
    return TemplateResponse(
        request, "clearance/import/mapping.html", {"form": form, "original": state["original"]}
    )


def _sample(value, encoding):
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and encoding:
        value = legacy.to_unicode(value, encoding)
    return "" if value is None else str(value)[:40]


def _run(request, *, commit=False):
    state = WIZARD.state(request)
    if not state.get("file") or not state.get("mapping"):
        raise importing.ImportError_(_("The uploaded file is no longer here: upload it again."))
    return importing.run(
        state["file"],
        by=request.user,
        mapping=state["mapping"],
        commit=commit,
        **_defaults(request, state),
    )


@require_safe
def import_check(request):
    """Every row checked (nothing kept): what will be imported, what must be fixed."""
    WIZARD.require(request)
    state = WIZARD.state(request)
    try:
        outcome = _run(request)
    except importing.ImportError_ as error:
        messages.error(request, str(error))
        return redirect("clearance_import_mapping" if state.get("file") else "clearance_import")
    return TemplateResponse(
        request,
        "clearance/import/check.html",
        {
            "original": state["original"],
            "outcome": outcome,
            "rejected": outcome.rejected[:SHOWN_ERRORS],
            "warned": outcome.warned[:SHOWN_ERRORS],
        },
    )


@require_POST
def import_commit(request):
    WIZARD.require(request)
    try:
        outcome = _run(request, commit=True)
    except importing.ImportError_ as error:
        messages.error(request, str(error))
        return redirect("clearance_import")
    if not outcome.committed:
        messages.error(
            request, _("No row can be imported: fix the rows and upload the file again.")
        )
        return redirect("clearance_import_check")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("%(imported)d affected parties imported; %(rejected)d rows left out to fix.")
        % {"imported": len(outcome.valid), "rejected": len(outcome.rejected)},
    )
    return redirect("clearance_import")


import_cancel = WIZARD.cancel_view()
import_errors = WIZARD.errors_view(_run)
import_template = WIZARD.template_view()
