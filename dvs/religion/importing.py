"""Importing dignitaries, officials and practitioners from the provincial data-collection
sheets ("Phiếu thu thập thông tin … chức sắc, chức việc, nhà tu hành", Phiếu số 3 style:
one row per person, Vietnamese headings) into one ward.

The reading of files (.xlsx, .xls, .csv; size and shape bounds; legacy fonts) and the
folding of headings are the residents import's (`dvs.people.importing`), reused as the
land-clearance import does. The columns are recognised by their folded heading (no
mapping step: the sheets share one form). Every row is checked by running the import
inside a transaction that is rolled back, through the same action the back office's form
uses (`actions.dignitaries.create_dignitary`: scope, classification, CCCD, establishment
of the ward); the commit runs the same code once more, all rows or none: a file with
one row to fix imports nothing, so that importing the corrected file again never
duplicates the rows that were fine.

Placeholders the sheets use for "not filled" ("……", "...", "-", "x") are stored as empty.
The protected columns (Số CCCD, ngày và nơi cấp, Dân tộc) are read only for a user who
may record protected data in the ward; for others they are left out, and the check page
says so.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.lib import dates, legacy
from dvs.lib.spreadsheet import workbook_bytes
from dvs.lib.vntext import clean_text, fold
from dvs.people.importing import ImportError_, check_upload, header_key, read_rows, unicode_row
from dvs.storage import UploadFolder
from dvs.units.models import Level

from .actions import dignitaries as actions
from .models import (
    Dignitary,
    DignitaryStatus,
    Establishment,
    Religion,
    ReligiousOrganisation,
    Scope,
)

__all__ = ["ImportError_"]

PERMISSION = "religion.import_dignitary"
FOLDER = "religion-imports"
UPLOADS = UploadFolder(FOLDER)
MAX_TEXT = 255

FIELDS = {
    "birth_name": gettext_lazy("Birth name"),
    "religious_name": gettext_lazy("Religious name"),
    "birth_date": gettext_lazy("Date of birth"),
    "sex": gettext_lazy("Sex"),
    "ethnicity": gettext_lazy("Ethnicity"),
    "id_number": gettext_lazy("ID number (CCCD)"),
    "id_issued_on": gettext_lazy("ID issued on"),
    "id_issued_by": gettext_lazy("ID issued by"),
    "religion": gettext_lazy("Religion"),
    "organisation": gettext_lazy("Religious organisation"),
    "sect": gettext_lazy("Sect"),
    "classification": gettext_lazy("Classification"),
    "position": gettext_lazy("Current position"),
    "rank": gettext_lazy("Rank"),
    "ordained_on": gettext_lazy("Ordained or appointed on"),
    "scope": gettext_lazy("Scope of activity"),
    "establishment": gettext_lazy("Establishment"),
    "status": gettext_lazy("Status"),
    "phone": gettext_lazy("Phone"),
    "note": gettext_lazy("Note"),
}
PROTECTED = ("ethnicity", "id_number", "id_issued_on", "id_issued_by")

# Headings as the sheets write them, folded (people.importing.header_key).
HEADERS = {
    "birth_name": [
        "ho va ten khai sinh",
        "ho ten khai sinh",
        "ten khai sinh",
        "ho va ten",
        "ho ten",
    ],
    "religious_name": [
        "phap danh ten thanh",
        "phap danh",
        "ten thanh",
        "phap danh ten thanh ten ton giao",
        "ten ton giao",
        "ten goi trong ton giao",
    ],
    "birth_date": ["ngay sinh", "ngay thang nam sinh", "nam sinh"],
    "sex": ["gioi tinh"],
    "ethnicity": ["dan toc"],
    "id_number": [
        "so cccd",
        "cccd",
        "so can cuoc",
        "so can cuoc cong dan",
        "so cccd cmnd",
        "so cmnd cccd",
        "so dinh danh ca nhan",
    ],
    "id_issued_on": ["ngay cap", "ngay cap cccd"],
    "id_issued_by": ["noi cap", "noi cap cccd"],
    "religion": ["ton giao"],
    "organisation": ["to chuc ton giao"],
    "sect": ["he phai"],
    "classification": ["phan loai", "phan loai chuc sac chuc viec nha tu hanh"],
    "position": ["chuc vu hien tai", "chuc vu"],
    "rank": ["pham trat", "pham sac"],
    "ordained_on": ["ngay phong pham bo nhiem", "ngay phong pham", "ngay bo nhiem"],
    "scope": ["pham vi hoat dong", "pham vi"],
    "establishment": ["co so", "co so ton giao", "co so tin nguong ton giao", "noi sinh hoat"],
    "status": ["tinh trang", "trang thai"],
    "phone": ["dien thoai", "so dien thoai"],
    "note": ["ghi chu"],
}
_HEADER_LOOKUP = {alias: name for name, aliases in HEADERS.items() for alias in aliases}

# Folded cell text → value.
CLASSIFICATIONS = {
    "chuc sac": "is_dignitary",
    "chuc viec": "is_official",
    "nha tu hanh": "is_practitioner",
    "tu si": "is_practitioner",
}
SEXES = {"nam": "male", "nu": "female"}
SCOPES = {
    "toan quoc": Scope.NATIONWIDE,
    "ca nuoc": Scope.NATIONWIDE,
    "mot so tinh": Scope.PROVINCES,
    "nhieu tinh": Scope.PROVINCES,
    "mot so tinh thanh pho": Scope.PROVINCES,
    "mot tinh": Scope.PROVINCE,
    "trong tinh": Scope.PROVINCE,
    "tinh": Scope.PROVINCE,
    "mot tinh thanh pho": Scope.PROVINCE,
    "phuong": Scope.WARD,
    "xa": Scope.WARD,
    "phuong xa": Scope.WARD,
    "mot phuong": Scope.WARD,
    "mot xa": Scope.WARD,
}
STATUSES = {
    "dang hoat dong": DignitaryStatus.ACTIVE,
    "hoat dong": DignitaryStatus.ACTIVE,
    "dang tu hanh": DignitaryStatus.ACTIVE,
    "nghi huu": DignitaryStatus.RETIRED,
    "da nghi": DignitaryStatus.RETIRED,
    "nghi": DignitaryStatus.RETIRED,
    "bai nhiem": DignitaryStatus.DISMISSED,
    "mien nhiem": DignitaryStatus.DISMISSED,
    "hoan tuc": DignitaryStatus.RETURNED,
    "tan xuat": DignitaryStatus.EXPELLED,
    "truc xuat": DignitaryStatus.EXPELLED,
    "da mat": DignitaryStatus.DECEASED,
    "tu tran": DignitaryStatus.DECEASED,
    "qua doi": DignitaryStatus.DECEASED,
    "vien tich": DignitaryStatus.DECEASED,
}
# Other names of recognised religions the sheets use, folded → code.
RELIGION_ALIASES = {
    "thien chua giao": "cong-giao",
    "dao phat": "phat-giao",
    "hoa hao": "phat-giao-hoa-hao",
}
# "Not filled": dots, ellipses, dashes, underscores, or a lone x.
_PLACEHOLDER = re.compile(r"[\s.\u2026\-_–—]*|[xX]")
_SEPARATORS = re.compile(r"[,;+\n]+")
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def guess_field(header):
    return _HEADER_LOOKUP.get(header_key(header), "")


def is_placeholder(value):
    return isinstance(value, str) and bool(_PLACEHOLDER.fullmatch(value.strip()))


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


# Reading ----------------------------------------------------------------------------------


@dataclass
class Table:
    headers: list
    rows: list  # (row number in the file, values)
    mapping: dict = field(default_factory=dict)  # field name → column index
    encodings: dict = field(default_factory=dict)


def parse_table(rows):
    """The heading row (the first of the top ten naming two known columns, under any
    title rows) and the rows below it; each text column's legacy font detected."""
    header_index = None
    for index, row in enumerate(rows[:10]):
        if sum(1 for value in unicode_row(row) if guess_field(value)) >= 2:
            header_index = index
            break
    if header_index is None:
        raise ImportError_(
            _(
                "No heading row found: the first rows must name the columns (for example "
                "Họ và tên khai sinh, Pháp danh/Tên thánh, Tôn giáo, Phân loại). Download "
                "the template to see them."
            )
        )
    width = max(len(row) for row in rows[header_index : header_index + 50])
    headers = unicode_row((list(rows[header_index]) + [None] * width)[:width])
    mapping = {}
    for index, header in enumerate(headers):
        name = guess_field(header)
        if name and name not in mapping:
            mapping[name] = index
        if not header:
            headers[index] = _("Column %(number)d") % {"number": index + 1}
    if "birth_name" not in mapping:
        raise ImportError_(_("The file has no column “Họ và tên khai sinh”."))
    data = [
        (number, (list(row) + [None] * width)[:width])
        for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2)
        if not all(_blank(value) or is_placeholder(value) for value in row)
    ]
    columns = [[row[i] for _n, row in data[:2000] if isinstance(row[i], str)] for i in range(width)]
    encodings = {i: legacy.detect(texts) for i, texts in enumerate(columns)}
    return Table(headers=headers, rows=data, mapping=mapping, encodings=encodings)


def store_upload(uploaded):
    """Keep an uploaded file privately (unguessable name) until the import is committed
    or cancelled, or abandoned for IMPORT_ABANDONED_AFTER_HOURS; refuse what cannot be a
    spreadsheet, or what has no heading row."""
    check_upload(uploaded)
    name = UPLOADS.save(uploaded)
    try:
        load_table(name)
    except ImportError_:
        UPLOADS.delete(name)
        raise
    return name


delete_stale_uploads = UPLOADS.delete_stale
delete_upload = UPLOADS.delete


def load_table(name):
    if not UPLOADS.holds(name):
        raise ImportError_(_("The uploaded file is no longer here: upload it again."))
    return parse_table(read_rows(UPLOADS.path(name)))


# Checking and importing -------------------------------------------------------------------


@dataclass
class RowResult:
    number: int
    values: list
    errors: list = field(default_factory=list)
    dignitary: Dignitary | None = None


@dataclass
class Outcome:
    results: list
    committed: bool = False
    # Protected columns present in the file but not read (the user may not record them).
    skipped_columns: list = field(default_factory=list)

    @property
    def valid(self):
        return [r for r in self.results if not r.errors]

    @property
    def rejected(self):
        return [r for r in self.results if r.errors]


class _RowRefused(Exception):
    """Rolls back one row's savepoint."""


def wards(user):
    """The wards a user may import dignitaries into."""
    return scope.writable_anchor(user, Dignitary, "add").filter(level=Level.COMMUNE)


def may_import(user):
    return user.has_perm(PERMISSION) and wards(user).exists()


def run(name, *, by, unit, commit=False):
    """Check every row of the stored file `name` for the ward `unit`; with `commit`,
    import them all in one transaction if none needs fixing (else nothing), and delete
    the file. Raises PermissionDenied, or ImportError_ for a problem with the whole file."""
    if not may_import(by) or unit is None or not wards(by).filter(pk=unit.pk).exists():
        raise PermissionDenied
    table = load_table(name)
    importer = _Importer(by, table, unit)
    with transaction.atomic():
        results = [importer.row(number, values) for number, values in table.rows]
        committed = commit and bool(results) and not any(r.errors for r in results)
        if not committed:
            transaction.set_rollback(True)
    outcome = Outcome(
        results=results, committed=committed, skipped_columns=importer.skipped_columns
    )
    if committed:
        delete_upload(name)
    return outcome


class _CellError(Exception):
    pass


class _Importer:
    def __init__(self, user, table, unit):
        self.user = user
        self.table = table
        self.unit = unit
        self.today = timezone.localdate()
        self.protected = (
            scope.writable_anchor(user, Dignitary, "view_sensitive").filter(pk=unit.pk).exists()
        )
        self.skipped_columns = [
            table.headers[table.mapping[name]]
            for name in PROTECTED
            if name in table.mapping and not self.protected
        ]
        self.religions = {}
        for religion in Religion.objects.all():
            self.religions[fold(religion.name)] = religion
            self.religions[religion.code.replace("-", " ")] = religion
        for alias, code in RELIGION_ALIASES.items():
            match = next((r for r in self.religions.values() if r.code == code), None)
            if match:
                self.religions[alias] = match
        self.organisations = {}
        for organisation in ReligiousOrganisation.objects.all():
            self.organisations.setdefault(fold(organisation.name), []).append(organisation)
        self.establishments = {}
        visible = scope.scoped(user, Establishment).filter(unit__path__startswith=unit.path)
        for establishment in visible:
            self.establishments.setdefault(fold(establishment.name), []).append(establishment)

    # Cells

    def value(self, row, name):
        """The cell's value: text converted from a legacy font, cleaned, placeholders
        as None; dates as dates."""
        index = self.table.mapping.get(name)
        if index is None:
            return None
        raw = row[index]
        if isinstance(raw, str):
            text = legacy.to_unicode(raw, self.table.encodings.get(index, "unicode"))
            if _UNSAFE.search(text):
                raise _CellError(
                    _("The column “%(column)s” holds control or invisible characters.")
                    % {"column": self.table.headers[index]}
                )
            text = clean_text(text, multiline=name in ("classification", "note"))
            return None if not text or is_placeholder(text) else text
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

    def date(self, row, name, errors):
        try:
            raw = self.value(row, name)
        except _CellError as error:
            errors.append(str(error))
            return None
        if raw is None:
            return None
        if isinstance(raw, datetime.date):
            value = raw
        else:
            try:
                value, _year = dates.parse_birth(raw, today=self.today)
            except ValueError:
                value = None
            if value is None:
                errors.append(
                    _("%(field)s: “%(value)s” is not a date (dd/mm/yyyy).")
                    % {"field": FIELDS[name], "value": raw}
                )
                return None
        if value > self.today:
            errors.append(_("%(field)s is in the future.") % {"field": FIELDS[name]})
            return None
        return value

    def choice(self, row, name, table, errors):
        text = self.text(row, name, errors)
        if not text:
            return ""
        value = table.get(fold(text))
        if value is None:
            errors.append(
                _("%(field)s: “%(value)s” is not understood.")
                % {"field": FIELDS[name], "value": text}
            )
            return ""
        return value

    # A row

    def row(self, number, values):
        result = RowResult(number=number, values=values)
        try:
            with transaction.atomic():
                self._row(result, values)
                if result.errors:
                    raise _RowRefused
        except _RowRefused:
            result.dignitary = None
        return result

    def _row(self, result, row):
        errors = result.errors
        fields = {
            "unit": self.unit,
            "birth_name": self.text(row, "birth_name", errors),
            "religious_name": self.text(row, "religious_name", errors),
            "sex": self.choice(row, "sex", SEXES, errors),
            "sect": self.text(row, "sect", errors, limit=100),
            "position": self.text(row, "position", errors),
            "rank": self.text(row, "rank", errors),
            "ordained_on": self.date(row, "ordained_on", errors),
            "scope": self.choice(row, "scope", SCOPES, errors),
            "phone": self.text(row, "phone", errors, limit=30),
            "note": self.text(row, "note", errors, limit=5000),
        }
        fields.update(self._birth(row, errors))
        fields.update(self._classification(row, errors))
        fields["religion"] = self._religion(row, errors)
        fields["organisation"] = self._organisation(row, fields["religion"], errors)
        fields["establishment"] = self._establishment(row, errors)
        status = self.choice(row, "status", STATUSES, errors)
        if status:
            fields["status"] = status
        sensitive = self._sensitive(row, errors)
        if not fields["birth_name"]:
            errors.append(_("The birth name is missing."))
        if errors:
            return
        try:
            result.dignitary = actions.create_dignitary(by=self.user, sensitive=sensitive, **fields)
        except ValidationError as error:
            errors.extend(_messages(error))

    def _birth(self, row, errors):
        try:
            raw = self.value(row, "birth_date")
        except _CellError as error:
            errors.append(str(error))
            return {}
        if raw is None:
            return {}
        try:
            value, year = dates.parse_birth(raw, today=self.today)
        except ValueError:
            errors.append(
                _("%(field)s: “%(value)s” is not a date (dd/mm/yyyy).")
                % {"field": FIELDS["birth_date"], "value": raw}
            )
            return {}
        return {"birth_date": value, "birth_year": year}

    def _classification(self, row, errors):
        text = self.text(row, "classification", errors, limit=1000)
        flags = {}
        for part in _SEPARATORS.split(text):
            key = fold(part).strip()
            if not key or is_placeholder(key):
                continue
            flag = CLASSIFICATIONS.get(key)
            if flag is None:
                errors.append(
                    _(
                        "%(field)s: “%(value)s” is not understood (chức sắc, chức việc, nhà tu hành)."
                    )
                    % {"field": FIELDS["classification"], "value": part.strip()}
                )
                continue
            flags[flag] = True
        return flags

    def _religion(self, row, errors):
        text = self.text(row, "religion", errors)
        if not text:
            return None  # the action says it is required
        religion = self.religions.get(fold(text))
        if religion is None:
            errors.append(_("Unknown religion “%(value)s”.") % {"value": text})
        return religion

    def _organisation(self, row, religion, errors):
        text = self.text(row, "organisation", errors)
        if not text:
            return None
        found = [
            o
            for o in self.organisations.get(fold(text), [])
            if religion is None or o.religion_id == religion.pk
        ]
        if len(found) != 1:
            errors.append(
                _(
                    "Unknown religious organisation “%(value)s”: add it first, or leave the "
                    "cell empty."
                )
                % {"value": text}
            )
            return None
        return found[0]

    def _establishment(self, row, errors):
        text = self.text(row, "establishment", errors)
        if not text:
            return None
        found = self.establishments.get(fold(text), [])
        if len(found) != 1:
            message = (
                _("Several establishments of the ward are named “%(value)s”.")
                if found
                else _("No establishment named “%(value)s” in the ward.")
            )
            errors.append(message % {"value": text})
            return None
        return found[0]

    def _sensitive(self, row, errors):
        if not self.protected:
            return None
        values = {
            "id_number": self.text(row, "id_number", errors, limit=20),
            "id_issued_on": self.date(row, "id_issued_on", errors),
            "id_issued_by": self.text(row, "id_issued_by", errors),
            "ethnicity": self.text(row, "ethnicity", errors, limit=100),
        }
        values = {k: v for k, v in values.items() if v}
        return values or None


def _messages(error):
    """An action's refusal as the sentences of a report line, each with its column."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    lines = []
    for name, messages in error.message_dict.items():
        label = FIELDS.get(name) or FIELDS.get("classification" if name.startswith("is_") else "")
        for message in messages:
            lines.append(f"{label}: {message}" if label else message)
    return lines


# Files for the user -----------------------------------------------------------------------


def _cell(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return dates.format_date(value)
    return value


def error_report(table, outcome):
    """The rows to fix with their original columns, their row number and a last column of
    messages, as .xlsx bytes (every cell formula-neutralised). Protected columns are
    left empty in the report: it is a file that travels."""
    hidden = {table.mapping[name] for name in PROTECTED if name in table.mapping}
    rows = (
        [
            *(None if i in hidden else _cell(v) for i, v in enumerate(result.values)),
            result.number,
            "; ".join(result.errors),
        ]
        for result in outcome.rejected
    )
    return workbook_bytes(
        _("Rows to fix"), [*table.headers, _("Row in the file"), _("Errors")], rows
    )


TEMPLATE_HEADERS = [
    "Họ và tên khai sinh",
    "Pháp danh/Tên thánh",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số CCCD",
    "Tôn giáo",
    "Tổ chức tôn giáo",
    "Hệ phái",
    "Phân loại",
    "Chức vụ hiện tại",
    "Phẩm trật",
    "Ngày phong phẩm/bổ nhiệm",
    "Phạm vi hoạt động",
    "Cơ sở",
    "Tình trạng",
]
TEMPLATE_EXAMPLE = [
    "TỪ THÀNH ĐẠT",
    "THÍCH MINH NHẪN",
    "15/08/1975",
    "Nam",
    "……",
    "……",
    "Phật giáo",
    "",
    "Bắc tông",
    "chức sắc, chức việc",
    "Trụ trì",
    "Thượng tọa",
    "20/11/2012",
    "Một tỉnh",
    "Chùa Phúc Lâm",
    "Đang hoạt động",
]


def template():
    """An empty import file with the sheet's headings and one example row."""
    return workbook_bytes("Phieu so 3", TEMPLATE_HEADERS, [TEMPLATE_EXAMPLE], width=20)
