from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dvs.testing import BaseTestCase


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@override_settings(OTP_REQUIRED_ROLES=["board_leader"])
class SecondFactorTests(BaseTestCase):
    def test_a_role_that_requires_it_is_held_until_a_code_is_entered(self):
        self.login(self.city_leader)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertRedirects(
            response, f"{reverse('dvs_otp_verify')}?next=/admin/", fetch_redirect_response=False
        )
        enrol = self.client.get(reverse("dvs_otp_verify"))
        self.assertContains(enrol, "Quét mã QR")
        self.assertContains(enrol, 'src="data:image/svg+xml;base64,')

        device = TOTPDevice.objects.get(user=self.city_leader)
        wrong = self.client.post(reverse("dvs_otp_verify"), {"token": "000000"})
        self.assertContains(wrong, "Mã xác thực không đúng hoặc đã hết hạn.")
        too_soon = self.client.post(reverse("dvs_otp_verify"), {"token": current_code(device)})
        self.assertContains(too_soon, "Nhập sai nhiều lần")
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
        self.client.post(reverse("dvs_otp_verify"), {"token": current_code(device)})
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_roles_that_do_not_require_it_enter_directly(self):
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_a_user_who_turned_it_on_must_use_it(self):
        TOTPDevice.objects.create(user=self.ward_a_officer, name="app", confirmed=True)
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 302)
