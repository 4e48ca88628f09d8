"""Where files that must not be published live: `STORAGES["private"]`, outside
MEDIA_ROOT (which the server publishes), served only through views that check scope.

Models name the callable, not an instance, so migrations do not record the machine's
directory."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up when first used and again after STORAGES
    changes (as Django's `default_storage` does), so a test can point it elsewhere."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def _reset(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


setting_changed.connect(_reset)


def private_storage():
    return _private


class UploadFolder:
    """A folder of private storage that keeps uploaded files between the steps of an
    import (they may hold ID numbers): each under an unguessable name, deleted when its
    import ends or is cancelled, and, when it never does, after
    IMPORT_ABANDONED_AFTER_HOURS (checked at each new upload)."""

    def __init__(self, folder):
        self.folder = folder

    def save(self, uploaded):
        import secrets
        from pathlib import Path

        self.delete_stale()
        suffix = Path(uploaded.name).suffix.lower()
        return private_storage().save(
            f"{self.folder}/{secrets.token_urlsafe(24)}{suffix}", uploaded
        )

    def holds(self, name):
        """Whether `name` is a file of this folder still there (a name from the session
        is never trusted to point elsewhere)."""
        return bool(name) and name.startswith(f"{self.folder}/") and private_storage().exists(name)

    def path(self, name):
        return private_storage().path(name)

    def delete(self, name):
        if self.holds(name):
            private_storage().delete(name)

    def delete_stale(self, now=None):
        """Delete the files left neither imported nor cancelled for longer than
        IMPORT_ABANDONED_AFTER_HOURS. Returns how many."""
        import datetime

        from django.conf import settings
        from django.utils import timezone

        storage = private_storage()
        if not storage.exists(self.folder):
            return 0
        cutoff = (now or timezone.now()) - datetime.timedelta(
            hours=settings.IMPORT_ABANDONED_AFTER_HOURS
        )
        deleted = 0
        for filename in storage.listdir(self.folder)[1]:
            name = f"{self.folder}/{filename}"
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
        return deleted
