"""The citizen's pages in the portal's layout: one click from the header, and tracking
that tells the unit in charge and the expected date of the next step (never a name)."""

import datetime

from django.core.cache import caches
from django.urls import reverse

from dvs.cases import workflow
from dvs.cases.tests.helpers import receive
from dvs.portal.setup import ensure_portal
from dvs.testing import BaseTestCase

D = datetime.date


class PublicPagesTests(BaseTestCase):
    def setUp(self):
        for alias in caches:
            caches[alias].clear()

    def test_the_form_is_one_click_from_the_home_page_in_the_portal_layout(self):
        ensure_portal()
        home = self.client.get("/").content.decode()
        self.assertIn(
            f'<a class="header-action" href="{reverse("cases_public_submit")}">'
            "Gửi phản ánh, kiến nghị</a>",
            home,
        )
        for url in (
            reverse("cases_public_submit"),
            reverse("cases_public_track"),
            reverse("cases_public_sent", args=["ABC123"]),
            reverse("emulation_showcase"),
        ):
            with self.subTest(url=url):
                page = self.client.get(url).content.decode()
                self.assertIn('class="site-header"', page)  # portal/base.html
                self.assertIn('class="menu-button"', page)
                self.assertIn('src="/static/portal/menu.js"', page)
                self.assertIn("Gửi phản ánh, kiến nghị", page)
                self.assertIn("Thống kê truy cập", page)

    def test_a_service_still_being_built_points_to_the_live_form(self):
        from dvs.portal.models import InfoPage

        home = ensure_portal()
        booking = InfoPage(
            title="Đăng ký tiếp công dân trực tuyến", slug="dang-ky-tiep-cong-dan", placeholder=True
        )
        home.add_child(instance=booking)
        booking.save_revision().publish()
        response = self.client.get(booking.url)
        self.assertContains(response, "Dịch vụ trực tuyến này đang được xây dựng.")
        self.assertContains(
            response,
            f'<a href="{reverse("cases_public_submit")}">gửi phản ánh, kiến nghị trực tuyến</a>',
            html=True,
        )

    def test_the_form_asks_for_the_kind_of_submission_not_of_document(self):
        form = self.client.get(reverse("cases_public_submit"))
        self.assertContains(form, '<label for="id_kind">Loại đơn *</label>', html=True)
        self.assertNotContains(form, "Loại văn bản")

    def track(self, case):
        return self.client.get(reverse("cases_public_track"), {"code": case.code})

    def test_tracking_shows_the_unit_in_charge_and_the_expected_date_not_a_person(self):
        case = receive(self.neighbourhood_a1, received_on=D(2026, 3, 2), name="Trần Văn Gửi")
        workflow.assign(
            case, by=None, handler=self.ward_a_reception_officer, assigned_on=D(2026, 3, 3)
        )
        case.refresh_from_db()
        received = self.track(case)
        self.assertContains(received, f"<dd data-unit>{case.unit.name}</dd>", html=True)
        self.assertContains(received, "Xem xét, quyết định thụ lý đơn")
        self.assertContains(received, f"dự kiến trước ngày {case.accept_by:%d/%m/%Y}")
        body = received.content.decode()
        for name in ("Trần Văn Gửi", self.ward_a_reception_officer.username):
            self.assertNotIn(name, body)

        workflow.accept(case, by=None, accepted_on=D(2026, 3, 4))
        case.refresh_from_db()
        accepted = self.track(case)
        self.assertContains(accepted, "Kết luận, giải quyết đơn")
        self.assertContains(accepted, f"dự kiến trước ngày {case.resolve_by:%d/%m/%Y}")

    def test_a_forwarded_case_names_the_agency_it_went_to(self):
        case = receive(self.ward_a, received_on=D(2026, 3, 2))
        workflow.forward(
            case, by=None, forwarded_on=D(2026, 3, 3), to="Thanh tra tỉnh", note="Thẩm quyền"
        )
        response = self.track(case)
        self.assertContains(response, "<dd data-unit>Thanh tra tỉnh</dd>", html=True)
        self.assertNotContains(response, "data-next-step")
