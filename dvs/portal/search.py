"""Accent-insensitive search over live articles: "dan van kheo" finds "Dân vận khéo".

Each published article's words are folded (dvs.lib.vntext.fold: no marks, đ → d) into
ArticleWord rows; a query word matches every indexed word it starts, as an index range
(dvs.lib.queries.starts_with), and an article must match every query word.

Results are ordered by relevance: articles whose title holds more of the query's words
come first (all of them, then fewer), newest first among equals. The ranking reads only
the id, title and date of the matching articles and sorts them in Python, so it is the
same on SQLite and PostgreSQL.
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


def _matching(query):
    from .models import ArticlePage, ArticleWord

    terms = query_words(query)
    articles = ArticlePage.objects.live().public()
    if not terms:
        return terms, articles.none()
    for term in terms:
        articles = articles.filter(
            pk__in=ArticleWord.objects.filter(starts_with("word", term)).values("page_id")
        )
    return terms, articles


def title_score(terms, title):
    """How many of the query's words start a word of `title` (accents ignored)."""
    title_words = words(title)
    return sum(any(word.startswith(term) for word in title_words) for term in terms)


def ranked_ids(query):
    """Ids of the live public articles matching every word of `query`, most relevant
    first: by the number of query words in the title, then newest first."""
    terms, articles = _matching(query)
    rows = articles.values_list("pk", "title", "published_at")
    ranked = sorted(
        rows, key=lambda row: (-title_score(terms, row[1]), -row[2].timestamp(), -row[0])
    )
    return [pk for pk, _title, _published in ranked]


def search_articles(query):
    """Live public articles matching every word of `query`, most relevant first (a list)."""
    return fill(ranked_ids(query))


def fill(ids):
    """The articles of `ids`, in that order, with their images."""
    from .models import ArticlePage

    found = ArticlePage.objects.select_related("image").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
