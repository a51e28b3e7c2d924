import csv
import io
from datetime import datetime

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import load_workbook

from vendorwatch.problems.export import local_time_formatter, neutralise
from vendorwatch.problems.models import Problem
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
    rows = [["" if v is None else str(v) for v in row] for row in workbook.active.values]
    width = len(rows[0])  # empty cells are left out, at the end of a row too
    return [row + [""] * (width - len(row)) for row in rows]


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


def test_the_xlsx_export_gives_the_problem_number_as_a_number(client, editor, exported) -> None:
    client.force_login(editor)
    response = client.get("/problems/export.xlsx?sort=oldest")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    numbers = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert numbers == list(Problem.objects.order_by("pk").values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("zone", "utc", "shown"),
    [
        ("Europe/Berlin", "2026-10-25 00:30", "25.10.2026 02:30"),  # summer time, last hour
        ("Europe/Berlin", "2026-10-25 01:30", "25.10.2026 02:30"),  # winter time again
        ("Europe/Berlin", "2026-03-29 00:59", "29.03.2026 01:59"),
        ("Europe/Berlin", "2026-03-29 01:00", "29.03.2026 03:00"),
        ("Asia/Kolkata", "2026-11-25 09:45", "25.11.2026 15:15"),  # offset in minutes
        ("Europe/Berlin", "9999-12-31 23:30", "31.12.9999 23:30 UTC"),  # edge of the calendar
    ],
)
def test_export_times_are_shown_in_the_time_zone_of_the_installation(zone, utc, shown) -> None:
    with timezone.override(zone):
        formatted = local_time_formatter()
        moment = datetime.fromisoformat(utc + "+00:00")
        assert [formatted(moment), formatted(moment)] == [shown, shown]  # computed and kept


@pytest.mark.django_db
def test_xlsx_export_leaves_out_characters_a_spreadsheet_cannot_hold(
    client, editor, time_machine
) -> None:
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    make_problem(title="Drucker\x07 piept")
    client.force_login(editor)
    sheet = xlsx_rows(client.get("/problems/export.xlsx"))
    assert sheet[1][1] == "Drucker piept"
