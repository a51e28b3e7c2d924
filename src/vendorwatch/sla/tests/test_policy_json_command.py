"""``vendorwatch sla-policy export|import``: files, messages and exit status."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from vendorwatch.sla.models import BusinessCalendar, SlaPolicy, SlaVersion
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.sla.tests.test_policy_json import full_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("sla-policy", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        run(*args)
    return caught.value


def counts() -> tuple[int, int, int]:
    return SlaPolicy.objects.count(), SlaVersion.objects.count(), BusinessCalendar.objects.count()


def test_export_prints_the_json_to_standard_output() -> None:
    full_policy()
    out, _err = run("export", "SLA Systemhaus")
    data = json.loads(out)
    assert data["format"] == "vendorwatch-sla-policy"
    assert len(data["versions"]) == 2


def test_export_writes_a_file_with_output(tmp_path: Path) -> None:
    full_policy()
    target = tmp_path / "sla.json"
    _out, err = run("export", "SLA Systemhaus", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["name"] == "SLA Systemhaus"
    assert "written to" in err
    assert [p.name for p in tmp_path.iterdir()] == ["sla.json"]  # no temporary file left


def test_export_latest_writes_one_version() -> None:
    full_policy()
    out, _err = run("export", "SLA Systemhaus", "--latest")
    assert [v["number"] for v in json.loads(out)["versions"]] == [2]


def test_export_of_an_unknown_policy_is_a_bad_argument() -> None:
    error = fails("export", "Gibt es nicht")
    assert error.returncode == 1
    assert "There is no SLA policy named “Gibt es nicht”." in str(error)


def test_export_to_a_folder_that_does_not_exist_is_a_file_problem(tmp_path: Path) -> None:
    full_policy()
    error = fails("export", "SLA Systemhaus", "-o", str(tmp_path / "nope" / "sla.json"))
    assert error.returncode == 2


def test_round_trip_through_the_command(tmp_path: Path) -> None:
    full_policy()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run("export", "SLA Systemhaus", "-o", str(first))
    out, _err = run("import", str(first), "--name", "SLA Kopie")
    assert out.strip() == "SLA policy “SLA Kopie” imported with 2 versions."
    run("export", "SLA Kopie", "-o", str(second))
    original = json.loads(first.read_text(encoding="utf-8"))
    again = json.loads(second.read_text(encoding="utf-8"))
    assert (original.pop("name"), again.pop("name")) == ("SLA Systemhaus", "SLA Kopie")
    assert original == again


def test_import_sets_the_provider(tmp_path: Path) -> None:
    full_policy()
    path = tmp_path / "sla.json"
    run("export", "SLA Systemhaus", "-o", str(path))
    make_provider(name="Neuer Dienstleister")
    run("import", str(path), "--name", "Neu", "--provider", "Neuer Dienstleister")
    assert SlaPolicy.objects.get(name="Neu").provider.name == "Neuer Dienstleister"  # type: ignore[union-attr]


def test_import_of_an_existing_name_is_refused_without_name(tmp_path: Path) -> None:
    full_policy()
    path = tmp_path / "sla.json"
    run("export", "SLA Systemhaus", "-o", str(path))
    before = counts()
    error = fails("import", str(path))
    assert error.returncode == 1
    assert "There is already an SLA policy named “SLA Systemhaus”" in str(error)
    assert "--name" in str(error)
    assert counts() == before


def test_import_with_an_unknown_provider_is_a_bad_argument(tmp_path: Path) -> None:
    error = fails("import", str(tmp_path / "sla.json"), "--provider", "Unbekannt")
    assert error.returncode == 1


def test_an_invalid_file_is_refused_with_every_problem_and_changes_nothing(
    tmp_path: Path,
) -> None:
    full_policy()
    path = tmp_path / "sla.json"
    run("export", "SLA Systemhaus", "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["versions"][0]["priorities"][2]["response"]["amount"] = 0
    data["versions"][0]["credit"]["cap_percent"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = counts()
    error = fails("import", str(path), "--name", "Kopie")
    assert error.returncode == 2
    assert str(error).splitlines() == [
        f"{path} was not imported; nothing was changed:",
        "  versions[0].credit.cap_percent: must not be lower than the credit per breach",
        "  versions[0].priorities[2].response.amount: must be a whole number from 1 to 9999",
    ]
    assert counts() == before


def test_a_missing_file_is_a_file_problem(tmp_path: Path) -> None:
    error = fails("import", str(tmp_path / "fehlt.json"))
    assert error.returncode == 2
    assert "cannot be read: the file or its folder does not exist" in str(error)


def test_a_json_mistake_is_told_in_german_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "sla.json"
    path.write_text('{\n  "name": "SLA",\n}\n', encoding="utf-8")
    with translation.override("de"):
        error = fails("import", str(path))
    assert error.returncode == 2
    assert str(error).splitlines()[1] == (
        "  Die Datei ist kein gültiges JSON: Zeile 3, Spalte 1: hier fehlt ein Feldname in "
        "doppelten Anführungszeichen (ein Komma zu viel oder einfache Anführungszeichen?)"
    )


def test_an_unwritable_export_says_why_in_german(tmp_path: Path) -> None:
    make_policy(name="Alt")
    with translation.override("de"):
        error = fails("export", "Alt", "-o", str(tmp_path / "fehlt" / "sla.json"))
    assert error.returncode == 2
    assert str(error).endswith(
        "sla.json lässt sich nicht schreiben: die Datei oder ihr Ordner existiert nicht"
    )


def test_a_binary_file_is_a_file_problem(tmp_path: Path) -> None:
    path = tmp_path / "bild.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xff")
    error = fails("import", str(path))
    assert error.returncode == 2
    assert "not UTF-8 text" in str(error)


def test_a_missing_service_is_a_warning_and_the_import_goes_ahead(tmp_path: Path) -> None:
    full_policy()
    path = tmp_path / "sla.json"
    run("export", "SLA Systemhaus", "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["versions"][0]["service_targets"][0]["service"] = "Telefonanlage"
    path.write_text(json.dumps(data), encoding="utf-8")
    _out, err = run("import", str(path), "--name", "Kopie")
    assert err.strip() == (
        "Warning: versions[0].service_targets[0].service: there is no service “Telefonanlage” "
        "here; this availability target is left out"
    )
    assert SlaPolicy.objects.filter(name="Kopie").exists()


def test_the_command_speaks_german_by_default(tmp_path: Path) -> None:
    make_policy(name="Alt")
    with translation.override("de"):
        error = fails("export", "Neu")
    assert str(error) == "Es gibt keine SLA-Vereinbarung mit dem Namen „Neu“."


def cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, VENDORWATCH_DATA_DIR=str(tmp_path / "data"))
    environment.pop("DATABASE_URL", None)  # these calls stop before they need a database
    return subprocess.run(
        [sys.executable, "-m", "vendorwatch.cli", "sla-policy", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_wrong_arguments_on_the_command_line_end_with_status_1(tmp_path: Path) -> None:
    result = cli("publish", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "invalid choice: 'publish'" in result.stderr
    assert cli("export", tmp_path=tmp_path).returncode == 1


def test_an_unreadable_file_on_the_command_line_ends_with_status_2(tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "fehlt.json"), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "fehlt.json" in result.stderr
    assert "No such file" not in result.stderr
