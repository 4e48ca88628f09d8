"""Cells that leave the platform in a spreadsheet or a CSV file, made inert.

A name typed as `=HYPERLINK("http://x","y")`, `+…`, `-…` or `@…` becomes a live formula
when a spreadsheet opens the file (OWASP "CSV injection"). Every writer passes its
values through here:
- a CSV field: `safe_cell(value)` prefixes such text with an apostrophe, which
  spreadsheets read as "this is text";
- an XLSX row: `xlsx_row(sheet, values)` stores text as text (never a formula) and marks
  formula-like text with Excel's quote prefix, so it shows as typed and stays text when
  the cell is edited.
Text also loses the control characters XML cannot hold (openpyxl would raise
IllegalCharacterError and the whole export would fail). Numbers, dates, booleans and
None pass unchanged: a negative number stays a number.
"""

import re

from django.utils.functional import Promise

# What a spreadsheet may take for the start of a formula: = + - @ (after any leading
# white space), or a tab or carriage return that some programs skip before one.
_FORMULA_START = re.compile(r"\s*[=+\-@]|[\t\r]")


def _clean(value):
    """The text of `value` without XML-illegal characters, or None if it is not text."""
    if isinstance(value, Promise):  # a lazy translation: the text it stands for
        value = str(value)
    if not isinstance(value, str):
        return None
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl loads on first export

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def looks_like_formula(text):
    return bool(_FORMULA_START.match(text))


def safe_cell(value):
    """`value` for a CSV field: formula-like text gets a leading apostrophe."""
    text = _clean(value)
    if text is None:
        return value
    return f"'{text}" if looks_like_formula(text) else text


def xlsx_cell(sheet, value):
    """An openpyxl cell holding `value`, for `sheet.append()` (write-only or not)."""
    from openpyxl.cell import WriteOnlyCell

    text = _clean(value)
    if text is None:
        return WriteOnlyCell(sheet, value)
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values):
    """A row for `sheet.append()`: every value through `xlsx_cell`."""
    return [xlsx_cell(sheet, value) for value in values]


def workbook_bytes(title, header, rows, *, width=None):
    """An .xlsx file of one sheet named `title`: a bold `header` row, then `rows`, every
    cell through `xlsx_cell` (inert); `width` sets every column's width. As bytes."""
    import io

    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    if width:
        for index in range(len(header)):
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_wagtail_exports_safe():
    """Every CSV and XLSX export of the back office — our listings and Wagtail's own
    reports (site history, page reports) — is written by Wagtail's SpreadsheetExportMixin:
    its two row writers are replaced here, once at start-up (dvs.apps), with ones that
    pass each cell through safe_cell / xlsx_cell, and write times in the platform's time
    zone (Wagtail writes them in UTC)."""
    import datetime

    from django.utils import timezone
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    def local(value):
        # Wagtail writes aware times in UTC; a sheet shows the platform's local time.
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.make_naive(value)
        return value

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, local(value), self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # Wagtail's own loop, with the cell made by xlsx_cell.
        for field, value in row_dict.items():
            value = local(value)
            cell = xlsx_cell(worksheet, self.preprocess_field_value(field, value, self.FORMAT_XLSX))
            if date_format and isinstance(value, datetime.datetime):
                cell.number_format = date_format
            yield cell

    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
