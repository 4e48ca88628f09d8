"""Labels Wagtail makes from a field's code name ("created_at" → "Created at", "port" →
"Port") are plain English strings; they are looked up in the catalog when shown, so the
column headers, their sort hints and the inspect pages read in Vietnamese."""

from django.utils.translation import gettext_lazy, gettext_noop
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import InspectView

# Labels made from code names (ours and Wagtail's); translated in our catalog.
DERIVED = [
    gettext_noop("Created at"),
    gettext_noop("Updated at"),
    gettext_noop("Port"),
    gettext_noop("Site name"),
    gettext_noop("Root page"),
    gettext_noop("Page"),
]


def _looked_up(label):
    return gettext_lazy(label) if type(label) is str else label


def translate_derived_labels():
    column_init = Column.__init__

    def __init__(self, *args, **kwargs):
        column_init(self, *args, **kwargs)
        self.label = _looked_up(self.label)

    Column.__init__ = __init__

    field_label = InspectView.get_field_label

    def get_field_label(self, field_name, field):
        return _looked_up(field_label(self, field_name, field))

    InspectView.get_field_label = get_field_label

    # Wagtail's forms for a workflow's and a group's pages label their field from its name.
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.users.forms import PagePermissionsForm

    for form in (WorkflowPageForm, PagePermissionsForm):
        form.base_fields["page"].label = gettext_lazy("Page")

    # and the sign-in form its password ("Password").
    from wagtail.admin.forms.auth import LoginForm

    from dvs.accounts.forms import LoginForm as OurLoginForm

    for form in (LoginForm, OurLoginForm):
        form.base_fields["password"].label = gettext_lazy("Password")
