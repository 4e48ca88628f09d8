"""End to end in headless Chromium: a citizen sends feedback on the portal, the ward's
citizen reception officer accepts, concludes and notifies it in the back office, and the citizen sees the
result by the tracking code."""

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
    SubjectArea.objects.get_or_create(code="urban_order", defaults={"name": "Trật tự đô thị"})
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    # Handling a case is a reception officer's or the board's, not the ward bloc's.
    officer = User.objects.create_user("tiepdan", password=PASSWORD, full_name="Phạm Minh Tuấn")
    RoleAssignment.objects.create(user=officer, role=Role.RECEPTION_OFFICER, unit=ward)
    return ward


def test_feedback_from_the_portal_to_a_notified_result(live_server, browser, ward):
    from playwright.sync_api import expect

    page = browser.new_page()
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )

    # The citizen sends feedback and gets a tracking code.
    page.goto(f"{live_server.url}/gui-phan-anh/")
    expect(page.locator("h1")).to_have_text("Gửi phản ánh, kiến nghị")
    page.select_option("#id_kind", "feedback")
    page.select_option("#id_unit", label="Phường An Bình")
    page.select_option("#id_subject_area", label="Trật tự đô thị")
    page.fill("#id_content", "Quán nhậu lấn chiếm vỉa hè trước số 12 đường Lê Lợi, đề nghị xử lý.")
    page.fill("#id_name", "Ngô Thị Phản Ánh")
    page.fill("#id_address", "Số 14 đường Lê Lợi")
    page.get_by_role("button", name="Gửi", exact=True).click()
    code = page.locator("[data-code]").inner_text().strip()
    case = Case.objects.get(code=code)
    assert (case.unit, case.channel, case.status) == (ward, "portal", "received")

    # The ward's reception officer handles it in the back office.
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "tiepdan")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/case/")
    page.get_by_role("link", name=code).click()
    expect(page.locator("main")).to_contain_text("Ngô Thị Phản Ánh")
    page.get_by_role("link", name="Thụ lý", exact=True).click()
    page.get_by_role("button", name="Thụ lý", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã thụ lý")
    page.get_by_role("link", name="Kết luận", exact=True).click()
    page.fill(
        "#id_conclusion", "Đã yêu cầu chủ quán dọn dẹp, trả lại vỉa hè; kiểm tra lại sau 3 ngày."
    )
    page.get_by_role("button", name="Kết luận", exact=True).click()
    page.get_by_role("link", name="Thông báo kết quả", exact=True).click()
    page.get_by_role("button", name="Thông báo kết quả", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã thông báo kết quả")

    # The citizen looks it up: steps and dates, no internal notes.
    page.goto(f"{live_server.url}/tra-cuu-ho-so/?code={code.lower()}")
    steps = page.locator("ol.steps")
    expect(steps).to_contain_text("Thụ lý giải quyết")
    expect(steps).to_contain_text("Thông báo kết quả cho người gửi đơn")
    assert "chủ quán" not in page.content()
    page.goto(f"{live_server.url}/tra-cuu-ho-so/?code=KHONGCOMA")
    expect(page.locator(".field-error")).to_contain_text("Không có hồ sơ nào mang mã này")
    assert outside == []
