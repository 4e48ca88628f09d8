"""In a browser: the city's read-only leader opens "Số liệu tôn giáo" from the menu, turns
to the followers and reads ward An Bình's 3 Buddhists as "<5" with the totals as ranges,
then the Board's leader reads the exact 3 marked "not for publication".
Skipped when /usr/bin/chromium is not installed."""

import datetime

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_follower_count, reference_data

pytestmark = needs_chromium


@pytest.fixture
def city(transactional_db):
    reference_data()
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward_a = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    city = Unit.objects.get(pk=city.pk)
    ward_b = city.add_child(code="B", name="Phường Bình Minh", level=Level.COMMUNE)
    june = datetime.date(2026, 6, 30)
    make_follower_count(ward_a, 3, as_of=june, source="Báo cáo 6 tháng")
    make_follower_count(ward_a, 1232, "cong-giao", as_of=june, source="Báo cáo 6 tháng")
    make_follower_count(ward_b, 40, as_of=june, source="Báo cáo 6 tháng")
    for username, role in (("xemlanhdao", Role.READONLY_LEADER), ("lanhdaoban", Role.BOARD_LEADER)):
        user = User.objects.create_user(username=username, password=PASSWORD)
        RoleAssignment.objects.create(user=user, role=role, unit=city)
    return city


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def test_a_leader_reads_small_cells_hidden_and_the_board_reads_them_exact(
    live_server, browser, city, screenshot
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-US")
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    sign_in(page, live_server, "xemlanhdao")
    page.goto(f"{live_server.url}/admin/religion/figures/")
    page.locator("#religion-figures-tabs a").last.click()  # the followers
    ward_a = page.locator('#religion-figures tr[data-unit="A"]')
    expect(ward_a.locator("td").first).to_have_text("<5")
    expect(ward_a.locator("td").last).to_have_text("1.233–1.236")
    expect(page.locator("#religion-figures-grand-total")).to_have_text("1.273–1.276")
    expect(page.locator("#religion-figures-sources")).to_contain_text("30/06/2026")
    screenshot(page, "figures-hidden")

    page.context.clear_cookies()
    sign_in(page, live_server, "lanhdaoban")
    page.goto(f"{live_server.url}/admin/religion/figures/?measure=followers&unit=C1")
    expect(page.locator("#religion-figures-exact")).to_be_visible()
    expect(ward_a.locator("td").first).to_have_text("3")
    expect(page.locator("#religion-figures-grand-total")).to_have_text("1.275")
    screenshot(page, "figures-exact")
    assert outside == []
