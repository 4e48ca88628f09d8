"""Back-office screens of dignitaries that are not plain listings: a dignitary's page
(its record, positions and status history; every opening logged; the protected fields
behind a "Xem" button, each reading logged), the ID image served through the scope door,
and the forms that add a position or record a change of status. Every read goes through
the scope helper, every write through actions/dignitaries.py."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, add_errors
from dvs.lib.forms import Form as CleanForm
from dvs.lib.import_session import SessionImport
from dvs.units.models import Unit

from . import importing
from .forms_dignitaries import PositionForm, StatusForm, as_date
from .models import Dignitary, DignitaryPosition, DignitaryStatusChange, can_see_sensitive

OPEN = "dvs.open"  # the audit action of every opening of a dignitary's record


def get_dignitary(user, pk, action="view"):
    """The one scope-aware getter of a dignitary (reads, writes and its image)."""
    return scope.access(
        user,
        Dignitary.objects.select_related("unit", "establishment", "religion", "organisation"),
        pk,
        action,
    )


def log_opening(dignitary, user):
    """Every opening of a dignitary's record is audited (who read whose file, when)."""
    log(dignitary, OPEN, user=user)


class DignitaryInspectView(ScopedInspectView):
    """A dignitary's page. GET opens it (logged); POST with "reveal" shows the protected
    fields too, to a user allowed to read them (logged by reveal())."""

    template_name = "religion/dignitaries/inspect.html"
    revealed = None

    def get_fields(self):
        return []

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.revealed is None:
            log_opening(self.object, request.user)
        return response

    def post(self, request, *args, **kwargs):
        if "reveal" not in request.POST or not can_see_sensitive(request.user, self.object):
            raise Http404
        self.revealed = self.object.reveal(request.user)
        self.revealed["id_issued_on"] = as_date(self.revealed["id_issued_on"])
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dignitary, user = self.object, self.request.user
        context.update(
            {
                "dignitary": dignitary,
                "positions": scope.scoped(user, dignitary.positions.all()),
                "status_changes": scope.scoped(user, dignitary.status_changes.all()).select_related(
                    "created_by"
                ),
                "may_reveal": can_see_sensitive(user, dignitary),
                "sensitive": self.revealed,
                "can_change": scope.can(user, dignitary, "change"),
                "can_add_position": user.has_perm("religion.add_dignitaryposition")
                and scope.writable_anchor(user, DignitaryPosition, "add")
                .filter(pk=dignitary.pk)
                .exists(),
                "can_record_status": user.has_perm("religion.add_dignitarystatuschange")
                and scope.writable_anchor(user, DignitaryStatusChange, "add")
                .filter(pk=dignitary.pk)
                .exists(),
            }
        )
        return context


@require_safe
def id_image(request, pk):
    """The ID card's image, only for those who may read the protected fields; logged."""
    dignitary = get_dignitary(request.user, pk, "view_sensitive")
    if not dignitary.id_image:
        raise Http404
    log(dignitary, "dvs.reveal", user=request.user, data={"fields": ["id_image"]})
    handle = dignitary.id_image.open("rb")
    head = handle.read(12)
    handle.seek(0)
    content_type = (
        "image/png"
        if head.startswith(b"\x89PNG")
        else "image/webp"
        if head.startswith(b"RIFF")
        else "image/jpeg"
    )
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _form_page(request, dignitary, form, *, title, done):
    back = reverse("dignitary:inspect", args=[dignitary.pk])
    if request.method == "POST" and form.is_valid():
        try:
            form.save_by(request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    return TemplateResponse(
        request,
        "religion/dignitaries/form_page.html",
        {"page_title": title, "subtitle": str(dignitary), "cancel_url": back, "form": form},
    )


def add_position(request, pk):
    """Add a position held ("Thêm chức vụ")."""
    dignitary = get_dignitary(request.user, pk)
    if not request.user.has_perm("religion.add_dignitaryposition"):
        raise PermissionDenied
    form = PositionForm(request.POST or None, dignitary=dignitary)
    return _form_page(
        request, dignitary, form, title=_("Add a position"), done=_("The position was added.")
    )


def record_status(request, pk):
    """Record a change of status ("Ghi nhận thay đổi tình trạng")."""
    dignitary = get_dignitary(request.user, pk)
    if not request.user.has_perm("religion.add_dignitarystatuschange"):
        raise PermissionDenied
    form = StatusForm(request.POST or None, dignitary=dignitary)
    return _form_page(
        request,
        dignitary,
        form,
        title=_("Record a change of status"),
        done=_("The change of status was recorded."),
    )


# The import of data-collection sheets ("Nhập phiếu số 3") --------------------------------
# Upload (file and ward) → every row checked, with the rows to fix and their report →
# all rows imported together, or none. The stored file's name and the ward live in the
# session between the steps; the rows are checked again at each step.

SESSION_KEY = "religion_import"
SHOWN_ERRORS = 200
WIZARD = SessionImport(
    importing,
    session_key=SESSION_KEY,
    start="religion_import",
    report_name="loi-nhap-chuc-sac.xlsx",
    template_name="mau-phieu-so-3.xlsx",
)


class UploadForm(CleanForm):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "Excel or CSV, one row per person, with the headings of the data-collection "
            "sheet; old TCVN3 and VNI fonts are converted."
        ),
    )
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=gettext_lazy("Ward"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = importing.wards(user).order_by("path")


def _run_import(request, *, commit=False):
    state = WIZARD.state(request)
    if not state.get("file"):
        raise importing.ImportError_(_("The uploaded file is no longer here: upload it again."))
    unit = importing.wards(request.user).filter(pk=state.get("unit")).first()
    if unit is None:
        raise importing.ImportError_(_("The uploaded file is no longer here: upload it again."))
    return importing.run(state["file"], by=request.user, unit=unit, commit=commit)


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
            request.session[SESSION_KEY] = {
                "file": name,
                "original": form.cleaned_data["file"].name[:255],
                "unit": form.cleaned_data["unit"].pk,
            }
            return redirect("religion_import_check")
    return TemplateResponse(
        request,
        "religion/dignitaries/import/start.html",
        {"form": form, "pending": WIZARD.state(request).get("original")},
    )


@require_safe
def import_check(request):
    """Every row checked (nothing kept): what will be imported, what must be fixed."""
    WIZARD.require(request)
    state = WIZARD.state(request)
    try:
        outcome = _run_import(request)
    except importing.ImportError_ as error:
        WIZARD.forget(request)
        messages.error(request, str(error))
        return redirect("religion_import")
    return TemplateResponse(
        request,
        "religion/dignitaries/import/check.html",
        {
            "original": state["original"],
            "outcome": outcome,
            "rejected": outcome.rejected[:SHOWN_ERRORS],
        },
    )


@require_POST
def import_commit(request):
    WIZARD.require(request)
    try:
        outcome = _run_import(request, commit=True)
    except importing.ImportError_ as error:
        messages.error(request, str(error))
        return redirect("religion_import")
    if not outcome.committed:
        messages.error(
            request, _("Nothing was imported: fix the rows listed and upload the file again.")
        )
        return redirect("religion_import_check")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request, _("%(imported)d dignitaries imported.") % {"imported": len(outcome.valid)}
    )
    return redirect("dignitary:index")


import_cancel = WIZARD.cancel_view()
import_errors = WIZARD.errors_view(_run_import)
import_template = WIZARD.template_view()
