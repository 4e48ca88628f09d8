"""Daily view and visit statistics of the portal, for the back office: per day, per
section and per article over a date range, a server-drawn chart and an Excel export."""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import ArticlePage, DailyPageStats, SectionPage


@dataclass
class Stats:
    start: object
    end: object
    days: list  # [(date, views, visits)] every day of the range, zeros included
    sections: list  # [(section, views, visits)]
    articles: list  # [(article, views, visits)] the most viewed, at most `top`
    total_views: int
    total_visits: int


def rows_for(start, end, scope=None):
    rows = DailyPageStats.objects.filter(date__gte=start, date__lte=end)
    if scope is not None:
        rows = rows.filter(page__path__startswith=scope.path)
    return rows


def compute(start, end, scope=None, top=20):
    rows = rows_for(start, end, scope)
    per_day = {
        r["date"]: (r["views"], r["visits"])
        for r in rows.values("date").annotate(views=Sum("views"), visits=Sum("visits"))
    }
    days, day = [], start
    while day <= end:
        views, visits = per_day.get(day, (0, 0))
        days.append((day, views, visits))
        day += timedelta(days=1)
    # Sections: group by the path prefix of depth 3 (root → home → section).
    prefix = Substr("page__path", 1, Page.steplen * 3)
    per_section = {
        r["prefix"]: (r["views"], r["visits"])
        for r in rows.filter(page__depth__gte=3)
        .annotate(prefix=prefix)
        .values("prefix")
        .annotate(views=Sum("views"), visits=Sum("visits"))
    }
    sections = [
        (section, *per_section.get(section.path, (0, 0)))
        for section in SectionPage.objects.filter(path__in=per_section.keys()).order_by("path")
    ]
    top_rows = list(
        rows.filter(page__in=ArticlePage.objects.values("pk"))
        .values("page")
        .annotate(views=Sum("views"), visits=Sum("visits"))
        .order_by("-views", "page")[:top]
    )
    titles = ArticlePage.objects.in_bulk([r["page"] for r in top_rows])
    articles = [
        (titles[r["page"]], r["views"], r["visits"]) for r in top_rows if r["page"] in titles
    ]
    return Stats(
        start=start,
        end=end,
        days=days,
        sections=sections,
        articles=articles,
        total_views=sum(d[1] for d in days),
        total_visits=sum(d[2] for d in days),
    )


def chart(days, width=760, height=220):
    """Bars of views and visits per day, as coordinates for an inline SVG."""
    top = max([max(v, s) for _d, v, s in days] + [1])
    plot_h = height - 30
    slot = width / max(len(days), 1)
    bar = max(slot / 2 - 1, 1)
    bars = []
    for i, (day, views, visits) in enumerate(days):
        vh = plot_h * views / top
        sh = plot_h * visits / top
        bars.append(
            {
                "day": day,
                "views": views,
                "visits": visits,
                "x": round(i * slot, 2),
                "x2": round(i * slot + bar, 2),
                "w": round(bar, 2),
                "vy": round(plot_h - vh, 2),
                "vh": round(vh, 2),
                "sy": round(plot_h - sh, 2),
                "sh": round(sh, 2),
                "label": len(days) <= 14 or i % max(len(days) // 10, 1) == 0,
            }
        )
    return {"bars": bars, "width": width, "height": height, "top": top, "base": plot_h}


def workbook(stats, title):
    """The statistics as an .xlsx file (bytes): by day, by section, by article."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dvs.lib.spreadsheet import xlsx_row

    book = Workbook()
    sheet = book.active
    sheet.title = _("By day")[:31]
    sheet.append(xlsx_row(sheet, [title]))
    sheet["A1"].font = Font(bold=True)
    sheet.append([_("Date"), _("Views"), _("Visits")])
    for day, views, visits in stats.days:
        sheet.append([day, views, visits])
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY"
    sheet.append([_("Total"), stats.total_views, stats.total_visits])
    sections = book.create_sheet(_("By section")[:31])
    sections.append([_("Section"), _("Views"), _("Visits")])
    for section, views, visits in stats.sections:
        sections.append(xlsx_row(sections, [section.title, views, visits]))
    articles = book.create_sheet(_("By article")[:31])
    articles.append([_("Article"), _("Published"), _("Views"), _("Visits")])
    for article, views, visits in stats.articles:
        articles.append(
            xlsx_row(
                articles,
                [
                    article.title,
                    f"{timezone.localtime(article.published_at):%d/%m/%Y %H:%M}",
                    views,
                    visits,
                ],
            )
        )
    for ws in book.worksheets:
        ws.column_dimensions["A"].width = 60 if ws is not sheet else 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
