"""The portal's fixed structure, made idempotently after every migrate: the home page as
the default site's root, the editors' and approvers' groups with their page and media
permissions, and the moderation workflow (an editor submits, an approver publishes)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from dvs.accounts.roles import Role

EDITORS = "Biên tập viên cổng thông tin"
APPROVERS = "Người duyệt tin cổng thông tin"
WORKFLOW = "Duyệt tin trước khi đăng"
ROLE_GROUPS = {Role.PORTAL_EDITOR: EDITORS, Role.PORTAL_APPROVER: APPROVERS}

# Page permissions: editors write drafts and submit them; approvers also publish.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    APPROVERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def home_page():
    from .models import HomePage

    return HomePage.objects.first()


@transaction.atomic
def ensure_portal(**kwargs):
    """Create what is missing; change nothing that exists."""
    from .models import HomePage

    home = HomePage.objects.first()
    if home is None:
        # A test database flush empties Wagtail's locales too.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Gốc", slug="root")
        home = root.add_child(
            instance=HomePage(
                title="Cổng thông tin Dân vận",
                slug="cong-thong-tin",
                intro="Tin tức, video và văn bản của hệ thống dân vận thành phố",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Cổng thông tin Dân vận"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Cổng thông tin Dân vận",
            )
        # Wagtail's "Welcome to your new Wagtail site!" page goes, if nothing hangs on it.
        if old_root and type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    groups = ensure_groups(home)
    ensure_workflow(home, groups[APPROVERS])
    return home


def ensure_groups(home=None):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    home = home or home_page()
    # Right after a migrate or a flush our post_migrate handler may run before auth's.
    for label in ("wagtailcore", "wagtailadmin", "wagtailimages", "wagtaildocs"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    groups = {}
    collection = Collection.get_first_root_node()
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        group.permissions.add(admin)
        if home:
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=permission
                )
        if collection:
            for app_label, codename in MEDIA_PERMISSIONS:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return groups


def ensure_workflow(home, approvers):
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
    if created:
        task = GroupApprovalTask.objects.create(name="Duyệt nội dung")
        task.groups.set([approvers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if home and not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(workflow=workflow, page=home)
    return workflow


def sync_role_groups(user):
    """A user is in the portal groups exactly while they hold the matching role."""
    from dvs.accounts.models import RoleAssignment

    held = set(RoleAssignment.objects.filter(user=user).active().values_list("role", flat=True))
    for role, name in ROLE_GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            group = ensure_groups()[name]
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)
