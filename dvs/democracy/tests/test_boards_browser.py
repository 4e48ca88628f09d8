"""A ward officer, in a real browser, sets up a community investment-monitoring board,
enters six residents (refused: at most 5 residents), corrects one to come from the Front
and reads the saved list on the board's page, no composition problem left. Skipped when
/usr/bin/chromium is not installed."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.democracy.models import Board
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium


@pytest.fixture
def ward(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    user = User.objects.create_user("canbo_phuong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    return ward


def set_value(page, selector, value):
    """Set a field's value without a date picker or a chooser popping over the form."""
    page.wait_for_selector(selector, state="attached")
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)


def test_ward_officer_sets_up_a_monitoring_board_and_its_members(
    live_server, browser, ward, screenshot
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

    page.goto(f"{live_server.url}/admin/democracy/boards/new/")
    set_value(page, "[name=unit]", str(ward.pk))
    page.select_option("#id_kind", "monitoring")
    page.fill("#id_name", "Ban giám sát đường ngõ 9")
    page.fill("#id_project", "Đường ngõ 9")
    page.fill("#id_investor", "UBND phường An Bình")
    set_value(page, "#id_term_from", "01/03/2026")
    page.locator("footer button.button-longrunning[type=submit]").first.click()

    # The member list comes next: six residents are one too many.
    page.wait_for_selector("#democracy-members-form")
    for n in range(6):
        page.fill(f"#id_members-{n}-name", f"Người dân {n + 1}")
    page.select_option("#id_members-0-role", "head")
    screenshot(page, "board-members")
    page.locator("#democracy-members-form button[type=submit]").click()
    expect(page.locator("#db-member-errors")).to_be_visible()
    board = Board.objects.get(name="Ban giám sát đường ngõ 9")
    assert not board.members.exists()

    # The sixth comes from the Front: saved, and the board's page lists them all.
    page.select_option("#id_members-5-origin", "front")
    page.locator("#democracy-members-form button[type=submit]").click()
    expect(page.locator("#db-member-list tbody tr")).to_have_count(6)
    expect(page.locator("#db-problems")).to_have_count(0)
    screenshot(page, "board-page")
    assert board.members.count() == 6
    assert board.members.filter(role="head").count() == 1
    assert outside == []
