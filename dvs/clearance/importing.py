"""Importing affected parties, with their steps and dates, from the spreadsheets the
commune or the land office keeps (one row per party).

The reading of files (.xlsx, .xls, .csv; size and shape bounds; legacy fonts) and the
recognition of headers are the residents import's (`dvs.people.importing`): reused, not
copied. What differs is small enough for its own flow, without a job model: the file is
stored privately while the user confirms the columns, every row is checked by running
the import itself inside a transaction that is rolled back (so the clock checks of
`clocks.check_milestone` see the party's earlier steps exactly as a commit would), and
the commit runs the same code once more and keeps the valid rows, all or none. The file
is deleted when the import is committed or cancelled.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.lib import dates, legacy
from dvs.lib.spreadsheet import workbook_bytes
from dvs.lib.vntext import clean_text, fold
from dvs.people.importing import (
    PREVIEW_ROWS,
    ImportError_,
    check_upload,
    header_key,
    read_rows,
    unicode_row,
)
from dvs.storage import UploadFolder
from dvs.units.models import Level, Unit

from . import clocks
from .models import AffectedParty, Milestone, MilestoneKind, PartyKind, Project, Segment

__all__ = ["ImportError_", "PREVIEW_ROWS"]

PERMISSION = "clearance.import_affectedparty"
FOLDER = "clearance-imports"
UPLOADS = UploadFolder(FOLDER)

FIELDS = {
    "project": gettext_lazy("Project code"),
    "ward": gettext_lazy("Ward (unit code or name)"),
    "neighbourhood": gettext_lazy("Neighbourhood"),
    "kind": gettext_lazy("Kind of party"),
    "name": gettext_lazy("Name"),
    "address": gettext_lazy("Address"),
    "land": gettext_lazy("Land kind"),
    "area_m2": gettext_lazy("Area recovered (m²)"),
    "must_relocate": gettext_lazy("Must relocate"),
    "plan_posted": gettext_lazy("Compensation plan posted on"),
    "opinion_meeting": gettext_lazy("Opinion meeting on"),
    "opinion": gettext_lazy("Opinion at the meeting"),
    "plan_approved": gettext_lazy("Plan approved on"),
    "paid": gettext_lazy("Paid on"),
    "handover": gettext_lazy("Handed over on"),
    "note": gettext_lazy("Note"),
}
# The step columns, in the order the steps are reached (and saved, so that each one's
# clock check sees the earlier ones).
DATE_FIELDS = ["plan_posted", "opinion_meeting", "plan_approved", "paid", "handover"]

# Usual headers, folded (see people.importing.header_key).
HEADERS = {
    "project": ["ma du an", "du an", "ma cong trinh", "ma da"],
    "ward": ["phuong", "ma don vi", "phuong ma don vi", "xa phuong", "phuong xa", "don vi"],
    "neighbourhood": ["to dan pho", "khu pho", "thon", "to dan pho khu pho", "khu dan cu", "tdp"],
    "kind": ["loai", "loai doi tuong", "doi tuong", "loai chu su dung"],
    "name": [
        "ten",
        "ho ten",
        "ho va ten",
        "ten chu su dung dat",
        "ten chu ho",
        "chu ho",
        "ten to chuc ca nhan",
        "ten ho to chuc",
    ],
    "address": ["dia chi", "dia chi thuong tru", "noi o"],
    "land": ["loai dat", "loai dat thu hoi"],
    "area_m2": ["dien tich thu hoi", "dien tich", "dien tich thu hoi m2", "dt thu hoi"],
    "must_relocate": ["phai di doi", "di doi", "tai dinh cu", "phai tai dinh cu"],
    "plan_posted": ["ngay niem yet phuong an", "niem yet phuong an", "ngay niem yet"],
    "opinion_meeting": ["ngay hop lay y kien", "hop lay y kien", "ngay hop"],
    "opinion": [
        "y kien",
        "dong y khong dong y y kien khac",
        "dong y khong dong y",
        "ket qua lay y kien",
        "y kien tai cuoc hop",
    ],
    "plan_approved": ["ngay phe duyet phuong an", "phe duyet phuong an", "ngay phe duyet"],
    "paid": ["ngay chi tra", "chi tra", "ngay nhan tien"],
    "handover": ["ngay ban giao", "ban giao", "ngay ban giao mat bang"],
    "note": ["ghi chu"],
}
_HEADER_LOOKUP = {alias: name for name, aliases in HEADERS.items() for alias in aliases}

# Folded cell text → value.
KINDS = {
    "ho gia dinh": PartyKind.HOUSEHOLD,
    "ho": PartyKind.HOUSEHOLD,
    "hgd": PartyKind.HOUSEHOLD,
    "ca nhan": PartyKind.INDIVIDUAL,
    "to chuc": PartyKind.ORGANISATION,
    "cong dong": PartyKind.COMMUNITY,
    "cong dong dan cu": PartyKind.COMMUNITY,
    "co so ton giao": PartyKind.RELIGIOUS,
    "ton giao": PartyKind.RELIGIOUS,
}
OPINIONS = {
    "dong y": "agree",
    "khong dong y": "disagree",
    "y kien khac": "other",
    "khac": "other",
}
YES = {"co", "x", "1", "yes", "true", "phai di doi", "di doi"}
NO = {"khong", "0", "no", "false", "-"}
MAX_AREA_M2 = Decimal("10000000")  # 1,000 ha: no single party loses more
MAX_TEXT = 255
# A step reached before this year is a typing error (the import records current work).
MIN_STEP_YEAR = 2000


def guess_field(header):
    return _HEADER_LOOKUP.get(header_key(header), "")


# Reading -------------------------------------------------------------------------------


@dataclass
class Table:
    headers: list
    rows: list  # (row number in the file, values)
    mapping: dict = field(default_factory=dict)  # column index (str) -> field name
    encodings: dict = field(default_factory=dict)


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_table(rows):
    """The header row (the first of the top ten with two known headers) and the rows
    below it; each text column's legacy font detected as the residents import does."""
    header_index = None
    for index, row in enumerate(rows[:10]):
        if sum(1 for value in unicode_row(row) if guess_field(value)) >= 2:
            header_index = index
            break
    if header_index is None:
        raise ImportError_(
            _(
                "No header row found: the first rows must name the columns (for example "
                "Mã dự án, Phường, Loại, Tên, Địa chỉ). Download the template to see them."
            )
        )
    width = max(len(row) for row in rows[header_index : header_index + 50])
    headers = unicode_row((list(rows[header_index]) + [None] * width)[:width])
    mapping = {str(i): guess_field(h) for i, h in enumerate(headers) if guess_field(h)}
    for index, header in enumerate(headers):
        if not header:
            headers[index] = _("Column %(number)d") % {"number": index + 1}
    data = [
        (number, (list(row) + [None] * width)[:width])
        for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2)
        if not all(_blank(value) for value in row)
    ]
    columns = [[row[i] for _n, row in data[:2000] if isinstance(row[i], str)] for i in range(width)]
    encodings = {str(i): legacy.detect(texts) for i, texts in enumerate(columns)}
    return Table(headers=headers, rows=data, mapping=mapping, encodings=encodings)


def store_upload(uploaded):
    """Keep an uploaded file privately (unguessable name) until the import is committed
    or cancelled; refuse what cannot be a spreadsheet, or what has no header row."""
    check_upload(uploaded)
    name = UPLOADS.save(uploaded)
    try:
        parse_table(read_rows(UPLOADS.path(name), PREVIEW_ROWS))
    except ImportError_:
        UPLOADS.delete(name)
        raise
    return name


delete_stale_uploads = UPLOADS.delete_stale
delete_upload = UPLOADS.delete


def load_table(name, limit=None):
    if not UPLOADS.holds(name):
        raise ImportError_(_("The uploaded file is no longer here: upload it again."))
    return parse_table(read_rows(UPLOADS.path(name), limit))


def check_mapping(mapping):
    chosen = [name for name in mapping.values() if name]
    duplicated = {name for name in chosen if chosen.count(name) > 1}
    if duplicated:
        raise ImportError_(
            _("Each kind of data can come from one column only: %(fields)s.")
            % {"fields": ", ".join(str(FIELDS[name]) for name in sorted(duplicated))}
        )
    if "name" not in chosen:
        raise ImportError_(_("Choose the column that holds the name of the party."))


# Checking and importing ----------------------------------------------------------------


@dataclass
class RowResult:
    number: int
    values: list
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    party: AffectedParty | None = None


@dataclass
class Outcome:
    results: list
    committed: bool = False

    @property
    def valid(self):
        return [r for r in self.results if not r.errors]

    @property
    def rejected(self):
        return [r for r in self.results if r.errors]

    @property
    def warned(self):
        return [r for r in self.results if r.warnings and not r.errors]


class _RowRefused(Exception):
    """Rolls back one row's savepoint."""


def may_import(user):
    return user.has_perm(PERMISSION) and scope.writable_anchor(user, AffectedParty, "add").exists()


def run(name, *, by, mapping, project=None, ward=None, commit=False):
    """Check every row of the stored file `name` with the columns `mapping` (column index
    → field); with `commit`, keep the valid rows, all in one transaction, audit them and
    delete the file. `project` and `ward`: for rows whose file has no such column.
    Raises PermissionDenied, or ImportError_ for a problem with the whole file."""
    if not may_import(by):
        raise PermissionDenied
    check_mapping(mapping)
    table = load_table(name)
    table.mapping = {str(k): v for k, v in mapping.items() if v}
    importer = _Importer(by, table, project=project, ward=ward)
    with transaction.atomic():
        results = [importer.row(number, values) for number, values in table.rows]
        valid = [r for r in results if not r.errors]
        if commit and valid:
            now = timezone.now()
            Segment.objects.filter(pk__in=importer.touched_segments).update(last_reported_at=now)
            for result in valid:
                log(result.party, "wagtail.create", user=by, data={"import": True})
        else:
            transaction.set_rollback(True)
    outcome = Outcome(results=results, committed=bool(commit and valid))
    if outcome.committed:
        delete_upload(name)
    return outcome


class _Importer:
    def __init__(self, user, table, *, project=None, ward=None):
        self.user = user
        self.table = table
        self.by_field = {name: int(index) for index, name in table.mapping.items() if name}
        self.today = timezone.localdate()
        self.default_project = project
        self.default_ward = ward
        if "project" not in self.by_field and project is None:
            raise ImportError_(_("Choose the project, or a column that holds its code."))
        if "ward" not in self.by_field and ward is None:
            raise ImportError_(_("Choose the ward, or a column that holds its unit code."))
        self.projects = {
            fold(p.code): p for p in Project.objects.visible_to(user).only("pk", "code", "name")
        }
        self.writable = scope.writable_anchor(user, AffectedParty, "add")
        self.writable_units = {}
        self.wards = None
        self.neighbourhoods = {}
        self.segments = {}
        self.seen = set()
        self.touched_segments = set()

    # Cells

    def value(self, row, name):
        index = self.by_field.get(name)
        if index is None:
            return None
        raw = row[index]
        if isinstance(raw, str):
            encoding = self.table.encodings.get(str(index), "unicode")
            text = legacy.to_unicode(raw, encoding)
            if _has_unsafe(text):
                raise _CellError(
                    _("The column “%(column)s” holds control or invisible characters.")
                    % {"column": self.table.headers[index]}
                )
            text = clean_text(text, multiline=name == "note")
            return text or None
        if isinstance(raw, datetime.datetime):
            return raw.date()
        return raw

    def text(self, row, name, errors, limit=MAX_TEXT):
        try:
            raw = self.value(row, name)
        except _CellError as error:
            errors.append(str(error))
            return ""
        if raw is None:
            return ""
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        if len(text) > limit:
            errors.append(
                _("%(field)s is longer than %(limit)d characters.")
                % {"field": FIELDS[name], "limit": limit}
            )
            return ""
        return text

    # A row

    def row(self, number, values):
        result = RowResult(number=number, values=values)
        errors = result.errors
        try:
            with transaction.atomic():
                self._row(result, values)
                if errors:
                    raise _RowRefused
        except _RowRefused:
            result.party = None
        return result

    def _row(self, result, row):
        errors = result.errors
        project = self._project(row, errors)
        ward = self._ward(row, errors)
        name = self.text(row, "name", errors)
        if not name:
            errors.append(_("The name is missing."))
        address = self.text(row, "address", errors)
        kind = self._kind(row, errors)
        land = self._land(row, errors)
        area = self._area(row, errors)
        relocate = self._yes_no(row, "must_relocate", errors)
        note = self.text(row, "note", errors, limit=5000)
        steps = {name_: self._date(row, name_, errors) for name_ in DATE_FIELDS}
        opinion = self._opinion(row, errors)
        if opinion and not steps["opinion_meeting"]:
            errors.append(_("An opinion is given without the date of the opinion meeting."))
        self._check_order(steps, errors)
        segment = unit = None
        if project and ward:
            segment = self._segment(project, ward, errors)
            unit = self._in_scope(self._neighbourhood(row, ward, errors) or ward, errors)
        if errors or segment is None or unit is None:
            return
        key = (segment.pk, fold(name), fold(address))
        if key in self.seen:
            errors.append(_("This party appears twice in the file (same name and address)."))
            return
        self.seen.add(key)
        if any(
            fold(other) == key[2]
            for other in AffectedParty.objects.filter(
                segment=segment, name_key=fold(name)
            ).values_list("address", flat=True)
        ):
            errors.append(
                _("%(name)s (%(address)s) is already recorded on this segment.")
                % {"name": name, "address": address or "—"}
            )
            return
        party = AffectedParty(
            segment=segment,
            unit=unit,
            kind=kind,
            name=name,
            address=address,
            area_m2=area,
            must_relocate=bool(relocate),
            note=note,
            **land,
        )
        party.save()
        for kind_ in DATE_FIELDS:
            if not steps[kind_]:
                continue
            milestone = Milestone(
                segment=segment, party=party, kind=kind_, on=steps[kind_], created_by=self.user
            )
            if kind_ == MilestoneKind.OPINION_MEETING and opinion:
                milestone.present = 1
                for tally in ("agree", "disagree", "other"):
                    setattr(milestone, tally, 1 if opinion == tally else 0)
            found, warnings = clocks.check_milestone(milestone)
            if found:
                label = milestone.get_kind_display()
                for messages in found.values():
                    errors.extend(f"{label}: {message}" for message in messages)
                return
            milestone.warnings = list(warnings)
            milestone.save()
            result.warnings.extend(str(w) for w in warnings)
        party.refresh_state()
        result.party = party
        self.touched_segments.add(segment.pk)

    # Cells of a row

    def _project(self, row, errors):
        if "project" not in self.by_field:
            return self.default_project
        code = self.text(row, "project", errors)
        if not code:
            if self.default_project:
                return self.default_project
            errors.append(_("The project code is missing."))
            return None
        project = self.projects.get(fold(code))
        if project is None:
            errors.append(_("Unknown project “%(code)s”.") % {"code": code})
        return project

    def _ward(self, row, errors):
        if "ward" not in self.by_field:
            return self.default_ward
        raw = self.text(row, "ward", errors)
        if not raw:
            if self.default_ward:
                return self.default_ward
            errors.append(_("The ward is missing."))
            return None
        if self.wards is None:
            # Every commune once, by code and by name with or without "Phường"/"Xã".
            self.wards = {}
            for unit in Unit.objects.filter(level=Level.COMMUNE).only("pk", "code", "name", "path"):
                name = fold(unit.name)
                self.wards[fold(unit.code)] = unit
                self.wards.setdefault(name, unit)
                self.wards.setdefault(re.sub(r"^(phuong|xa|thi tran)\s+", "", name), unit)
        key = fold(raw)
        self.wards.setdefault(key, None)
        ward = self.wards[key]
        if ward is None:
            errors.append(
                _("Unknown ward “%(ward)s” (write its unit code, e.g. W01).") % {"ward": raw}
            )
            return None
        return ward

    def _in_scope(self, unit, errors):
        """The party's unit (its neighbourhood, else the ward) must be one where the
        importer may add parties (scope.writable_anchor)."""
        if unit.pk not in self.writable_units:
            self.writable_units[unit.pk] = self.writable.filter(pk=unit.pk).exists()
        if not self.writable_units[unit.pk]:
            errors.append(
                _("%(unit)s is outside the units where you may add affected parties.")
                % {"unit": unit.name}
            )
            return None
        return unit

    def _segment(self, project, ward, errors):
        key = (project.pk, ward.pk)
        if key not in self.segments:
            self.segments[key] = Segment.objects.filter(project=project, ward=ward).first()
        segment = self.segments[key]
        if segment is None:
            errors.append(
                _("The project %(project)s has no segment in %(ward)s: the board adds it first.")
                % {"project": project.code, "ward": ward.name}
            )
        return segment

    def _neighbourhood(self, row, ward, errors):
        raw = self.text(row, "neighbourhood", errors)
        if not raw:
            return None
        if ward.pk not in self.neighbourhoods:
            lookup = {}
            for unit in Unit.objects.subtree_of(ward).filter(level=Level.NEIGHBOURHOOD):
                key = fold(unit.name)
                lookup[key] = unit
                lookup.setdefault(
                    re.sub(r"^(khu pho|to dan pho|thon|to|kp|tdp|xom)\s*", "", key), unit
                )
            self.neighbourhoods[ward.pk] = lookup
        unit = self.neighbourhoods[ward.pk].get(fold(raw))
        if unit is None:
            errors.append(
                _("Unknown neighbourhood “%(name)s” in %(ward)s.")
                % {"name": raw, "ward": ward.name}
            )
            return None
        return unit

    def _kind(self, row, errors):
        raw = self.text(row, "kind", errors)
        if not raw:
            return PartyKind.HOUSEHOLD
        kind = KINDS.get(fold(raw))
        if kind is None:
            errors.append(
                _(
                    "Kind “%(value)s” not understood (write hộ gia đình, cá nhân, tổ chức, "
                    "cộng đồng or cơ sở tôn giáo)."
                )
                % {"value": raw}
            )
            return PartyKind.HOUSEHOLD
        return kind

    def _land(self, row, errors):
        raw = self.text(row, "land", errors)
        flags = {
            "agricultural_land": False,
            "non_agricultural_land": False,
            "residential_land": False,
        }
        if not raw:
            return flags
        for part in re.split(r"[,;/+]|\bva\b", fold(raw)):
            part = " ".join(part.replace("dat", " ").split())
            if not part:
                continue
            if part in {"phi nong nghiep", "pnn"}:
                flags["non_agricultural_land"] = True
            elif part in {"nong nghiep", "nn", "trong lua", "lua"}:
                flags["agricultural_land"] = True
            elif part in {"o", "tho cu", "o do thi", "o nong thon"}:
                flags["residential_land"] = True
                flags["non_agricultural_land"] = True
            else:
                errors.append(
                    _(
                        "Land kind “%(value)s” not understood (write nông nghiệp, phi nông "
                        "nghiệp or đất ở, several separated by commas)."
                    )
                    % {"value": raw}
                )
                break
        return flags

    def _area(self, row, errors):
        try:
            raw = self.value(row, "area_m2")
        except _CellError as error:
            errors.append(str(error))
            return None
        if raw is None:
            return None
        if isinstance(raw, bool):
            raw = "?"
        text = str(raw).strip().replace(" ", "")
        if isinstance(raw, str):
            # 1.234,5 (Vietnamese) or 1,234.5 or 1234.5
            if "," in text and "." in text:
                text = (
                    text.replace(".", "").replace(",", ".")
                    if text.rfind(",") > text.rfind(".")
                    else text.replace(",", "")
                )
            else:
                text = text.replace(",", ".")
        try:
            area = Decimal(text).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors.append(_("The area “%(value)s” is not a number of m².") % {"value": raw})
            return None
        if not area.is_finite() or area <= 0 or area > MAX_AREA_M2:
            errors.append(
                _("The area must be more than 0 and at most %(max)s m².") % {"max": "10.000.000"}
            )
            return None
        return area

    def _yes_no(self, row, name, errors):
        try:
            raw = self.value(row, name)
        except _CellError as error:
            errors.append(str(error))
            return None
        if raw is None:
            return None
        if isinstance(raw, bool):
            return raw
        key = fold(str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw))
        if key in YES:
            return True
        if key in NO:
            return False
        errors.append(
            _("%(field)s: “%(value)s” not understood (write Có or Không).")
            % {"field": FIELDS[name], "value": raw}
        )
        return None

    def _opinion(self, row, errors):
        raw = self.text(row, "opinion", errors)
        if not raw:
            return None
        opinion = OPINIONS.get(fold(raw))
        if opinion is None:
            errors.append(
                _("Opinion “%(value)s” not understood (write đồng ý, không đồng ý or ý kiến khác).")
                % {"value": raw}
            )
        return opinion

    def _date(self, row, name, errors):
        try:
            raw = self.value(row, name)
        except _CellError as error:
            errors.append(str(error))
            return None
        if raw is None:
            return None
        label = FIELDS[name]
        if isinstance(raw, str) and re.fullmatch(r"[0-9]{5}(\.[0-9]+)?", raw):
            raw = float(raw)  # an Excel serial saved as text in a CSV file
        try:
            day, year = dates.parse_birth(raw, today=self.today)
        except ValueError as error:
            code = error.args[0]
            if code == "future":
                errors.append(_("%(field)s is in the future.") % {"field": label})
            elif code == "invalid_date":
                errors.append(_("%(field)s: this date does not exist.") % {"field": label})
            else:
                errors.append(
                    _("%(field)s: “%(value)s” is not a date (write dd/mm/yyyy).")
                    % {"field": label, "value": raw}
                )
            return None
        if day is None:
            errors.append(
                _("%(field)s: “%(value)s” is not a date (write dd/mm/yyyy).")
                % {"field": label, "value": raw}
            )
            return None
        if year < MIN_STEP_YEAR:
            errors.append(
                _("%(field)s is before %(year)d.") % {"field": label, "year": MIN_STEP_YEAR}
            )
            return None
        return day

    def _check_order(self, steps, errors):
        """The plan steps come in their order; payment and handover are not tied to it
        here (a party may hand over before being paid), the clocks say the rest."""
        chain = [(name, steps[name]) for name in DATE_FIELDS[:4] if steps[name]]
        for (earlier, first), (later, second) in zip(chain, chain[1:], strict=False):
            if second < first:
                errors.append(
                    _("%(later)s (%(second)s) is before %(earlier)s (%(first)s).")
                    % {
                        "later": FIELDS[later],
                        "second": dates.format_date(second),
                        "earlier": str(FIELDS[earlier]).lower(),
                        "first": dates.format_date(first),
                    }
                )


class _CellError(Exception):
    pass


_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _has_unsafe(text):
    """Control and invisible characters (as vntext.clean_text removes them) are refused,
    not silently dropped: a name hidden from search is what they are used for."""
    return bool(_UNSAFE.search(text))


# Files for the user --------------------------------------------------------------------


def _cell(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return dates.format_date(value)
    return value


def error_report(table, outcome):
    """The rejected rows with their original columns, their row number and a last column
    of messages, as .xlsx bytes: fix the cells and import the file again as it is."""
    rows = (
        [*(_cell(v) for v in result.values), result.number, "; ".join(result.errors)]
        for result in outcome.rejected
    )
    return workbook_bytes(
        _("Rejected rows"), [*table.headers, _("Row in the file"), _("Errors")], rows
    )


TEMPLATE_HEADERS = [
    ("project", "Mã dự án"),
    ("ward", "Phường (mã đơn vị)"),
    ("neighbourhood", "Tổ dân phố"),
    ("kind", "Loại"),
    ("name", "Tên"),
    ("address", "Địa chỉ"),
    ("land", "Loại đất"),
    ("area_m2", "Diện tích thu hồi (m²)"),
    ("must_relocate", "Phải di dời"),
    ("plan_posted", "Ngày niêm yết phương án"),
    ("opinion_meeting", "Ngày họp lấy ý kiến"),
    ("opinion", "Ý kiến"),
    ("plan_approved", "Ngày phê duyệt phương án"),
    ("paid", "Ngày chi trả"),
    ("handover", "Ngày bàn giao"),
    ("note", "Ghi chú"),
]
TEMPLATE_EXAMPLE = [
    "VD4-2026-001",
    "W01",
    "Khu phố 1",
    "Hộ gia đình",
    "Hộ ông Nguyễn Văn An",
    "Số 12 đường Lý Thái Tổ",
    "Nông nghiệp, đất ở",
    "350,5",
    "Có",
    "05/03/2026",
    "10/04/2026",
    "Không đồng ý",
    "",
    "",
    "",
    "",
]


def template():
    """An empty import file with the usual headers and one example row."""
    headers = [header for _name, header in TEMPLATE_HEADERS]
    return workbook_bytes("GPMB", headers, [TEMPLATE_EXAMPLE], width=18)
