"""Refuses, before any view or query, a request whose path or parameters hold control
characters.

A NUL byte cannot be stored or compared by PostgreSQL (psycopg raises before the query
is sent), so `?q=%00`, `unit=%00` or `/units/%00` would answer 500 wherever a value
reaches a query: a filter, a search, a chooser, an object's code. No parameter we accept
holds a control character, so such a request is refused here, once for the admin, the API
and the portal alike. A form field is refused only for a NUL byte: other control
characters come with text pasted from office documents and are removed by the forms
themselves (dvs.lib.forms), so the user's input is kept, cleaned.
"""

import re

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

# C0 controls, DEL and C1 controls: never in a query string (keys or values).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# In a form field only the NUL byte, which no database column can hold.
_NUL = re.compile("\x00")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds(pattern, data):
    return any(
        pattern.search(key) or any(pattern.search(value) for value in data.getlist(key))
        for key in data
    )


class ControlCharacterMiddleware:
    """400 with a message when the path or a query parameter (key or value) holds a
    control character, or a form field a NUL byte."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = (
            _CONTROL.search(request.path)
            or _holds(_CONTROL, request.GET)
            or (
                request.method == "POST"
                and request.content_type in _FORMS
                and _holds(_NUL, request.POST)
            )
        )
        if not refused:
            return self.get_response(request)
        message = _("The request contains control characters and was refused.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
