"""The back office's calculator of the clearance clocks ("Tính thời hạn GPMB"): the same
inputs and answer as POST /api/v1/clearance/timeline, dates typed dd/mm/yyyy."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from dvs.lib.forms import DateField, Form

from . import clocks
from .models import LandKind, RuleSet

PERMISSION = "clearance.view_affectedparty"
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def _rule_set_choices():
    return [("", _("In force on the notice's date"))] + [
        (row.code, str(row)) for row in RuleSet.objects.order_by("effective_from")
    ]


class TimelineForm(Form):
    rule_set = forms.ChoiceField(label=_("rule set"), required=False, choices=())
    land = forms.ChoiceField(
        label=_("land"), choices=LandKind.choices, initial=LandKind.AGRICULTURAL
    )
    notice_on = DateField(label=_("Notice of land recovery"), required=False)
    decision_on = DateField(label=_("Land recovery decision"), required=False)
    reissued = forms.BooleanField(label=_("re-issued notice"), required=False)
    early_consent = forms.BooleanField(
        label=_("land users agreed to earlier recovery"), required=False
    )
    plan_posted_on = DateField(label=_("Compensation plan posted"), required=False)
    opinion_meeting_on = DateField(label=_("Opinion meeting on the plan"), required=False)
    disagree = forms.IntegerField(
        label=_("disagree"), required=False, min_value=0, max_value=1_000_000
    )
    plan_in_force_on = DateField(label=_("Plan approved (in force)"), required=False)
    paid_on = DateField(label=_("Paid"), required=False)
    enforcement_on = DateField(label=_("Enforcement carried out"), required=False)
    enforcement_time = forms.TimeField(
        label=_("time"),
        required=False,
        input_formats=["%H:%M"],
        error_messages={"invalid": _("Enter the time as HH:MM, for example 08:30.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_set"].choices = _rule_set_choices()

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, DateField) and value and not FIRST_DAY <= value <= LAST_DAY:
                self.add_error(name, _("The date must be between 01/01/2000 and 31/12/2099."))
        return cleaned


# The answer's rows: (key, label), in the order the steps happen.
ANSWER_ROWS = [
    ("earliest_decision_on", _("Earliest recovery decision")),
    ("notice_expires_on", _("Notice valid until")),
    ("earliest_opinion_meeting_on", _("Earliest opinion meeting")),
    ("dialogue_due_on", _("Dialogue due by")),
    ("payment_due_on", _("Payment due by")),
    ("late_payment_days", _("Days of late payment")),
    ("enforcement_allowed", _("Enforcement allowed")),
]


@require_safe
def timeline(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = TimelineForm(request.GET or None)
    answer = rows = None
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        data["land"] = data["land"] or LandKind.AGRICULTURAL
        answer = clocks.calculate(data.pop("rule_set") or None, **data)
        rows = [(label, answer[key]) for key, label in ANSWER_ROWS]
    return TemplateResponse(
        request,
        "clearance/clock/timeline.html",
        {"form": form, "answer": answer, "rows": rows, "title": _("Clearance deadlines")},
    )
