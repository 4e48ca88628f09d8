from django.conf import settings
from django.core.checks import Error, register

from .roles import Role


@register()
def check_encryption_keys(app_configs, **kwargs):
    """accounts.E002: sensitive personal data cannot be stored without a valid key."""
    from cryptography.fernet import Fernet

    keys = settings.FIELD_ENCRYPTION_KEYS
    try:
        if keys:
            [Fernet(key.encode()) for key in keys]
            return []
    except ValueError:
        pass
    return [
        Error(
            "FIELD_ENCRYPTION_KEYS is missing or not a list of Fernet keys.",
            hint="Set FIELD_ENCRYPTION_KEYS, or run `make setup` to generate var/field_keys.",
            id="accounts.E002",
        )
    ]


@register()
def check_otp_roles(app_configs, **kwargs):
    """accounts.E001: OTP_REQUIRED_ROLES names a role that does not exist."""
    unknown = set(settings.OTP_REQUIRED_ROLES) - set(Role.values)
    if unknown:
        return [
            Error(
                f"OTP_REQUIRED_ROLES names unknown roles: {', '.join(sorted(unknown))}.",
                hint=f"Known roles: {', '.join(Role.values)}.",
                id="accounts.E001",
            )
        ]
    return []
