from django.shortcuts import redirect
from django.urls import reverse

from .otp import second_factor_required

_OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/otp/", "/admin/jsi18n/")


class SecondFactorMiddleware:
    """Hold staff who need a second factor at /admin/otp/ until they have passed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(_OPEN_PATHS)
            and user.is_authenticated
            and not user.is_verified()
            and second_factor_required(user)
        ):
            return redirect(f"{reverse('dvs_otp_verify')}?next={request.path}")
        return self.get_response(request)
