"""End to end in headless Chromium: the ward's reception officer records a denunciation
and gives it a handler; the handler signs in, finds it on the home page under "Hồ sơ tôi
xử lý" and in the list's "của tôi" filter, opens it and accepts it."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.cases.models import Case, SubjectArea
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium


@pytest.fixture
def ward(transactional_db):
    SubjectArea.objects.get_or_create(code="land", defaults={"name": "Đất đai"})
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    for username, name in (("tiepdan", "Phạm Minh Tuấn"), ("canbo", "Lê Thu Hà")):
        user = User.objects.create_user(username, password=PASSWORD, full_name=name)
        RoleAssignment.objects.create(user=user, role=Role.RECEPTION_OFFICER, unit=ward)
    return ward


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_the_handler_finds_the_denunciation_on_the_home_page_and_moves_it(
    live_server, browser, ward, screenshot
):
    from playwright.sync_api import expect

    # Intake by the reception officer.
    page = sign_in(browser, live_server, "tiepdan")
    screenshot(page, "reception-home")
    page.goto(f"{live_server.url}/admin/cases/new/")
    page.select_option("#id_kind", "denunciation")
    page.select_option("#id_channel", "reception")
    page.select_option("#id_unit", label="Phường An Bình")
    page.select_option("#id_subject_area", label="Đất đai")
    page.fill("#id_content", "Tố cáo cán bộ địa chính nhận tiền để hợp thức hoá đất lấn chiếm.")
    page.fill("#id_petitioner-0-name", "Người Tố Cáo")
    screenshot(page, "intake-filled")
    page.get_by_role("button", name="Ghi nhận hồ sơ").click()
    case = Case.objects.get()
    page.wait_for_url(f"{live_server.url}/admin/case/inspect/{case.pk}/")
    screenshot(page, "recorded")

    # The officer gives it a handler.
    page.get_by_role("link", name="Giao người xử lý", exact=True).click()
    page.select_option("#id_handler", label="Lê Thu Hà")
    screenshot(page, "assign")
    page.get_by_role("button", name="Giao người xử lý", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/case/inspect/{case.pk}/")
    case.refresh_from_db()
    assert case.handler.username == "canbo"

    # The handler signs in: the case waits on the home page, under "Hồ sơ tôi xử lý".
    page = sign_in(browser, live_server, "canbo")
    mine = page.locator("[data-work=my_cases]")
    expect(mine).to_contain_text("Hồ sơ tôi xử lý")
    expect(mine).to_contain_text(case.code)
    expect(mine).to_contain_text("còn")  # the working days left
    screenshot(page, "handler-home")

    # The list's "của tôi" filter shows it too.
    mine.get_by_role("link", name="Xem tất cả").click()
    expect(page.locator("main")).to_contain_text(case.code)
    screenshot(page, "my-cases-list")

    # Back home, the handler opens it from the work list and accepts it.
    page.goto(f"{live_server.url}/admin/")
    page.locator("[data-work=my_cases]").get_by_role("link", name=case.code).click()
    page.wait_for_url(f"{live_server.url}/admin/case/inspect/{case.pk}/")
    expect(page.locator("main")).to_contain_text(case.code)
    screenshot(page, "handler-opens")
    page.get_by_role("link", name="Thụ lý", exact=True).click()
    page.get_by_role("button", name="Thụ lý", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã thụ lý")
    screenshot(page, "accepted")
    case.refresh_from_db()
    assert case.status == "accepted"
