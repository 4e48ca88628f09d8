from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm


class CalendarDecisionForm(WagtailAdminModelForm):
    """A decision with its days: each day must fall in the decision's year."""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if not year:
            return cleaned
        for form in self.formsets["days"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            try:
                form.instance.check_year(year)
            except ValidationError as error:
                form.add_error("date", error)
                self.add_error(None, error)
        return cleaned
