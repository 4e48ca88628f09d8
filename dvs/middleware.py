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
