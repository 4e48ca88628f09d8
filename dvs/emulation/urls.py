"""The public showcase of recognised exemplars (mounted at /mo-hinh-dan-van-kheo/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.showcase_list, name="emulation_showcase"),
    path("<int:pk>/", views.showcase_detail, name="emulation_showcase_detail"),
]
