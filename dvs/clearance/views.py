"""Back-office screens of land clearance that are not plain listings: a party's page
(its data, sensitive flags on request, steps with their warnings, clock, visits and
obstacles), a project's page with its route roll-up, and the forms that record a step,
log a visit or raise an obstacle from them. Every read goes through the scope helper,
every write through actions.py."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView

from . import clocks, stats
from .forms import MilestoneForm, ObstacleForm, VisitForm, add_errors
from .models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    Obstacle,
    Project,
    Segment,
)

# The clock's keys as a party's page shows them, in this order.
CLOCK_LABELS = [
    ("rule_set", gettext_lazy("Rule set")),
    ("earliest_decision_on", gettext_lazy("Earliest recovery decision")),
    ("notice_expires_on", gettext_lazy("Notice expires on")),
    ("earliest_opinion_meeting_on", gettext_lazy("Earliest opinion meeting")),
    ("dialogue_due_on", gettext_lazy("Dialogue due by")),
    ("payment_due_on", gettext_lazy("Payment due by")),
    ("late_payment_days", gettext_lazy("Days of late payment")),
    ("enforcement_allowed", gettext_lazy("Enforcement allowed")),
]


def clock_rows(clock):
    """(label, shown value) of the clock's keys that are not None."""
    rows = []
    for key, label in CLOCK_LABELS:
        value = clock.get(key)
        if value is None:
            continue
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((key, label, str(value)))
    return rows


def get_party(user, pk, action="view"):
    """The one scope-aware getter of a party (reads, writes and its files)."""
    return scope.access(
        user, AffectedParty.objects.select_related("segment__ward", "project", "unit"), pk, action
    )


def get_project(user, pk):
    """A project the user sees: of their scope, or through a ward segment of theirs."""
    try:
        return Project.objects.visible_to(user).get(pk=pk)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


class PartyInspectView(ScopedInspectView):
    template_name = "clearance/party_inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        party, user = self.object, self.request.user
        milestones = scope.scoped(user, party.milestones_in_force()).select_related("party")
        clock = clocks.party_clock(party)
        context.update(
            {
                "party": party,
                "milestones": milestones,
                "clock_rows": clock_rows(clock),
                "clock_warnings": clock.get("warnings") or [],
                "visits": scope.scoped(user, party.visits.all()).prefetch_related(
                    "visitors", "organisations"
                ),
                "obstacles": scope.scoped(user, party.obstacles.all()).select_related(
                    "owner", "case", "dialogue"
                ),
                "may_reveal": scope.can(user, party, "view_sensitive"),
                "sensitive": self.revealed,
                "can_record": scope.writable_anchor(user, Milestone, "add")
                .filter(pk=party.unit_id)
                .exists(),
                "can_visit": scope.writable_anchor(user, AdvocacyVisit, "add")
                .filter(pk=party.pk)
                .exists(),
                "can_obstacle": scope.writable_anchor(user, Obstacle, "add")
                .filter(pk=party.pk)
                .exists(),
                "can_change": scope.can(user, party, "change"),
            }
        )
        return context

    @property
    def revealed(self):
        # The flags only on request ("Xem"), each reading logged by reveal().
        if self.request.GET.get("reveal") != "1":
            return None
        return self.object.reveal(self.request.user)


class ProjectInspectView(ScopedInspectView):
    template_name = "clearance/project_inspect.html"

    def get_object(self, queryset=None):
        return get_project(self.request.user, self.kwargs[self.pk_url_kwarg])

    def get_fields(self):
        return [
            "code",
            "name",
            "kind",
            "unit",
            "investor",
            "legal_basis",
            "rule_set",
            "rule_set_reason",
            "length_km",
            "area_ha",
            "status",
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        segments = scope.scoped(user, Segment).filter(project=self.object)
        context["rollup"] = stats.route_rollup(self.object, segments=segments)
        context["can_record"] = user.has_perm("clearance.add_milestone")
        return context


def _form_page(request, template, form, *, title, subtitle, back, done):
    """The form's page, or, once its action saved it, a message and back to `back`."""
    if request.method == "POST" and form.is_valid():
        try:
            form.save_by(request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    context = {"page_title": title, "subtitle": subtitle, "cancel_url": back, "form": form}
    return TemplateResponse(request, template, context)


def _party_form(request, pk, permission):
    """The party `pk` the user sees, if they may `permission` at all (the action checks
    its scope), with the POST data bound to it."""
    party = get_party(request.user, pk)
    if not request.user.has_perm(permission):
        raise PermissionDenied
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        data["party"] = str(party.pk)
    return party, data, reverse("affectedparty:inspect", args=[party.pk])


def party_step(request, pk):
    """Record a step of a party ("Ghi nhận bước")."""
    party, _data, back = _party_form(request, pk, "clearance.add_milestone")
    form = MilestoneForm(request.POST or None, request.FILES or None, target=party)
    return _form_page(
        request,
        "clearance/step_form.html",
        form,
        title=_("Record a step"),
        subtitle=party.name,
        back=back,
        done=_("The step was recorded."),
    )


def segment_step(request, pk):
    """Record a step shared by a segment's parties (plan, meeting, notice, inventory)."""
    segment = scope.access(request.user, Segment.objects.select_related("project", "ward"), pk)
    if not request.user.has_perm("clearance.add_milestone"):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None, request.FILES or None, target=segment)
    return _form_page(
        request,
        "clearance/step_form.html",
        form,
        title=_("Record a shared step"),
        subtitle=str(segment),
        back=reverse("project:inspect", args=[segment.project_id]),
        done=_("The step was recorded."),
    )


def party_visit(request, pk):
    """Log a persuasion visit ("Ghi lượt vận động")."""
    party, data, back = _party_form(request, pk, "clearance.add_advocacyvisit")
    form = VisitForm(data, for_user=request.user, party=party)
    return _form_page(
        request,
        "clearance/visit_form.html",
        form,
        title=_("Log a visit"),
        subtitle=party.name,
        back=back,
        done=_("The visit was logged."),
    )


def party_obstacle(request, pk):
    """Raise an obstacle of a party ("Thêm vướng mắc")."""
    party, data, back = _party_form(request, pk, "clearance.add_obstacle")
    form = ObstacleForm(data, for_user=request.user, party=party)
    return _form_page(
        request,
        "clearance/obstacle_form.html",
        form,
        title=_("Add an obstacle"),
        subtitle=party.name,
        back=back,
        done=_("The obstacle was added."),
    )


def milestone_record(request, pk):
    """A step's written record, for those who see the step."""
    milestone = scope.access(request.user, Milestone, pk)
    if not milestone.record:
        raise Http404
    return FileResponse(
        milestone.record.open("rb"),
        as_attachment=True,
        filename=milestone.record_name or "bien-ban",
    )


@require_POST
def resolve_obstacle(request, pk):
    from . import actions

    obstacle = scope.access(request.user, Obstacle, pk, "change")
    try:
        actions.resolve_obstacle(
            obstacle,
            by=request.user,
            resolved_on=timezone.localdate(),
            resolution=request.POST.get("resolution", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The obstacle was resolved."))
    return redirect("affectedparty:inspect", obstacle.party_id)
