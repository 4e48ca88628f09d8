"""Accent-insensitive search over live articles: "dan van kheo" finds "Dân vận khéo".

Each published article's words are folded (dvs.lib.vntext.fold: no marks, đ → d) into
ArticleWord rows; a query word matches every indexed word it starts, as an index range
(dvs.lib.queries.starts_with), and an article must match every query word.
"""

import re

from dvs.lib.queries import starts_with
from dvs.lib.vntext import fold

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[0-9a-z]+")


def words(text):
    """The distinct folded words of `text` (at most 40 characters each)."""
    return {word[:40] for word in _WORD.findall(fold(text))}


def query_words(query):
    """The words of a visitor's query, longest first, bounded in number and length."""
    found = sorted(words((query or "")[:MAX_QUERY_LENGTH]), key=len, reverse=True)
    return found[:MAX_QUERY_WORDS]


def index_article(page):
    from .models import ArticleWord

    page = page.specific
    ArticleWord.objects.filter(page_id=page.pk).delete()
    ArticleWord.objects.bulk_create(
        [ArticleWord(page_id=page.pk, word=word) for word in sorted(words(page.plain_text()))]
    )


def unindex_article(page):
    from .models import ArticleWord

    ArticleWord.objects.filter(page_id=page.pk).delete()


def search_articles(query):
    """Live public articles matching every word of `query`, newest first."""
    from .models import ArticlePage, ArticleWord

    terms = query_words(query)
    articles = ArticlePage.objects.live().public()
    if not terms:
        return articles.none()
    for term in terms:
        articles = articles.filter(
            pk__in=ArticleWord.objects.filter(starts_with("word", term)).values("page_id")
        )
    return articles.select_related("image").order_by("-published_at")
