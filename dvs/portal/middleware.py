"""Page cache for anonymous visitors that still counts every view.

PortalMiddleware sits near the top of the stack. For an anonymous GET of a portal page
it answers from the cache when it can, and counts the view either way: on a hit with the
page id stored beside the cached response, on a miss with the id the page's serve() left
on the request. So counts stay exact while most requests never reach Wagtail; the numbers
shown on a cached page lag by at most PORTAL_CACHE_SECONDS.
"""

import re

from django.conf import settings
from django.core.cache import caches

from . import counting

# Paths that are never portal pages.
_SKIP = ("/admin/", "/api/", "/static/", "/media/", "/documents/", "/i18n/", "/tim-kiem/")
_PAGE_QUERY = re.compile(r"^(page=[1-9][0-9]{0,3})?$")


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def cache_key(self, request):
        """A key for anonymous GETs of pages; None when the response must not be cached.

        Only an empty query or ?page=N is cached: any other query string is served (and
        counted) normally, so junk queries cannot fill the cache."""
        if (
            not settings.PORTAL_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not _PAGE_QUERY.match(request.META.get("QUERY_STRING", ""))
        ):
            return None
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = ""
        return f"page:{language}:{request.get_host()}:{request.get_full_path()}"

    def __call__(self, request):
        if request.path_info.startswith(_SKIP):
            return self.get_response(request)
        if request.method == "GET":
            # Online from the moment the request comes in: the page drawn for this
            # visitor counts them among the visitors online.
            counting.note_online(request)
        cache = caches["portal"]
        key = self.cache_key(request)
        if key:
            cached = cache.get(key)
            if cached is not None:
                page_id, response = cached
                if page_id:
                    counting.count_view(request, page_id)
                return response
        response = self.get_response(request)
        page_id = getattr(request, "portal_page_id", None)
        if page_id and response.status_code == 200:
            counting.count_view(request, page_id)
        if (
            key
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (page_id, response), settings.PORTAL_CACHE_SECONDS)
        return response
