"""Production mode must pass Django's deployment checklist without a single remark."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"


def run_manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("VENDORWATCH_")
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    # Set for the browser tests in this process; a real deployment never has it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment.update(
        VENDORWATCH_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "VENDORWATCH_ENV": "production",
    "VENDORWATCH_SECRET_KEY": "k7#Gq2@vL9!pX4$wZ8^mR1&tY6*uJ3(hB5)nC0_eD2+fA9-sW7=xQ4",
    "VENDORWATCH_ALLOWED_HOSTS": "vendorwatch.example.de",
}


def test_check_deploy_reports_nothing_in_production_mode(tmp_path: Path) -> None:
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_in_local_mode(tmp_path: Path) -> None:
    result = run_manage(tmp_path, "check", "--deploy")
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["VENDORWATCH_SECRET_KEY", "VENDORWATCH_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(tmp_path: Path, missing: str) -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = run_manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "k7#Gq2@vL9!pX4$wZ8^mR1&tY6",
        "django-insecure-" + "q2@vL9!pX4$wZ8^mR1&tY6*uJ3(hB5)nC0_eD2+fA9",
    ],
    ids=["short", "django-insecure"],
)
def test_production_refuses_to_start_with_a_weak_secret_key(tmp_path: Path, key: str) -> None:
    result = run_manage(tmp_path, "check", **{**PRODUCTION, "VENDORWATCH_SECRET_KEY": key})
    assert result.returncode != 0
    assert "VENDORWATCH_SECRET_KEY" in result.stderr
    assert "at least 50 random characters" in result.stderr


def test_production_refuses_to_start_with_debug_on(tmp_path: Path) -> None:
    result = run_manage(tmp_path, "check", **PRODUCTION, VENDORWATCH_DEBUG="true")
    assert result.returncode != 0
    assert "Remove VENDORWATCH_DEBUG or set VENDORWATCH_DEBUG=false" in result.stderr


def test_local_mode_still_starts_with_debug_and_a_short_key(tmp_path: Path) -> None:
    result = run_manage(
        tmp_path, "check", VENDORWATCH_DEBUG="true", VENDORWATCH_SECRET_KEY="dev-key"
    )
    assert result.returncode == 0, result.stderr
