"""A ward officer, in a real browser, opens an affected household on the ring road, logs
a persuasion visit, records the opinion meeting on the compensation plan (40 agree, 12
disagree, 3 other) and reads on the household's page when the dialogue is due.
Skipped when /usr/bin/chromium is not installed."""

import datetime

import pytest

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.clearance.models import AdvocacyVisit, Milestone, RuleSet
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_party, make_project, make_segment

pytestmark = needs_chromium


@pytest.fixture
def household(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    user = User.objects.create_user("canbo_phuong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    # The Land Law 2024's numbers, chosen for the project (a transactional test starts
    # from a flushed database): a dialogue is due within 60 days of the opinion meeting.
    rule_set, _created = RuleSet.objects.get_or_create(
        code="LDD2024",
        defaults={
            "name": "Luật Đất đai 2024",
            "effective_from": datetime.date(2024, 8, 1),
            "notice_days_agricultural": 90,
            "notice_days_non_agricultural": 180,
            "posting_days": 30,
            "dialogue_days": 60,
        },
    )
    project = make_project(
        Unit.objects.get(pk=city.pk), rule_set=rule_set, rule_set_reason="Dự án chuyển tiếp"
    )
    segment = make_segment(project, ward, km_from=0, km_to=3, planned_households=120)
    return make_party(segment, "Hộ ông Nguyễn Văn An", address="Số 12 đường Vành Đai")


def set_date(page, selector, value):
    """Type a dd/mm/yyyy date without the date picker popping over the form (once the
    form's page, opened by a link, is there)."""
    page.wait_for_selector(selector)
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)


def test_ward_officer_logs_a_visit_records_an_opinion_meeting_and_sees_the_dialogue_due(
    live_server, browser, household, screenshot
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

    # Find the household in the list, accent-insensitively, and open its page.
    page.goto(f"{live_server.url}/admin/affectedparty/?q=nguyen+van+an")
    page.get_by_role("link", name="Hộ ông Nguyễn Văn An").first.click()
    page.goto(f"{live_server.url}/admin/affectedparty/inspect/{household.pk}/")
    screenshot(page, "party-page")

    # Log a visit: not yet agreed, worried about the land price.
    page.locator("#cl-visit").click()
    set_date(page, "#id_on", "01/04/2026")
    page.select_option("#id_outcome", "not_yet")
    page.check("input[name=concerns][value=land_price]")
    page.fill("#id_note", "Gia đình đề nghị xem lại đơn giá đất")
    screenshot(page, "visit-form")
    page.locator("#clearance-form button[type=submit]").click()
    expect(page.locator("#cl-visits")).to_contain_text("01/04/2026")

    # Record the opinion meeting on the plan: 55 present, 40 agree, 12 disagree, 3 other.
    page.locator("#cl-step").click()
    page.select_option("#id_kind", "opinion_meeting")
    set_date(page, "#id_on", "02/04/2026")
    page.fill("#id_at_time", "08:30")
    page.fill("#id_present", "55")
    page.fill("#id_agree", "40")
    page.fill("#id_disagree", "12")
    page.fill("#id_other", "3")
    screenshot(page, "opinion-meeting-form")
    page.locator("#clearance-form button[type=submit]").click()
    expect(page.locator("#cl-steps")).to_contain_text("02/04/2026")
    screenshot(page, "party-page-after")

    assert AdvocacyVisit.objects.get().concerns == ["land_price"]
    meeting = Milestone.objects.get()
    assert (meeting.agree, meeting.disagree, meeting.other) == (40, 12, 3)

    # The clock: a dialogue is due within 60 days of 2/4/2026 under the Land Law 2024.
    clock = page.locator("#cl-clock")
    expect(clock).to_contain_text("Hạn tổ chức đối thoại")
    expect(clock.locator("[data-key=dialogue_due_on]")).to_have_text("01/06/2026")
    assert outside == []
