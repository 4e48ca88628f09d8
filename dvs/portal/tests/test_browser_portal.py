"""The portal in a real browser (Debian's headless Chromium): the seed article as a
visitor sees it, nothing fetched from outside, and no serious or critical axe-core
violations on the home, section, article and search pages.

axe-core is installed from the npm registry into var/npm by `make test` (Makefile);
without it the accessibility test is skipped and says so."""

from pathlib import Path

import pytest
from django.conf import settings

from dvs.conftest import needs_chromium
from dvs.portal.models import PageCounter

from .helpers import import_seed, make_article, make_section, reset_counting

pytestmark = needs_chromium
AXE = Path(settings.BASE_DIR) / "var/npm/node_modules/axe-core/axe.min.js"
VISITOR = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def portal(transactional_db):
    reset_counting()
    section = make_section()
    seed = import_seed(section)
    make_article(section, "Đại hội Hội Người cao tuổi phường Đông Ngàn", "Đoàn kết, đổi mới.")
    return section, seed


def watch_outside(page, live_server):
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    return outside


def test_seed_article_reads_like_the_original_and_is_counted(live_server, browser, portal):
    from playwright.sync_api import expect

    section, seed = portal
    page = browser.new_page(user_agent=VISITOR)
    outside = watch_outside(page, live_server)
    page.goto(f"{live_server.url}{seed.url}")
    article = page.locator("article.article")
    expect(article.locator("time")).to_have_text("24/07/2024 16:42:07")
    expect(article).to_contain_text("Lượt xem 223")
    expect(article).to_contain_text("Sáng 24/7, Ban Dân vận Thành ủy tổ chức Hội nghị sơ kết")
    expect(article.locator("[data-author]")).to_have_text("Minh Khang")
    expect(article.locator("[data-source]")).to_have_text(
        "Trung tâm VHTT và Truyền thông thành phố"
    )
    footer = page.locator(".visit-stats")
    expect(footer).to_contain_text("Đang online")
    expect(footer).to_contain_text("Tất cả")
    page.get_by_role("link", name="Bản in").click()
    expect(page.locator("h1")).to_contain_text("sơ kết 6 tháng")
    assert outside == []
    page.close()  # ends keep-alive connections: the server threads close their DB sessions
    from dvs.portal import counting

    counting.flush(include_current=True)
    assert PageCounter.objects.get(page_id=seed.pk).views == 224


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed at {AXE} (run `make test`)")
def test_no_serious_or_critical_accessibility_violations(live_server, browser, portal):
    section, seed = portal
    script = AXE.read_text()
    page = browser.new_page(user_agent=VISITOR)
    outside = watch_outside(page, live_server)
    # axe-core is loaded as a script of the site's own origin, as the Content-Security-Policy
    # (script-src 'self', no inline scripts) allows: the test keeps the policy on.
    axe_url = f"{live_server.url}/__axe__.js"
    page.route(axe_url, lambda route: route.fulfill(body=script, content_type="text/javascript"))
    for path in ("/", section.url, seed.url, "/tim-kiem/?q=dan+van"):
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            page.add_script_tag(url=axe_url)
            result = page.evaluate("async () => await axe.run(document)")
            serious = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert serious == [], f"{path} at {width}px"
    page.close()
    assert outside == []
