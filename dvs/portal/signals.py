"""Keep the portal groups in step with role assignments, and the search words with
published articles."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from dvs.accounts.models import RoleAssignment

from . import search
from .models import ArticlePage
from .setup import ROLE_GROUPS, sync_role_groups


@receiver([post_save, post_delete], sender=RoleAssignment)
def role_assignment_changed(sender, instance, **kwargs):
    if instance.role in ROLE_GROUPS:
        sync_role_groups(instance.user)


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs):
    search.index_article(instance)


@receiver(page_unpublished, sender=ArticlePage)
def article_unpublished(sender, instance, **kwargs):
    search.unindex_article(instance)
