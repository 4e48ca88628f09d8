"""In Chromium: the partner organisations of an exemplar are found by typing a few
letters without accents, and the chosen ones stay in view."""

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.emulation.tests.helpers import make_exemplar
from dvs.testing import PASSWORD
from dvs.units.models import Level, Organisation, OrganisationKind, Unit

pytestmark = needs_chromium


@pytest.fixture
def exemplar(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    ward.add_child(code="A1", name="Khu phố 1", level=Level.NEIGHBOURHOOD)
    ward = Unit.objects.get(pk=ward.pk)
    kind = OrganisationKind.objects.create(code="org", name="Đoàn thể")
    for name in ("Hội Liên hiệp Phụ nữ phường", "Đoàn Thanh niên phường", "Hội Cựu chiến binh"):
        Organisation.objects.create(kind=kind, unit=ward, name=name)
    user = User.objects.create_user("lanhdao", password=PASSWORD, full_name="Lê Văn Lãnh")
    RoleAssignment.objects.create(user=user, role=Role.BOARD_LEADER, unit=ward)
    return make_exemplar(ward, "Tuyến phố xanh")


def test_partners_are_found_by_typing(live_server, browser, exemplar, screenshot):
    from playwright.sync_api import expect

    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/exemplar/edit/{exemplar.pk}/")
    picker = page.locator("[data-dvs-searchable]")
    search = picker.get_by_placeholder("Gõ vài chữ để tìm…")
    expect(search).to_be_visible()
    screenshot(page, "partners")
    search.fill("doan thanh")
    expect(picker.get_by_label("Đoàn Thanh niên phường")).to_be_visible()
    expect(picker.get_by_label("Hội Cựu chiến binh")).to_be_hidden()
    picker.get_by_label("Đoàn Thanh niên phường").check()
    search.fill("phu nu")
    expect(picker.get_by_label("Hội Liên hiệp Phụ nữ phường")).to_be_visible()
    expect(picker.get_by_label("Đoàn Thanh niên phường")).to_be_visible()  # chosen: kept
    expect(picker).to_contain_text("Đã chọn: 1")
    screenshot(page, "partners-filtered")
