"""A neighbourhood committee member imports an old TCVN3 Excel list in the browser,
fixes the flagged row, finds people without typing accents and reads the coverage."""

import io

import openpyxl
import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.people.models import EligibilityRule, Membership, Person
from dvs.testing import PASSWORD
from dvs.units.models import Level, Organisation, OrganisationKind, Unit

pytestmark = needs_chromium


@pytest.fixture
def committee(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    ward = province.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    neighbourhood = ward.add_child(code="A1", name="Khu phố 1", level=Level.NEIGHBOURHOOD)
    kind = OrganisationKind.objects.create(code="women", name="Hội LHPN")
    EligibilityRule.objects.create(kind=kind, sex="female", min_age=18)
    Organisation.objects.create(kind=kind, unit=neighbourhood, name="Chi hội Phụ nữ khu phố 1")
    user = User.objects.create_user("khupho", password=PASSWORD, full_name="Ngô Đức Thắng")
    RoleAssignment.objects.create(user=user, role=Role.NEIGHBOURHOOD_COMMITTEE, unit=neighbourhood)
    return user


def tcvn3_workbook(tmp_path, rows, name):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Hä vµ tªn", "Ngµy sinh", "Giíi tÝnh"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def test_committee_imports_a_tcvn3_list_fixes_a_row_and_finds_people(
    live_server,
    browser,
    committee,
    tmp_path,
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-US", accept_downloads=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "khupho")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    upload = tcvn3_workbook(
        tmp_path,
        [
            [1, "NguyÔn ThÞ An", "12/03/1980", "N÷"],
            [2, "§Æng V¨n Dòng", "31/02/1975", "Nam"],
            [3, "TrÇn ThÞ BÝch", "05/06/2001", "N÷"],
        ],
        "danh-sach-cu.xlsx",
    )
    page.goto(f"{live_server.url}/admin/people/imports/new/")
    page.set_input_files("#id_file", str(upload))
    page.select_option("#id_unit", label="Khu phố 1")
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    expect(page.get_by_text("Nguyễn Thị An")).to_be_visible()  # converted in the preview
    expect(page.get_by_text("Phông TCVN3, đã chuyển đổi").first).to_be_visible()
    page.get_by_role("button", name="Kiểm tra các dòng").click()
    expect(page.get_by_text("Ngày này không tồn tại.")).to_be_visible()
    assert Person.objects.count() == 0
    page.click("text=Nhập 2 dòng hợp lệ")
    expect(page.get_by_text("Đã nhập: 2")).to_be_visible()

    with page.expect_download() as download:
        page.click("text=Tải báo cáo lỗi (Excel)")
    report = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    report.active.cell(row=2, column=3).value = "28/02/1975"
    fixed = tmp_path / "da-sua.xlsx"
    report.save(fixed)
    page.goto(f"{live_server.url}/admin/people/imports/new/")
    page.set_input_files("#id_file", str(fixed))
    page.select_option("#id_unit", label="Khu phố 1")
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    page.get_by_role("button", name="Kiểm tra các dòng").click()
    page.click("text=Nhập 1 dòng hợp lệ")
    expect(page.get_by_text("Đã nhập: 1")).to_be_visible()
    assert set(Person.objects.values_list("full_name", flat=True)) == {
        "Nguyễn Thị An",
        "Đặng Văn Dũng",
        "Trần Thị Bích",
    }

    page.goto(f"{live_server.url}/admin/person/?q=dang van dung")
    expect(page.locator("table.listing")).to_contain_text("Đặng Văn Dũng")
    expect(page.locator("table.listing")).not_to_contain_text("Nguyễn Thị An")

    an = Person.objects.get(full_name="Nguyễn Thị An")
    Membership.objects.create(person=an, organisation=Organisation.objects.get())
    page.goto(f"{live_server.url}/admin/people/coverage/")
    row = page.locator("#coverage-table tr", has_text="Chi hội Phụ nữ khu phố 1")
    expect(row).to_contain_text("50,0%")  # 1 member of 2 women aged 18+
    # The same figure in the chart of the unit's organisations and in the table beside it.
    chart = page.locator("#chart-organisations")
    expect(chart.locator("svg[role=img] rect")).to_have_attribute("data-value", "50,0")
    expect(chart.locator("table tr", has_text="Chi hội Phụ nữ khu phố 1")).to_contain_text("50,0")
