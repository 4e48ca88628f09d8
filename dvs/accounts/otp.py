"""TOTP second factor for staff, on top of django-otp.

A user with a confirmed TOTP device, or holding a role listed in OTP_REQUIRED_ROLES,
must enter a code after signing in before the back office opens.
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import scope


def second_factor_required(user):
    if user_has_device(user, confirmed=True):
        return True
    return any(grant.role in settings.OTP_REQUIRED_ROLES for grant in scope.grants(user))


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\d{6}$",
        label=gettext_lazy("6-digit verification code"),
        error_messages={"invalid": gettext_lazy("The verification code has 6 digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _safe_next(request):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "wagtailadmin_home"


def verify(request):
    """Enter a code from the authenticator app; enrol one first if none is confirmed."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Too many wrong codes. Wait a few seconds and try again."))
        elif device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                messages.success(
                    request, _("Two-factor authentication is now on for your account.")
                )
            otp_login(request, device)
            return redirect(_safe_next(request))
        else:
            form.add_error("token", _("The verification code is wrong or has expired."))
    context = {
        "form": form,
        "enrolling": not device.confirmed,
        "secret": base64.b32encode(device.bin_key).decode() if not device.confirmed else "",
        "qr": _qr_svg(device.config_url) if not device.confirmed else "",
    }
    return TemplateResponse(request, "accounts/otp_verify.html", context)
