import csv
import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
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
    sheet = xlsx_rows(client.get("/problems/export.xlsx"))
    assert sheet[1][1] == "'@cmd"


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_rows(response) -> list[list[str]]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [["" if v is None else v for v in row] for row in workbook.active.values]


@pytest.fixture
def exported(editor, time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    make_problem(
        "2026-11-23 09:00+01:00",
        title="Drucker „Büro“; druckt nicht",
        provider_ticket_number="INC-4711",
        user=editor,
    )
    make_problem("2026-11-23 10:30+01:00", title="VPN", provider_ticket_number="+49")


HEADER = [
    "Nummer",
    "Titel",
    "Dienstleister",
    "Leistung",
    "Priorität",
    "Status",
    "SLA-Status",
    "An den Dienstleister gemeldet",
    "Reaktion fällig",
    "Lösung fällig",
    "Frist verpasst",
    "Ticketnummer des Dienstleisters",
    "Gemeldet von",
]


def test_the_csv_export_is_streamed_with_every_column(client, editor, exported) -> None:
    client.force_login(editor)
    response = client.get("/problems/export.csv?sort=oldest")
    assert isinstance(response, StreamingHttpResponse)
    rows = csv_rows(response)
    assert len(rows) == 3 and len(rows[0]) == len(HEADER)
    assert rows[1][1:] == [
        "Drucker „Büro“; druckt nicht",
        rows[1][2],
        "",
        "P2 Hoch",
        "gemeldet",
        "Frist verletzt",
        "23.11.2026 09:00",
        "23.11.2026 10:00",
        "23.11.2026 17:00",
        "ja",
        "INC-4711",
        editor.username,
    ]
    assert rows[2][11] == "'+49"


def test_the_xlsx_export_is_a_file_with_the_same_rows_as_the_csv(client, editor, exported) -> None:
    client.force_login(editor)
    response = client.get("/problems/export.xlsx?sort=oldest")
    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == 'attachment; filename="probleme.xlsx"'
    assert xlsx_rows(response) == csv_rows(client.get("/problems/export.csv?sort=oldest"))
