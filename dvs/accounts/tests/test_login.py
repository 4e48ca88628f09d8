from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from dvs.testing import PASSWORD, BaseTestCase

LOGIN = "/admin/login/"


class LoginTests(BaseTestCase):
    def setUp(self):
        cache.clear()

    def post_login(self, username, password):
        return self.client.post(LOGIN, {"username": username, "password": password})

    def test_sign_in_page_is_vietnamese(self):
        response = self.client.get(LOGIN)
        self.assertContains(response, "<h1>Đăng nhập</h1>", html=False)
        self.assertContains(response, 'lang="vi"')

    def test_browser_language_does_not_turn_the_platform_english(self):
        response = self.client.get(LOGIN, headers={"Accept-Language": "en-US,en;q=0.9"})
        self.assertContains(response, "Đăng nhập")

    def test_wrong_password_gets_a_vietnamese_message_and_no_session(self):
        response = self.post_login("ward_a_officer", "sai-mat-khau")
        self.assertContains(response, "Tên đăng nhập hoặc mật khẩu không đúng.")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_officer_signs_in_and_lands_on_the_dashboard_with_their_scope(self):
        response = self.post_login("ward_a_officer", PASSWORD)
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, "Phạm vi của bạn")
        self.assertContains(home, "Phường An Bình")
        self.assertNotContains(home, "Phường Bình Minh")

    def test_citizen_without_a_role_cannot_enter_the_back_office(self):
        self.post_login("citizen", PASSWORD)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotEqual(response.status_code, 200)

    @override_settings(LOGIN_FAILURE_LIMIT=3)
    def test_repeated_failures_are_throttled_even_with_the_right_password(self):
        for _ in range(3):
            self.post_login("ward_a_officer", "sai-mat-khau")
        response = self.post_login("ward_a_officer", PASSWORD)
        self.assertContains(response, "Đăng nhập sai quá nhiều lần")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_expired_session_sends_the_user_back_to_sign_in(self):
        self.login(self.ward_a_officer)
        self.client.session.flush()
        self.client.cookies.clear()
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertRedirects(response, f"{LOGIN}?next=/admin/")


class DashboardTests(BaseTestCase):
    def test_counts_of_a_large_scope_are_capped_and_said_so(self):
        from unittest import mock

        self.login(self.city_leader)
        with mock.patch("dvs.lib.paging.COUNT_CAP", 3):
            home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, "hơn 3")
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, '<span class="dvs-count">6</span> đơn vị hành chính', html=False)
