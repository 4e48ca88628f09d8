from wagtail import hooks


@hooks.register("construct_main_menu")
def hide_online_help(request, menu_items):
    """Wagtail's help menu links to its online guide; deployments sit on intranets."""
    menu_items[:] = [item for item in menu_items if item.name != "help"]
