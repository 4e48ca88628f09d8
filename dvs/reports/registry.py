"""Computed indicators: each capability declares its own in `dvs/<app>/report_indicators.py`.

The format (the reports app never imports a domain app by name):

    INDICATORS = [
        {
            "code": "cases_received",          # unique over the platform, [a-z0-9_]
            "name": gettext_lazy("Cases received"),
            "unit": gettext_lazy("case"),        # unit of measure
            "compute": received,                 # fn(start, end) -> {unit_id: count}
            "higher_is_better": None,            # True, False or None (neither): optional
            "help": gettext_lazy("Cases whose date received is within the period."),
        },
        ...
    ]

`compute(start, end)` returns each unit's *own* count for the period [start, end] (dates,
both included), one grouped ORM query, keyed by the id of the unit the rows belong to;
units with nothing may be left out. `help` says what the indicator counts and as of
which date (a figure of a period counts as of the period's end, from the dates stored on
the rows, never from their current status); the report form shows it under the name. The
fill (`rollup.py`) adds the counts up the unit
tree level by level. A module whose indicators depend on data (one per organisation kind,
per field…) may also define `indicators()` returning more entries of the same shape; it is
called each time the registry is read, with the database ready.

`higher_is_better` says how a change reads: True when a rise is good news (members,
exemplars, petitions resolved), False when it is bad news (overdue petitions or tasks),
None for counts that are neither (petitions received, residents). The dashboards colour a
change by it, green for good and red for bad, and say it in words too.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class ComputedIndicator:
    code: str
    name: str
    unit: str
    compute: object
    app: str
    higher_is_better: bool | None = None
    help: str = ""  # what it counts, as of which date


def _modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("dvs."):
            continue
        name = f"{config.name}.report_indicators"
        try:
            yield config.label, import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


def _entries(label, module):
    entries = list(getattr(module, "INDICATORS", []))
    if callable(getattr(module, "indicators", None)):
        entries += list(module.indicators())
    for entry in entries:
        yield ComputedIndicator(
            code=entry["code"],
            name=entry["name"],
            unit=entry.get("unit", ""),
            compute=entry["compute"],
            app=label,
            higher_is_better=entry.get("higher_is_better"),
            help=entry.get("help", ""),
        )


def computed_indicators():
    """{code: ComputedIndicator} of every installed capability, in INSTALLED_APPS order.
    Read afresh each time (a new organisation kind or field brings its indicator)."""
    found = {}
    for label, module in _modules():
        for indicator in _entries(label, module):
            if indicator.code in found:
                raise ValueError(f"Indicator code {indicator.code!r} is registered twice.")
            found[indicator.code] = indicator
    return found


def review_tables(period, unit):
    """The tables the capabilities add to a review report (`review_tables(period, unit)`
    in their report_indicators module): each a dict with `area` (the narrative area whose
    section it follows, narrative.AREAS), `title`, `header` and `rows`; figures as of
    the period's end over the unit's subtree."""
    tables = []
    for _label, module in _modules():
        if callable(getattr(module, "review_tables", None)):
            tables += list(module.review_tables(period, unit))
    return tables


def choices():
    return [(code, f"{i.name} ({code})") for code, i in computed_indicators().items()]
