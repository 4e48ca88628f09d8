"""A neighbourhood committee member, in a real browser, records a meeting of a
neighbourhood with 180 households where only 85 came (the contribution cannot reach its
120), switches to a household ballot, marks the returned ballots, enters the count twice
(121/50/5 as clerk A, 121/49/6 as clerk B), sees "Hai lần nhập không khớp", corrects the
second entry, confirms, sees "Thông qua" and sends the decision. Skipped when
/usr/bin/chromium is not installed."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.democracy.models import Matter
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from . import browser as browser_kit
from .helpers import make_matter

pytestmark = needs_chromium


@pytest.fixture
def matter(transactional_db):
    ward = browser_kit.ward()
    neighbourhood = Unit.objects.get(pk=ward.pk).add_child(
        code="A1", name="Tổ dân phố 1", level=Level.NEIGHBOURHOOD
    )
    user = User.objects.create_user("to_mat_tran", password=PASSWORD, full_name="Lê Thị Hoa")
    RoleAssignment.objects.create(user=user, role=Role.NEIGHBOURHOOD_COMMITTEE, unit=neighbourhood)
    return make_matter(neighbourhood, "Đóng góp làm đường ngõ 5", households=180)


def vietnamese(msgid):
    with translation.override("vi"):
        return gettext(msgid)


def enter(page, order, clerk, yes, no, invalid):
    form = "#entry-form"
    page.select_option(f"{form} [name=order]", str(order))
    page.fill(f"{form} [name=clerk]", clerk)
    page.fill(f"{form} [name=returned]", "176")
    page.fill(f"{form} [name=yes]", str(yes))
    page.fill(f"{form} [name=no]", str(no))
    page.fill(f"{form} [name=invalid]", str(invalid))
    page.locator(f"{form} button[type=submit]").click()
    page.wait_for_load_state()


def test_committee_member_switches_to_a_ballot_entered_twice_and_sends(
    live_server, browser, matter, screenshot
):
    from playwright.sync_api import expect

    page, outside = browser_kit.signed_in(browser, live_server, "to_mat_tran")

    # The meeting: 85 households tick in, of 180.
    page.goto(f"{live_server.url}/admin/democracy/matters/{matter.pk}/meeting/")
    form = "#attendance-form"
    browser_kit.set_value(page, f"{form} [name=meeting_on]", "15/04/2026")
    page.fill(f"{form} [name=chair]", "Lê Văn Chủ")
    page.fill(f"{form} [name=secretary]", "Phạm Thị Thư")
    page.select_option(f"{form} [name=vote_method]", "hands")
    page.fill(f"{form} [name=witnesses]", "Nguyễn Văn An\nTrần Thị Bình")
    boxes = page.locator(".present-box")
    expect(boxes).to_have_count(180)
    for n in range(85):
        boxes.nth(n).check()
    expect(page.locator("#present-count")).to_have_text("85")
    screenshot(page, "attendance")
    page.locator(f"{form} button[type=submit]").click()

    warning = page.locator("#cannot-reach")
    expect(warning).to_contain_text(
        vietnamese("The pass threshold cannot be reached (needs ≥%(needed)d households).")
        % {"needed": 120}
    )
    screenshot(page, "cannot-reach")
    page.locator("#switch-to-ballot").click()

    # The household ballot.
    browser_kit.set_value(page, "[name=opens_on]", "20/04/2026")
    browser_kit.set_value(page, "[name=closes_on]", "24/04/2026")
    page.locator("#ballot-start-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/democracy/matters/{matter.pk}/ballot/")
    page.locator("#select-all").check()
    returned = page.locator(".returned-box")
    for n in range(176, 180):
        returned.nth(n).uncheck()
    expect(page.locator("#returned-count")).to_have_text("176")
    page.locator("#returned-form button[type=submit]").click()
    page.wait_for_load_state()

    enter(page, 1, "Văn thư A", 121, 50, 5)
    enter(page, 2, "Văn thư B", 121, 49, 6)
    expect(page.locator("#entries-mismatch")).to_contain_text(
        vietnamese("The two entries do not match.")
    )
    expect(page.locator("#confirm-form")).to_have_count(0)
    screenshot(page, "mismatch")
    enter(page, 2, "Văn thư B", 121, 50, 5)
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator("#ballot-verdict")).to_have_text(vietnamese("Passed"))
    expect(page.locator("#not-returned li")).to_have_count(4)
    screenshot(page, "confirmed")

    # Sending the decision.
    page.locator("#send-decision").click()
    browser_kit.set_value(page, "[name=sent_on]", "27/04/2026")
    page.locator("#send-form button[type=submit]").click()
    expect(page.locator("#tp-sent")).to_be_visible()
    screenshot(page, "sent")

    matter.refresh_from_db()
    assert matter.status == Matter.Status.SENT
    assert matter.passed is True
    assert matter.yes == 121
    assert matter.decided_form == "ballot"
    assert str(matter.sent_on) == "2026-04-27"
    assert outside == []
