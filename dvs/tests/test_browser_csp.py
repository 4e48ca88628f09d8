"""The Content-Security-Policy in a real browser (Debian's headless Chromium): the public
pages, the API documentation and Wagtail's admin run without a single violation, and
nothing is fetched from outside the server."""

import pytest

from dvs.accounts.models import User
from dvs.conftest import needs_chromium
from dvs.testing import PASSWORD

pytestmark = needs_chromium


@pytest.fixture
def administrator(transactional_db):
    return User.objects.create_superuser("quantri", password=PASSWORD)


def watch(page, live_server):
    problems = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((live_server.url, "data:", "blob:"))
            else problems.append(f"outside: {r.url}")
        ),
    )
    return problems


def test_pages_and_the_admin_run_without_csp_violations(live_server, browser, administrator):
    from playwright.sync_api import expect

    page = browser.new_page()
    problems = watch(page, live_server)
    for url in ("/", "/gui-phan-anh/", "/api/v1/docs"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for url in ("/admin/", "/admin/pages/", "/admin/users/add/", "/admin/roleassignment/add/"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
    assert problems == []
    page.close()
