from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views

urlpatterns = [
    path("tim-kiem/", views.search, name="portal_search"),
    path("sitemap.xml", sitemap, name="portal_sitemap"),
    path("robots.txt", views.robots, name="portal_robots"),
]
