import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from dvs.people.models import Person


def xlsx(rows, name="danh-sach.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def merged_header_xlsx(rows, name="nam-nu.xlsx"):
    """A list with "Năm sinh" merged over two columns "Nam" | "Nữ", as wards keep them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH HỘI VIÊN"])
    sheet.append(["STT", "Họ và tên", "Năm sinh", None, "Khu phố"])
    sheet.append([None, None, "Nam", "Nữ", None])
    sheet.merge_cells("C2:D2")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def add_person(unit, full_name, sex="male", birth_year=1980, **sensitive):
    person = Person(unit=unit, full_name=full_name, sex=sex, birth_year=birth_year)
    if sensitive:
        person.set_sensitive(**sensitive)
    person.save()
    return person
