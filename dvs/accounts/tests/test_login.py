import threading
from datetime import timedelta

from django.core.cache import cache, caches
from django.db import connection
from django.test import RequestFactory, TransactionTestCase, override_settings, skipUnlessDBFeature
from django.urls import reverse
from django.utils import timezone

from dvs.accounts.forms import LoginForm
from dvs.models import Throttle
from dvs.testing import PASSWORD, BaseTestCase, make_user

LOGIN = "/admin/login/"


class LoginTests(BaseTestCase):
    def setUp(self):
        cache.clear()

    def post_login(self, username, password, address="127.0.0.1"):
        return self.client.post(
            LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
        )

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

    @override_settings(LOGIN_FAILURE_LIMIT=3)
    def test_a_locked_officer_does_not_lock_out_a_colleague_behind_the_same_address(self):
        for _ in range(3):
            self.post_login("ward_a_officer", "sai-mat-khau", address="203.0.113.5")
        refused = self.post_login("ward_a_officer", PASSWORD, address="203.0.113.5")
        self.assertContains(refused, "Đăng nhập sai quá nhiều lần")
        response = self.post_login("ward_b_officer", PASSWORD, address="203.0.113.5")
        self.assertRedirects(response, reverse("wagtailadmin_home"))

    @override_settings(LOGIN_FAILURE_LIMIT=3)
    def test_the_lock_holds_after_a_restart_and_ends_when_the_window_passes(self):
        for _ in range(3):
            self.post_login("ward_a_officer", "sai-mat-khau")
        # A restart empties every process's memory: the failures are in the database.
        for alias in caches:
            caches[alias].clear()
        self.assertTrue(Throttle.objects.filter(key__contains="ward_a_officer").exists())
        refused = self.post_login("ward_a_officer", PASSWORD)
        self.assertContains(refused, "Đăng nhập sai quá nhiều lần")
        Throttle.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        response = self.post_login("ward_a_officer", PASSWORD)
        self.assertRedirects(response, reverse("wagtailadmin_home"))

    @override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_ADDRESS_FAILURE_LIMIT=6)
    def test_one_address_guessing_many_accounts_is_stopped_for_all_of_them(self):
        for username in ("ward_a_officer", "ward_b_officer"):
            for _ in range(3):
                self.post_login(username, "sai-mat-khau", address="198.51.100.9")
        refused = self.post_login("city_leader", PASSWORD, address="198.51.100.9")
        self.assertContains(refused, "Đăng nhập sai quá nhiều lần")
        response = self.post_login("city_leader", PASSWORD, address="198.51.100.10")
        self.assertRedirects(response, reverse("wagtailadmin_home"))

    @override_settings(TRUSTED_PROXY_HEADER="HTTP_X_REAL_IP", LOGIN_FAILURE_LIMIT=3)
    def test_behind_the_proxy_the_lock_follows_the_address_the_proxy_reports(self):
        for _ in range(3):
            self.client.post(
                LOGIN,
                {"username": "ward_a_officer", "password": "sai"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_REAL_IP="203.0.113.5",
            )
        self.assertTrue(Throttle.objects.filter(key__contains="203.0.113.5").exists())

    def test_expired_session_sends_the_user_back_to_sign_in(self):
        self.login(self.ward_a_officer)
        self.client.session.flush()
        self.client.cookies.clear()
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertRedirects(response, f"{LOGIN}?next=/admin/")


# PostgreSQL only: SQLite's in-memory test database refuses concurrent writers outright
# ("table is locked") instead of making them wait.
@override_settings(LOGIN_FAILURE_LIMIT=5)
@skipUnlessDBFeature("has_select_for_update")
class ParallelSignInTests(TransactionTestCase):
    def test_twenty_parallel_guesses_check_only_five_passwords(self):
        make_user("alice")
        outcomes = []

        def guess(n):
            request = RequestFactory().post(LOGIN, REMOTE_ADDR="203.0.113.5")
            form = LoginForm(request, data={"username": "alice", "password": f"guess-{n}"})
            form.is_valid()
            outcomes.extend(error.code for error in form.non_field_errors().as_data())
            connection.close()

        threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(outcomes.count("invalid_login"), 5)
        self.assertEqual(outcomes.count("throttled"), 15)


class DashboardTests(BaseTestCase):
    def test_counts_of_a_large_scope_are_capped_and_said_so(self):
        from unittest import mock

        self.login(self.city_leader)
        with mock.patch("dvs.lib.paging.COUNT_CAP", 3):
            home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, "hơn 3")
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, '<span class="dvs-count">6</span> đơn vị hành chính', html=False)
