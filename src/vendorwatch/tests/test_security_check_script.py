"""scripts/security_check.py reads bandit's and pip-audit's reports right: a vulnerability or
a finding of high severity fails, an unreachable vulnerability service is said loudly
without failing. (The tools' answers are played back; nothing here goes to the network.)"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "security_check.py"


@pytest.fixture(scope="module")
def check() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("security_check", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def answering(check: ModuleType, report: dict[str, Any] | str, *, stderr: str = "") -> Any:
    """A process that prints ``report`` (as pip-audit or bandit would) and ends."""
    out = report if isinstance(report, str) else json.dumps(report)
    code = f"import sys; sys.stdout.write({out!r}); sys.stderr.write({stderr!r})"
    return check.start([sys.executable, "-c", code], timeout=30)


def audited(name: str, *vulns: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "version": "1.0", "vulns": list(vulns)}


def skipped(name: str) -> dict[str, Any]:
    reason = f"Dependency not found on PyPI and could not be audited: {name} (1.0)"
    return {"name": name, "skip_reason": reason}


def audit(check: ModuleType, *dependencies: dict[str, Any]) -> Any:
    return check.audit_outcome(
        {"requirements.lock": answering(check, {"dependencies": list(dependencies)})}
    )


def test_a_reported_vulnerability_fails(check) -> None:
    found = {"id": "GHSA-xxxx", "fix_versions": ["1.1"]}
    outcome = audit(check, audited("django", found), audited("pillow"))
    assert outcome.failed
    assert any("django 1.0: GHSA-xxxx (fixed in 1.1)" in line for line in outcome.lines)


def test_a_clean_audit_passes_and_counts_the_packages(check) -> None:
    outcome = audit(check, audited("django"), audited("pillow"))
    assert not outcome.failed and not outcome.not_checked
    assert outcome.lines == [
        "requirements.lock: 2 of 2 packages audited (pypi), 0 known vulnerabilities"
    ]


def test_nothing_audited_is_not_checked_without_failing(check, monkeypatch) -> None:
    # The second service does not answer either.
    monkeypatch.setattr(
        check, "start_audit", lambda lock, service: answering(check, {"dependencies": []})
    )
    outcome = audit(check, skipped("django"), skipped("pillow"))
    assert outcome.not_checked and not outcome.failed
    assert "NOT CHECKED: the vulnerability service could not be reached" in outcome.lines[0]


def test_a_partial_audit_says_how_many_were_not_audited(check) -> None:
    outcome = audit(check, audited("django"), skipped("pillow"), skipped("numpy"))
    assert not outcome.failed
    assert outcome.lines[-1] == (
        "requirements.lock: PARTLY NOT CHECKED: 2 packages could not be audited: numpy, pillow"
    )


def test_an_unreachable_service_is_told_from_a_broken_lock_file(check) -> None:
    error = "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.osv.dev')"
    unreachable = check.read_audit("r.lock", "osv", answering(check, "", stderr=error))
    broken = check.read_audit("r.lock", "osv", answering(check, "", stderr="bad line 3"))
    assert unreachable.reason.startswith("ConnectionError") and not unreachable.broken
    assert broken.broken == "exit status 0: bad line 3"


def test_a_service_that_does_not_answer_in_time_is_given_up(check) -> None:
    slow = check.start([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.2)
    assert check.read_audit("r.lock", "pypi", slow).reason.startswith("no answer within")


def bandit_report(*severities: str) -> dict[str, Any]:
    totals = {f"SEVERITY.{level}": severities.count(level) for level in ("HIGH", "MEDIUM", "LOW")}
    results = [
        {
            "issue_severity": level,
            "test_id": "B602",
            "filename": "src/vendorwatch/x.py",
            "line_number": 3,
            "issue_text": "subprocess call with shell=True",
        }
        for level in severities
    ]
    totals |= {"loc": 100, "nosec": 0}
    return {"metrics": {"_totals": totals}, "results": results, "errors": []}


def test_a_finding_of_high_severity_fails(check) -> None:
    outcome = check.bandit_outcome(answering(check, bandit_report("HIGH", "LOW")))
    assert outcome.failed
    assert "HIGH B602 src/vendorwatch/x.py:3: subprocess call with shell=True" in outcome.lines


def test_medium_and_low_findings_are_counted_without_failing(check) -> None:
    outcome = check.bandit_outcome(answering(check, bandit_report("MEDIUM", "LOW", "LOW")))
    assert not outcome.failed
    assert outcome.lines == ["high 0, medium 1, low 2 in 100 lines (0 marked nosec)"]


def test_the_deploy_check_runs_in_production_mode_without_local_settings(check, monkeypatch):
    monkeypatch.setenv("VENDORWATCH_DEBUG", "true")
    env = check.production_environment("/tmp/x")
    assert env["VENDORWATCH_ENV"] == "production" and "VENDORWATCH_DEBUG" not in env
    assert len(env["VENDORWATCH_SECRET_KEY"]) >= 50
