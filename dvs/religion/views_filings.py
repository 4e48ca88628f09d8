"""Back-office screens of filings that are not plain listings: a filing's page with its
clock (rule set and source, on time or late, reply and report dates, warnings), the
answer and completion forms, the overdue list ("Hồ sơ quá hạn trả lời": a ward's
filings, and for the Board the count per ward) and the calculator ("Tính thời hạn hồ
sơ"). Every read goes through the scope helper, every write through actions/filings.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, add_errors

from . import clocks
from .forms_filings import AnswerForm, CheckForm, CompleteForm
from .models import REPLY_KINDS, Filing, RuleSet
from .rules import dmy

PERMISSION = "religion.view_filing"


# The state of a filing, as lists and its page show it ----------------------------------


def state_of(filing, today=None):
    """(key, text) of a filing's state: answered, waiting for the missing items, no rule
    set, overdue by N days, N days left, or nothing to answer."""
    today = today or timezone.localdate()
    if filing.replied_on:
        return "answered", _("Answered on %(date)s") % {"date": dmy(filing.replied_on)}
    if not filing.complete and filing.kind in REPLY_KINDS:
        return "incomplete", _("Waiting for the missing items")
    if filing.rule_set_id is None:
        return "norule", _("No rule set yet")
    if filing.reply_due_on is None:
        return "none", _("No written answer due")
    days = (filing.reply_due_on - today).days
    if days < 0:
        return "overdue", _("Overdue by %(days)s days") % {"days": -days}
    return "waiting", _("%(days)s days left") % {"days": days}


def state_html(filing):
    key, text = state_of(filing)
    if key == "overdue":
        return format_html(
            '<span class="dvs-overdue" style="color:#cd4444;font-weight:600">{}</span>', text
        )
    return text


# A filing's page ------------------------------------------------------------------------


class FilingInspectView(ScopedInspectView):
    template_name = "religion/filings/inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing, user = self.object, self.request.user
        clock = clocks.clock_of(filing)
        can_change = scope.can(user, filing, "change")
        context.update(
            {
                "filing": filing,
                "clock": clock,
                "state": state_of(filing),
                "rule_set": filing.rule_set,
                "late": clock.on_time is False,
                "can_change": can_change,
                "can_answer": can_change and not filing.replied_on,
                "can_complete": can_change and not filing.complete,
            }
        )
        return context


def get_filing(user, pk, action="view"):
    """The one scope-aware getter of a filing (reads and writes alike)."""
    return scope.access(
        user,
        Filing.objects.select_related("unit", "rule_set", "establishment", "group"),
        pk,
        action,
    )


def _form_page(request, form, *, title, subtitle, back, done, intro=""):
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
    return TemplateResponse(request, "religion/filings/form_page.html", context)


def _changeable(request, pk):
    filing = get_filing(request.user, pk)
    if not scope.can(request.user, filing, "change"):
        raise PermissionDenied
    return filing


def answer(request, pk):
    """Record the ward's written answer ("Trả lời")."""
    filing = _changeable(request, pk)
    form = AnswerForm(request.POST or None, filing=filing)
    return _form_page(
        request,
        form,
        title=_("Answer the filing"),
        subtitle=str(filing),
        back=reverse("filing:inspect", args=[filing.pk]),
        done=_("The answer was recorded."),
    )


def complete(request, pk):
    """The missing items arrived ("Bổ sung hồ sơ"): the reply clock starts."""
    filing = _changeable(request, pk)
    form = CompleteForm(request.POST or None, filing=filing)
    return _form_page(
        request,
        form,
        title=_("Dossier completed"),
        subtitle=str(filing),
        back=reverse("filing:inspect", args=[filing.pk]),
        done=_("The dossier is complete; its reply clock has started."),
        intro=filing.missing_items,
    )


# The overdue list -----------------------------------------------------------------------


@require_safe
def overdue(request):
    """The unanswered filings past their reply date of the user's units, oldest due
    first, and the count per ward (the provincial count of overdue filings)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    rows = (
        scope.scoped(request.user, Filing)
        .overdue(today)
        .select_related("unit", "establishment", "group", "organisation")
        .order_by("reply_due_on", "pk")
    )
    counts = list(
        rows.order_by()
        .values("unit__name", "unit__path")
        .annotate(count=Count("pk"))
        .order_by("unit__path")
    )
    filings = [(filing, (today - filing.reply_due_on).days) for filing in rows[:500]]
    return TemplateResponse(
        request,
        "religion/filings/overdue.html",
        {
            "title": _("Filings overdue for an answer"),
            "filings": filings,
            "counts": counts,
            "total": sum(row["count"] for row in counts),
            "several": len(counts) > 1 or _oversees_wards(request.user),
            "more": len(filings) == 500,
        },
    )


def _oversees_wards(user):
    """Whether the user's scope holds several wards (the Board of a city or province):
    they see the count per ward even when one ward alone has overdue filings."""
    from dvs.units.models import Level

    tops = scope.top_units(user)
    return len(tops) > 1 or any(unit.level in (Level.PROVINCE, Level.DISTRICT) for unit in tops)


# The calculator -------------------------------------------------------------------------

ANSWER_ROWS = [
    ("required_lead_days", gettext_lazy("Must arrive at least (days before)")),
    ("latest_on", gettext_lazy("Last day to arrive on time")),
    ("on_time", gettext_lazy("Received on time")),
    ("reply_due_on", gettext_lazy("Reply due on")),
    ("report_due_on", gettext_lazy("Revenue report due on")),
]


@require_safe
def check(request):
    """ "Tính thời hạn hồ sơ": the clock of a filing from its typed dates."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = CheckForm(request.GET or None)
    clock = rows = rule_set = None
    if form.is_bound and form.is_valid():
        data = form.dates()
        kind, received_on = data.pop("kind"), data.pop("received_on")
        clock = clocks.check(kind, received_on, **data)
        rule_set = RuleSet.objects.filter(code=clock.rule_set).first() if clock.rule_set else None
        rows = [(key, label, getattr(clock, key)) for key, label in ANSWER_ROWS]
    return TemplateResponse(
        request,
        "religion/filings/check.html",
        {
            "title": _("Filing deadlines"),
            "form": form,
            "clock": clock,
            "rows": rows,
            "rule_set": rule_set,
        },
    )
