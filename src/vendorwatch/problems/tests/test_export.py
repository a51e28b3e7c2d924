import io

import pytest
from openpyxl import load_workbook

from vendorwatch.problems.export import neutralise
from vendorwatch.problems.tests.factory import make_problem


@pytest.mark.parametrize("text", ["=1+1", "+49 89", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_plain_text_is_unchanged() -> None:
    assert neutralise("Drucker") == "Drucker"


@pytest.mark.django_db
def test_csv_export_neutralises_a_formula_in_the_title(client, editor, time_machine) -> None:
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    make_problem(title='=HYPERLINK("http://evil")')
    client.force_login(editor)
    response = client.get("/problems/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_xlsx_export_neutralises_a_formula_in_the_title(client, editor, time_machine) -> None:
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    make_problem(title="@cmd")
    client.force_login(editor)
    response = client.get("/problems/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "'@cmd"
