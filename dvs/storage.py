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
