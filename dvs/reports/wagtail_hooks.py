from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts.viewsets import PermissionMenuItem, ScopedModelForm, ScopedModelViewSet

from . import views, work  # noqa: F401  (work: the work list's reports lines)
from .models import ReportPeriod, ReportTemplate
from .registry import computed_indicators


class ComputedIndicatorsPanel(HelpPanel):
    """The codes the capabilities register, each with what it counts as of which date
    (its `help`), under the template's indicators."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "reports/panels/computed_indicators.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        @property
        def indicators(self):
            return computed_indicators().values()


class ReportTemplateViewSet(ModelViewSet):
    """Templates are reference data of the board: sections and indicators as rows."""

    model = ReportTemplate
    icon = "doc-full"
    menu_label = _("Report templates")
    list_display = ["name", "version", "updated_at"]
    add_to_admin_menu = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("name"),
        InlinePanel(
            "sections",
            heading=_("Sections"),
            panels=[
                FieldRowPanel([FieldPanel("key"), FieldPanel("part"), FieldPanel("kind")]),
                FieldPanel("title"),
                FieldPanel("guidance"),
                FieldPanel("indicator_codes"),
            ],
        ),
        InlinePanel(
            "indicators",
            heading=_("Indicators"),
            panels=[
                FieldRowPanel([FieldPanel("code"), FieldPanel("source")]),
                FieldRowPanel([FieldPanel("name"), FieldPanel("unit_of_measure")]),
                FieldPanel("higher_is_better"),
            ],
        ),
        ComputedIndicatorsPanel(heading=_("Computed indicators")),
    ]


class ReportPeriodViewSet(ScopedModelViewSet):
    """The periods a unit opens: listed, edited and deleted within the user's subtree
    (a ward reads the city's periods it reports in on the reports' own pages)."""

    model = ReportPeriod
    icon = "date"
    menu_label = _("Report periods")
    list_display = ["name", "kind", "start", "end", "due_on", "unit"]
    list_export = list_display
    add_to_admin_menu = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("template")]),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("due_on")])],
                heading=_("Dates"),
            ),
            # The owning unit: one where the user may open periods (ScopedModelForm).
            FieldPanel("unit"),
        ],
        base_form_class=ScopedModelForm,
    )


class ReportsGroup(ViewSetGroup):
    menu_label = _("Periodic reports")
    menu_icon = "doc-full-inverse"
    menu_order = 380
    submenu_hook = "register_reports_menu_item"
    items = (ReportPeriodViewSet, ReportTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_reports_viewsets():
    return ReportsGroup()


@hooks.register("register_reports_menu_item")
def reports_menu_item():
    return PermissionMenuItem(
        _("Reports of the periods"),
        reverse("reports_index"),
        icon_name="list-ul",
        order=0,
        permission="reports.view_unitreport",
    )


@hooks.register("register_admin_urls")
def register_reports_urls():
    return [
        path("reports/", views.index, name="reports_index"),
        path("reports/<int:pk>/", views.period_detail, name="reports_period"),
        path("reports/<int:pk>/dashboard/", views.dashboard, name="reports_dashboard"),
        path("reports/<int:pk>/refresh/", views.refresh, name="reports_refresh"),
        path("reports/<int:pk>/units/<str:code>/", views.unit_report, name="reports_unit"),
        path(
            "reports/<int:pk>/organisations/<int:organisation_id>/",
            views.organisation_report,
            name="reports_organisation",
        ),
        path(
            "reports/unit-reports/<int:report_id>/review/",
            views.review_unit_report,
            name="reports_review_report",
        ),
        path("reports/<int:pk>/review/", views.start_review, name="reports_start_review"),
        path(
            "reports/<int:pk>/review/<str:code>/texts/",
            views.review_texts,
            name="reports_review_texts",
        ),
        path("reports/review/<int:pk>/", views.review_job, name="reports_review_job"),
        path(
            "reports/review/<int:pk>/file.<str:fmt>",
            views.review_file,
            name="reports_review_file",
        ),
    ]


@hooks.register("register_log_actions")
def register_reports_log_actions(actions):
    actions.register_action("dvs.report.save", _("Save report"), _("Saved a unit report"))
    actions.register_action("dvs.report.submit", _("Submit report"), _("Submitted a unit report"))
    actions.register_action("dvs.report.accept", _("Accept report"), _("Accepted a unit report"))
    actions.register_action("dvs.report.return", _("Return report"), _("Returned a unit report"))
    actions.register_action(
        "dvs.review.edit", _("Edit review report"), _("Edited sections of a review report")
    )
    actions.register_action(
        "dvs.review.reset",
        _("Reset review report section"),
        _("Put a review report section back to the generated text"),
    )
