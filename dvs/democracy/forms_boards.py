"""The back-office forms of the boards. Each saves through its action in
actions/boards.py (which checks the scope, the law's rules and writes in one
transaction); the forms only read input. The member list is one formset saved at once,
so that the composition rules see the whole list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dvs.accounts.viewsets import ActionModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Level

from . import rules, work_boards
from .actions import boards as actions
from .models import Board, BoardMember, BoardPlan, BoardReport, Inspection, Recommendation


class _FixedParentMixin:
    """On an existing row the parent it belongs to (its ward and kind, its board) is its
    identity: shown, not changed."""

    fixed = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.fixed:
                self.fields[name].disabled = True


class BoardForm(_FixedParentMixin, ActionModelForm):
    fixed = ("unit", "kind")

    class Meta:
        model = Board
        fields = ["unit", "kind", "name", "project", "investor", "term_from", "term_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        unit.queryset = unit.queryset.filter(level=Level.COMMUNE)
        self.fields["project"].help_text = _(
            "Required for a community investment-monitoring board."
        )
        self.fields["term_from"].help_text = _(
            "A people's inspection board serves the term of the heads of neighbourhoods."
        )

    def create(self, *, by, unit=None, kind=None, **fields):
        return actions.create_board(by, unit=unit, kind=kind, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_board(instance, by, **fields)


class MemberForm(CleanForm):
    """One line of the member list; a line without a name is left out."""

    name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=BoardMember.Role.choices, initial=BoardMember.Role.MEMBER
    )
    origin = forms.ChoiceField(
        label=_("Comes from"),
        choices=BoardMember.Origin.choices,
        initial=BoardMember.Origin.RESIDENT,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Elected in the neighbourhood"), queryset=None, required=False
    )
    is_ward_official = forms.BooleanField(label=_("Ward official"), required=False)
    related_to_investor = forms.BooleanField(
        label=_("Relative of the investor, contractor or supervisor"), required=False
    )
    since = DateField(label=_("Member since"), required=False)
    until = DateField(label=_("Member until"), required=False)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = work_boards.neighbourhoods_of(board.unit).order_by(
            "path"
        )


class _MemberFormSet(forms.BaseFormSet):
    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, form_kwargs={"board": board}, **kwargs)

    def members(self):
        return [
            {name: form.cleaned_data.get(name) for name in actions.MEMBER_FIELDS}
            for form in self.forms
            if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")
        ]

    def save_by(self, user):
        return actions.set_members(self.board, user, self.members())


def member_formset(board, current):
    """The member list's formset with enough blank lines for the whole board: its size
    under the law and two more (a board is entered at once, without a script)."""
    if board.kind == Board.Kind.INSPECTION:
        size = rules.inspection_board_size(work_boards.neighbourhoods_of(board.unit).count())
    else:
        size = rules.BOARD_MIN_MEMBERS + 2
    return forms.formset_factory(
        MemberForm,
        formset=_MemberFormSet,
        extra=max(3, size + 2 - current),
        can_delete=True,
        max_num=100,
        validate_max=True,
    )


def member_initial(board):
    return [
        {name: getattr(member, name) for name in actions.MEMBER_FIELDS}
        for member in board.members.select_related("neighbourhood").order_by("pk")
    ]


class DissolveForm(CleanForm):
    dissolved_on = DateField(label=_("Dissolved on"))

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board

    def save_by(self, user):
        return actions.dissolve(self.board, user, self.cleaned_data["dissolved_on"])


class BoardPlanForm(_FixedParentMixin, ActionModelForm):
    fixed = ("board",)

    class Meta:
        model = BoardPlan
        fields = ["board", "period", "title", "subject", "inspection_on", "sent_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection_on"].help_text = _(
            "The plan must reach the Front, the chair of the People's Committee and the "
            "subject at least 5 working days before."
        )

    def create(self, *, by, board=None, **fields):
        return actions.create_plan(by, board=board, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_plan(instance, by, **fields)


class InspectionForm(_FixedParentMixin, ActionModelForm):
    fixed = ("board",)

    class Meta:
        model = Inspection
        fields = ["board", "plan", "subject", "held_on", "findings"]

    def create(self, *, by, board=None, **fields):
        return actions.create_inspection(by, board=board, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_inspection(instance, by, **fields)


class RecommendationForm(_FixedParentMixin, ActionModelForm):
    fixed = ("inspection",)

    class Meta:
        model = Recommendation
        fields = ["inspection", "content", "addressed_to", "sent_on", "answer_by"]

    def create(self, *, by, inspection=None, **fields):
        return actions.create_recommendation(by, inspection=inspection, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_recommendation(instance, by, **fields)


class AnswerForm(CleanForm):
    status = forms.ChoiceField(label=_("Status"), choices=Recommendation.Status.choices)
    answer = forms.CharField(
        label=_("Answer and follow-up"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    closed_on = DateField(
        label=_("Closed on"),
        required=False,
        help_text=_("When it was carried out or not accepted."),
    )

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation

    def save_by(self, user):
        data = self.cleaned_data
        return actions.answer_recommendation(
            self.recommendation,
            user,
            status=data["status"],
            answer=data.get("answer") or "",
            closed_on=data.get("closed_on"),
        )


class BoardReportForm(_FixedParentMixin, ActionModelForm):
    fixed = ("board",)

    class Meta:
        model = BoardReport
        fields = ["board", "period", "year", "quarter", "sent_on", "content"]

    def create(self, *, by, board=None, **fields):
        return actions.create_report(by, board=board, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_report(instance, by, **fields)


class TrackingForm(CleanForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099, required=False)
