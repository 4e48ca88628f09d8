"""The client's address, read in one place for throttling, rate limits and view counts."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address of the client that sent `request`.

    REMOTE_ADDR unless TRUSTED_PROXY_HEADER names the header our own reverse proxy sets
    (e.g. HTTP_X_REAL_IP or HTTP_X_FORWARDED_FOR). A client can put anything in
    X-Forwarded-For, and a proxy appends the address it saw at the end, so only the
    right-most entry, the one our proxy added, is believed. A header that is missing or
    holds no valid address falls back to REMOTE_ADDR. Turn the setting on only when every
    request passes through that proxy, or clients can choose their own address.
    """
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        value = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")
