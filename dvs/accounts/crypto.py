"""Encryption at rest for sensitive personal data (Law 91/2025/QH15 and Decree
356/2025/NĐ-CP) and for the denouncer's identity (Law on Denunciation, Art. 8 and 47).

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256) under FIELD_ENCRYPTION_KEYS; the
first key encrypts, all of them decrypt, so a key can be rotated by putting a new one
first. Exact-match lookups (an ID number on import, de-duplication) use a keyed blind
index instead of decrypting: HMAC-SHA256 of the normalised value.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def _fernet():
    return MultiFernet([Fernet(key.encode()) for key in settings.FIELD_ENCRYPTION_KEYS])


@cache
def _index_key():
    first = settings.FIELD_ENCRYPTION_KEYS[0].encode()
    return hashlib.sha256(b"dvs-blind-index:" + first).digest()


def encrypt(value):
    if not value:
        return ""
    return _fernet().encrypt(str(value).encode()).decode()


def decrypt(token):
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A token under a key that is no longer configured: never show ciphertext.
        return ""


def readable(token):
    """True when one of the configured keys decrypts `token` (a restore checks its backup
    with it, instead of letting every protected field read as empty)."""
    try:
        _fernet().decrypt(token.encode())
    except (InvalidToken, ValueError):  # ValueError: no key, or not a Fernet key
        return False
    return True


@receiver(setting_changed)
def _keys_changed(setting, **kwargs):
    if setting == "FIELD_ENCRYPTION_KEYS":
        _fernet.cache_clear()
        _index_key.cache_clear()


def blind_index(value):
    if not value:
        return ""
    return hmac.new(_index_key(), str(value).encode(), hashlib.sha256).hexdigest()
