"""Reading a ticket export into rows of cells, whatever the tool and however messy the file.

CSV: UTF-8 with or without BOM, UTF-16 with BOM, or cp1252; ``;``, ``,`` or tab; quoted
multi-line cells; a title block above the header row and a footer below the data; a trailing
delimiter on every line. XLSX: the first sheet with data; cells as Excel gives them (datetime,
number, text).

The file type is found from the content, never from the name. The rows are streamed: only
the first rows (to find the header) and a few rows at the end (to recognise a footer) are
held in memory, so a file of a million rows is read in little memory.

Decisions:

* A cell may hold up to :data:`MAX_CELL_CHARS` characters (a 2 MB cell is read whole; the
  pipeline shortens what it stores). A longer cell makes the file unreadable
  ("cell_too_large"): it is almost always a quotation mark that is never closed.
* A header row with more than :data:`MAX_COLUMNS` columns makes the file unreadable
  ("too_wide"); longer data rows are cut to the header's width, shorter ones padded with ""
  (CSV) or None (XLSX).
* "empty", "binary", "damaged", "encoding", "no_header", "no_rows", "too_wide" are raised by
  :func:`read_table` itself, before any row is handed out. "truncated" (the file ends inside
  a quoted cell) and "cell_too_large" can only be known while reading and are raised by
  ``Table.rows`` during iteration: the caller must treat an ``UnreadableFile`` from the
  iterator like one from ``read_table`` and change nothing.
"""

from __future__ import annotations

import codecs
import csv
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from django.utils import formats
from django.utils.translation import gettext, gettext_noop

from vendorwatch.monitoring.presets import normalise

# Codes of UnreadableFile.
UNREADABLE: tuple[str, ...] = (
    "empty",  # nothing in the file
    "binary",  # not text and not an XLSX workbook (PDF, image, legacy .xls, other zip ...)
    "damaged",  # an XLSX workbook that cannot be opened
    "encoding",  # the characters cannot be decoded
    "no_header",  # no row with column names in the first rows
    "no_rows",  # column names but no ticket rows
    "truncated",  # the file ends inside a quoted cell
    "too_wide",  # more columns than MAX_COLUMNS
    "cell_too_large",  # a cell longer than MAX_CELL_CHARS
)

MAX_COLUMNS = 500
MAX_CELL_CHARS = 16 * 1024 * 1024
HEADER_SEARCH_ROWS = 50  # non-blank rows in which the header row is looked for
SAMPLE_BYTES = 256 * 1024  # bytes looked at to tell text from binary and to find the delimiter
FOOTER_LOOKBEHIND = 1000  # rows held back at most while deciding whether they are a footer
NO_ROWS_LOOKAHEAD = 10_000  # footer-like rows read after the header before giving up the search

# csv's limit is global to the process; raise it (never lower it) so that long cells are read.
if csv.field_size_limit() < MAX_CELL_CHARS:
    csv.field_size_limit(MAX_CELL_CHARS)

DELIMITERS = (";", ",", "\t")
# English msgids, translated when the assumption is made (params keep the character too).
DELIMITER_NAMES = {
    ";": gettext_noop("semicolon"),
    ",": gettext_noop("comma"),
    "\t": gettext_noop("tab"),
}
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}

# HTML or XML (Excel 2003 XML, web pages saved as .xls), after an optional BOM and blanks.
_MARKUP = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*<(?:\?xml|!doctype\s+html|html|table|head|body|meta)\b", re.IGNORECASE
)

# Words a footer row begins with ("Total: 1.234", "Erstellt am ...", "Page 1 of 3").
_SUMMARY = re.compile(
    r"(total|totals|summe|gesamt|gesamtsumme|anzahl|count|generated|erstellt|exported|"
    r"exportiert|export|printed|gedruckt|page|seite|rows|zeilen|records|datensätze|"
    r"tickets|end of report|ende|report|bericht|filter|sum|σ)\b",
    re.IGNORECASE,
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),  # OLE: Excel 97-2003, or encrypted xlsx
    (b"%PDF", "other"),
    (b"\x89PNG", "other"),
    (b"\xff\xd8\xff", "other"),  # JPEG
    (b"GIF8", "other"),
    (b"\x1f\x8b", "other"),  # gzip
    (b"Rar!", "other"),
    (b"7z\xbc\xaf", "other"),
    (b"BM", "bmp"),  # bitmap; checked with NUL bytes below
)


class UnreadableFile(Exception):
    """The file cannot be read at all (binary, empty, no header row, truncated, too wide...).

    ``code`` is one of UNREADABLE (below); ``str(exc)`` is the message in the active language.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    headers: list[str]  # as written in the file (duplicates kept, trailing empty one dropped)
    header_row: int  # line (CSV) or sheet row (XLSX) of the header, 1-based
    # (row number, cells): the CSV line where the record starts / the XLSX sheet row; cells
    # are str for CSV, and str/datetime/float/int/None for XLSX; blank rows are skipped,
    # footer rows are not yielded (counted in assumptions).
    rows: Iterator[tuple[int, list[Any]]]
    # [{"code": ..., "params": {...}}] as in reasons.ASSUMPTIONS; the reader appends to it
    # while ``rows`` is consumed (footer_skipped is known only at the end).
    assumptions: list[dict[str, Any]] = field(default_factory=list)
    encoding: str = ""  # CSV: the codec used ("utf-8", "utf-8-sig", "cp1252", "utf-16")
    delimiter: str = ""  # CSV: the delimiter used


def read_table(
    path: str,
    *,
    file_name: str = "",
    encoding: str = "",
    delimiter: str = "",
    known_headers: Sequence[str] = (),
) -> Table:
    """Open ``path`` and find its header row; raises UnreadableFile with a clear message.

    ``known_headers`` (normalised) help find the header row below a title block.
    ``encoding`` ("utf-8", "cp1252", ...) and ``delimiter`` (";", ",", "\\t") override what
    would be detected. ``file_name`` is not used to decide the type (the content is).

    ``Table.rows`` may raise UnreadableFile ("truncated", "cell_too_large") while it is
    consumed; see the module's docstring.
    """
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    blank = not head.strip() or head.strip() in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE)
    if blank and len(head) < SAMPLE_BYTES:
        raise UnreadableFile("empty", _empty_message())
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if _is_xlsx(path):
            return _read_xlsx(path, known_headers)
        raise UnreadableFile("binary", _binary_message())
    for magic, kind in _MAGIC:
        if head.startswith(magic) and (kind != "bmp" or b"\x00" in head):
            raise UnreadableFile("binary", _xls_message() if kind == "xls" else _binary_message())
    if _MARKUP.match(head):
        raise UnreadableFile("binary", _markup_message())
    return _read_csv(path, head, encoding, delimiter, known_headers)


# --- messages ---------------------------------------------------------------------------------


def _empty_message() -> str:
    return gettext("The file is empty: it holds no rows. Please export the tickets again.")


def _binary_message() -> str:
    return gettext(
        "This file is not a CSV or Excel file (.xlsx). Please export the tickets from the "
        "helpdesk as CSV or as an Excel workbook (.xlsx) and upload that file."
    )


def _xls_message() -> str:
    return gettext(
        "This is an Excel file in the old format (.xls) or a password-protected workbook. "
        "Please open it in Excel, save it as “Excel workbook (.xlsx)” or as CSV without a "
        "password, and upload that file."
    )


def _markup_message() -> str:
    return gettext(
        "This file is a web page or an XML file, not a CSV or Excel file, even if its name "
        "ends in .xls. Please open it in Excel, save it as “Excel workbook (.xlsx)” or as CSV, "
        "and upload that file."
    )


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


# --- XLSX -------------------------------------------------------------------------------------


def _is_xlsx(path: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "xl/workbook.xml" in names


def _damaged(exc: BaseException | None = None) -> UnreadableFile:
    return UnreadableFile(
        "damaged",
        gettext(
            "This Excel file is damaged or incomplete and cannot be opened. Please export it "
            "again from the helpdesk."
        ),
    )


def _read_xlsx(path: str, known_headers: Sequence[str]) -> Table:
    import openpyxl  # imported here: only XLSX files need it

    # A file object, not the path: openpyxl would refuse a workbook named ".csv".
    handle = open(path, "rb")  # noqa: SIM115 - closed with the workbook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        handle.close()
        raise _damaged(exc) from exc
    try:
        sheet = None
        for candidate in workbook.worksheets:
            try:
                rows = candidate.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1, values_only=True)
                if any(not _xlsx_blank(list(row)) for row in rows):
                    sheet = candidate
                    break
            except Exception as exc:
                raise _damaged(exc) from exc
        if sheet is None:
            raise UnreadableFile("empty", _empty_message())
        numbered = _xlsx_records(workbook, sheet, handle)
        table = _build_table("xlsx", numbered, known_headers, pad=None)
    except BaseException:
        workbook.close()
        handle.close()
        raise
    return table


def _xlsx_blank(cells: list[Any]) -> bool:
    for value in cells:
        if value is None:
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return False
    return True


def _xlsx_records(workbook: Any, sheet: Any, handle: Any) -> Iterator[tuple[int, list[Any]]]:
    """(sheet row, cells) of every non-blank row; closes the workbook at the end."""
    try:
        number = 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1, values_only=True)
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    break
                except Exception as exc:
                    raise _damaged(exc) from exc
                number += 1
                cells = list(row)
                if not _xlsx_blank(cells):
                    yield number, cells
    finally:
        workbook.close()
        handle.close()


# --- CSV --------------------------------------------------------------------------------------


def _read_csv(
    path: str, head: bytes, encoding: str, delimiter: str, known_headers: Sequence[str]
) -> Table:
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and (b"\x00" in head or _looks_binary(head.decode("latin-1"))):
        raise UnreadableFile("binary", _binary_message())
    codec = _choose_encoding(path, head, encoding)
    sample = head.decode(codec, errors="replace")
    if codec.startswith("utf-16"):
        sample = sample.lstrip("\ufeff")
    if _looks_binary(sample):
        raise UnreadableFile("binary", _binary_message())
    if not sample.strip() and len(head) < SAMPLE_BYTES:
        raise UnreadableFile("empty", _empty_message())
    chosen = delimiter if delimiter else _sniff_delimiter(sample, len(head) >= SAMPLE_BYTES)
    assumptions: list[dict[str, Any]] = [
        {"code": "encoding", "params": {"encoding": ENCODING_LABELS.get(codec, codec)}},
        {
            "code": "delimiter",
            "params": {
                "delimiter": gettext(DELIMITER_NAMES.get(chosen, chosen)),
                "character": chosen,
            },
        },
    ]
    table = _build_table("csv", _csv_records(path, codec, chosen), known_headers, pad="")
    table.assumptions[:0] = assumptions
    table.encoding = codec
    table.delimiter = chosen
    return table


def _choose_encoding(path: str, head: bytes, explicit: str) -> str:
    if head.startswith(codecs.BOM_UTF8):
        bom = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bom = "utf-16"
    else:
        bom = ""
    if explicit:
        try:
            name = codecs.lookup(explicit).name
        except LookupError:
            name = ""
        if not name:
            raise UnreadableFile(
                "encoding",
                gettext("“%(encoding)s” is not a character encoding the import knows.")
                % {"encoding": explicit},
            )
        if name == "utf-8" and bom == "utf-8-sig":
            name = "utf-8-sig"
        if name.startswith("utf-16") and bom == "utf-16":
            name = "utf-16"
        line = _undecodable_line(path, name)
        if line:
            raise UnreadableFile(
                "encoding",
                gettext(
                    "The file cannot be read with the character encoding %(encoding)s (line "
                    "%(line)s). Please choose another encoding, or let the import find it."
                )
                % {"encoding": ENCODING_LABELS.get(name, explicit), "line": _number(line)},
            )
        return name
    if bom == "utf-16":
        return "utf-16"
    candidates = ["utf-8-sig"] if bom else ["utf-8", "cp1252"]
    line = 0
    for name in candidates:
        line = _undecodable_line(path, name)
        if not line:
            return name
    raise UnreadableFile(
        "encoding",
        gettext(
            "The characters in this file cannot be read: it is neither UTF-8 nor "
            "Windows-1252 (line %(line)s). Please save the export as “CSV UTF-8” and upload "
            "it again."
        )
        % {"line": _number(line)},
    )


def _undecodable_line(path: str, codec: str) -> int:
    """0 when the whole file decodes with ``codec``; else the line of the first bad byte."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    lines_before = 0
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(1 << 20)
            final = not chunk
            try:
                decoder.decode(chunk, final=final)
            except UnicodeDecodeError as exc:
                pending = decoder.getstate()[0] if hasattr(decoder, "getstate") else b""
                start = max(0, exc.start - len(pending))
                return lines_before + chunk[:start].count(b"\n") + 1
            if final:
                return 0
            lines_before += chunk.count(b"\n")


def _looks_binary(sample: str) -> bool:
    if "\x00" in sample:
        return True
    controls = sum(1 for char in sample if char < " " and char not in "\t\r\n\x0b\x0c")
    return controls > max(2, len(sample) // 100)


def _sniff_delimiter(sample: str, cut: bool) -> str:
    """The candidate that splits the first lines into the most rows of the same width."""
    lines = sample.splitlines(keepends=True)
    if cut and len(lines) > 1:
        lines = lines[:-1]
    lines = lines[:200]
    # Without a row of two or more cells: the candidate that occurs most.
    best = max(DELIMITERS, key=sample.count) if any(c in sample for c in DELIMITERS) else ","
    best_score = 0
    for candidate in DELIMITERS:
        widths: Counter[int] = Counter()
        try:
            for cells in islice(csv.reader(lines, delimiter=candidate), 60):
                width = len(cells) - cells.count("")
                if len(cells) >= 2 and width >= 2:
                    widths[len(cells)] += 1
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = count * width
        if score > best_score:
            best, best_score = candidate, score
    return best


def _csv_blank(cells: list[Any]) -> bool:
    return all(not value or value.isspace() for value in cells)


def _csv_records(path: str, codec: str, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    """(line where the record starts, cells) of every non-blank record.

    Raises UnreadableFile "truncated" when the file ends inside a quoted cell, and
    "cell_too_large" for a cell longer than MAX_CELL_CHARS.
    """
    holder: list[list[str]] = [[]]
    with open(path, encoding=codec, newline="") as handle:

        def tap() -> Iterator[str]:
            for line in handle:
                holder[0].append(line)
                yield line

        reader = csv.reader(tap(), delimiter=delimiter)
        previous_end = 0
        raw: list[str] = []
        first = True
        try:
            for cells in reader:
                raw, holder[0] = holder[0], []
                start = previous_end + 1
                previous_end = reader.line_num
                if first:
                    first = False
                    if cells and cells[0].startswith("\ufeff"):
                        cells[0] = cells[0][1:]
                if cells and not _csv_blank(cells):
                    yield start, cells
        except csv.Error as exc:
            if "field larger than field limit" not in str(exc):
                raise UnreadableFile(
                    "damaged",
                    gettext(
                        "The file cannot be read from line %(line)s on. Please export it again."
                    )
                    % {"line": _number(previous_end + 1)},
                ) from exc
            opening = previous_end + 1 + _opening_quote_offset("".join(holder[0]), delimiter)
            raise UnreadableFile(
                "cell_too_large",
                gettext(
                    "A cell beginning in line %(line)s is longer than %(limit)s characters. "
                    "Perhaps a quotation mark is missing there; please check the file or "
                    "export it again."
                )
                % {"line": _number(opening), "limit": _number(MAX_CELL_CHARS)},
            ) from exc
        if raw:
            text = "".join(raw)
            if _ends_in_quote(text, delimiter):
                start = previous_end - len(raw) + 1
                line = start + _opening_quote_offset(text, delimiter)
                raise UnreadableFile("truncated", _truncated_message(line))


def _truncated_message(line: int) -> str:
    return gettext(
        "The file ends inside a quoted cell that begins in line %(line)s: it seems to be cut "
        "off. Please export it again."
    ) % {"line": _number(line)}


def _scan_quotes(text: str, delimiter: str) -> int:
    """-1 when the record ``text`` ends with its quotes closed; else the offset of the
    opening quote of the cell left open (as Python's csv module, non-strict, reads it)."""
    ends = re.compile(f"[{re.escape(delimiter)}\r\n]")
    position = 0
    length = len(text)
    while position < length:
        if text[position] == '"':
            opening = position
            search = position + 1
            while True:
                closing = text.find('"', search)
                if closing < 0:
                    return opening
                if closing + 1 < length and text[closing + 1] == '"':
                    search = closing + 2
                    continue
                break
            position = closing + 1
        match = ends.search(text, position)
        if match is None:
            return -1
        position = match.end()
    return -1


def _ends_in_quote(text: str, delimiter: str) -> bool:
    return _scan_quotes(text, delimiter) >= 0


def _opening_quote_offset(text: str, delimiter: str) -> int:
    """Lines between the record's start and the quote left open (0: same line)."""
    opening = _scan_quotes(text, delimiter)
    if opening < 0:
        return 0
    before = text[:opening]
    return before.count("\n") + before.count("\r") - before.count("\r\n")


# --- header, data rows, footer ------------------------------------------------------------------


def _nonempty(cells: list[Any]) -> int:
    count = 0
    for value in cells:
        if value is None:
            continue
        if isinstance(value, str) and (not value or value.isspace()):
            continue
        count += 1
    return count


def _width(cells: list[Any]) -> int:
    """Index after the last non-empty cell."""
    for index in range(len(cells) - 1, -1, -1):
        value = cells[index]
        if value is None or (isinstance(value, str) and (not value or value.isspace())):
            continue
        return index + 1
    return 0


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _too_wide() -> UnreadableFile:
    return UnreadableFile(
        "too_wide",
        gettext(
            "The file has more than %(limit)s columns; the import reads at most that many. "
            "Please export only the columns with the tickets."
        )
        % {"limit": _number(MAX_COLUMNS)},
    )


_VALUE = re.compile(r"[\d\s.,:;/+\-]+|\d.*\d(?::\d\d)?\s*(?:[AaPp][Mm])?")


def _looks_like_name(value: Any) -> bool:
    """A cell that can be a column name: text, not a number, a date or a time."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    return not text or not _VALUE.fullmatch(text)


def _choose_header(first: list[tuple[int, list[Any]]], known: set[str]) -> int | None:
    """Index in ``first`` of the header row, or None.

    With ``known`` names: the row with most of them. Else the row with the most cells among
    those whose cells are all names (no numbers, dates or times), when such rows are followed
    by rows of similar width; else the first of the widest rows."""
    counts = [_nonempty(cells) for _, cells in first]
    if known:
        best, best_score = None, 0
        for index, (_, cells) in enumerate(first):
            if counts[index] < 2:
                continue
            score = sum(1 for value in cells if normalise(_header_text(value)) in known)
            if score > best_score:
                best, best_score = index, score
        if best is not None:
            return best
    most = max(counts, default=0)
    if most < 2:
        return None
    named = [
        index
        for index, (_, cells) in enumerate(first)
        if counts[index] >= 2 and all(_looks_like_name(value) for value in cells)
    ]
    for pool in (named, range(len(first))):
        widest = max((counts[index] for index in pool), default=0)
        if widest < 2:
            continue
        for index in pool:
            if counts[index] != widest:
                continue
            following = first[index + 1 : index + 6]
            similar = sum(1 for _, cells in following if _width(cells) * 2 >= widest)
            if not following or similar * 2 >= len(following):
                return index
    return counts.index(most)


def _build_table(
    kind: str,
    records: Iterator[tuple[int, list[Any]]],
    known_headers: Sequence[str],
    pad: Any,
) -> Table:
    try:
        return _find_header(kind, records, known_headers, pad)
    except BaseException:
        _close(records)  # the file is closed now, not when the generator is collected
        raise


def _find_header(
    kind: str,
    records: Iterator[tuple[int, list[Any]]],
    known_headers: Sequence[str],
    pad: Any,
) -> Table:
    first: list[tuple[int, list[Any]]] = []
    for number, cells in records:
        if len(cells) > MAX_COLUMNS + 1:
            if _nonempty(cells[MAX_COLUMNS:]) and _nonempty(cells) > MAX_COLUMNS:
                raise _too_wide()
            cells = cells[: MAX_COLUMNS + 1]
        first.append((number, cells))
        if len(first) >= HEADER_SEARCH_ROWS:
            break
    if not first:
        raise UnreadableFile("empty", _empty_message())
    known = {normalise(name) for name in known_headers if normalise(name)}
    index = _choose_header(first, known)
    if index is None:
        raise UnreadableFile(
            "no_header",
            gettext(
                "No row with column names was found in the first %(rows)s rows. The export "
                "needs a row with column names such as ticket number, created and priority."
            )
            % {"rows": HEADER_SEARCH_ROWS},
        )
    header_row, header_cells = first[index]
    width = _width(header_cells)
    if width > MAX_COLUMNS:
        raise _too_wide()
    headers = [_header_text(value) for value in header_cells]
    assumptions: list[dict[str, Any]] = []
    if header_row > 1:
        assumptions.append(
            {"code": "header_row", "params": {"row": header_row, "skipped": header_row - 1}}
        )
    after = first[index + 1 :]
    if len(headers) > width:
        # Empty header cells at the end: drop them where the first data rows are empty there.
        used = max((_width(cells) for _, cells in after[:HEADER_SEARCH_ROWS]), default=0)
        keep = max(width, min(used, len(headers)))
        if keep < len(headers) and kind == "csv":
            assumptions.append({"code": "trailing_delimiter", "params": {}})
        headers = headers[:keep]
    width = len(headers)

    seen: dict[str, list[str]] = {}
    for name in headers:
        key = normalise(name)
        if key:
            seen.setdefault(key, []).append(name)
    for names in seen.values():
        if len(names) > 1:
            assumptions.append(
                {"code": "repeated_column", "params": {"column": names[0], "count": len(names)}}
            )

    # Peek past footer-like rows for one ticket row, so "header only" is known now.
    limit = max(1, _nonempty(header_cells) // 2)
    looks_footer = _footer_test(limit)
    peeked: list[tuple[int, list[Any]]] = []
    found = any(not looks_footer(cells) for _, cells in after)
    if not found:
        for number, cells in records:
            peeked.append((number, cells))
            if not looks_footer(cells) or len(peeked) >= NO_ROWS_LOOKAHEAD:
                found = True
                break
    if not found:
        _close(records)
        raise UnreadableFile(
            "no_rows",
            gettext(
                "The file holds column names (row %(row)s) but no tickets below them. Please "
                "export the tickets again and include the rows."
            )
            % {"row": header_row},
        )
    table = Table(kind=kind, headers=headers, header_row=header_row, rows=iter(()))
    table.assumptions.extend(assumptions)
    table.rows = _data_rows(
        after + peeked, records, width, limit, looks_footer, pad, table.assumptions
    )
    return table


def _close(records: Iterator[Any]) -> None:
    close = getattr(records, "close", None)
    if close is not None:
        close()


def _footer_test(limit: int) -> Callable[[list[Any]], bool]:
    def looks_footer(cells: list[Any]) -> bool:
        count = _nonempty(cells)
        if count <= 1:
            return True
        if count > limit:
            return False
        for value in cells:
            text = _header_text(value)
            if text:
                return bool(_SUMMARY.match(text))
        return False  # pragma: no cover - count > 1 means a non-empty cell exists

    return looks_footer


def _data_rows(
    buffered: list[tuple[int, list[Any]]],
    records: Iterator[tuple[int, list[Any]]],
    width: int,
    limit: int,
    looks_footer: Callable[[list[Any]], bool],
    pad: Any,
    assumptions: list[dict[str, Any]],
) -> Iterator[tuple[int, list[Any]]]:
    """Rows cut or padded to ``width``; trailing footer rows held back and counted."""
    held: list[tuple[int, list[Any]]] = []
    padding = [pad] * width
    try:
        for number, cells in chain(buffered, records):
            size = len(cells)
            if size != width:
                cells = cells[:width] if size > width else cells + padding[: width - size]
            # Cheap test first: a row with more filled cells than a footer has is data.
            filled = width - cells.count("") - (cells.count(None) if pad is None else 0)
            if filled <= limit and looks_footer(cells):
                held.append((number, cells))
                if len(held) > FOOTER_LOOKBEHIND:
                    yield held.pop(0)
                continue
            if held:
                yield from held
                held = []
            yield number, cells
    finally:
        _close(records)
    if held:
        assumptions.append({"code": "footer_skipped", "params": {"count": len(held)}})
