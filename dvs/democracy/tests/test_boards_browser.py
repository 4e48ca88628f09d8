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

from . import browser as browser_kit

pytestmark = needs_chromium


@pytest.fixture
def ward(transactional_db):
    ward = browser_kit.ward()
    user = User.objects.create_user("canbo_phuong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    return ward


def test_ward_officer_sets_up_a_monitoring_board_and_its_members(
    live_server, browser, ward, screenshot
):
    from playwright.sync_api import expect

    page, outside = browser_kit.signed_in(browser, live_server, "canbo_phuong")

    page.goto(f"{live_server.url}/admin/democracy/boards/new/")
    browser_kit.set_value(page, "[name=unit]", str(ward.pk))
    page.select_option("#id_kind", "monitoring")
    page.fill("#id_name", "Ban giám sát đường ngõ 9")
    page.fill("#id_project", "Đường ngõ 9")
    page.fill("#id_investor", "UBND phường An Bình")
    browser_kit.set_value(page, "#id_term_from", "01/03/2026")
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
