"""Back-office screen: daily views and visits of the portal, with chart and Excel."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm

from . import stats
from .models import ArticlePage, SectionPage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_DAYS = 366


class StatsForm(CleanForm):
    start = DateField(label=gettext_lazy("From"), required=False)
    end = DateField(label=gettext_lazy("To"), required=False)
    section = forms.ModelChoiceField(
        label=gettext_lazy("Section"),
        queryset=SectionPage.objects.order_by("path"),
        required=False,
        empty_label=gettext_lazy("Whole portal"),
    )
    article = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=29)
        if start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose at most %(n)s days.") % {"n": MAX_DAYS})
        data["start"], data["end"] = start, end
        return data


def portal_stats(request):
    if not request.user.has_perm("portal.view_dailypagestats"):
        raise PermissionDenied
    form = StatsForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    today = timezone.localdate()
    if request.GET and valid:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        section = form.cleaned_data.get("section")
        article = ArticlePage.objects.filter(pk=form.cleaned_data.get("article") or 0).first()
    else:
        start, end, section, article = today - timedelta(days=29), today, None, None
    scope = article or section
    result = stats.compute(start, end, scope)
    title = _("Views and visits %(start)s–%(end)s: %(scope)s") % {
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
        "scope": scope.title if scope else _("whole portal"),
    }
    if request.GET.get("export") == "xlsx" and valid:
        response = HttpResponse(stats.workbook(result, title), content_type=XLSX)
        name = f"thong-ke-truy-cap-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    query = request.GET.copy()
    query["export"] = "xlsx"
    return TemplateResponse(
        request,
        "portal/admin/stats.html",
        {
            "title": _("Portal statistics"),
            "header_title": title,
            "form": form,
            "stats": result,
            "chart": stats.chart(result.days),
            "export_query": query.urlencode(),
            "scope": scope,
            "start": start if isinstance(start, date) else None,
        },
    )
