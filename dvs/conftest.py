"""Fixtures shared by the browser tests (Debian's headless Chromium via Playwright)."""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason=f"no Chromium at {CHROMIUM}: browser tests skipped"
)


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=vi-VN",
            ],
        )
        yield browser
        browser.close()


# DVS_SCREENSHOTS: another folder, so that two runs at once (.ci/run runs SQLite and
# PostgreSQL side by side) do not delete each other's screens.
SCREENSHOTS = Path(
    os.environ.get("DVS_SCREENSHOTS")
    or Path(__file__).resolve().parent.parent / "var" / "screenshots"
)


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "name")` saves the page as var/screenshots/<test>/<nn>-name.png, so
    each everyday-job test leaves the screens it went through for a person to look at."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    shutil.rmtree(folder, ignore_errors=True)
    taken = []

    def take(page, name, *, full_page=True):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        taken.append(path)
        return path

    return take
