from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils.html import escape

from dvs.portal import counting
from dvs.portal.importing import create_article, parse_article, read_text
from dvs.portal.models import ArticlePage, SectionPage
from dvs.portal.setup import ensure_portal

SHARED_SEED = settings.BASE_DIR.parent / "shared/seed/ban-dan-van-so-ket-6-thang-2024.txt"
SEED = Path(__file__).resolve().parent.parent / "demo_media/ban-dan-van-so-ket-6-thang-2024.txt"
SEED_TITLE = "Ban Dân vận Thành ủy sơ kết 6 tháng đầu năm 2024"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


def make_section(slug="cong-tac-dan-van", title="Công tác dân vận"):
    home = ensure_portal()
    section = SectionPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def import_seed(section):
    return create_article(parse_article(read_text(SEED)), title=SEED_TITLE, section=section)


def make_article(section, title, text="Nội dung bài viết.", **fields):
    article = ArticlePage(
        title=title,
        lead=fields.pop("lead", ""),
        body=[("paragraph", f"<p>{escape(text)}</p>")],
        **fields,
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def reset_counting():
    for alias in ("portal", "portal_counters"):
        caches[alias].clear()
    counting._online.clear()
