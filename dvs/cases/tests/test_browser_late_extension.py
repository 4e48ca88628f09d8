"""In headless Chromium: extending a case whose time limit has passed shows a warning
before and after the step, and the case page says since when the case is late."""

import datetime

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.cases import workflow
from dvs.cases.models import SubjectArea
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium


@pytest.fixture
def late_case(transactional_db):
    area, _created = SubjectArea.objects.get_or_create(code="land", defaults={"name": "Đất đai"})
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    officer = User.objects.create_user("tiepdan", password=PASSWORD, full_name="Phạm Minh Tuấn")
    RoleAssignment.objects.create(user=officer, role=Role.RECEPTION_OFFICER, unit=ward)
    case = workflow.receive(
        unit=ward, kind="denunciation", channel="post", received_on=datetime.date(2026, 3, 2),
        subject_area=area, content="Tố cáo cán bộ địa chính.", anonymous=True,
    )  # fmt: skip
    workflow.accept(case, by=None, accepted_on=datetime.date(2026, 3, 4), complexity="complex")
    return case  # to be resolved by 3/4/2026, long passed


def test_a_late_extension_is_warned_and_the_case_stays_late(live_server, browser, late_case):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "tiepdan")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/cases/{late_case.pk}/step/extend/")
    warning = page.locator("#late-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("03/04/2026")
    page.fill("#id_days", "30")
    page.fill("#id_reason", "Phải xác minh thêm tại nhiều nơi.")
    page.locator("main form button.button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/case/inspect/{late_case.pk}/")
    expect(page.locator(".messages .warning, .messages [class*=warning]").first).to_contain_text(
        "03/04/2026"
    )
    expect(page.locator("#missed-deadline")).to_contain_text("03/04/2026")
    late_case.refresh_from_db()
    assert late_case.missed_deadline == datetime.date(2026, 4, 3)
