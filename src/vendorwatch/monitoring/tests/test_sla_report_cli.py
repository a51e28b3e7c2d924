"""``vendorwatch sla-report``: the figures of a period for scripts, as table, JSON and PDF.

November 2026, three tickets: P1 twice met, P2 response missed, and one P2 still open
(response met, no resolution yet):

    P1: 2 tickets, response 2 of 2 = 100.00 %, closed 2, resolution 2 of 2 = 100.00 %
    P2: 2 tickets, response 1 of 2 = 50.00 %, closed 1, resolution 1 of 1 = 100.00 %
    all: 4 tickets, response 3 of 4 = 75.00 %, closed 3, resolution 3 of 3 = 100.00 %
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket

pytestmark = pytest.mark.django_db

MET = {"response_met": True, "resolved": "2026-11-20 10:00", "resolution_met": True}


@pytest.fixture
def provider() -> Any:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-01 00:00", 1, **MET)
    make_ticket(job, "2026-11-30 23:59", 1, **MET)
    make_ticket(job, "2026-11-04 09:00", 2, **(MET | {"response_met": False}))
    make_ticket(job, "2026-11-05 09:00", 2, response_met=True)
    make_ticket(job, "2026-12-01 00:00", 2, response_met=False)
    return provider


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("sla-report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def json_report(*args: str) -> dict[str, Any]:
    return json.loads(run("--provider", "Brandl IT GmbH", *args, "--json"))


def test_json_gives_the_figures_per_priority(provider: Any) -> None:
    data = json_report("--from", "2026-11-01", "--to", "2026-11-30")
    assert data["priorities"][:2] == [
        {
            "rank": 1,
            "priority": "P1",
            "tickets": 2,
            "response_met": 2,
            "response_percent": 100.0,
            "closed": 2,
            "resolution_met": 2,
            "resolution_percent": 100.0,
        },
        {
            "rank": 2,
            "priority": "P2",
            "tickets": 2,
            "response_met": 1,
            "response_percent": 50.0,
            "closed": 1,
            "resolution_met": 1,
            "resolution_percent": 100.0,
        },
    ]


def test_json_gives_the_total_and_the_period(provider: Any) -> None:
    data = json_report("--from", "01.11.2026", "--to", "30.11.2026")
    assert (data["provider"], data["from"], data["to"]) == (
        "Brandl IT GmbH",
        "2026-11-01",
        "2026-11-30",
    )
    assert data["total"] == {
        "tickets": 4,
        "response_met": 3,
        "response_percent": 75.0,
        "closed": 3,
        "resolution_met": 3,
        "resolution_percent": 100.0,
    }


def test_json_writes_percentages_with_two_decimals(provider: Any) -> None:
    text = run(
        "--provider", "Brandl IT GmbH", "--from", "2026-11-01", "--to", "2026-11-30", "--json"
    )
    assert '"response_percent": 75.00' in text and '"resolution_percent": 100.00' in text


def test_json_has_null_where_nothing_was_decided(provider: Any) -> None:
    data = json_report("--from", "2026-11-01", "--to", "2026-11-30")
    p3 = data["priorities"][2]
    assert (p3["tickets"], p3["response_percent"], p3["resolution_percent"]) == (0, None, None)


def test_the_table_lists_each_priority_and_the_total(provider: Any) -> None:
    with translation.override("en"):
        text = run("--provider", "Brandl IT GmbH", "--from", "2026-11-01", "--to", "2026-11-30")
    total = next(line for line in text.splitlines() if line.startswith("All priorities"))
    assert total.split()[2:] == ["4", "3", "75.00", "3", "3", "100.00"]


def test_the_table_speaks_the_products_language_german_by_default(provider: Any) -> None:
    text = run("--provider", "Brandl IT GmbH", "--from", "2026-11-01", "--to", "2026-11-30")
    heading, titles, *rows = text.splitlines()
    assert heading == (
        "SLA-Bericht Brandl IT GmbH, 01.11.2026 – 30.11.2026 (im Zeitraum erstellte Tickets)"
    )
    assert titles.split("  ")[0] == "Priorität"
    assert rows[-1].startswith("Alle Prioritäten")
    assert rows[-1].split()[2:] == ["4", "3", "75,00", "3", "3", "100,00"]


def test_the_table_speaks_english_where_the_product_does(provider: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"
    text = run("--provider", "Brandl IT GmbH", "--from", "2026-11-01", "--to", "2026-11-30")
    assert text.splitlines()[0] == (
        "SLA report Brandl IT GmbH, 01.11.2026 – 30.11.2026 (tickets created in the period)"
    )


def test_the_columns_line_up_under_their_titles(provider: Any) -> None:
    text = run("--provider", "Brandl IT GmbH", "--from", "2026-11-01", "--to", "2026-11-30")
    _heading, titles, *rows = text.splitlines()
    assert all(len(row) == len(titles) for row in rows)


def test_the_json_keys_stay_english_in_german(provider: Any) -> None:
    data = json_report("--from", "2026-11-01", "--to", "2026-11-30")
    assert list(data) == ["provider", "from", "to", "priorities", "total"]
    assert data["priorities"][0]["priority"] == "P1"


def test_an_unknown_provider_is_named_with_the_known_ones(provider: Any) -> None:
    with pytest.raises(CommandError) as raised:
        run("--provider", "Unbekannt", "--from", "2026-11-01", "--to", "2026-11-30")
    assert raised.value.returncode == 1
    assert str(raised.value) == (
        "Einen Dienstleister „Unbekannt“ gibt es nicht. Bekannte Dienstleister: „Brandl IT GmbH“."
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-02-30", "2026-11-30"), ("1.11.26", "2026-11-30"), ("2026-11-01", "9999-12-31")],
)
def test_a_bad_date_is_refused_with_a_clear_message(provider: Any, start: str, end: str) -> None:
    with pytest.raises(CommandError, match="ist kein Datum") as raised:
        run("--provider", "Brandl IT GmbH", "--from", start, "--to", end)
    assert raised.value.returncode == 1


def test_a_period_backwards_is_refused(provider: Any) -> None:
    with pytest.raises(CommandError, match="--from liegt nach --to") as raised:
        run("--provider", "Brandl IT GmbH", "--from", "2026-11-30", "--to", "2026-11-01")
    assert raised.value.returncode == 1


def test_a_missing_option_is_named_in_german_with_status_1(provider: Any) -> None:
    with pytest.raises(CommandError) as raised:
        run("--provider", "Brandl IT GmbH", "--from", "2026-11-01")
    assert (raised.value.returncode, str(raised.value)) == (1, "Bitte geben Sie --to an.")


def test_the_pdf_is_written_with_the_figures(provider: Any, tmp_path: Path) -> None:
    target = tmp_path / "bericht.pdf"
    run(
        "--provider",
        "Brandl IT GmbH",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--pdf",
        str(target),
    )
    reader = pypdf.PdfReader(target)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "75,00 %" in text


def test_an_unwritable_pdf_path_says_why_in_german(provider: Any, tmp_path: Path) -> None:
    target = tmp_path / "fehlt" / "bericht.pdf"
    with pytest.raises(CommandError) as raised:
        run(
            "--provider",
            "Brandl IT GmbH",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--pdf",
            str(target),
        )
    assert str(raised.value) == (
        f"Die Datei {target} lässt sich nicht schreiben: die Datei oder ihr Ordner existiert nicht"
    )


def cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real command line in the product's default language (these calls stop before they
    need a database)."""
    environment = dict(os.environ, VENDORWATCH_DATA_DIR=str(tmp_path / "data"))
    for name in ("DATABASE_URL", "VENDORWATCH_LANGUAGE"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "vendorwatch.cli", "sla-report", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_missing_options_on_the_command_line_end_with_status_1_and_the_usage(
    tmp_path: Path,
) -> None:
    result = cli("--provider", "Brandl IT GmbH", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Aufruf: vendorwatch sla-report [-h] --provider NAME")
    assert result.stderr.rstrip().endswith("Fehler: Bitte geben Sie --from, --to an.")
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2026-11-01", "--to", "2026-11-30", "--farbe", "rot"], "Unbekannte Angaben"),
        (["--from", "2026-11-01", "--to"], "--to braucht einen Wert."),
    ],
)
def test_wrong_options_on_the_command_line_end_with_status_1(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = cli("--provider", "Brandl IT GmbH", *arguments, tmp_path=tmp_path)
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert message in result.stderr
