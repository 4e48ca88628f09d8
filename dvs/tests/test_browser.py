"""End to end in a real browser: Debian's headless Chromium driven by Playwright.

Skipped, with the reason printed, when /usr/bin/chromium is not installed
(`.ci/run` installs it)."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium


@pytest.fixture
def ward_officer(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    province.refresh_from_db()
    province.add_child(code="B", name="Phường Bình Minh", level=Level.COMMUNE)
    user = User.objects.create_user("khoidanvan", password=PASSWORD, full_name="Hoàng Văn Nam")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    return user


def test_officer_signs_in_and_reaches_the_dashboard_of_their_ward(
    live_server, browser, ward_officer
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-US")
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    page.fill("#id_username", "khoidanvan")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button[type=submit]")
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()
    page.fill("#id_username", "khoidanvan")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    panel = page.locator(".dvs-scope")
    expect(panel).to_contain_text("Phạm vi của bạn")
    expect(panel).to_contain_text("Phường An Bình")
    assert "Phường Bình Minh" not in page.content()
    page.goto(f"{live_server.url}/admin/unit/")
    expect(page.locator("table.listing")).to_contain_text("Phường An Bình")
    assert "Phường Bình Minh" not in page.content()
    assert outside == []
