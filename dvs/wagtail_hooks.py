from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("construct_main_menu")
def hide_online_help(request, menu_items):
    """Wagtail's help menu links to its online guide; deployments sit on intranets."""
    menu_items[:] = [item for item in menu_items if item.name != "help"]


@hooks.register("insert_global_admin_js")
def date_pickers_keep_typed_text():
    """The date pickers never replace what was typed (see the script)."""
    return format_html('<script src="{}"></script>', static("dvs/admin-dates.js"))


@hooks.register("insert_global_admin_css")
def menu_labels_wrap():
    """Long Vietnamese menu labels wrap instead of being cut off (see the stylesheet)."""
    return format_html('<link rel="stylesheet" href="{}">', static("dvs/admin.css"))
