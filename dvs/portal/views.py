"""Public views that are not pages: search, robots.txt, and the error pages."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from .models import paginate
from .search import MAX_QUERY_LENGTH, query_words, search_articles


@require_GET
def search(request):
    query = request.GET.get("q", "")
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH].replace("\x00", "")
    results = paginate(request, search_articles(query), 12) if query_words(query) else None
    context = {
        "query": query,
        "results": results,
        "too_long": too_long,
        "extra": urlencode({"q": query}),
    }
    return TemplateResponse(request, "portal/search.html", context)


@require_GET
def robots(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /tim-kiem/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal_sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
