"""Import a plain-text article as the city portal shows it (see ../shared/seed/):

    2024-07-24 16:42:07          ← publication time (also dd/mm/yyyy hh:mm[:ss])
    Số lượt xem 223              ← the view count so far: not body text
    Sáng 24/7, …                 ← the lead (first paragraph)
    …                            ← the body, one paragraph a line
    Minh Khang                   ← author
    Trung tâm VHTT và …          ← source unit
    Video / Thống kê truy cập …  ← page chrome: dropped

parse_article() is pure; create_article() saves it in one transaction.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from dvs.lib.vntext import nfc

_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATE_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_VIEWS = re.compile(r"^(?:Số\s+)?lượt\s+xem\s*:?\s*([\d.,]+)$", re.IGNORECASE)
_CHROME = re.compile(
    r"^(Video|Thống kê truy cập|Đang online|Tất cả|Tin liên quan|Bài viết liên quan)\b",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", ")")
MAX_BYLINE = 120
MAX_BYTES = 2 * 1024 * 1024


class ArticleError(ValueError):
    """The text cannot be imported; the message says why, in the user's language."""


@dataclass
class ParsedArticle:
    published_at: datetime
    paragraphs: list = field(default_factory=list)
    views: int = 0
    author: str = ""
    source: str = ""

    @property
    def lead(self):
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def body_paragraphs(self):
        return self.paragraphs[1:]


def _parse_datetime(line):
    match = _DATE_ISO.match(line)
    if match:
        year, month, day, hour, minute, second = match.groups()
    else:
        match = _DATE_VN.match(line)
        if not match:
            return None
        day, month, year, hour, minute, second = match.groups()
    try:
        naive = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _is_byline(line):
    return len(line) <= MAX_BYLINE and not line.endswith(_SENTENCE_END)


def parse_article(text):
    lines = [nfc(line) for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ArticleError(_("The file is empty."))
    published_at = _parse_datetime(lines[0])
    if published_at is None:
        raise ArticleError(
            _("The first line must be the publication date and time, e.g. 2024-07-24 16:42:07.")
        )
    lines = lines[1:]
    views = 0
    if lines and _VIEWS.match(lines[0]):
        views = int(re.sub(r"[.,]", "", _VIEWS.match(lines[0]).group(1)))
        lines = lines[1:]
    for index, line in enumerate(lines):
        if _CHROME.match(line):
            lines = lines[:index]
            break
    trailing = []
    while lines and len(trailing) < 2 and _is_byline(lines[-1]) and len(lines) > 1:
        trailing.insert(0, lines.pop())
    # Two short lines: author and source unit; one: the author.
    author, source = (trailing + ["", ""])[:2]
    if not lines:
        raise ArticleError(_("The article has no text."))
    return ParsedArticle(
        published_at=published_at, paragraphs=lines, views=views, author=author, source=source
    )


def read_text(path):
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as error:
        raise ArticleError(_("File not found: %(path)s") % {"path": path}) from error
    except OSError as error:
        raise ArticleError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if len(data) > MAX_BYTES:
        raise ArticleError(_("The file is larger than 2 MB: it is not a plain-text article."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(_("The file is not UTF-8 text.")) from error


@transaction.atomic
def create_article(parsed, *, title, section, publish=True, user=None):
    """Save `parsed` as an article under `section`; published at its own time."""
    from wagtail.models import Page

    from .models import ArticlePage, PageCounter

    title = nfc(title)
    if not title:
        raise ArticleError(_("The title is empty."))
    if len(title) > 255:
        raise ArticleError(_("The title is longer than 255 characters."))
    article = ArticlePage(
        title=title,
        published_at=parsed.published_at,
        lead=parsed.lead,
        body=[("paragraph", f"<p>{escape(p)}</p>") for p in parsed.body_paragraphs],
        author=parsed.author,
        source=parsed.source,
        owner=user,
        live=False,
    )
    article.slug = _free_slug(section, article)
    section.add_child(instance=article)
    revision = article.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        # The article was published at the time it carries, not at the import.
        Page.objects.filter(pk=article.pk).update(
            first_published_at=parsed.published_at, last_published_at=parsed.published_at
        )
    if parsed.views:
        PageCounter.objects.update_or_create(page_id=article.pk, defaults={"views": parsed.views})
    return ArticlePage.objects.get(pk=article.pk)


def _free_slug(section, article):
    from django.utils.text import slugify

    from dvs.lib.vntext import fold

    base = slugify(fold(article.title))[:80].strip("-") or "bai-viet"
    taken = set(section.get_children().values_list("slug", flat=True))
    if base in taken:
        raise ArticleError(
            _("Section “%(section)s” already has an article with this title.")
            % {"section": section.title}
        )
    return base
