import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from vendorwatch.core import xlsx


def written(rows, name="Probleme") -> io.BytesIO:
    target = io.BytesIO()
    xlsx.write(target, name, rows)
    target.seek(0)
    return target


def read_back(rows, name="Probleme"):
    return load_workbook(written(rows, name)).active


def values(rows) -> list[tuple]:
    return list(read_back(rows).values)


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")],
)
def test_column_letters_count_like_excel(index: int, letters: str) -> None:
    assert xlsx.column_letters(index) == letters


def test_text_and_numbers_read_back_as_written() -> None:
    rows = [["Nummer", "Titel", "Betrag"], [1, "Drucker", Decimal("12.50")], [2, "Mail", 3.25]]
    assert values(rows) == [("Nummer", "Titel", "Betrag"), (1, "Drucker", 12.5), (2, "Mail", 3.25)]


def test_numbers_are_number_cells() -> None:
    sheet = read_back([["Nummer"], [42]])
    assert sheet["A2"].data_type == "n"


def test_booleans_are_boolean_cells() -> None:
    assert values([["Erledigt"], [True], [False]]) == [("Erledigt",), (True,), (False,)]


def test_an_empty_value_leaves_its_cell_out_without_moving_the_next() -> None:
    assert values([["a", "b", "c"], [None, "", "x"]]) == [("a", "b", "c"), (None, None, "x")]


def test_a_value_of_another_kind_is_written_as_its_text() -> None:
    assert values([["Wert"], [Decimal("NaN")], [float("inf")]]) == [("Wert",), ("NaN",), ("inf",)]


def test_markup_characters_and_surrounding_spaces_are_kept() -> None:
    text = '  <b>Tom & "Jerry"</b> '
    assert values([["x"], [text]])[1] == (text,)


def test_line_breaks_and_tabs_are_kept() -> None:
    text = "Zeile 1\r\nZeile 2\n\tEnde\r"
    assert values([["x"], [text]])[1] == (text,)


def test_characters_xml_cannot_hold_are_left_out() -> None:
    assert values([["x"], ["Bell\x07 und\x00 Null"]])[1] == ("Bell und Null",)


def test_text_that_looks_like_an_excel_character_code_reads_as_typed() -> None:
    text = "Ticket _x0041_ und _x000A_ bleiben"
    shown = unescape(values([["x"], [text]])[1][0])  # as Excel decodes "_xHHHH_"
    assert shown == text


def test_a_number_no_spreadsheet_can_hold_is_written_as_text() -> None:
    assert values([["x"], [10**400]])[1] == (str(10**400),)


def test_text_is_cut_at_excels_limit_per_cell() -> None:
    assert len(values([["x"], ["a" * 40_000]])[1][0]) == xlsx.MAX_TEXT


def test_the_first_row_is_bold_and_stays_in_view() -> None:
    sheet = read_back([["Nummer", "Titel"], [1, "Drucker"]])
    assert (sheet["A1"].font.b, sheet["A2"].font.b, sheet.freeze_panes) == (True, False, "A2")


def test_the_sheet_has_the_name_given() -> None:
    assert read_back([["x"]], name="Probleme & Co").title == "Probleme & Co"


def test_a_sheet_name_excel_refuses_is_made_acceptable() -> None:
    assert read_back([["x"]], name="a/b:c*d?[e]" + "x" * 40).title == "a_b_c_d__e_" + "x" * 20


def test_a_sheet_name_cut_to_31_characters_does_not_end_with_an_apostrophe() -> None:
    assert xlsx.sheet_name("a" * 30 + "'b") == "a" * 30


def test_rows_wider_than_the_alphabet_keep_their_columns() -> None:
    row = list(range(60))
    assert values([row, row]) == [tuple(row), tuple(row)]


def test_rows_of_different_widths_are_written_as_given() -> None:
    assert values([["a"], ["b", "c", "d"]]) == [("a", None, None), ("b", "c", "d")]


def test_write_returns_the_number_of_rows() -> None:
    assert xlsx.write(io.BytesIO(), "x", ([i] for i in range(1234))) == 1234


def test_the_package_holds_the_parts_of_a_workbook() -> None:
    names = set(zipfile.ZipFile(written([["x"]])).namelist())
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    }


@given(st.text(max_size=200) | st.from_regex(r"(_x[0-9A-F]{4}_?)+", fullmatch=True))
def test_any_text_reads_back_without_the_characters_xml_cannot_hold(text: str) -> None:
    expected = xlsx.NOT_XML.sub("", text)
    number, shown = values([["n", "x"], [1, text]])[1]
    assert (number, None if shown is None else unescape(shown)) == (1, expected or None)
