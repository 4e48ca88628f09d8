"""Back-office screens beyond the viewsets: recording progress on an assignment, and
downloading its evidence and directive files (kept out of the public media folder)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dvs.accounts import scope

from . import actions
from .forms import ProgressForm
from .models import TaskAssignment
from .rules import directive_for, evidence_for


def record_progress(request, pk):
    assignment = scope.access(request.user, TaskAssignment, pk, "record_progress")
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_progress(assignment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Progress of “%(task)s” recorded for %(assignee)s.")
                % {"task": assignment.task, "assignee": assignment.assignee},
            )
            return redirect("task:inspect", assignment.task_id)
    return TemplateResponse(
        request,
        "planning/record_progress.html",
        {
            "assignment": assignment,
            "form": form,
            "updates": assignment.updates.select_related("recorded_by")[:20],
        },
    )


@require_safe
def evidence(request, pk):
    return serve_evidence(evidence_for(request.user, pk))


def serve_evidence(update):
    """The evidence file under the name it was uploaded with (the last part of its path)."""
    name = update.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(update.evidence.open("rb"), as_attachment=True, filename=name)


@require_safe
def directive_file(request, pk):
    return serve_directive_file(directive_for(request.user, pk))


def serve_directive_file(directive):
    """A directive's file under the name it was uploaded with, or Http404 if it has none."""
    if not directive.file:
        raise Http404
    name = directive.file.name.rsplit("/", 1)[-1]
    return FileResponse(directive.file.open("rb"), as_attachment=True, filename=name)
