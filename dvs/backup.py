"""Backup and restore of a whole deployment: `manage.py backup --to DIR`, `manage.py
restore --from DIR` (and `make backup` / `make restore`).

A backup directory holds:

    manifest.json   row counts per model, a checksum of the protected (encrypted) columns,
                    and a value encrypted with the field-encryption key
    base.jsonl.gz   content types and permissions, loaded first
    data.jsonl.gz   every other row, with its primary key
                    (dumpdata, JSON lines: read and written as a stream, and loads into
                    SQLite or PostgreSQL alike)
    media/          the default storage, MEDIA_ROOT (portal images and documents)
    private/        the private storage, PRIVATE_MEDIA_ROOT (case attachments, imports,
                    generated reports)
    keys/           secret_key and field_keys: whoever holds them reads the protected data

The database is dumped through Django rather than pg_dump or SQLite's backup API: one
format for both databases, and no pg_dump whose version must match the server's.

A restore first checks that the configured FIELD_ENCRYPTION_KEYS decrypt the backup
(its check value and a sample of its protected columns) and stops otherwise: with a
wrong key every protected field would read as empty. It then replaces the database in one
transaction, compares counts and checksum with the manifest (rolling back on a mismatch),
replaces the media and private files, and rebuilds the search index.
"""

import gzip
import hashlib
import json
import shutil
from functools import partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dvs.accounts import crypto

FORMAT = 1
KEY_CHECK = "dvs-backup-key-check"
# Not kept: everyone signs in again, rate-limit counters start afresh, and the search
# index (its tables differ between SQLite and PostgreSQL) is rebuilt after a restore.
EXCLUDED = ["sessions.session", "dvs.throttle", "wagtailsearch"]
SAMPLE = 200  # protected values tried with the configured keys before a restore


class BackupError(Exception):
    pass


def _models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.auto_created:
            continue
        if meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        yield model


def _protected_fields(model):
    return [f.attname for f in model._meta.concrete_fields if f.name.endswith("_encrypted")]


def _file_roots():
    """The directories of the public and the private file storages (on the file system)."""
    return [("media", storages["default"].location), ("private", storages["private"].location)]


def inventory():
    """Row counts per model, and a SHA-256 over every protected column, in pk order."""
    counts, digest = {}, hashlib.sha256()
    for model in _models():
        counts[model._meta.label_lower] = model._base_manager.count()
        fields = _protected_fields(model)
        if fields:
            rows = model._base_manager.order_by("pk").values_list("pk", *fields)
            for row in rows.iterator(chunk_size=2000):
                digest.update(json.dumps([model._meta.label_lower, *map(str, row)]).encode())
    return {"counts": counts, "protected_checksum": digest.hexdigest()}


def backup(target):
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("%(dir)s is not empty: choose a new directory.") % {"dir": target})
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Counts, checksum and every table from one snapshot while users keep working.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        # Content types and permissions first, in a file of their own: a restore loads
        # them before any row whose saving might look one up (and create it anew).
        base = ["contenttypes", "auth.permission"]
        dump = partial(call_command, "dumpdata", "--format=jsonl", verbosity=0)
        dump(*base, output=str(target / "base.jsonl.gz"))
        dump(
            *[f"--exclude={label}" for label in EXCLUDED + base],
            output=str(target / "data.jsonl.gz"),
        )
        manifest = {
            "format": FORMAT,
            "created": timezone.localtime().isoformat(),
            "key_check": crypto.encrypt(KEY_CHECK),
            **inventory(),
        }
    for name, source in _file_roots():
        if Path(source).exists():
            shutil.copytree(source, target / name)
        else:
            (target / name).mkdir()
    keys = target / "keys"
    keys.mkdir(mode=0o700)
    for name, value in (
        ("secret_key", settings.SECRET_KEY),
        ("field_keys", ",".join(settings.FIELD_ENCRYPTION_KEYS)),
    ):
        (keys / name).write_text(value + "\n")
        (keys / name).chmod(0o600)
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def _sample_protected(data_file):
    found = []
    with gzip.open(data_file, "rt", encoding="utf-8") as stream:
        for line in stream:
            fields = json.loads(line)["fields"]
            found += [v for k, v in fields.items() if k.endswith("_encrypted") and v]
            if len(found) >= SAMPLE:
                break
    return found[:SAMPLE]


def check_keys(source):
    """Raise BackupError unless the configured keys decrypt this backup."""
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(
            _("%(dir)s is not a backup of this platform (%(error)s).")
            % {"dir": source, "error": error}
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup was made by another version of the platform."))
    sample = _sample_protected(source / "data.jsonl.gz")
    if not crypto.readable(manifest["key_check"]) or not all(map(crypto.readable, sample)):
        raise BackupError(
            _(
                "The configured field-encryption keys do not decrypt this backup: restoring "
                "it would show every protected field as empty. Nothing was changed. Install "
                "the backup's keys (%(keys)s → var/field_keys, or FIELD_ENCRYPTION_KEYS) and "
                "run the restore again."
            )
            % {"keys": source / "keys" / "field_keys"}
        )
    return manifest


def _set_constraints(mode):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {mode}")


def restore(source):
    """Replace the database and the files with the backup in `source`."""
    source = Path(source)
    manifest = check_keys(source)
    with transaction.atomic():
        # PostgreSQL refuses to TRUNCATE a table with foreign-key checks still pending in
        # the transaction (a caller's earlier writes): run them now, defer them again after.
        _set_constraints("IMMEDIATE")
        # Emptied without post_migrate recreating content types and permissions: the
        # backup brings them back with their own primary keys, which other rows name.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        _set_constraints("DEFERRED")
        ContentType.objects.clear_cache()
        call_command(
            "loaddata",
            str(source / "base.jsonl.gz"),
            str(source / "data.jsonl.gz"),
            verbosity=0,
        )
        found = inventory()
        differ = sorted(
            label
            for label in found["counts"].keys() | manifest["counts"].keys()
            if found["counts"].get(label) != manifest["counts"].get(label)
        )
        if found["protected_checksum"] != manifest["protected_checksum"]:
            differ.append(_("protected columns"))
        if differ:
            raise BackupError(
                _("The restored data differ from the backup (%(what)s): nothing was changed.")
                % {"what": ", ".join(differ)}
            )
    for name, target in _file_roots():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source / name, target)
    call_command("update_index", verbosity=0)
    return manifest
