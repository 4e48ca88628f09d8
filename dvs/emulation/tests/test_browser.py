"""A board specialist, in a real browser, registers an exemplar, scores it, recognises it,
replicates it into another ward and reads the year's statistics; the API gives the same
numbers. Skipped when /usr/bin/chromium is not installed."""

from decimal import Decimal

import pytest
from wagtail.models import APIToken

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.emulation import reference
from dvs.emulation.models import Criterion, Evaluation, Exemplar, Status
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

pytestmark = needs_chromium


@pytest.fixture
def specialist(transactional_db):
    reference.install()  # a transactional test starts from a flushed database
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    city = Unit.objects.get(pk=city.pk)
    city.add_child(code="B", name="Phường Bình Minh", level=Level.COMMUNE)
    user = User.objects.create_user("chuyenvien", password=PASSWORD, full_name="Trần Thị Hạnh")
    RoleAssignment.objects.create(user=user, role=Role.BOARD_SPECIALIST, unit=city)
    return user


def set_date(page, selector, value):
    """Type a dd/mm/yyyy date without the date picker popping over the form."""
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)


def test_specialist_registers_evaluates_recognises_replicates_and_reads_statistics(
    live_server, browser, specialist, screenshot
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-US")
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # Register.
    page.goto(f"{live_server.url}/admin/exemplar/new/")
    page.fill("#id_name", "Tuyến phố xanh – sạch – đẹp")
    page.select_option("#id_field", label="Văn hóa – xã hội")
    page.select_option("#id_level", label="Phường / xã")
    page.get_by_role("button", name="Chọn đơn vị").click()
    page.locator(".modal").get_by_role("link", name="Phường An Bình").click()
    expect(page.locator("#id_unit-title")).to_have_text("Phường An Bình")
    page.fill("#id_year", "2025")
    set_date(page, "#id_started_on", "15/02/2025")
    page.fill("#id_problem", "Rác thải bừa bãi, thiếu cây xanh")
    page.fill("#id_method", "Mỗi hộ nhận chăm sóc một đoạn phố")
    # Two indicators with their baseline, target and actual figures for the year.
    for n, (indicator, figures) in enumerate(
        (
            ("Cây xanh trồng mới (cây)", ("0", "200", "240")),
            ("Hộ tham gia (hộ)", ("20", "120", "96")),
        )
    ):
        page.locator("#id_indicator_values-ADD").click()
        page.select_option(f"#id_indicator_values-{n}-indicator", label=indicator)
        page.fill(f"#id_indicator_values-{n}-year", "2025")
        for name, value in zip(("baseline", "target", "actual"), figures, strict=True):
            page.fill(f"#id_indicator_values-{n}-{name}", value)
    screenshot(page, "register-with-indicators")
    page.get_by_role("button", name="Tạo").click()
    expect(page.locator(".messages")).to_contain_text("Tuyến phố xanh")
    screenshot(page, "registered")
    exemplar = Exemplar.objects.get(name="Tuyến phố xanh – sạch – đẹp")
    assert (exemplar.unit.code, str(exemplar.started_on)) == ("A", "2025-02-15")
    values = {
        v.indicator.code: (v.year, v.baseline, v.target, v.actual)
        for v in exemplar.indicator_values.select_related("indicator")
    }
    assert values == {
        "trees": (2025, Decimal(0), Decimal(200), Decimal(240)),
        "households": (2025, Decimal(20), Decimal(120), Decimal(96)),
    }

    # Evaluate: a score out of range first, then a full sheet.
    page.goto(f"{live_server.url}/admin/exemplar/inspect/{exemplar.pk}/")
    page.get_by_role("link", name="Chấm điểm").click()
    criteria = list(Criterion.objects.filter(is_active=True))
    for criterion in criteria:
        page.fill(f"#id_criterion_{criterion.pk}", "9")
    page.fill(f"#id_criterion_{criteria[0].pk}", "12")
    page.fill("#id_year", "2025")
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_text("phải từ 0 đến 10")).to_be_visible()
    assert not Evaluation.objects.exists()
    page.fill(f"#id_criterion_{criteria[0].pk}", "10")
    page.get_by_role("button", name="Tạo").click()
    page.wait_for_url(f"{live_server.url}/admin/evaluation/")
    assert Evaluation.objects.get().total == 91  # 10/10 at weight 1, 9/10 at weight 9

    # Recognise.
    page.goto(f"{live_server.url}/admin/exemplar/inspect/{exemplar.pk}/")
    page.get_by_role("link", name="Khen thưởng").click()
    page.select_option("#id_level", label="Cấp thành phố")
    page.fill("#id_decision_number", "125-QĐ/BDVTU")
    set_date(page, "#id_decision_date", "01/01/2025")
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_text("trước khi mô hình bắt đầu")).to_be_visible()
    set_date(page, "#id_decision_date", "20/12/2025")
    page.get_by_role("button", name="Tạo").click()
    page.wait_for_url(f"{live_server.url}/admin/recognition/")
    exemplar.refresh_from_db()
    assert exemplar.status == Status.RECOGNISED

    # Replicate into another ward.
    page.goto(f"{live_server.url}/admin/exemplar/inspect/{exemplar.pk}/")
    page.get_by_role("link", name="Nhân rộng", exact=True).click()
    page.select_option("#id_unit", label="Phường Bình Minh")
    page.get_by_role("button", name="Nhân rộng").click()
    expect(page.locator("#emu-tree")).to_contain_text("Nhân rộng từ: Tuyến phố xanh")
    replica = Exemplar.objects.get(origin=exemplar)
    assert replica.unit.code == "B"

    # The year's statistics.
    page.goto(f"{live_server.url}/admin/emulation/statistics/?year=2025")
    expect(page.locator("#emu-total")).to_have_text("1")
    expect(page.locator("#emu-ranking")).to_contain_text("Tuyến phố xanh – sạch – đẹp")
    expect(page.locator("#emu-ranking")).to_contain_text("91")
    screenshot(page, "statistics-2025")
    page.goto(f"{live_server.url}/admin/emulation/statistics/")
    expect(page.locator("#emu-total")).to_have_text("2")
    expect(page.locator("#emu-replicas")).to_contain_text("1 mô hình nhân rộng từ 1 mô hình gốc")
    assert page.locator("figure.dvs-chart svg").count() == 5
    # Each chart has its table beside it: the figures a screen reader reads.
    expect(page.locator("#chart-field table")).to_contain_text("Văn hóa – xã hội")
    screenshot(page, "statistics-all-years")
    assert outside == []

    # The same numbers from the API.
    token = APIToken.create_token(user=specialist, name="test")[1]
    headers = {"Authorization": f"Bearer {token}"}
    stats = page.request.get(f"{live_server.url}/api/v1/exemplars/stats", headers=headers).json()
    listed = page.request.get(f"{live_server.url}/api/v1/exemplars", headers=headers).json()
    assert stats["total"] == listed["count"] == 2
    assert stats["by_field"]["culture_society"] == 2
    assert stats["by_status"] == {
        "registered": 1,
        "running": 0,
        "evaluated": 0,
        "recognised": 0,
        "replicated": 1,
        "stopped": 0,
    }
