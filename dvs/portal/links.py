"""The portal's public address, for every link that leaves this machine: the sitemap,
Open Graph and canonical links, RSS feeds, robots.txt and e-mails.

settings.PORTAL_BASE_URL (e.g. https://danvan.example.gov.vn) when it is set; otherwise
the address the request came to (bounded by ALLOWED_HOSTS); without a request (a task,
an e-mail) the Wagtail site's address as the last resort.
"""

from django.conf import settings
from django.http import HttpRequest


def base_url(request=None):
    """Scheme, host and port without a trailing slash, or None when nothing tells it."""
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL
    if isinstance(request, HttpRequest):
        try:
            return f"{request.scheme}://{request.get_host()}"
        except Exception:  # a preview's dummy request, a disallowed host
            return None
    return None


def absolute(path, request=None):
    """`path` ("/tra-cuu-ho-so/") as a full address on the portal."""
    if path.startswith(("http://", "https://")):
        return path
    root = base_url(request)
    if root is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_url if site else ""
    return root + path
