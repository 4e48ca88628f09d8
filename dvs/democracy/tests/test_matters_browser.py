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

from . import browser as browser_kit
from .helpers import make_households

pytestmark = needs_chromium


@pytest.fixture
def neighbourhood(transactional_db):
    ward = browser_kit.ward()
    ward = Unit.objects.get(pk=ward.pk)
    tdp5 = ward.add_child(code="A5", name="Tổ dân phố 5", level=Level.NEIGHBOURHOOD)
    ward = Unit.objects.get(pk=ward.pk)
    tdp6 = ward.add_child(code="A6", name="Tổ dân phố 6", level=Level.NEIGHBOURHOOD)
    make_households(tdp5, 12)
    make_households(tdp6, 7, prefix="Ngõ")
    user = User.objects.create_user("to_truong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.NEIGHBOURHOOD_COMMITTEE, unit=tdp5)
    return tdp5


def test_committee_records_a_matter_reads_the_notice_warning_and_freezes_the_roll(
    live_server, browser, neighbourhood, screenshot
):
    from playwright.sync_api import expect

    page, outside = browser_kit.signed_in(browser, live_server, "to_truong")

    page.goto(f"{live_server.url}/admin/democracy/matters/new/")
    browser_kit.set_value(page, "[name=unit]", str(neighbourhood.pk))
    page.select_option("#id_item", "1")
    page.fill("#id_title", "Đóng góp làm đường ngõ 5")
    browser_kit.set_value(page, "#id_meeting_on", "18/04/2026")
    page.fill("#id_meeting_place", "Nhà văn hóa tổ 5")
    browser_kit.set_value(page, "#id_notice_on", "17/04/2026")
    screenshot(page, "matter-form")
    page.locator("footer button.button-longrunning[type=submit]").first.click()

    expect(page.locator("#dm-notice-by")).to_have_text("16/04/2026")
    expect(page.locator("#dm-kit-warnings")).to_contain_text("16/04/2026")
    page.locator("#dm-open").click()
    browser_kit.set_value(page, "#id_on", "01/04/2026")
    page.locator("#democracy-matter-form button[type=submit]").click()
    expect(page.locator("#dm-households")).to_have_text("12")
    expect(page.locator("#dm-threshold")).to_have_text("8")
    screenshot(page, "matter-page")
    matter = Matter.objects.get()
    assert (matter.status, matter.households, matter.roll.count()) == ("open", 12, 12)
    assert outside == []
