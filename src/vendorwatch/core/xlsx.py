"""A workbook of one sheet, written row by row into an XLSX file (Office Open XML,
ECMA-376 part 1), so that memory stays the same however many rows there are.

Why not a library: openpyxl's write-only mode and XlsxWriter's constant-memory mode make an
object, or a dispatch through several methods, for every cell; for the problem export's
1.3 million cells that was 9–10 s of the 11 s the export took. Here a row is one string
built from the values. The package around the sheet is fixed text. Tests read the files
back with openpyxl.

What it writes: numbers as numbers, ``True``/``False`` as Excel's booleans, everything else
as text (inline strings, as openpyxl's write-only mode does); ``None`` and empty text leave
the cell out. The first row is bold and stays in view when scrolling. Text is cut at Excel's
limit of 32,767 characters per cell, characters that XML cannot hold (control characters
other than tab and line breaks) are left out, where openpyxl would raise, and text that looks
like one of Excel's character codes ("_x0041_") is written so that Excel shows it as typed.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO
from xml.sax.saxutils import quoteattr

MAX_TEXT = 32_767  # Excel's limit for the text of a cell
MAX_COLUMNS = 16_384  # Excel's last column is XFD
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Characters outside XML 1.0's set: they would make the file unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads "_x0041_" in a cell's text as the character it names ("A"); text that looks like
# such a code gets its underscore written as one ("_x005F_"), so that it reads as typed.
EXCEL_CODE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
# Beyond this a number is no number Excel can hold (a double): it is written as text.
LARGEST_NUMBER = 10**308

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OFFICE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OFFICE_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{OFFICE_TYPE}.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    DECLARATION + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    DECLARATION + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0: the default; style 1: bold, for the first row.
STYLES = (
    DECLARATION + f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
SHEET_START = (
    DECLARATION + f'<worksheet xmlns="{MAIN}">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    "</sheetView></sheetViews><sheetData>"
)
SHEET_END = "</sheetData></worksheet>"


def column_letters(index: int) -> str:
    """Excel's name of the column at ``index`` (0 is A, 26 is AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = SHEET_NAME_FORBIDDEN.sub("_", NOT_XML.sub("", name)).strip("'")[:31].rstrip("'")
    return cleaned or "Sheet1"


def _text(value: str) -> str:
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT]
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in value:  # as a reference: a reader turns a written carriage return into \n
        value = value.replace("\r", "&#13;")
    if "_x" in value:
        value = EXCEL_CODE.sub("_x005F_", value)
    return NOT_XML.sub("", value)


def _cells(number: int, values: Sequence[object], columns: list[str], style: str) -> str:
    cells = []
    for column, value in zip(columns, values, strict=False):
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            cells.append(f'<c r="{column}{number}"{style} t="b"><v>{int(value)}</v></c>')
        elif (
            (isinstance(value, int) and -LARGEST_NUMBER < value < LARGEST_NUMBER)
            or (isinstance(value, float) and math.isfinite(value))
            or (isinstance(value, Decimal) and value.is_finite() and abs(value) < LARGEST_NUMBER)
        ):
            cells.append(f'<c r="{column}{number}"{style}><v>{value}</v></c>')
        elif text := _text(value if isinstance(value, str) else str(value)):
            cells.append(
                f'<c r="{column}{number}"{style} t="inlineStr">'
                f'<is><t xml:space="preserve">{text}</t></is></c>'
            )
    return f'<row r="{number}">{"".join(cells)}</row>'


def write(target: IO[bytes], name: str, rows: Iterable[Sequence[object]]) -> int:
    """Write ``rows`` as the one sheet ``name`` of an XLSX file into ``target`` (a file
    opened for writing in binary). The first row is the header. Returns the number of rows.
    A row longer than Excel's 16,384 columns is cut there."""
    columns: list[str] = []
    number = 0
    # Level 1: the sheet's text repeats a lot, so the file is only a little larger than at
    # the default level, and compressing takes a third of the time.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr(
            "xl/workbook.xml",
            DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            "<bookViews><workbookView/></bookViews>"
            f'<sheets><sheet name={quoteattr(sheet_name(name))} sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/styles.xml", STYLES)
        # Without ZIP64 (some Excel versions refuse it): even Excel's 1,048,576 rows of this
        # export stay far below the 4 GB a plain entry can hold.
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            piece = [SHEET_START]
            for number, values in enumerate(rows, start=1):
                if len(values) > len(columns):
                    wanted = min(len(values), MAX_COLUMNS)
                    columns += [column_letters(i) for i in range(len(columns), wanted)]
                piece.append(_cells(number, values, columns, ' s="1"' if number == 1 else ""))
                if len(piece) >= 500:
                    sheet.write("".join(piece).encode())
                    piece = []
            piece.append(SHEET_END)
            sheet.write("".join(piece).encode())
    return number
