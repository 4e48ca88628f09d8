"""Where files that must not be published live: `STORAGES["private"]`, outside
MEDIA_ROOT (which the server publishes), served only through views that check scope.

Models name the callable, not an instance, so migrations do not record the machine's
directory."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
