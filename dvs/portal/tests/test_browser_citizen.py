"""Issue 13 (points 9–13) in headless Chromium, leaving screenshots under
var/screenshots/: a citizen sends and tracks a petition on a phone, and an article goes
from the editor through the approver to the portal with an ASCII slug."""

import pytest

from dvs.accounts.roles import Role
from dvs.cases.models import Case, SubjectArea
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD, make_user
from dvs.units.models import Level, Unit

from .helpers import import_seed, make_article, make_section, reset_counting

pytestmark = needs_chromium
DESKTOP_VISITOR = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = {"width": 390, "height": 844}
VISITOR = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)


@pytest.fixture
def city(transactional_db):
    reset_counting()
    SubjectArea.objects.get_or_create(code="urban_order", defaults={"name": "Trật tự đô thị"})
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)
    section = make_section()
    import_seed(section)
    make_article(section, "Đại hội Hội Người cao tuổi phường Đông Ngàn", "Đoàn kết, đổi mới.")
    return Unit.objects.get(pk=city.pk), section


def watch_outside(page, live_server):
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    return outside


def assert_fits(page):
    """No horizontal scrolling: the page is no wider than the window."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url}: scrollWidth {widths[0]} > {widths[1]}"


def test_a_citizen_sends_and_tracks_a_petition_on_a_phone(live_server, browser, city, screenshot):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport=PHONE, user_agent=VISITOR)
    page = context.new_page()
    outside = watch_outside(page, live_server)

    # The home page on a phone: the header folded, the news on the first screen.
    page.goto(f"{live_server.url}/")
    assert_fits(page)
    menu_button = page.get_by_role("button", name="Danh mục")
    expect(menu_button).to_be_visible()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    nav = page.get_by_role("navigation", name="Trình đơn chính")
    expect(nav).to_be_hidden()
    headline = page.locator("main .card h3 a").first
    expect(headline).to_be_visible()
    box = headline.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    screenshot(page, "home-on-a-phone", full_page=False)
    # The menu button opens the menu (the section, the showcase, tracking, search).
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Công tác dân vận")).to_be_visible()
    expect(nav.get_by_role("link", name="Tra cứu hồ sơ")).to_be_visible()
    assert_fits(page)
    screenshot(page, "menu-open", full_page=False)
    menu_button.click()
    expect(nav).to_be_hidden()

    # One click from the header to the form.
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    expect(page.locator("h1")).to_have_text("Gửi phản ánh, kiến nghị")
    assert_fits(page)
    page.select_option("#id_kind", "petition")
    page.select_option("#id_unit", label="Phường An Bình")
    page.select_option("#id_subject_area", label="Trật tự đô thị")
    page.fill("#id_content", "Đề nghị lắp đèn chiếu sáng ngõ 7 phố Lê Lợi, buổi tối rất tối.")
    page.fill("#id_name", "Ngô Thị Kiến Nghị")
    page.fill("#id_address", "Số 3 ngõ 7 phố Lê Lợi")
    page.fill("#id_phone", "0912345678")
    assert_fits(page)
    screenshot(page, "form-filled")
    page.get_by_role("button", name="Gửi", exact=True).click()

    # The confirmation with the tracking code.
    expect(page.locator("h1")).to_have_text("Đã tiếp nhận phản ánh, kiến nghị của bạn")
    code = page.locator("[data-code]").inner_text().strip()
    case = Case.objects.get(code=code)
    assert (case.channel, case.unit.name) == ("portal", "Phường An Bình")
    assert_fits(page)
    screenshot(page, "confirmation-with-code")

    # Tracking: the unit in charge and the expected date of the next step, no name.
    page.get_by_role("link", name="Tra cứu ngay").click()
    expect(page.locator("[data-unit]")).to_have_text("Phường An Bình")
    expect(page.locator("[data-next-step]")).to_have_text(
        f"Xem xét, quyết định thụ lý đơn — dự kiến trước ngày {case.accept_by:%d/%m/%Y}"
    )
    expect(page.locator("main")).not_to_contain_text("Ngô Thị Kiến Nghị")
    assert_fits(page)
    screenshot(page, "tracking")
    # The visitor is among those online.
    assert int(page.locator("[data-online]").inner_text()) >= 1

    # The "Dân vận khéo" showcase, from the same menu, in the same layout.
    page.get_by_role("button", name="Danh mục").click()
    page.get_by_role("link", name="Mô hình “Dân vận khéo”").click()
    expect(page.locator("h1")).to_have_text("Mô hình “Dân vận khéo”")
    expect(page.get_by_role("link", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    assert_fits(page)
    screenshot(page, "showcase")
    context.close()
    assert outside == []


def test_an_article_is_written_approved_and_published_with_an_ascii_slug(
    live_server, browser, city, screenshot
):
    from playwright.sync_api import expect

    unit, section = city
    make_user("bientap", Role.PORTAL_EDITOR, unit, full_name="Lê Thu Biên")
    make_user("duyettin", Role.PORTAL_APPROVER, unit, full_name="Trần Văn Duyệt")
    title = "Khu phố 1 Đông Ngàn ra mắt mô hình “Ngõ xanh”"
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def sign_in(username):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/admin/")

    # The editor writes the article; the slug follows the title, without accents.
    sign_in("bientap")
    page.goto(f"{live_server.url}/admin/pages/add/portal/articlepage/{section.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_lead", "Người dân khu phố 1 cùng trồng cây, giữ ngõ sạch.")
    page.fill("#id_author", "Minh Khang")
    page.fill("#id_source", "Trung tâm VHTT và Truyền thông thành phố")
    page.locator("#id_title").blur()
    # The slug field (on the Promote tab) followed the title, folded in the browser.
    slug = "khu-pho-1-dong-ngan-ra-mat-mo-hinh-ngo-xanh"
    expect(page.locator("#id_slug")).to_have_value(slug)  # synced after a short debounce
    screenshot(page, "editor-writes")
    # Submit for approval ("Gửi duyệt"), from the footer's action menu.
    page.locator("footer .w-dropdown__toggle").first.click()
    submit = page.locator("button[name=action-submit]")
    screenshot(page, "editor-action-menu", full_page=False)
    expect(submit).to_be_visible()
    submit.click()
    page.wait_for_url(lambda url: "/add/" not in url)
    from dvs.portal.models import ArticlePage

    article = ArticlePage.objects.get(title=title)
    assert not article.live
    assert article.current_workflow_state is not None
    assert article.slug == slug, article.slug
    screenshot(page, "submitted")
    context.clear_cookies()  # signs the editor out

    # The approver approves and publishes.
    sign_in("duyettin")
    screenshot(page, "approver-dashboard")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").first.click()
    approve = page.locator("[data-workflow-action-name=approve]").first
    screenshot(page, "approver-action-menu", full_page=False)
    approve.click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "approved")
    article.refresh_from_db()
    assert article.live

    # On the portal, under an ASCII address.
    reader = browser.new_context(locale="vi-VN", user_agent=DESKTOP_VISITOR)
    visitor = reader.new_page()
    visitor.goto(f"{live_server.url}/cong-tac-dan-van/")
    visitor.get_by_role("link", name=title).first.click()
    expect(visitor.locator("h1")).to_have_text(title)
    assert visitor.url == f"{live_server.url}/cong-tac-dan-van/{article.slug}/"
    assert visitor.url.isascii() and "%" not in visitor.url
    expect(visitor.locator("[data-author]")).to_have_text("Minh Khang")
    screenshot(visitor, "published-on-the-portal")
    reader.close()
    context.close()
