"""The figures page "Số liệu tôn giáo": a unit's table of one measure by religion, small
cells hidden (stats.py), with its Excel export. It only reads: the table comes from
`stats.table(user, unit, measure, as_of)`, the same call the API makes, so the page, the
export and the API show the same cells."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from dvs.lib import charts as charts_lib
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Level

from . import stats

PERMISSION = "religion.view_followercount"  # the menu item's; the page asks the scope door


class FiguresForm(CleanForm):
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), required=False)
    measure = forms.ChoiceField(
        label=gettext_lazy("Figures of"),
        required=False,
        choices=[(code, m.label) for code, m in stats.MEASURES.items()],
    )
    as_of = DateField(label=gettext_lazy("As of"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]


def picker_units(user, measure):
    """The units offered: those of the user's scope at ward level or above (the figures
    are published by ward; a neighbourhood's table would be a finer grain)."""
    units = stats.units_for(user, measure).exclude(level=Level.NEIGHBOURHOOD).order_by("path")
    return stats.publishable(units)


def _chosen(request):
    """(unit, measure, as_of, form) from the query; 404 for a unit outside the scope."""
    measure = request.GET.get("measure") or "establishments"
    if measure not in stats.MEASURES:
        raise Http404
    units = picker_units(request.user, measure)
    if not units:
        raise PermissionDenied
    code = request.GET.get("unit")
    if code:
        # Only a unit the picker offers: outside the scope or below ward level is 404.
        unit = next((u for u in units if u.code == code), None)
        if unit is None:
            raise Http404
    else:
        unit = units[0]
    form = FiguresForm(request.GET or None, units=units)
    as_of = None
    if form.is_bound and form.is_valid():
        as_of = form.cleaned_data["as_of"]
    return unit, measure, as_of, form


def header_and_rows(table):
    """The table as the export writes it: cells as numbers or "<5", totals as text."""
    header = [_("Unit"), *(c.name for c in table.columns), _("Total")]
    rows = []
    for row in table.rows:
        cells = (_cell_value(row.cells[c.code]) for c in table.columns)
        rows.append([row.name, *cells, _total_value(row.total)])
    rows.append(
        [
            _("Total"),
            *(_total_value(table.totals[c.code]) for c in table.columns),
            _total_value(table.grand_total),
        ]
    )
    return header, rows


def _total_value(total):
    return total.low if total.exact else str(total)


def _cell_value(value):
    """A cell as a number, "<5", or a range "12–15" (a sum over hidden grain cells)."""
    return _total_value(value) if isinstance(value, stats.Range) else value


def notes(table):
    """The lines under the table: the rule of hidden cells, or the Board's warning."""
    if table.exact:
        return [_("Exact figures — not for publication.")]
    return [
        _(
            "A ward's count from 1 to %(top)s is shown as “%(hidden)s”; a sum including "
            "such counts (a higher unit's cell, a total) is shown as the range of values it "
            "can take."
        )
        % {"top": table.threshold - 1, "hidden": table.hidden}
    ]


def _xlsx(table):
    header, rows = header_and_rows(table)
    title = f"{table.measure_label} {table.unit.name}"
    footer = [[], *([line] for line in notes(table))]
    footer += [
        [_("Source: %(source)s (%(unit)s, %(religion)s, %(date)s)") % _source(s)]
        for s in table.sources
    ]
    filename = f"so-lieu-ton-giao-{table.measure}-{table.unit.code}.xlsx"
    return charts_lib.xlsx_response([], filename, extra=[(title, header, rows + footer)])


def _source(source):
    return {
        "source": source.source,
        "unit": source.unit,
        "religion": source.religion,
        "date": f"{source.as_of:%d/%m/%Y}",
    }


@require_safe
def figures(request):
    unit, measure, as_of, form = _chosen(request)
    table = stats.table(request.user, unit, measure, as_of)
    if request.GET.get("format") == "xlsx":
        return _xlsx(table)
    query = request.GET.copy()
    query.pop("format", None)
    query["unit"] = unit.code
    tabs = []
    for code, m in stats.MEASURES.items():
        tab_query = query.copy()
        tab_query["measure"] = code
        tabs.append((m.label, f"?{tab_query.urlencode()}", code == measure))
    query["measure"] = measure
    export_query = query.copy()
    export_query["format"] = "xlsx"
    context = {
        "title": _("Religious figures"),
        "subtitle": unit.name,
        "form": form,
        "table": table,
        "rows": [
            (row, [table.cell_text(row.cells[c.code]) for c in table.columns]) for row in table.rows
        ],
        "totals": [str(table.totals[c.code]) for c in table.columns],
        "tabs": tabs,
        "notes": notes(table),
        "sources": [_source(s) for s in table.sources],
        "export_url": f"?{export_query.urlencode()}",
    }
    return TemplateResponse(request, "religion/figures/figures.html", context)
