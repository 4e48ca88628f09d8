from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .forms import CalendarDecisionForm
from .models import CalendarDecision


class CalendarDecisionViewSet(ModelViewSet):
    """The government's yearly decisions on days off and swapped working days, each with
    its days: reference data for all units, edited by system administrators (no other
    role holds its permissions)."""

    model = CalendarDecision
    icon = "date"
    menu_label = _("Holidays and working days")
    add_to_settings_menu = True
    list_display = [
        "year",
        Column("number", label=_("document number"), accessor="number_shown"),
        "title",
        "issued_on",
        Column("confidence", label=_("confidence"), accessor="confidence"),
    ]
    list_filter = ["year", "confidence"]
    list_export = ["year", "number", "issuer", "issued_on", "title", "source", "confidence"]
    search_fields = ["number", "title", "issuer"]
    ordering = ["-year", "issued_on"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("year"), FieldPanel("number")]),
            FieldRowPanel(
                [FieldPanel("issuer"), FieldPanel("issued_on"), FieldPanel("confidence")]
            ),
            FieldPanel("title"),
            FieldPanel("source"),
            FieldPanel("note"),
            InlinePanel(
                "days",
                label=_("Days it sets"),
                panels=[
                    FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
                    FieldPanel("name"),
                    FieldPanel("note"),
                ],
            ),
        ],
        base_form_class=CalendarDecisionForm,
    )


@hooks.register("register_admin_viewset")
def register_calendar_decisions():
    return CalendarDecisionViewSet("calendardecision", url_prefix="calendar-decisions")


@hooks.register("register_admin_urls")
def register_calendar_urls():
    return [
        path("calendar/", views.calendar_this_year, name="workdays_calendar_now"),
        path("calendar/<int:year>/", views.calendar_year, name="workdays_calendar"),
    ]


@hooks.register("register_settings_menu_item")
def register_calendar_menu_item():
    return MenuItem(
        _("Holiday calendar"), reverse("workdays_calendar_now"), icon_name="date", order=900
    )


class CalendarWarningPanel(Component):
    """On the back-office home, for those who enter decisions: a year without one
    (this year, or from 1 November next year)."""

    name = "dvs_calendar_warning"
    order = 5
    template_name = "workdays/calendar_panel.html"

    def __init__(self, user, today=None):
        self.user = user
        self.today = today

    def warning(self):
        if not self.user.has_perm("workdays.add_calendardecision"):
            return ""
        return views.undecided_message(self.today or timezone.localdate())

    def render_html(self, parent_context=None):
        if not self.warning():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        today = self.today or timezone.localdate()
        return {"warning": self.warning(), "year": max(views.calendar.undecided_years(today))}


@hooks.register("construct_homepage_panels")
def add_calendar_warning(request, panels):
    panels.append(CalendarWarningPanel(request.user))
