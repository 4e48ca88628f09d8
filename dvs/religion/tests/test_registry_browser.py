"""A ward officer, in a real browser, records the festival of the ward's communal house on
10/3 âm lịch and reads in the festival calendar that it falls on 26/04/2026 with its
notice due on 06/04/2026. Skipped when /usr/bin/chromium is not installed."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.religion.models import Festival
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_establishment, reference_data

pytestmark = needs_chromium


@pytest.fixture
def communal_house(transactional_db):
    reference_data()
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    user = User.objects.create_user("canbo_phuong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    return make_establishment(ward, "Đình An Bình", kind="communal_house")


def test_ward_officer_records_a_lunar_festival_and_reads_its_date_and_notice_due(
    live_server, browser, communal_house, screenshot
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-US")
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "canbo_phuong")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/festival/new/")
    page.select_option("#id_establishment", label="Đình An Bình")
    page.fill("#id_name", "Lễ hội đình An Bình")
    page.fill("#id_day", "10")
    page.fill("#id_month", "3")
    screenshot(page, "festival-form")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/festival/")
    festival = Festival.objects.get()
    assert (festival.establishment, festival.day, festival.month, festival.lunar) == (
        communal_house,
        10,
        3,
        True,
    )

    page.goto(f"{live_server.url}/admin/religion/festival-calendar/?year=2026")
    row = page.locator(f"#rel-calendar tr[data-festival='{festival.pk}']")
    expect(row).to_contain_text("26/04/2026")
    expect(row).to_contain_text("06/04/2026")
    expect(row).to_contain_text("Đình An Bình")
    screenshot(page, "festival-calendar")
    assert outside == []
