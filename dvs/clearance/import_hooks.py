"""Admin screens of the import of affected parties (issue 14, part "import"), registered by
importing this module from wagtail_hooks.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from dvs.accounts.viewsets import register_screens

from . import import_views

register_screens(
    "register_clearance_menu_item",
    [
        (
            _("Import from a spreadsheet"),
            "clearance_import",
            "upload",
            "clearance.import_affectedparty",
        )
    ],
    start=40,
)


@hooks.register("register_admin_urls")
def register_clearance_import_urls():
    return [
        path("clearance/import/", import_views.import_start, name="clearance_import"),
        path(
            "clearance/import/columns/",
            import_views.import_mapping,
            name="clearance_import_mapping",
        ),
        path("clearance/import/check/", import_views.import_check, name="clearance_import_check"),
        path(
            "clearance/import/commit/", import_views.import_commit, name="clearance_import_commit"
        ),
        path(
            "clearance/import/cancel/", import_views.import_cancel, name="clearance_import_cancel"
        ),
        path(
            "clearance/import/errors.xlsx",
            import_views.import_errors,
            name="clearance_import_errors",
        ),
        path(
            "clearance/import/template.xlsx",
            import_views.import_template,
            name="clearance_import_template",
        ),
    ]
