from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarDay


class CalendarDayViewSet(ModelViewSet):
    """The yearly decisions on days off and swapped working days: reference data for all
    units, edited by system administrators (no other role holds its permissions)."""

    model = CalendarDay
    icon = "date"
    menu_label = _("Holidays and working days")
    add_to_settings_menu = True
    list_display = [
        "date",
        "name",
        Column("kind", label=_("kind"), accessor="get_kind_display"),
        "decision",
    ]
    list_filter = ["kind"]
    list_export = ["date", "name", "kind", "decision", "note"]
    search_fields = ["name", "decision"]
    ordering = ["-date"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
            FieldPanel("name"),
            FieldPanel("decision"),
            FieldPanel("note"),
        ]
    )


@hooks.register("register_admin_viewset")
def register_calendar_days():
    return CalendarDayViewSet("calendarday", url_prefix="calendar-days")
