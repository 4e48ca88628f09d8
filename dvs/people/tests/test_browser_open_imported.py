"""A neighbourhood committee member imports an Excel list; the checked import waits on
their home page until confirmed; then they open an imported resident by clicking its row
in the residents' list, and reach the resident's household from the resident's page."""

import openpyxl
import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.people.models import Household, Person
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium


@pytest.fixture
def committee(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    neighbourhood = ward.add_child(code="A1", name="Khu phố 1", level=Level.NEIGHBOURHOOD)
    user = User.objects.create_user("khupho", password=PASSWORD, full_name="Ngô Đức Thắng")
    RoleAssignment.objects.create(user=user, role=Role.NEIGHBOURHOOD_COMMITTEE, unit=neighbourhood)
    return neighbourhood


def test_committee_opens_an_imported_resident_from_the_list(
    live_server, browser, committee, tmp_path, screenshot
):
    from playwright.sync_api import expect

    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính"])
    workbook.active.append([1, "Nguyễn Thị An", "12/03/1980", "Nữ"])
    workbook.active.append([2, "Trần Văn Bảo", "05/06/1975", "Nam"])
    upload = tmp_path / "danh-sach.xlsx"
    workbook.save(upload)

    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "khupho")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    screenshot(page, "home")

    page.goto(f"{live_server.url}/admin/people/imports/new/")
    page.set_input_files("#id_file", str(upload))
    page.select_option("#id_unit", label="Khu phố 1")
    screenshot(page, "upload")
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    page.get_by_role("button", name="Kiểm tra các dòng").click()
    expect(page.get_by_text("Nhập 2 dòng hợp lệ")).to_be_visible()
    screenshot(page, "checked")

    # The checked list waits on the home page for the confirmation.
    page.goto(f"{live_server.url}/admin/")
    waiting = page.locator("[data-work=imports_to_confirm]")
    expect(waiting).to_contain_text("danh-sach.xlsx")
    screenshot(page, "home-import-waiting")
    waiting.get_by_role("link", name="danh-sach.xlsx").click()
    page.click("text=Nhập 2 dòng hợp lệ")
    expect(page.get_by_text("Đã nhập: 2")).to_be_visible()
    screenshot(page, "imported")

    # From the residents' list, a click on the row opens the resident.
    an = Person.objects.get(full_name="Nguyễn Thị An")
    an.household = Household.objects.create(unit=committee, address="Số 5 ngõ 2", head=an)
    an.save()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("button", name="Dân cư và hội viên").click()
    page.get_by_role("link", name="Người dân", exact=True).click()
    expect(page.locator("table.listing")).to_contain_text("Trần Văn Bảo")
    screenshot(page, "residents-list")
    page.locator("table.listing").get_by_role("link", name="Nguyễn Thị An").click()
    page.wait_for_url(f"{live_server.url}/admin/person/edit/{an.pk}/")
    expect(page.locator("#id_full_name")).to_have_value("Nguyễn Thị An")
    screenshot(page, "resident-opened")

    # The resident's page links to the household, which lists its members back.
    page.goto(f"{live_server.url}/admin/person/inspect/{an.pk}/")
    page.get_by_role("link", name="Số 5 ngõ 2").click()
    expect(page.locator("main")).to_contain_text("Thành viên hộ gia đình")
    expect(page.locator(".dvs-related").get_by_role("link", name="Nguyễn Thị An")).to_be_visible()
    screenshot(page, "household")
