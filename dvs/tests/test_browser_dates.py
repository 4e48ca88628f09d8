"""Dates typed in the back office, in a Chromium started in Vietnamese: dd/mm/yyyy with or
without leading zeros is stored as that day; text the field cannot read stays as typed
(the date picker does not replace it with today) and is refused with the platform's
message, changing nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import CHROMIUM, needs_chromium
from dvs.lib.forms import DATE_INVALID
from dvs.reports.models import ReportPeriod
from dvs.reports.tests.helpers import make_template
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium

MARCH_1 = datetime.date(2026, 3, 1)


@pytest.fixture
def vi_page(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--lang=vi-VN"],
        )
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        yield context.new_page()
        browser.close()


@pytest.fixture
def city(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    user = User.objects.create_user("chuyenvien", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.BOARD_SPECIALIST, unit=city)
    make_template()
    return Unit.objects.get(pk=city.pk)


def type_date(page, selector, text):
    """Typed key by key, then the field is left (where the picker used to rewrite it)."""
    field = page.locator(selector)
    field.fill("")
    field.press_sequentially(text)
    field.press("Tab")
    page.keyboard.press("Escape")


def test_dates_typed_day_first_are_stored_and_garbage_is_refused(live_server, vi_page, city):
    from playwright.sync_api import expect

    page, url = vi_page, live_server.url
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/admin/")

    # A new period: 01/03/2026 with leading zeros.
    page.goto(url + reverse("reportperiod:add"))
    page.fill("#id_name", "Quý I năm 2026")
    page.select_option("#id_kind", index=1)
    page.select_option("#id_template", index=1)
    type_date(page, "#id_start", "01/03/2026")
    type_date(page, "#id_end", "31/3/2026")
    type_date(page, "#id_due_on", "5/4/2026")
    assert page.locator("#id_start").input_value() == "01/03/2026"  # not rewritten
    page.locator("#id_unit").evaluate("(input, pk) => input.value = pk", str(city.pk))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(url + reverse("reportperiod:index"))
    period = ReportPeriod.objects.get()
    assert (period.start, period.end, period.due_on) == (
        MARCH_1,
        datetime.date(2026, 3, 31),
        datetime.date(2026, 4, 5),
    )

    # Edited: shown dd/mm/yyyy; 1/3/2026 without leading zeros is the same day.
    page.goto(url + reverse("reportperiod:edit", args=[period.pk]))
    expect(page.locator("#id_start")).to_have_value("01/03/2026")
    expect(page.locator("#id_due_on")).to_have_value("05/04/2026")
    type_date(page, "#id_start", "1/3/2026")
    type_date(page, "#id_end", "30/4/2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(url + reverse("reportperiod:index"))
    period.refresh_from_db()
    assert (period.start, period.end) == (MARCH_1, datetime.date(2026, 4, 30))

    # Garbage and a month-first date: kept as typed, refused in Vietnamese, nothing saved.
    with translation.override("vi"):
        message = str(DATE_INVALID)
    for text in ("mai", "3/31/2026"):
        page.goto(url + reverse("reportperiod:edit", args=[period.pk]))
        type_date(page, "#id_end", text)
        assert page.locator("#id_end").input_value() == text  # not replaced by today
        page.locator("main form button[type=submit]").first.click()
        expect(page.locator("main")).to_contain_text(message)
        expect(page.locator("#id_end")).to_have_value(text)
        period.refresh_from_db()
        assert period.end == datetime.date(2026, 4, 30)
