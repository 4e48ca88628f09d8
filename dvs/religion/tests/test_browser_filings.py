"""A ward officer, in a real browser, records a registration of belief activities
received on 02/03/2026 for activities starting 01/06/2026 and reads its reply date,
17/03/2026, on the filing's page. Skipped when /usr/bin/chromium is not installed."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.religion.models import Filing
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_establishment, reference_data

pytestmark = needs_chromium


@pytest.fixture
def pagoda(transactional_db):
    reference_data()
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    user = User.objects.create_user("canbo_phuong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    return make_establishment(ward, "Đình làng An Bình", kind="communal_house")


def set_value(page, selector, value):
    """Set a field's value without a date picker or a chooser popping over the form."""
    page.wait_for_selector(selector, state="attached")
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)


def test_ward_officer_records_a_belief_registration_and_sees_its_reply_date(
    live_server, browser, pagoda, screenshot
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

    page.goto(f"{live_server.url}/admin/religion/filings/new/")
    set_value(page, "[name=unit]", str(pagoda.unit_id))
    page.select_option("#id_kind", "belief_registration")
    page.fill("#id_submitted_by", "Ban quản lý đình làng An Bình")
    page.fill("#id_subject", "Đăng ký hoạt động tín ngưỡng năm 2026")
    set_value(page, "#id_received_on", "02/03/2026")
    set_value(page, "[name=establishment]", str(pagoda.pk))
    set_value(page, "#id_activity_on", "01/06/2026")
    screenshot(page, "filing-form")
    page.locator("footer button.button-longrunning[type=submit]").first.click()

    expect(page.locator("#rf-reply-due")).to_have_text("17/03/2026")
    expect(page.locator("#rf-rule-set")).to_contain_text("TNTG2016")
    expect(page.locator("#rf-on-time")).to_be_visible()
    screenshot(page, "filing-page")
    filing = Filing.objects.get()
    assert (filing.unit_id, filing.establishment_id) == (pagoda.unit_id, pagoda.pk)
    assert str(filing.reply_due_on) == "2026-03-17"
    assert outside == []
