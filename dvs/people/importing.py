"""Importing residents from the spreadsheets neighbourhoods keep today.

Files: .xlsx, .xls or .csv. Columns are recognised by their usual Vietnamese headers, in
any order, with or without diacritics, in legacy encodings too (TCVN3, VNI: detected per
column). Rows are checked one by one; valid rows are committed together in one
transaction, and the rejected rows go to an error report that keeps the original
columns, so a corrected report can be imported again as it is.

The work runs in a background task (`process_import`) that records its progress on the
ImportJob; the same functions serve the browser and the API.
"""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import crypto
from dvs.lib import cccd, dates, legacy
from dvs.lib.vntext import fold, nfc
from dvs.units.models import Level, Unit

from .models import Household, ImportJob, ImportTemplate, Person, Sex
from .reference import ETHNICITIES, NO_RELIGION, RELIGIONS

ALLOWED_SUFFIXES = {".xlsx", ".xls", ".csv"}
BATCH = 1000
DETECTION_SAMPLE = 2000

FIELDS = {
    "full_name": gettext_lazy("Full name"),
    "birth": gettext_lazy("Date or year of birth"),
    "birth_male": gettext_lazy("Year of birth (men's column)"),
    "birth_female": gettext_lazy("Year of birth (women's column)"),
    "sex": gettext_lazy("Sex"),
    "id_number": gettext_lazy("Citizen ID number"),
    "ethnicity": gettext_lazy("Ethnicity"),
    "religion": gettext_lazy("Religion"),
    "phone": gettext_lazy("Phone"),
    "unit": gettext_lazy("Neighbourhood"),
    "address": gettext_lazy("Address"),
    "household": gettext_lazy("Household code"),
    "relation": gettext_lazy("Relation to the head of household"),
}

# Usual headers, folded (no diacritics, lower case, no punctuation or parentheses).
HEADERS = {
    "full_name": ["ho va ten", "ho ten", "ten", "hoten", "ho va ten nguoi", "ho ten nguoi"],
    "birth": [
        "ngay sinh",
        "ngay thang nam sinh",
        "nam sinh",
        "sinh ngay",
        "ns",
        "ngay sinh nam sinh",
        "ngay thang nam",
    ],
    "birth_male": ["nam sinh nam", "ngay sinh nam"],
    "birth_female": ["nam sinh nu", "ngay sinh nu"],
    "sex": ["gioi tinh", "gioi", "gt", "nam nu", "nam hoac nu"],
    "id_number": [
        "so cccd",
        "cccd",
        "so can cuoc",
        "so can cuoc cong dan",
        "can cuoc cong dan",
        "so cmnd",
        "cmnd",
        "so cmnd cccd",
        "cmnd cccd",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "so cccd cmnd",
        "cccd cmnd",
    ],
    "ethnicity": ["dan toc"],
    "religion": ["ton giao"],
    "phone": ["so dien thoai", "dien thoai", "sdt", "so dt", "dt", "dien thoai lien he"],
    "unit": [
        "khu pho",
        "to dan pho",
        "thon",
        "khu dan cu",
        "to",
        "khu pho to dan pho",
        "to dan pho khu pho",
        "thon to dan pho",
        "dia ban",
        "thon xom",
        "xom",
        "kp",
        "tdp",
    ],
    "address": [
        "dia chi",
        "noi o hien nay",
        "cho o hien nay",
        "noi thuong tru",
        "dia chi thuong tru",
        "noi o",
        "dia chi noi o",
    ],
    "household": ["ma ho", "so ho", "ma ho gia dinh", "so ho khau", "ma so ho"],
    "relation": ["quan he voi chu ho", "quan he", "quan he chu ho"],
}
_HEADER_LOOKUP = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
_MALE = {"nam", "male", "m", "trai"}
_FEMALE = {"nu", "female", "f", "gai"}


class ImportError_(Exception):
    """A problem with the whole file (not one row): shown to the user as it is."""


def header_key(text):
    """ "Ngày sinh (dd/mm/yyyy)" -> "ngay sinh": folded, without notes in parentheses."""
    text = re.sub(r"\(.*?\)", " ", fold(str(text or "")))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def guess_field(header):
    return _HEADER_LOOKUP.get(header_key(header), "")


def unicode_row(row):
    """A header row in Unicode: its encoding is detected over all its cells together
    (one short header alone, such as "Khu phè", can pass for Unicode)."""
    texts = [str(value) for value in row if not _blank(value)]
    encoding = legacy.detect(texts)
    return [nfc(legacy.to_unicode(str(v), encoding)) if not _blank(v) else "" for v in row]


# Reading -----------------------------------------------------------------------------


@dataclass
class Table:
    headers: list
    rows: list  # (row number in the file, values)
    mapping: dict = field(default_factory=dict)  # column index (str) -> field name
    encodings: dict = field(default_factory=dict)  # column index (str) -> encoding
    header_found: bool = True


def check_upload(uploaded):
    """Refuse what cannot be a spreadsheet before storing it."""
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportError_(_("Only Excel (.xlsx, .xls) or CSV files can be imported."))
    if uploaded.size == 0:
        raise ImportError_(_("The file is empty."))
    if uploaded.size > settings.IMPORT_MAX_BYTES:
        raise ImportError_(
            _("The file is larger than %(size)d MB: split it into smaller files.")
            % {"size": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if suffix == ".xls" and uploaded.size > settings.IMPORT_XLS_MAX_BYTES:
        # xlrd reads an .xls whole, even for the first rows the mapping page shows.
        raise ImportError_(
            _(
                "An .xls file larger than %(size)d MB cannot be read: save it as .xlsx "
                "(Excel Workbook) and upload that file."
            )
            % {"size": settings.IMPORT_XLS_MAX_BYTES // (1024 * 1024)}
        )


# A sheet is read within these bounds whatever it claims about itself (an .xlsx may say
# it spans 16,384 columns and a million rows; openpyxl would pad every row to that).
# A ward's list is a few thousand rows of 10 to 30 columns; a city's, split by ward.
MAX_ROWS = 100_000  # rows of the sheet, header rows included
MAX_COLUMNS = 200  # columns up to the last one holding a value
MAX_UNPACKED_BYTES = 150 * 1024 * 1024  # an .xlsx is a zip: its parts once unpacked
MAX_LINE_CHARS = MAX_COLUMNS * 2000  # one line of a .csv
PREVIEW_ROWS = 60  # what the column-mapping page reads: headers and a few rows

TOO_MANY_ROWS = gettext_lazy(
    "The sheet has more than %(rows)d rows: split it into smaller files (for example one "
    "file per neighbourhood)."
)
TOO_MANY_COLUMNS = gettext_lazy(
    "The sheet has more than %(columns)d columns: keep only the columns of the list."
)
TOO_LARGE_UNPACKED = gettext_lazy(
    "Once unpacked, the file is larger than %(size)d MB: it is not a list of residents, "
    "or it must be split into smaller files."
)
LINE_TOO_LONG = gettext_lazy(
    "A line of the file is longer than %(chars)d characters: it is not a list of residents."
)


def read_rows(path, limit=None):
    """The rows of the first sheet as lists of cell values without their trailing empty
    cells (row numbers from 1), at most `limit` rows when given. A sheet beyond
    MAX_ROWS or MAX_COLUMNS is refused with ImportError_."""
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path, limit)
        if suffix == ".xls":
            return _read_xls(path, limit)
        if suffix == ".csv":
            return _read_csv(path, limit)
    except ImportError_:
        raise
    except Exception as error:  # a corrupt or disguised file: say so, keep nothing
        raise ImportError_(
            _("The file cannot be read as a spreadsheet (%(error)s).")
            % {"error": type(error).__name__}
        ) from error
    raise ImportError_(_("Only Excel (.xlsx, .xls) or CSV files can be imported."))


def _collect(rows, limit=None):
    """Rows as short lists, read one at a time: trailing empty cells dropped, empty rows
    kept (as []) only while they may still precede data, the caps checked on the cells
    that hold values."""
    collected = []
    for number, row in enumerate(rows, start=1):
        if limit is not None and number > limit:
            break
        width = len(row)
        while width and _blank(row[width - 1]):
            width -= 1
        if width and number > MAX_ROWS:
            raise ImportError_(str(TOO_MANY_ROWS) % {"rows": MAX_ROWS})
        if width > MAX_COLUMNS:
            raise ImportError_(str(TOO_MANY_COLUMNS) % {"columns": MAX_COLUMNS})
        if number <= MAX_ROWS:
            collected.append(list(row[:width]))
    while collected and not collected[-1]:
        collected.pop()
    return collected


def _read_xlsx(path, limit=None):
    import zipfile

    import openpyxl

    # The sizes an archive declares bound what reading it unpacks (zipfile stops there).
    with zipfile.ZipFile(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ImportError_(
                str(TOO_LARGE_UNPACKED) % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
            )
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # The <dimension> the file claims is not trusted: rows come as wide as their
        # cells, not padded to the claimed width.
        sheet.reset_dimensions()
        return _collect(sheet.iter_rows(values_only=True), limit)
    finally:
        workbook.close()


def _read_xls(path, limit=None):
    """The old format is read whole (xlrd does not stream), so it is bounded by
    IMPORT_XLS_MAX_BYTES (check_upload) and by itself (65,536 rows of 256 columns); its
    rows are checked against the same caps."""
    import xlrd

    book = xlrd.open_workbook(path, on_demand=True)
    sheet = book.sheet_by_index(0)

    def values(index):
        for cell in sheet.row(index):
            if cell.ctype == xlrd.XL_CELL_DATE:
                yield xlrd.xldate_as_datetime(cell.value, book.datemode).date()
            elif cell.ctype == xlrd.XL_CELL_EMPTY:
                yield None
            else:
                yield cell.value

    try:
        return _collect((list(values(index)) for index in range(sheet.nrows)), limit)
    finally:
        book.release_resources()


def _read_csv(path, limit=None):
    raw = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        # TCVN3 files saved as bytes: Latin-1 keeps every byte, the legacy converter
        # then reads them as the .VnTime font would.
        text = raw.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel

    def lines():
        # One line of a million separators would be a row of a million cells.
        for line in io.StringIO(text):
            if len(line) > MAX_LINE_CHARS:
                raise ImportError_(str(LINE_TOO_LONG) % {"chars": MAX_LINE_CHARS})
            yield line

    return _collect(csv.reader(lines(), dialect), limit)


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_table(rows, known_layouts=()):
    """Find the header row (the first of the top ten with two known headers, or laid out
    like a remembered template), a sub-header row of "Nam"/"Nữ" under a year-of-birth
    header, and the data rows below."""
    header_index = None
    for index, row in enumerate(rows[:10]):
        headers = unicode_row(row)
        if sum(1 for value in headers if guess_field(value)) >= 2 or (
            known_layouts and signature(headers) in known_layouts
        ):
            header_index = index
            break
    header_found = header_index is not None
    if not header_found:
        # Let the user say what the columns hold, starting from the first row with text.
        header_index = next((i for i, row in enumerate(rows) if not all(map(_blank, row))), None)
        if header_index is None:
            raise ImportError_(_("The file is empty."))
    width = max(len(row) for row in rows[header_index : header_index + 50])
    headers = unicode_row((list(rows[header_index]) + [None] * width)[:width])
    mapping = {str(i): guess_field(h) for i, h in enumerate(headers) if guess_field(h)}
    data_start = header_index + 1
    below = rows[data_start] if data_start < len(rows) else []
    sub = {i: header_key(v) for i, v in enumerate(unicode_row(below)) if v}
    if sub and set(sub.values()) <= {"nam", "nu"}:
        # "Năm sinh" merged over two columns "Nam" | "Nữ": the year sits under the sex.
        for index, key in sub.items():
            mapping[str(index)] = "birth_male" if key == "nam" else "birth_female"
            base = headers[index] or headers[index - 1]
            headers[index] = f"{base} - {nfc(str(below[index]))}"
        data_start += 1
    for index, header in enumerate(headers):
        if not header:
            headers[index] = _("Column %(number)d") % {"number": index + 1}
    data = [
        (number + 1, (list(row) + [None] * width)[:width])
        for number, row in enumerate(rows[data_start:], start=data_start)
        if not all(_blank(value) for value in row)
    ]
    table = Table(headers=headers, rows=data, mapping=mapping, header_found=header_found)
    # Detection reads a sample spread over the file: the font is the same all the way down.
    step = max(1, len(data) // DETECTION_SAMPLE)
    sample = data[::step]
    columns = [[row[i] for _n, row in sample if isinstance(row[i], str)] for i in range(width)]
    table.encodings = {str(i): legacy.detect(texts) for i, texts in enumerate(columns)}
    legacy_found = {e for e in table.encodings.values() if e != "unicode"}
    if len(legacy_found) == 1:
        # Short legacy text can pass for Unicode ("Khu phè 1" is TCVN3 for "Khu phố 1"),
        # but real Vietnamese Unicode nearly always has a letter beyond Latin-1 (ư ơ ă đ
        # ạ ố …). In a file whose other columns are legacy, a column with accented
        # letters only from Latin-1 is taken to be in the same legacy font.
        encoding = legacy_found.pop()
        for i, texts in enumerate(columns):
            text = "".join(texts)
            if any(ord(c) > 127 for c in text) and all(ord(c) <= 255 for c in text):
                table.encodings[str(i)] = encoding
    return table


def signature(headers):
    keys = [header_key(h) for h in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("|".join(keys).encode()).hexdigest()


def load_table(job, limit=None):
    """Read a job's file (its first `limit` rows only, for the column-mapping page);
    apply the remembered or confirmed mapping."""
    layouts = set(ImportTemplate.objects.values_list("signature", flat=True))
    table = parse_table(read_rows(job.file.path, limit), layouts)
    template = ImportTemplate.objects.filter(signature=signature(table.headers)).first()
    if job.mapping:
        table.mapping = dict(job.mapping)
    elif template:
        table.mapping = dict(template.mapping)
    elif not table.header_found:
        table.mapping = {}
    return table


NO_HEADER = gettext_lazy(
    "No header row found: the first rows must name the columns "
    "(for example Họ và tên, Ngày sinh, Giới tính, Số CCCD)."
)


def remember_mapping(headers, mapping):
    ImportTemplate.objects.update_or_create(
        signature=signature(headers), defaults={"headers": headers, "mapping": mapping}
    )


def check_mapping(mapping):
    chosen = [name for name in mapping.values() if name]
    duplicated = {name for name in chosen if chosen.count(name) > 1}
    if duplicated:
        raise ImportError_(
            _("Each kind of data can come from one column only: %(fields)s.")
            % {"fields": ", ".join(str(FIELDS[name]) for name in sorted(duplicated))}
        )
    if "full_name" not in chosen:
        raise ImportError_(_("Choose the column that holds the full name."))


# Checking rows -------------------------------------------------------------------------

BIRTH_ERRORS = {
    "unparsable": gettext_lazy("Date of birth not understood (write dd/mm/yyyy or the year)."),
    "future": gettext_lazy("The date of birth is in the future."),
    "too_old": gettext_lazy("The year of birth is before 1900."),
    "invalid_date": gettext_lazy("This date does not exist."),
}
CCCD_ERRORS = {
    "length": gettext_lazy("The citizen ID number must have 12 digits."),
    "digits": gettext_lazy("The citizen ID number may only contain digits."),
    "province": gettext_lazy(
        "The first three digits of the citizen ID number are no province code."
    ),
    "century": gettext_lazy("The citizen ID number gives a birth year in the future."),
    "sex_mismatch": gettext_lazy("The citizen ID number does not match the person's sex."),
    "year_mismatch": gettext_lazy("The citizen ID number does not match the year of birth."),
}
_ETHNICITY_BY_KEY = {fold(name): name for name in ETHNICITIES}
_RELIGION_BY_KEY = {fold(name): name for name in RELIGIONS}


@dataclass
class RowResult:
    number: int
    values: list
    person: dict | None = None
    errors: list = field(default_factory=list)


class RowChecker:
    """Checks rows against the rules, the file itself and the database, batch by batch."""

    def __init__(self, job, table):
        self.job = job
        self.table = table
        self.by_field = {name: int(index) for index, name in table.mapping.items() if name}
        self.today = timezone.localdate()
        self.seen_ids = set()
        self.neighbourhoods = self._neighbourhoods()
        if "unit" not in self.by_field and job.unit.level != Level.NEIGHBOURHOOD:
            raise ImportError_(
                _(
                    "%(unit)s is not a neighbourhood: import into a neighbourhood, or add a "
                    "column Khu phố / Tổ dân phố naming each person's neighbourhood."
                )
                % {"unit": job.unit}
            )

    def _neighbourhoods(self):
        units = Unit.objects.subtree_of(self.job.unit).filter(level=Level.NEIGHBOURHOOD)
        lookup = {}
        for unit in units:
            key = fold(unit.name)
            lookup[key] = unit
            number = re.sub(r"^(khu pho|to dan pho|thon|to|kp|tdp|xom)\s*", "", key)
            lookup.setdefault(number, unit)
        return lookup

    def value(self, row, name):
        index = self.by_field.get(name)
        if index is None:
            return None
        raw = row[index]
        if isinstance(raw, str):
            raw = nfc(legacy.to_unicode(raw, self.table.encodings.get(str(index), "unicode")))
            return raw or None
        return raw

    def check_batch(self, rows):
        results = [self.check(number, row) for number, row in rows]
        self._check_against_database([r for r in results if r.person])
        return results

    def check(self, number, row):
        result = RowResult(number=number, values=row)
        errors = result.errors
        name = self.value(row, "full_name")
        if not name or not isinstance(name, str):
            errors.append(_("The full name is missing."))
        sex = self._sex(row)
        birth_date, birth_year = None, None
        raw_birth = self.value(row, "birth")
        if raw_birth is None and sex:
            raw_birth = self.value(row, f"birth_{sex}")
        try:
            birth_date, birth_year = dates.parse_birth(raw_birth, today=self.today)
        except ValueError as error:
            errors.append(str(BIRTH_ERRORS[error.args[0]]))
        id_number = cccd.normalise(self.value(row, "id_number"))
        if id_number:
            if not sex:
                try:
                    sex = cccd.parse(id_number, today=self.today).sex
                except ValueError:
                    pass
            for code in cccd.validate(id_number, sex=sex, birth_year=birth_year, today=self.today):
                errors.append(str(CCCD_ERRORS[code]))
            if id_number in self.seen_ids:
                errors.append(_("This citizen ID number appears twice in the file."))
            self.seen_ids.add(id_number)
        if not sex:
            errors.append(_("The sex is missing or not understood (write Nam or Nữ)."))
        unit = self._unit(row, errors)
        ethnicity = self._ethnicity(row, errors)
        religion = self._religion(row)
        phone = self._phone(row, errors)
        if not errors:
            result.person = {
                "full_name": name,
                "sex": sex,
                "birth_date": birth_date,
                "birth_year": birth_year,
                "id_number": id_number,
                "ethnicity": ethnicity,
                "religion": religion,
                "phone": phone,
                "unit": unit,
                "address": self.value(row, "address") or "",
                "household": str(self.value(row, "household") or "").strip(),
                "is_head": fold(str(self.value(row, "relation") or "")) in {"chu ho", "chu"},
            }
        return result

    def _sex(self, row):
        if self.value(row, "birth_male") not in (None, ""):
            return Sex.MALE
        if self.value(row, "birth_female") not in (None, ""):
            return Sex.FEMALE
        key = fold(str(self.value(row, "sex") or ""))
        if key in _MALE:
            return Sex.MALE
        if key in _FEMALE:
            return Sex.FEMALE
        return None

    def _unit(self, row, errors):
        if "unit" not in self.by_field:
            return self.job.unit
        raw = self.value(row, "unit")
        key = fold(str(raw or ""))
        if isinstance(raw, float) and raw.is_integer():
            key = str(int(raw))
        unit = self.neighbourhoods.get(key)
        if unit is None:
            errors.append(
                _("Unknown neighbourhood “%(name)s” in %(unit)s.")
                % {"name": raw or "", "unit": self.job.unit}
            )
        return unit

    def _ethnicity(self, row, errors):
        raw = self.value(row, "ethnicity")
        if raw is None:
            return ""
        name = _ETHNICITY_BY_KEY.get(fold(str(raw)).replace("-", " ").replace("  ", " "))
        name = name or _ETHNICITY_BY_KEY.get(fold(str(raw)))
        if name is None:
            # The value itself stays out of the message: ethnicity is protected data.
            errors.append(_("The ethnicity is not one of the 54 ethnic groups."))
            return ""
        return name

    def _religion(self, row):
        raw = self.value(row, "religion")
        if raw is None:
            return ""
        key = fold(str(raw))
        if key in {"khong", "k", "-", "khong ton giao"}:
            return NO_RELIGION
        return _RELIGION_BY_KEY.get(key, nfc(str(raw)))

    def _phone(self, row, errors):
        raw = self.value(row, "phone")
        if raw is None:
            return ""
        digits = re.sub(r"[\s.\-()]", "", str(int(raw)) if isinstance(raw, float) else str(raw))
        if digits.startswith("+84"):
            digits = "0" + digits[3:]
        if len(digits) == 9 and digits[0] in "35789":
            digits = "0" + digits  # Excel drops the leading zero of a number cell
        if not re.fullmatch(r"0\d{9}", digits):
            errors.append(_("The phone number “%(value)s” is not valid.") % {"value": raw})
            return ""
        return digits

    def _check_against_database(self, results):
        """Same ID number already registered, or the same person (name, birth, neighbourhood)."""
        by_index = {
            crypto.blind_index(r.person["id_number"]): r for r in results if r.person["id_number"]
        }
        for index in Person.objects.filter(id_number_index__in=list(by_index)).values_list(
            "id_number_index", flat=True
        ):
            result = by_index[index]
            result.errors.append(_("A person with this citizen ID number is already registered."))
            result.person = None
        candidates = [r for r in results if r.person]
        keys = {fold(r.person["full_name"]) for r in candidates}
        existing = {}
        for row in Person.objects.filter(
            search_key__in=keys, unit__in={r.person["unit"].pk for r in candidates}
        ).values("search_key", "unit_id", "birth_year", "birth_date", "full_name"):
            existing[(row["search_key"], row["unit_id"], row["birth_year"])] = row
        for result in candidates:
            person = result.person
            match = existing.get(
                (fold(person["full_name"]), person["unit"].pk, person["birth_year"])
            )
            if match and (
                not person["birth_date"]
                or not match["birth_date"]
                or match["birth_date"] == person["birth_date"]
            ):
                result.errors.append(
                    _("Possibly the same person as %(name)s (%(birth)s), already registered here.")
                    % {
                        "name": match["full_name"],
                        "birth": dates.format_date(match["birth_date"]) or match["birth_year"],
                    }
                )
                result.person = None


# Running a job ---------------------------------------------------------------------------


def run(job, *, commit):
    """Check every row of the job's file; with `commit`, import the valid rows in one
    transaction. Progress is saved every BATCH rows."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            table = load_table(job)
            if not table.mapping and not table.header_found:
                raise ImportError_(str(NO_HEADER))
            check_mapping(table.mapping)
            checker = RowChecker(job, table)
        except ImportError_ as error:
            _finish(job, ImportJob.Status.FAILED, message=str(error))
            return job
        job.mapping, job.encodings, job.headers = table.mapping, table.encodings, table.headers
        job.total_rows, job.processed_rows = len(table.rows), 0
        job.status = ImportJob.Status.IMPORTING if commit else ImportJob.Status.VALIDATING
        job.heartbeat_at = timezone.now()
        job.save(
            update_fields=[
                "mapping",
                "encodings",
                "headers",
                "total_rows",
                "processed_rows",
                "status",
                "heartbeat_at",
            ]
        )
        valid, rejected = [], []
        for start in range(0, len(table.rows), BATCH):
            for result in checker.check_batch(table.rows[start : start + BATCH]):
                (valid if result.person else rejected).append(result)
            ImportJob.objects.filter(pk=job.pk).update(
                processed_rows=min(start + BATCH, len(table.rows)), heartbeat_at=timezone.now()
            )
        # A rejected row may hold an ID number, ethnicity or religion: its cells are kept
        # encrypted, for the error report only.
        job.errors = [
            {
                "row": r.number,
                "messages": r.errors,
                "values": crypto.encrypt(json.dumps([_cell(v) for v in r.values], default=str)),
            }
            for r in rejected
        ]
        job.valid_rows = len(valid)
        if commit:
            job.imported_rows = _insert(job, valid)
            _finish(job, ImportJob.Status.DONE)
        else:
            _finish(job, ImportJob.Status.VALIDATED)
    return job


def _finish(job, status, message=""):
    job.status = status
    job.message = message
    job.processed_rows = job.total_rows
    if status in (ImportJob.Status.DONE, ImportJob.Status.FAILED) and job.file:
        # The uploaded list holds protected data in clear: keep it no longer than needed.
        job.file.delete(save=False)
    job.save()


ABANDONED = gettext_lazy(
    "Not confirmed within %(hours)d hours: the import was closed and its file deleted. "
    "Upload the file again to import it."
)


def delete_files(now=None):
    """Close the imports left waiting longer than IMPORT_ABANDONED_AFTER_HOURS, then
    delete the files of every finished import. Run by the scheduler
    (people.tasks.delete_import_files); returns the number of files deleted."""
    from datetime import timedelta

    now = now or timezone.now()
    hours = settings.IMPORT_ABANDONED_AFTER_HOURS
    with translation.override(settings.LANGUAGE_CODE):
        message = str(ABANDONED) % {"hours": hours}
    # One conditional update: a job confirmed at this very moment is left alone.
    ImportJob.objects.filter(
        status__in=[ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED],
        created_at__lt=now - timedelta(hours=hours),
    ).update(status=ImportJob.Status.FAILED, message=message)
    deleted = 0
    finished = [ImportJob.Status.DONE, ImportJob.Status.FAILED]
    for job in ImportJob.objects.exclude(file="").filter(status__in=finished).only("file"):
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        deleted += 1
    return deleted


STOPPED = gettext_lazy(
    "The import stopped unexpectedly (the background worker ended) and nothing was "
    "imported; its file was deleted. Upload the file again."
)


def fail_stale(now=None):
    """Mark failed the imports whose worker died: checking or importing, with no
    progress for JOBS_STALE_AFTER_MINUTES (a job still waiting in the queue has no
    heartbeat yet). Their files are deleted. Returns the jobs marked."""
    from datetime import timedelta

    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.JOBS_STALE_AFTER_MINUTES)
    stale = ImportJob.objects.filter(
        status__in=[ImportJob.Status.VALIDATING, ImportJob.Status.IMPORTING],
        heartbeat_at__lt=cutoff,
    )
    with translation.override(settings.LANGUAGE_CODE):
        count = stale.update(status=ImportJob.Status.FAILED, message=str(STOPPED))
    delete_files(now)
    return count


def _cell(value):
    if hasattr(value, "isoformat"):
        return dates.format_date(value)
    return value


@transaction.atomic
def _insert(job, results):
    """All valid rows or none: households first, then people, then household heads."""
    households = {}
    for result in results:
        person = result.person
        if person["household"]:
            key = (person["unit"].pk, person["household"])
            if key not in households:
                households[key] = Household(
                    unit=person["unit"], address=person["address"] or person["household"]
                )
    Household.objects.bulk_create(households.values(), batch_size=BATCH)
    people, heads = [], {}
    for result in results:
        data = result.person
        person = Person(
            unit=data["unit"],
            full_name=data["full_name"],
            sex=data["sex"],
            birth_date=data["birth_date"],
            birth_year=data["birth_year"],
            phone=data["phone"],
            household=households.get((data["unit"].pk, data["household"])),
        )
        person.set_name(data["full_name"])
        person.set_sensitive(
            id_number=data["id_number"], ethnicity=data["ethnicity"], religion=data["religion"]
        )
        people.append(person)
        if data["is_head"] and person.household:
            heads[person.household] = person
    Person.objects.bulk_create(people, batch_size=BATCH)
    for household, head in heads.items():
        household.head = head
    Household.objects.bulk_update(heads.keys(), ["head"], batch_size=BATCH)
    return len(people)


def error_report(job):
    """The rejected rows with their original columns and a last column of messages, as
    .xlsx bytes: fix the cells and import the file again as it is. The headers and values
    come from the uploaded file: written back inert."""
    from dvs.lib.spreadsheet import workbook_bytes

    rows = (
        [
            *json.loads(crypto.decrypt(error["values"]) or "[]"),
            error["row"],
            "; ".join(error["messages"]),
        ]
        for error in job.errors
    )
    return workbook_bytes(
        _("Rejected rows"), [*job.headers, _("Row in the file"), _("Errors")], rows
    )
