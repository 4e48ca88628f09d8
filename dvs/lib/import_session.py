"""What the screens of a spreadsheet import share, whatever they import (land clearance's
affected parties, religion's dignitaries): the import's state in the session between
its steps (the stored file's name and what was chosen at upload), who may import,
cancelling (its file deleted), and the downloads of the error report and the template.
Each app keeps its own upload, check and commit screens.

`importing` is the app's module: `may_import(user)`, `delete_upload(name)`,
`load_table(name)`, `error_report(table, outcome)`, `template()` and `ImportError_`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SessionImport:
    def __init__(self, importing, *, session_key, start, report_name, template_name):
        self.importing = importing
        self.session_key = session_key
        self.start = start  # the upload step's URL name
        self.report_name = report_name
        self.template_name = template_name

    def require(self, request):
        if not self.importing.may_import(request.user):
            raise PermissionDenied

    def state(self, request):
        return request.session.get(self.session_key) or {}

    def forget(self, request):
        """End the import: its state goes, and its file with it."""
        state = request.session.pop(self.session_key, None) or {}
        self.importing.delete_upload(state.get("file"))

    def cancel_view(self):
        @require_POST
        def import_cancel(request):
            self.require(request)
            self.forget(request)
            messages.success(request, _("The import was cancelled and its file deleted."))
            return redirect(self.start)

        return import_cancel

    def errors_view(self, run):
        """The rows to fix with their cells and messages, to correct in Excel; `run(request)`
        checks the rows again (nothing kept)."""

        @require_safe
        def import_errors(request):
            self.require(request)
            try:
                outcome = run(request)
                table = self.importing.load_table(self.state(request)["file"])
            except self.importing.ImportError_ as error:
                messages.error(request, str(error))
                return redirect(self.start)
            return xlsx_response(self.importing.error_report(table, outcome), self.report_name)

        return import_errors

    def template_view(self):
        @require_safe
        def import_template(request):
            self.require(request)
            return xlsx_response(self.importing.template(), self.template_name)

        return import_template
