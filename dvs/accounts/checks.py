from django.conf import settings
from django.core.checks import Error, register

from .roles import Role


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
