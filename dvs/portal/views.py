"""Public views that are not pages: search, robots.txt, and the error pages."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from .links import absolute
from .models import paginate
from .search import MAX_QUERY_LENGTH, fill, query_words, ranked_ids


@require_GET
def search(request):
    query = request.GET.get("q", "")
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH].replace("\x00", "")
    results = None
    if query_words(query):
        # Rank the ids, then load the articles of the page shown only.
        results = paginate(request, ranked_ids(query), 12)
        results.object_list = fill(results.object_list)
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
    lines.append(f"Sitemap: {absolute(reverse('portal_sitemap'), request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
