"""End to end in headless Chromium: a board specialist opens a period, two wards fill and
submit their reports, the specialist returns one, accepts the other and generates the
review report, which downloads as a DOCX with the Party header."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from docx import Document

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.reports.models import ReportPeriod, UnitReport
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_template

pytestmark = needs_chromium


@pytest.fixture
def city(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    for code, name in (("A", "Phường An Bình"), ("B", "Phường Bình Minh")):
        Unit.objects.get(pk=city.pk).add_child(code=code, name=name, level=Level.COMMUNE)
    for username, role, code in (
        ("chuyenvien", Role.BOARD_SPECIALIST, "C1"),
        ("khoia", Role.WARD_BLOC_OFFICER, "A"),
        ("khoib", Role.WARD_BLOC_OFFICER, "B"),
    ):
        user = User.objects.create_user(username, password=PASSWORD)
        RoleAssignment.objects.create(user=user, role=role, unit=Unit.objects.get(code=code))
    make_template()
    return Unit.objects.get(code="C1")


def login(page, url, username):
    page.context.clear_cookies()
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/admin/")


def in_first_viewport(page, selector):
    """The element is on the screen as the page opens, without scrolling."""
    box = page.locator(selector).bounding_box()
    return (
        box is not None
        and 0 <= box["y"]
        and box["y"] + box["height"] <= page.viewport_size["height"]
    )


def test_period_to_unit_reports_to_the_review_report(live_server, browser, city, screenshot):
    from playwright.sync_api import expect

    page = browser.new_page(locale="vi-VN", accept_downloads=True)
    url = live_server.url

    # The specialist opens the period in the back office.
    login(page, url, "chuyenvien")
    page.goto(url + reverse("reportperiod:add"))
    page.fill("#id_name", "6 tháng đầu năm 2025")
    page.select_option("#id_kind", "six_months")
    page.select_option("#id_template", index=1)
    page.fill("#id_start", "2025-01-01")
    page.fill("#id_end", "2025-06-30")
    page.fill("#id_due_on", "2025-07-10")
    # The unit chooser's hidden input (the chooser itself is tested with the units).
    page.locator("#id_unit").evaluate("(input, pk) => input.value = pk", str(city.pk))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(url + reverse("reportperiod:index"))
    period = ReportPeriod.objects.get()
    assert (period.unit, period.end) == (city, datetime.date(2025, 6, 30))
    page.goto(f"{url}/admin/reports/{period.pk}/")
    expect(page.locator("[data-missing]")).to_have_attribute("data-missing", "2")
    screenshot(page, "period-opened")

    # Each ward fills and submits; ward B first puts a number in a text cell.
    for username, code, trainings in (("khoia", "A", "3"), ("khoib", "B", "4")):
        login(page, url, username)
        page.goto(f"{url}/admin/reports/")
        page.locator(f"[data-period='{period.pk}']").click()
        page.locator(f"tr[data-unit='{code}'] a").click()
        page.fill("#value_trainings", trainings)
        page.fill("#text_lanh-dao", f"Phường {code} tổ chức hội nghị quán triệt.")
        if code == "B":
            page.fill("#text_han-che", "12")
            page.click("#submit")
            expect(page.locator(".error").first).to_be_visible()
            # Nothing is saved, not even the draft: the page shows what was typed.
            assert not UnitReport.objects.filter(unit__code="B").exists()
            expect(page.locator("#value_trainings")).to_have_value(trainings)
            page.fill("#text_han-che", "Một số khu phố nộp chậm.")
        page.click("#submit")
        expect(page.locator("#report-status")).to_have_attribute("data-status", "submitted")
        screenshot(page, f"ward-{code}-submitted")

    # The specialist returns B with a comment, accepts A, and generates the report.
    login(page, url, "chuyenvien")
    page.goto(f"{url}/admin/reports/{period.pk}/units/B/")
    page.fill("#id_comment", "Bổ sung số liệu tập huấn.")
    page.click("#return")
    expect(page.locator("#report-status")).to_have_attribute("data-status", "returned")
    page.goto(f"{url}/admin/reports/{period.pk}/units/A/")
    page.click("#accept")
    expect(page.locator("#report-status")).to_have_attribute("data-status", "accepted")
    page.goto(f"{url}/admin/reports/{period.pk}/")
    expect(page.locator("tr[data-unit='B']")).to_have_attribute("data-status", "returned")
    # Before the final DOCX, the specialist edits a section of the generated draft.
    page.click("#edit-review")
    limitations = page.locator("#id_text_limitations")
    expect(limitations).to_have_value(re.compile(r"^Bên cạnh kết quả đạt được, còn 1/2 đơn vị"))
    limitations.fill("Một số khu phố nộp báo cáo chậm.")
    page.click("#save-texts")
    expect(page.locator("section[data-key='limitations']")).to_have_attribute("data-edited", "true")
    page.goto(f"{url}/admin/reports/{period.pk}/")
    # The main action is at the top: the generate button shows without scrolling.
    assert in_first_viewport(page, "#generate")
    screenshot(page, "period-before-generating", full_page=False)
    page.fill("#id_number", "07")
    page.click("#generate")
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done")
    # No technical notice (LibreOffice) for the specialist.
    expect(page.locator("#technical-notice")).to_have_count(0)
    screenshot(page, "review-ready")
    with page.expect_download() as download:
        page.click("#download-docx")
    doc = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    assert "Số 07-BC/BTGDVTU" in doc.tables[0].rows[0].cells[0].text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in doc.tables[0].rows[0].cells[1].text
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Phường An Bình: Phường A tổ chức hội nghị quán triệt." in text
    assert "Phường B tổ chức" not in text  # returned: not collected
    assert "II. HẠN CHẾ VÀ NGUYÊN NHÂN\nMột số khu phố nộp báo cáo chậm." in text

    # The period lists the generated report once, with its local time and its file.
    page.goto(f"{url}/admin/reports/{period.pk}/")
    expect(page.locator("#generated tbody tr")).to_have_count(1)
    expect(page.locator("#generated tbody tr a", has_text="DOCX")).to_be_visible()
    screenshot(page, "period-with-generated-report")

    # The leaders' dashboard drills down from the city to a ward.
    page.goto(f"{url}/admin/reports/{period.pk}/dashboard/?indicator=trainings")
    expect(page.locator("#key-figures tr[data-code='trainings'] td").nth(1)).to_have_text("3")
    expect(page.locator("#chart-key svg[role=img]")).to_be_visible()
    expect(page.locator("#chart-units svg[role=img]")).to_be_visible()
    screenshot(page, "dashboard")
    page.locator("#chart-units a", has_text="Phường An Bình").click()
    expect(page.locator("#dashboard-unit")).to_have_text("Phường An Bình")
    screenshot(page, "dashboard-ward")
