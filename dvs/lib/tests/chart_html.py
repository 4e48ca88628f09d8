"""Reading the charts of a page back for tests: each figure's SVG (parsed as XML, so a
chart that is not well-formed fails) and the table beside it."""

import html as htmllib
import io
import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def number(text):
    text = text.strip().replace(",", ".")
    value = float(text)
    return int(value) if value.is_integer() else value


def _text(fragment):
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def charts_on(page_html):
    """{slug: {"svg": [(label, [values], flag)], "table": [(label, [values], flagged)],
    "root": the parsed <svg>}} of every dvs-chart figure of the page."""
    found = {}
    for match in re.finditer(r'<figure class="dvs-chart"[^>]*data-chart="([^"]*)"', page_html):
        slug = match.group(1)
        body = page_html[match.start() : page_html.index("</figure>", match.start())]
        entry = {"svg": [], "table": [], "root": None}
        svg = re.search(r"<svg.*?</svg>", body, re.S)
        if svg:
            root = ET.fromstring(svg.group(0))  # raises if the SVG is not well-formed XML
            entry["root"] = root
            for group in root.findall(f"{SVG}g"):
                values = [number(rect.get("data-value")) for rect in group.findall(f"{SVG}rect")]
                entry["svg"].append((group.get("data-label"), values, group.get("data-flag", "")))
        tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
        if tbody:
            for row in re.findall(r"<tr([^>]*)>(.*?)</tr>", tbody.group(1), re.S):
                attrs, cells = row
                label = _text(re.search(r"<th[^>]*>(.*?)</th>", cells, re.S).group(1))
                values = [number(v) for v in re.findall(r'<td data-value="([^"]*)"', cells)]
                entry["table"].append((label, values, "data-flag" in attrs))
        found[slug] = entry
    return found


def sheet_rows(content, index=0):
    """The rows of a workbook's sheet (values as stored)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[index]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
