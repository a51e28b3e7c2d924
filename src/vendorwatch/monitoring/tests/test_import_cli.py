"""`vendorwatch import-tickets`: the JSON it prints, its exit status, --dry-run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.pipeline_factory import (
    current,
    make_monitoring,
    snapshot,
    ticket,
    write_csv,
)
from vendorwatch.testing.factory import make_provider

COLUMNS = [
    "--map=id=Ticket",
    "--map=created=Created",
    "--map=first_response=First response",
    "--map=resolved=Resolved",
    "--map=priority=Priority",
    "--map=sla_met=SLA",
]


@pytest.fixture
def setup(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_monitoring()


@pytest.fixture
def export(tmp_path):
    rows = [
        ticket("1001", "2026-03-02 09:00", "2026-03-02 09:30", "2026-03-02 12:00", SLA="ja"),
        ticket("1002", "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 12:00", SLA="ja"),
        ticket("1003", "", SLA="ja"),
    ]
    return write_csv(tmp_path, rows)


def run(*args: str) -> str:
    out = StringIO()
    call_command("import-tickets", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def run_json(path, *args: str) -> dict:
    command = [str(path), "--provider", "brandl it gmbh", "--sla-policy", "SLA Brandl"]
    command += ["--preset", "generic", "--time-zone", "Europe/Berlin", *COLUMNS]
    return json.loads(run(*command, "--json", *args))


def test_json_holds_counts_rejections_disagreements_and_assumptions(setup, export) -> None:
    result = run_json(export)
    assert set(result) >= {"file", "provider", "sla_policy", "preset", "dry_run", "counts"}
    assert set(result) >= {"rejected", "disagreements", "assumptions", "state"}
    assert result["counts"] == {
        "read": 3,
        "imported": 2,
        "updated": 0,
        "outdated": 0,
        "superseded": 0,
        "rejected": 1,
        "disagreements": 1,
    }
    assert result["rejected"] == [
        {
            "row": 4,
            "field": "created",
            "reason": result["rejected"][0]["reason"],
            "code": "empty_created",
        }
    ]
    assert result["rejected"][0]["reason"]  # the readable text
    assert (result["disagreements"], result["preset"], result["state"]) == (
        ["1002"],
        "generic",
        "done",
    )
    assert (result["file"], result["provider"], result["dry_run"]) == (
        "export.csv",
        "Brandl IT GmbH",
        False,
    )
    assert all(isinstance(text, str) for text in result["assumptions"])


def test_import_makes_the_tickets_current(setup, export) -> None:
    provider, _ = setup
    run_json(export)
    assert sorted(current(provider)) == ["1001", "1002"]


def test_dry_run_changes_nothing(setup, export) -> None:
    provider, _ = setup
    result = run_json(export, "--dry-run")
    assert (result["dry_run"], result["state"], result["counts"]["imported"]) == (
        True,
        "preview",
        2,
    )
    assert not ImportJob.objects.exists()
    assert not ExternalTicket.objects.filter(provider=provider).exists()


def test_readable_summary_without_json(setup, export) -> None:
    output = run(
        str(export), "--provider", "Brandl IT GmbH", "--sla-policy", "SLA Brandl", *COLUMNS
    )
    assert "export.csv" in output and "1002" in output


def test_unreadable_file_exits_with_2_and_changes_nothing(setup, export, tmp_path) -> None:
    provider, _ = setup
    run_json(export)
    seen = snapshot(provider)
    broken = tmp_path / "bild.csv"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    with pytest.raises(CommandError) as raised:
        run_json(broken)
    assert raised.value.returncode == 2
    assert snapshot(provider) == seen


def test_unreadable_file_with_json_prints_the_error(setup, tmp_path) -> None:
    broken = tmp_path / "leer.csv"
    broken.write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import-tickets", str(broken), "--provider", "Brandl IT GmbH",
            "--sla-policy", "SLA Brandl", "--json", stdout=out,
        )  # fmt: skip
    result = json.loads(out.getvalue())
    assert (result["state"], bool(result["error"])) == ("failed", True)


def test_missing_file_exits_with_2(setup, tmp_path) -> None:
    with pytest.raises(CommandError) as raised:
        run(
            str(tmp_path / "gibtsnicht.csv"),
            "--provider",
            "Brandl IT GmbH",
            "--sla-policy",
            "SLA Brandl",
        )
    assert raised.value.returncode == 2


NAMES = ["--provider", "Brandl IT GmbH", "--sla-policy", "SLA Brandl"]


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--provider", "Niemand", "--sla-policy", "SLA Brandl"], "Brandl IT GmbH"),
        (["--provider", "Brandl IT GmbH", "--sla-policy", "Gold"], "SLA Brandl"),
        ([*NAMES, "--preset", "x"], "zammad"),
        ([*NAMES, "--map", "farbe=Rot"], "first_response"),
        ([*NAMES, "--priority-map", "hoch=null"], "hoch"),
        ([*NAMES, "--time-zone", "Mars"], "Mars"),
        (["--provider", "Brandl IT GmbH"], "sla-policy"),
    ],
)
def test_wrong_arguments_exit_with_1_and_say_what_is_known(setup, export, arguments, named) -> None:
    with pytest.raises(CommandError) as raised:
        run(str(export), *arguments)
    assert raised.value.returncode == 1
    assert named in str(raised.value)


def test_policy_of_another_provider_is_refused(setup, export) -> None:
    make_provider(name="Andere IT")
    with pytest.raises(CommandError) as raised:
        run(str(export), "--provider", "Andere IT", "--sla-policy", "SLA Brandl")
    assert raised.value.returncode == 1
    assert "Brandl IT GmbH" in str(raised.value)


def test_a_missing_option_on_the_command_line_ends_with_status_1_without_a_traceback(
    tmp_path: Path,
) -> None:
    environment = dict(os.environ, VENDORWATCH_DATA_DIR=str(tmp_path / "data"))
    for name in ("DATABASE_URL", "VENDORWATCH_LANGUAGE"):
        environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "vendorwatch.cli", "import-tickets", "x.csv", "--provider", "P"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert result.stderr.rstrip().endswith("Fehler: Bitte geben Sie --sla-policy an.")


def test_an_unexpected_error_leaves_no_job_for_the_runner_to_take_up(
    setup, export, monkeypatch
) -> None:
    from vendorwatch.monitoring import analysis

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(analysis.Analysis, "run", broken)
    with pytest.raises(RuntimeError):
        run_json(export)
    assert not ImportJob.objects.exists()
