"""A neighbourhood committee member, in a real browser, records a contribution matter
with its meeting on Sat 18/4/2026 and a notice issued on 17/4, reads the warning that the
notice was due by 16/04/2026, opens the matter, and finds the 12 households of the
neighbourhood (not the sibling's) frozen on its roll. Skipped when /usr/bin/chromium is
not installed."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.democracy.models import Matter
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_households

pytestmark = needs_chromium


@pytest.fixture
def neighbourhood(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    ward = Unit.objects.get(pk=ward.pk)
    tdp5 = ward.add_child(code="A5", name="Tổ dân phố 5", level=Level.NEIGHBOURHOOD)
    ward = Unit.objects.get(pk=ward.pk)
    tdp6 = ward.add_child(code="A6", name="Tổ dân phố 6", level=Level.NEIGHBOURHOOD)
    make_households(tdp5, 12)
    make_households(tdp6, 7, prefix="Ngõ")
    user = User.objects.create_user("to_truong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.NEIGHBOURHOOD_COMMITTEE, unit=tdp5)
    return tdp5


def set_value(page, selector, value):
    """Set a field's value without a date picker or a chooser popping over the form."""
    page.wait_for_selector(selector, state="attached")
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)


def test_committee_records_a_matter_reads_the_notice_warning_and_freezes_the_roll(
    live_server, browser, neighbourhood, screenshot
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-US")
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "to_truong")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/democracy/matters/new/")
    set_value(page, "[name=unit]", str(neighbourhood.pk))
    page.select_option("#id_item", "1")
    page.fill("#id_title", "Đóng góp làm đường ngõ 5")
    set_value(page, "#id_meeting_on", "18/04/2026")
    page.fill("#id_meeting_place", "Nhà văn hóa tổ 5")
    set_value(page, "#id_notice_on", "17/04/2026")
    screenshot(page, "matter-form")
    page.locator("footer button.button-longrunning[type=submit]").first.click()

    expect(page.locator("#dm-notice-by")).to_have_text("16/04/2026")
    expect(page.locator("#dm-kit-warnings")).to_contain_text("16/04/2026")
    page.locator("#dm-open").click()
    set_value(page, "#id_on", "01/04/2026")
    page.locator("#democracy-matter-form button[type=submit]").click()
    expect(page.locator("#dm-households")).to_have_text("12")
    expect(page.locator("#dm-threshold")).to_have_text("8")
    screenshot(page, "matter-page")
    matter = Matter.objects.get()
    assert (matter.status, matter.households, matter.roll.count()) == ("open", 12, 12)
    assert outside == []
