from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dvs.api.api import api
from dvs.portal import urls as portal_urls


class AdminJavaScriptCatalog(JavaScriptCatalog):
    """Wagtail's admin JS catalog plus our completion of its Vietnamese strings
    (Django adds LOCALE_PATHS to the `django` domain only, not to `djangojs`)."""

    def get_paths(self, packages):
        return [*super().get_paths(packages), *map(str, settings.LOCALE_PATHS)]


urlpatterns = [
    path(
        "admin/jsi18n/",
        AdminJavaScriptCatalog.as_view(packages=["wagtail.admin"]),
        name="wagtailadmin_javascript_catalog",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("mo-hinh-dan-van-kheo/", include("dvs.emulation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.SERVE_STATIC:
    # The production server serves static and media files itself, so `make run` needs
    # nothing in front of it; deployments behind nginx set SERVE_STATIC=0.
    urlpatterns += [
        re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    path("", include("dvs.cases.public")),
    path("", include("dvs.democracy.public_consultations")),
    path("", include("dvs.democracy.public_votes")),
    path("", include(portal_urls)),
    path("", include(wagtail_urls)),
]
