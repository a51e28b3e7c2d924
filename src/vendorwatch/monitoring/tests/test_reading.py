"""Reading ticket exports: CSV in its many dialects and XLSX, found by content, streamed."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from vendorwatch.monitoring import reading
from vendorwatch.monitoring.reading import UnreadableFile, read_table


def write(tmp_path: Path, data: bytes, name: str = "export.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "export.csv") -> str:
    return write(tmp_path, text.encode(encoding), name)


def rejected(path: str, **options: Any) -> UnreadableFile:
    """The UnreadableFile raised by reading the whole file (opening or iterating)."""
    with pytest.raises(UnreadableFile) as caught:
        table = read_table(path, **options)
        list(table.rows)
    assert str(caught.value)
    return caught.value


def codes(table: reading.Table) -> list[str]:
    return [item["code"] for item in table.assumptions]


def params(table: reading.Table, code: str) -> dict[str, Any]:
    return next(item["params"] for item in table.assumptions if item["code"] == code)


SIMPLE = "Ticket;Created;Priority\r\n1;01.02.2026 08:00;P1\r\n2;02.02.2026 09:00;P2\r\n"


# --- encodings ----------------------------------------------------------------------------------


def test_utf8_with_bom_keeps_the_bom_out_of_the_first_column_name(tmp_path: Path) -> None:
    table = read_table(csv_file(tmp_path, SIMPLE, "utf-8-sig"))
    assert table.headers == ["Ticket", "Created", "Priority"]
    assert params(table, "encoding") == {"encoding": "UTF-8"}


def test_utf8_without_bom_reads_umlauts(tmp_path: Path) -> None:
    table = read_table(csv_file(tmp_path, "Nr;Titel\r\n1;Störung im Büro\r\n2;Drucker\r\n"))
    assert next(table.rows) == (2, ["1", "Störung im Büro"])
    assert table.encoding == "utf-8"


def test_cp1252_file_is_read_as_windows_1252(tmp_path: Path) -> None:
    text = "Nr;Titel;Priorität\r\n1;Störung – Server „weg“;hoch\r\n2;Drucker;niedrig\r\n"
    table = read_table(csv_file(tmp_path, text, "cp1252"))
    assert table.headers == ["Nr", "Titel", "Priorität"]
    assert next(table.rows) == (2, ["1", "Störung – Server „weg“", "hoch"])
    assert params(table, "encoding") == {"encoding": "Windows-1252"}


def test_utf16_with_bom_as_excel_saves_unicode_text(tmp_path: Path) -> None:
    text = "Ticket\tCreated\tPriority\r\n1\t01.02.2026\tP1\r\n"
    table = read_table(csv_file(tmp_path, text, "utf-16"))
    assert list(table.rows) == [(2, ["1", "01.02.2026", "P1"])]
    assert params(table, "encoding") == {"encoding": "UTF-16"}


def test_an_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    # Valid UTF-8, but the user says it is cp1252: read as they say.
    table = read_table(csv_file(tmp_path, "Nr;Titel\r\n1;Störung\r\n"), encoding="cp1252")
    assert next(table.rows) == (2, ["1", "StÃ¶rung"])


def test_bytes_neither_utf8_nor_cp1252_are_refused_with_the_line(tmp_path: Path) -> None:
    data = "Nr;Titel\r\n1;Störung\r\n".encode("cp1252") + b"2;\x81\x8d\r\n"
    error = rejected(write(tmp_path, data))
    assert error.code == "encoding"
    assert "3" in str(error)


def test_a_file_that_does_not_fit_the_chosen_encoding_is_refused(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Nr;Titel\r\n1;Störung\r\n2;Drucker\r\n", "cp1252")
    error = rejected(path, encoding="utf-8")
    assert (error.code, "UTF-8" in str(error), "2" in str(error)) == ("encoding", True, True)


def test_an_unknown_encoding_name_is_refused(tmp_path: Path) -> None:
    assert rejected(csv_file(tmp_path, SIMPLE), encoding="klingon").code == "encoding"


# --- delimiters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), (",", "comma"), ("\t", "tab")])
def test_the_delimiter_is_found(tmp_path: Path, delimiter: str, name: str) -> None:
    text = SIMPLE.replace(";", delimiter)
    with translation.override("en"):
        table = read_table(csv_file(tmp_path, text))
    assert (table.delimiter, table.headers) == (delimiter, ["Ticket", "Created", "Priority"])
    assert params(table, "delimiter") == {"delimiter": name, "character": delimiter}


def test_german_decimal_commas_do_not_fool_the_semicolon(tmp_path: Path) -> None:
    text = "Nr;Kosten;Dauer\r\n1;12,50;1,5\r\n2;3,20;0,25\r\n3;1,00;2\r\n"
    assert read_table(csv_file(tmp_path, text)).delimiter == ";"


def test_quoted_delimiters_do_not_count(tmp_path: Path) -> None:
    text = 'Id,Title,Created\r\n1,"Printer; broken; again",2026-02-01\r\n2,"A; B",2026-02-02\r\n'
    table = read_table(csv_file(tmp_path, text))
    assert next(table.rows) == (2, ["1", "Printer; broken; again", "2026-02-01"])


def test_an_explicit_delimiter_overrides_detection(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Id;Title,Created\r\n1;a,01.02.2026\r\n")
    assert read_table(path).headers == ["Id", "Title,Created"]
    table = read_table(path, delimiter=",")
    assert (table.delimiter, table.headers) == (",", ["Id;Title", "Created"])


# --- rows and line numbers ---------------------------------------------------------------------


def test_rows_are_a_stream_not_a_list(tmp_path: Path) -> None:
    table = read_table(csv_file(tmp_path, SIMPLE))
    assert isinstance(table.rows, Iterator)


def test_multi_line_cells_give_the_line_where_the_record_starts(tmp_path: Path) -> None:
    text = (
        "Id;Title;Created\r\n"
        '1;"Line one\r\nline two\r\nline three";01.02.2026\r\n'
        '2;"A ""quoted"" word";02.02.2026\r\n'
        '3;"x\ny";03.02.2026\r\n'
        "4;plain;04.02.2026\r\n"
    )
    rows = list(read_table(csv_file(tmp_path, text)).rows)
    assert [number for number, _ in rows] == [2, 5, 6, 8]
    assert rows[0][1][1] == "Line one\r\nline two\r\nline three"
    assert rows[1][1][1] == 'A "quoted" word'


def test_blank_lines_are_skipped_and_line_numbers_stay_physical(tmp_path: Path) -> None:
    text = "Id;Title;Created\r\n\r\n1;a;01.02.2026\r\n;;\r\n\r\n2;b;02.02.2026\r\n"
    rows = list(read_table(csv_file(tmp_path, text)).rows)
    assert [number for number, _ in rows] == [3, 6]


def test_short_rows_are_padded_and_long_rows_cut(tmp_path: Path) -> None:
    text = "Id;Title;Created\r\n1;a\r\n2;b;02.02.2026;extra;more\r\n"
    rows = list(read_table(csv_file(tmp_path, text)).rows)
    assert rows == [(2, ["1", "a", ""]), (3, ["2", "b", "02.02.2026"])]


# --- title block, footer, header --------------------------------------------------------------


def test_title_block_above_the_header_is_skipped(tmp_path: Path) -> None:
    text = (
        "Ticket-Bericht Firma Muster GmbH\r\n"
        "Zeitraum:;01.01.2026;bis 31.01.2026\r\n"
        "\r\n"
        "Ticket;Erstellt;Priorität;Titel\r\n"
        "1;01.01.2026 10:00;hoch;Drucker\r\n"
    )
    table = read_table(csv_file(tmp_path, text))
    assert (table.header_row, table.headers[0]) == (4, "Ticket")
    assert params(table, "header_row") == {"row": 4, "skipped": 3}
    assert list(table.rows) == [(5, ["1", "01.01.2026 10:00", "hoch", "Drucker"])]


def test_known_headers_find_the_header_below_a_wide_title_block(tmp_path: Path) -> None:
    text = (
        "Filter: offen;Bearbeiter: alle;Team: IT;Stand: heute;Seite 1\r\n"
        "Ticket;Erstellt;Priorität\r\n"
        "1;01.01.2026 10:00;hoch\r\n"
    )
    table = read_table(csv_file(tmp_path, text), known_headers=["ticket", "erstellt"])
    assert (table.header_row, table.headers) == (2, ["Ticket", "Erstellt", "Priorität"])


def test_no_header_assumption_when_the_header_is_the_first_line(tmp_path: Path) -> None:
    assert "header_row" not in codes(read_table(csv_file(tmp_path, SIMPLE)))


def test_footer_rows_are_not_tickets_and_are_counted(tmp_path: Path) -> None:
    text = (
        "Ticket;Erstellt;Priorität;Status\r\n"
        "1;01.01.2026 10:00;hoch;offen\r\n"
        "2;02.01.2026 10:00;niedrig;offen\r\n"
        "\r\n"
        "Summe;2;;\r\n"
        "Erstellt am 01.02.2026 von Helpdesk\r\n"
    )
    table = read_table(csv_file(tmp_path, text))
    assert [number for number, _ in table.rows] == [2, 3]
    assert params(table, "footer_skipped") == {"count": 2}


def test_a_sparse_row_in_the_middle_is_still_a_row(tmp_path: Path) -> None:
    text = "Ticket;Erstellt;Priorität\r\n1;01.01.2026;hoch\r\n2;;\r\n3;03.01.2026;hoch\r\n"
    table = read_table(csv_file(tmp_path, text))
    assert [number for number, _ in table.rows] == [2, 3, 4]
    assert "footer_skipped" not in codes(table)


def test_repeated_column_names_are_kept_and_reported(tmp_path: Path) -> None:
    text = "Id;Status;Created;status\r\n1;open;01.02.2026;x\r\n"
    table = read_table(csv_file(tmp_path, text))
    assert table.headers == ["Id", "Status", "Created", "status"]
    assert params(table, "repeated_column") == {"column": "Status", "count": 2}


def test_a_trailing_delimiter_on_every_line_is_dropped(tmp_path: Path) -> None:
    text = "Id;Title;Created;\r\n1;a;01.02.2026;\r\n2;b;02.02.2026;\r\n"
    table = read_table(csv_file(tmp_path, text))
    assert table.headers == ["Id", "Title", "Created"]
    assert list(table.rows) == [(2, ["1", "a", "01.02.2026"]), (3, ["2", "b", "02.02.2026"])]
    assert "trailing_delimiter" in codes(table)


# --- XLSX ----------------------------------------------------------------------------------------


def workbook(tmp_path: Path, sheets: list[list[list[Any]]], name: str = "export.xlsx") -> str:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, rows in enumerate(sheets):
        sheet = book.create_sheet(f"Sheet{index + 1}")
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def test_xlsx_with_title_block_native_dates_and_serial_numbers(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [
            [
                ["Ticket report"],
                [],
                ["Number", "Created", "Closed", "Priority"],
                ["T-1", datetime(2026, 2, 1, 8, 30), 46054.5, "P1"],
                [17, datetime(2026, 2, 2, 9, 0), None, "P2"],
                [],
                ["Total", 2],
            ]
        ],
    )
    table = read_table(path)
    assert (table.kind, table.header_row) == ("xlsx", 3)
    assert table.headers == ["Number", "Created", "Closed", "Priority"]
    assert list(table.rows) == [
        (4, ["T-1", datetime(2026, 2, 1, 8, 30), 46054.5, "P1"]),
        (5, [17, datetime(2026, 2, 2, 9, 0), None, "P2"]),
    ]
    assert params(table, "header_row") == {"row": 3, "skipped": 2}
    assert params(table, "footer_skipped") == {"count": 1}


def test_xlsx_uses_the_first_sheet_with_data(tmp_path: Path) -> None:
    path = workbook(tmp_path, [[], [["Id", "Created"], ["1", "01.02.2026"]]])
    assert list(read_table(path).rows) == [(2, ["1", "01.02.2026"])]


def test_the_type_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    xlsx_named_csv = workbook(tmp_path, [[["Id", "Created"], ["1", "x"]]], name="export.csv")
    csv_named_xlsx = csv_file(tmp_path, SIMPLE, name="export.xlsx")
    assert read_table(xlsx_named_csv, file_name="export.csv").kind == "xlsx"
    assert read_table(csv_named_xlsx, file_name="export.xlsx").kind == "csv"


def test_an_empty_workbook_is_empty(tmp_path: Path) -> None:
    assert rejected(workbook(tmp_path, [[]])).code == "empty"


def test_a_damaged_workbook_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<nonsense")
        archive.writestr("xl/workbook.xml", "<nonsense")
    assert rejected(write(tmp_path, buffer.getvalue(), "export.xlsx")).code == "damaged"


# --- files that cannot be read -------------------------------------------------------------------


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert rejected(write(tmp_path, b"")).code == "empty"


def test_a_file_of_blank_lines_and_a_bom_is_empty(tmp_path: Path) -> None:
    assert rejected(write(tmp_path, b"\xef\xbb\xbf\r\n  \r\n;;\r\n")).code == "empty"


def test_a_header_without_rows_is_refused_before_any_row_is_read(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_table(csv_file(tmp_path, "Ticket;Created;Priority\r\n"))
    assert caught.value.code == "no_rows"


def test_a_header_with_only_a_footer_has_no_rows(tmp_path: Path) -> None:
    text = "Ticket;Created;Priority\r\n\r\nTotal: 0;;\r\n"
    assert rejected(csv_file(tmp_path, text)).code == "no_rows"


def test_a_file_cut_off_inside_a_quoted_cell_names_the_line(tmp_path: Path) -> None:
    text = (
        "Ticket;Created;Priority;Text\r\n"
        '1;01.02.2026;P1;"complete"\r\n'
        '2;02.02.2026;P2;"first line\r\n'
        "second line, and then the file ends"
    )
    path = csv_file(tmp_path, text)
    with translation.override("en"):
        error = rejected(path)
    assert error.code == "truncated"
    assert "line 3" in str(error)


def test_a_quoted_cell_opened_on_a_later_line_of_the_record_names_that_line(
    tmp_path: Path,
) -> None:
    text = 'Id;A;B\r\n1;"x\r\ny";"never closed\r\nmore'
    with translation.override("en"):
        error = rejected(csv_file(tmp_path, text))
    assert (error.code, "line 3" in str(error)) == ("truncated", True)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        bytes(range(256)) * 40,
    ],
    ids=["png", "pdf", "jpeg", "random-bytes"],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    assert rejected(write(tmp_path, data)).code == "binary"


def test_a_legacy_xls_file_is_told_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with translation.override("en"):
        error = rejected(write(tmp_path, data, "export.xls"))
    assert (error.code, ".xls" in str(error)) == ("binary", True)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert rejected(write(tmp_path, buffer.getvalue())).code == "binary"


def test_the_message_is_in_the_users_language(tmp_path: Path) -> None:
    with translation.override("de"):
        error = rejected(write(tmp_path, b"%PDF-1.7\n\x00\x01"))
    assert "keine CSV- oder Excel-Datei" in str(error)


def test_a_file_without_a_header_row_is_refused(tmp_path: Path) -> None:
    text = "Nur eine Spalte\r\nnoch eine Zeile\r\nund noch eine\r\n"
    assert rejected(csv_file(tmp_path, text)).code == "no_header"


def test_a_cell_of_two_megabytes_is_read_whole(tmp_path: Path) -> None:
    big = "x" * (2 * 1024 * 1024)
    text = f'Ticket;Created;Priority;Text\r\n1;01.02.2026;P1;"{big}"\r\n2;02.02.2026;P2;y\r\n'
    rows = list(read_table(csv_file(tmp_path, text)).rows)
    assert [(number, len(cells[3])) for number, cells in rows] == [(2, len(big)), (3, 1)]


def test_a_cell_beyond_the_limit_is_refused_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = csv.field_size_limit()
    monkeypatch.setattr(reading, "MAX_CELL_CHARS", 1000)
    csv.field_size_limit(1000)
    try:
        text = 'Ticket;Text\r\n1;short\r\n2;"' + "never closed " * 200 + "\r\n3;x\r\n"
        with translation.override("en"):
            error = rejected(csv_file(tmp_path, text))
    finally:
        csv.field_size_limit(limit)
    assert (error.code, "line 3" in str(error)) == ("cell_too_large", True)


def test_a_hundred_thousand_columns_are_refused(tmp_path: Path) -> None:
    header = ";".join(f"Column {index}" for index in range(100_000))
    row = ";".join("x" for _ in range(100_000))
    assert rejected(csv_file(tmp_path, f"{header}\r\n{row}\r\n")).code == "too_wide"


def test_every_refusal_code_is_declared() -> None:
    assert set(reading.UNREADABLE) >= {
        "empty",
        "binary",
        "encoding",
        "no_header",
        "no_rows",
        "truncated",
        "too_wide",
    }


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><table><tr><td>Ticket</td></tr></table></body></html>",
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
        b'spreadsheet"></Workbook>',
    ],
    ids=["html-saved-as-xls", "excel-2003-xml"],
)
def test_web_pages_and_xml_named_xls_are_refused(tmp_path: Path, data: bytes) -> None:
    error = rejected(write(tmp_path, data, "export.xls"))
    assert error.code == "binary"


def test_a_workbook_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    header = [f"Column {index}" for index in range(600)]
    path = workbook(tmp_path, [[header, ["x"] * 600]])
    assert rejected(path).code == "too_wide"


def test_a_refused_file_is_closed_at_once(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Nur eine Spalte\r\nnoch eine Zeile\r\n")

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_files()
    with pytest.raises(UnreadableFile) as caught:  # the traceback keeps the frames alive
        read_table(path)
    assert (caught.value.code, open_files()) == ("no_header", before)
