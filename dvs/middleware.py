from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Vietnamese unless the visitor chose another language (the language cookie set by
    /i18n/setlang/). Unlike LocaleMiddleware, the browser's Accept-Language is ignored:
    a cadre whose browser is in English still gets the Vietnamese platform. Signed-in
    staff choose their language in their Wagtail account settings, which the admin
    applies on top of this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy (settings.CONTENT_SECURITY_POLICY) on every
    response, with inline scripts allowed only under CSP_INLINE_SCRIPT_PREFIXES (Wagtail's
    admin), and the Permissions-Policy header (settings.PERMISSIONS_POLICY)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.update is None and request.path_info.startswith(
            tuple(settings.CSP_INLINE_SCRIPT_PREFIXES)
        ):
            parts.update = {"script-src": [UNSAFE_INLINE]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
