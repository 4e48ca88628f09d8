"""What a cadre reads in the back office is Vietnamese: not only the catalogs but the rendered pages.

The demo city is seeded once; then, as each of the 11 demo accounts, the crawl opens /admin/,
every link of the sidebar menu, and from each list its first row's inspect, edit and history
pages and its create page, and reads the visible text (with titles, placeholders, aria-labels,
options and the sidebar's labels). A word of plain ASCII letters is English when it is a word of
an English msgid (Django's, Wagtail's or ours) and not a word of any Vietnamese msgstr; any such
word outside ALLOWED fails the test with the page, the account and the sentence around it.
"""

import io
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import django
import lxml.html
import polib
import pytest
import wagtail
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from dvs.accounts.models import User

# Names and codes a Vietnamese screen may show as they are. Keep it short (< 30).
# Upper-case words (CSV, PDF, TOTP, NQ/TW) are abbreviations and codes and are not checked.
ALLOWED = {
    "alt",  # the keyboard shortcut Ctrl + Alt + m
    "english",  # the language a user may choose instead of Tiếng Việt
    "excel",
    "word",  # Microsoft Word, a file type an upload accepts
    "wagtail",
    "email",
}

DEMO_ACCOUNTS = [
    "quantri",
    "lanhdaoban",
    "chuyenvien",
    "mattran",
    "tiepdan",
    "bientap",
    "duyettin",
    "xemlanhdao",
    "khoidanvan01",
    "khoidanvan02",
    "phunu01",
    "khupho0101",
]

WORD = re.compile(r"\w+")  # a word with a digit or an underscore is a code: not checked
ASCII_WORD = re.compile(r"[A-Za-z]+")
ROW_PAGES = ("inspect", "edit", "history", "revisions", "usage")
CREATE_PAGES = ("add", "create", "new")
SKIP = re.compile(
    r"/logout/|/export|/download|\.(csv|xlsx|docx|pdf|svg|png|jpg)(\?|$)|"
    r"[?&](export|format)=|/delete/|/unpublish/|/copy/|/move/|/lock/|/unlock/|/preview|/workflow/|"
    r"/api/|/documents/serve|/sitemap|/static/|/media/"
)
PER_LIST = 8  # pages opened from one list (its rows' pages and its create page)


def _words(text):
    return {w.lower() for w in ASCII_WORD.findall(text)}


def _catalogs():
    django_dir = Path(django.__file__).parent
    wagtail_dir = Path(wagtail.__file__).parent
    english = [*django_dir.glob("**/locale/en/LC_MESSAGES/*.po")]
    english += [*wagtail_dir.glob("**/locale/en/LC_MESSAGES/*.po")]
    vietnamese = [*django_dir.glob("**/locale/vi/LC_MESSAGES/*.po")]
    vietnamese += [*wagtail_dir.glob("**/locale/vi/LC_MESSAGES/*.po")]
    vietnamese += [*(settings.BASE_DIR / "dvs").glob("locale*/vi/LC_MESSAGES/*.po")]
    ours = [*(settings.BASE_DIR / "dvs").glob("locale/vi/LC_MESSAGES/*.po")]
    return english, vietnamese, ours


@cache
def vocabularies():
    english_files, vietnamese_files, ours = _catalogs()
    english, vietnamese = set(), set()
    for path in english_files:
        for entry in polib.pofile(str(path)):
            english |= _words(entry.msgid + " " + (entry.msgid_plural or ""))
    core = set(english)
    for path in ours:
        for entry in polib.pofile(str(path)):
            english |= _words(entry.msgid + " " + (entry.msgid_plural or ""))
    for path in vietnamese_files:
        for entry in polib.pofile(str(path)).translated_entries():
            copied = _words(entry.msgid + " " + (entry.msgid_plural or "")) & core
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                # a msgstr that keeps Django's or Wagtail's English words does not make them Vietnamese
                vietnamese |= _words(text) - copied
    return english, vietnamese


def names():
    """Words of proper names: the reference lists and the demo data's names and titles."""
    from django.apps import apps
    from django.db import models

    from dvs.people.reference import ETHNICITIES, RELIGIONS

    words = _words(" ".join(ETHNICITIES + RELIGIONS))
    for model in apps.get_models():
        if not model.__module__.startswith("dvs."):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField) and ("name" in f.name or "title" in f.name)
        ]
        for row in model.objects.values_list(*fields)[:3000] if fields else []:
            words |= _words(" ".join(str(value) for value in row if value))
    return words


URL = re.compile(r"\S*\w\.(vn|com|org|net|gov)\b\S*|https?://\S+")


def english_words(text, proper_names=frozenset()):
    text = URL.sub(" ", text)  # web addresses (a source's link) are not words
    english, vietnamese = vocabularies()
    found = []
    for match in WORD.finditer(text):
        word = match.group()
        if not word.isascii() or not word.isalpha() or len(word) < 2 or word.isupper():
            # upper case: an abbreviation or a document code (CSV, NQ/TW, 12729/VPCP-KGVX)
            continue
        low = word.lower()
        known = low in vietnamese or low in ALLOWED or low in proper_names
        if low in english and not known:
            start = max(0, match.start() - 40)
            found.append((word, text[start : match.end() + 40].replace("\n", " ")))
    return found


def visible_text(html):
    """The text of a page a person can read or hear, and the sidebar's labels and links."""
    tree = lxml.html.fromstring(html)
    parts, links = [], []
    for script in tree.xpath("//script[@id='wagtail-sidebar-props']"):
        labels, links = _sidebar(json.loads(script.text))
        parts += labels
    # not shown: code, hidden elements, and what a user typed into a text area
    for bad in tree.xpath("//script|//style|//svg|//noscript|//textarea|//code|//*[@hidden]"):
        bad.drop_tree()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in (
            "title",
            "placeholder",
            "aria-label",
            "alt",
            "data-w-tooltip-content-value",
        ):
            if element.get(attribute):
                parts.append(element.get(attribute))
        if element.tag == "input" and element.get("type") in ("submit", "button"):
            parts.append(element.get("value") or "")
    parts.append(tree.text_content())
    return "\n".join(parts), links


def _sidebar(data):
    labels, links = [], []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.append(node["label"])
            if isinstance(node.get("url"), str) and node["url"].startswith("/admin/"):
                links.append(node["url"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return labels, links


def row_links(html, list_url):
    """The first row's pages and the create page, as linked from a list page."""
    tree = lxml.html.fromstring(html)
    found = {}
    for href in tree.xpath("//main//a/@href | //header//a/@href"):
        path = urlsplit(href).path
        if not path.startswith("/admin/") or SKIP.search(href):
            continue
        segments = [s for s in path.split("/") if s]
        for kind in ROW_PAGES + CREATE_PAGES:
            if kind in segments and kind not in found:
                found[kind] = path
    return list(found.values())[:PER_LIST]


class Crawl:
    """One account's crawl. Row pages (inspect, edit, history, create) of a kind already read
    as another account are not read again: `shared` holds their shapes (/admin/case/edit/N/)."""

    shared = set()

    def __init__(self, username, proper_names):
        self.client = Client()
        self.client.force_login(User.objects.get(username=username))
        self.username = username
        self.seen = set()
        self.problems = []
        self.names = proper_names

    def open(self, url):
        if url in self.seen or SKIP.search(url):
            return None
        self.seen.add(url)
        response = self.client.get(url, follow=True)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return None
        html = response.content.decode()
        text, links = visible_text(html)
        for word, context in english_words(text, self.names):
            self.problems.append(f"{self.username} {url}: {word!r} in …{context}…")
        return html, links

    def run(self):
        opened = self.open("/admin/")
        if opened is None:
            return
        menu = list(dict.fromkeys(opened[1] + ["/admin/account/"]))
        for url in menu:
            page = self.open(url)
            if page is None:
                continue
            for link in row_links(page[0], url):
                shape = re.sub(r"\d+", "N", link)
                if shape not in Crawl.shared:
                    Crawl.shared.add(shape)
                    self.open(link)


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo city for this module's tests (the words of its proper names), in a
    transaction rolled back afterwards (as TestCase.setUpTestData does): a flush would also empty what the migrations load, such
    as the government's holiday decisions, for the tests that run later."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            # the crawl only reads: the demo's names are read once, not once per account
            yield frozenset(names())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_every_screen_of_a_demo_account_is_vietnamese(demo_city, username):
    crawl = Crawl(username, demo_city)
    crawl.run()
    assert len(crawl.seen) > 5, crawl.seen
    assert crawl.problems == [], "\n" + "\n".join(crawl.problems)


@pytest.mark.django_db
def test_the_sign_in_page_is_vietnamese(client):
    text, _ = visible_text(client.get("/admin/login/").content.decode())
    assert english_words(text) == []
    assert "Mật khẩu" in text


def test_the_allow_list_stays_short():
    assert len(ALLOWED) < 30, sorted(ALLOWED)


def test_the_detector_finds_english_and_leaves_vietnamese_alone():
    assert [w for w, _ in english_words("Cập nhật lúc 9 months trước")] == ["months"]
    assert english_words("Danh sách đơn thư của Phường Đông Ngàn") == []


def test_raw_values_read_in_vietnamese():
    from datetime import UTC, datetime

    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load shown %}{{ a|shown }}|{{ b|shown }}|{{ c|shown }}|{{ d|shown }}")
    moment = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    with translation.override("vi"):
        shown = template.render(Context({"a": True, "b": False, "c": None, "d": moment}))
    assert shown == "Có|Không|—|10:00 01/01/2026"
