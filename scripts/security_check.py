"""The security checks of 'make test': bandit, pip-audit and Django's deployment check.

    .venv/bin/python scripts/security_check.py

* bandit over the application (not its tests): no finding of high severity; the counts of
  medium and low ones are printed. Settings and skips (each with its reason): scripts/bandit.yaml.
* pip-audit over requirements.lock and requirements-dev.lock: no known vulnerability. When
  the vulnerability services cannot be reached (offline, a mirror without PyPI's JSON API),
  nothing could be audited: that is printed as NOT CHECKED in capitals and does not fail,
  because the same pins were fine when they were reached. Packages left unaudited in a
  partial answer are counted and named.
* ``vendorwatch check --deploy --fail-level WARNING`` in production mode: no remark at all.

The three run at the same time; network calls are time-boxed (AUDIT_SECONDS) so that an
unreachable service costs seconds, not minutes. Exit status 1 when a check fails.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LOCKS = ("requirements.lock", "requirements-dev.lock")
# Per request, and for each whole pip-audit run (the lock files are audited side by side).
REQUEST_SECONDS = 5
AUDIT_SECONDS = 20
# Said by pip-audit or requests when the service is not there, as opposed to a broken lock file.
UNREACHABLE = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "timed out",
    "Timeout",
    "SSLError",
    "ProxyError",
    "HTTPError",
)


@dataclass
class Outcome:
    title: str
    lines: list[str] = field(default_factory=list)
    failed: bool = False
    not_checked: bool = False

    def say(self, text: str) -> None:
        self.lines.append(text)


@dataclass
class Running:
    """A command started in the background, with the deadline it must keep."""

    command: list[str]
    process: subprocess.Popen[str]
    timeout: float
    started: float = field(default_factory=time.monotonic)

    def finish(self) -> tuple[int | None, str, str]:
        """Exit status (``None`` when it had to be stopped), standard output and error."""
        left = max(0.1, self.timeout - (time.monotonic() - self.started))
        try:
            out, err = self.process.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
            return None, out, err
        return self.process.returncode, out, err


def start(command: list[str], *, timeout: float, env: dict[str, str] | None = None) -> Running:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return Running(command, process, timeout)


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def short(reason: str) -> str:
    """The gist of a skip reason or a network error, without the package or the traceback."""
    for cut in (" and could not be audited", " (Caused by"):
        reason = reason.split(cut, 1)[0]
    return reason.removeprefix("requests.exceptions.")[:160]


# --- bandit -----------------------------------------------------------------------------------


def start_bandit() -> Running:
    command = [PYTHON, "-m", "bandit", "-r", "src/vendorwatch", "-c", "scripts/bandit.yaml"]
    return start([*command, "--format", "json", "--quiet"], timeout=300)


def bandit_outcome(running: Running) -> Outcome:
    outcome = Outcome("bandit: the application without its tests (no finding of HIGH severity)")
    status, out, err = running.finish()
    try:
        report = json.loads(out)
    except ValueError:
        outcome.failed = True
        outcome.say(f"bandit did not run (exit status {status}): {last_line(err)}")
        return outcome
    totals = report["metrics"]["_totals"]
    high, medium, low = (int(totals[f"SEVERITY.{level}"]) for level in ("HIGH", "MEDIUM", "LOW"))
    outcome.say(
        f"high {high}, medium {medium}, low {low} in {int(totals['loc']):,} lines "
        f"({int(totals['nosec'])} marked nosec)"
    )
    for finding in report["results"]:
        if finding["issue_severity"] == "HIGH":
            path = Path(finding["filename"]).as_posix()
            outcome.say(
                f"HIGH {finding['test_id']} {path}:{finding['line_number']}: "
                f"{finding['issue_text']}"
            )
    errors = report.get("errors", [])
    for error in errors[:10]:
        outcome.say(f"not scanned: {error.get('filename')}: {error.get('reason')}")
    if len(errors) > 10:
        outcome.say(f"... and {len(errors) - 10} more files not scanned")
    outcome.failed = high > 0 or bool(report.get("errors"))
    return outcome


# --- pip-audit --------------------------------------------------------------------------------


def start_audit(lock: str, service: str) -> Running:
    command = [
        PYTHON,
        "-m",
        "pip_audit",
        "--requirement",
        lock,
        "--no-deps",
        "--disable-pip",
        "--vulnerability-service",
        service,
        "--timeout",
        str(REQUEST_SECONDS),
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    return start(command, timeout=AUDIT_SECONDS)


@dataclass
class Audit:
    """What one pip-audit run over one lock file found."""

    lock: str
    service: str
    audited: list[str] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)
    vulnerable: list[str] = field(default_factory=list)
    reason: str = ""  # why nothing could be audited
    broken: str = ""  # pip-audit failed for another reason than the network


def read_audit(lock: str, service: str, running: Running) -> Audit:
    audit = Audit(lock, service)
    status, out, err = running.finish()
    if status is None:
        audit.reason = f"no answer within {AUDIT_SECONDS} s"
        return audit
    try:
        report = json.loads(out)
    except ValueError:
        message = last_line(err)
        if any(word in err for word in UNREACHABLE):
            audit.reason = short(message)
        else:
            audit.broken = f"exit status {status}: {message}"
        return audit
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if "skip_reason" in dependency:
            audit.unaudited.append(dependency["name"])
            audit.reason = audit.reason or short(dependency["skip_reason"])
            continue
        audit.audited.append(name)
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed version yet"
            audit.vulnerable.append(f"{name}: {vulnerability['id']} (fixed in {fixed})")
    return audit


def audit_outcome(first: dict[str, Running]) -> Outcome:
    outcome = Outcome("pip-audit: known vulnerabilities in the pinned packages")
    audits = {lock: read_audit(lock, "pypi", running) for lock, running in first.items()}
    if not any(audit.audited for audit in audits.values()):
        # PyPI's answer is not there: ask OSV instead, with the same time box.
        retry = {lock: start_audit(lock, "osv") for lock in audits}
        for lock, running in retry.items():
            second = read_audit(lock, "osv", running)
            if second.audited or second.vulnerable or second.broken:
                audits[lock] = second
            else:
                audits[lock].reason = f"PyPI: {audits[lock].reason}; OSV: {second.reason}"
    for audit in audits.values():
        total = len(audit.audited) + len(audit.unaudited)
        if audit.broken:
            outcome.failed = True
            outcome.say(f"{audit.lock}: pip-audit failed ({audit.broken})")
            continue
        if audit.vulnerable:
            outcome.failed = True
            outcome.say(f"{audit.lock}: {len(audit.vulnerable)} known vulnerabilities:")
            outcome.lines += [f"  {line}" for line in audit.vulnerable]
        if not audit.audited:
            outcome.not_checked = True
            outcome.say(
                f"{audit.lock}: NOT CHECKED: the vulnerability service could not be reached "
                f"(none of {total or 'the'} packages could be audited; {audit.reason})"
            )
            continue
        outcome.say(
            f"{audit.lock}: {len(audit.audited)} of {total} packages audited ({audit.service}), "
            f"{len(audit.vulnerable)} known vulnerabilities"
        )
        if audit.unaudited:
            outcome.say(
                f"{audit.lock}: PARTLY NOT CHECKED: {len(audit.unaudited)} packages could not "
                f"be audited: {', '.join(sorted(audit.unaudited))}"
            )
    return outcome


# --- Django's deployment check ----------------------------------------------------------------


def production_environment(folder: str) -> dict[str, str]:
    """This environment without Vendorwatch's own settings, in production mode with what
    production requires (a long random secret key, the host names) and a throw-away data
    folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VENDORWATCH_")}
    for key in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(key, None)
    env.update(
        VENDORWATCH_ENV="production",
        VENDORWATCH_SECRET_KEY=secrets.token_urlsafe(50),
        VENDORWATCH_ALLOWED_HOSTS="vendorwatch.example.de",
        VENDORWATCH_DATA_DIR=folder,
        DATABASE_URL=f"sqlite:///{Path(folder) / 'db.sqlite3'}",
    )
    return env


def start_deploy_check(folder: str) -> Running:
    command = [PYTHON, "-m", "vendorwatch.cli", "check", "--deploy", "--fail-level", "WARNING"]
    return start(command, timeout=300, env=production_environment(folder))


def deploy_outcome(running: Running) -> Outcome:
    outcome = Outcome("Django's deployment check in production mode (no remark)")
    status, out, err = running.finish()
    text = (out + err).strip()
    outcome.lines += text.splitlines()[-30:] or ["no output"]
    outcome.failed = status != 0 or "System check identified no issues" not in text
    return outcome


# --- all together -----------------------------------------------------------------------------


def report(outcome: Outcome) -> None:
    print(f"== {outcome.title} ==")
    for line in outcome.lines:
        print(f"  {line}")
    verdict = "FAILED" if outcome.failed else "NOT CHECKED" if outcome.not_checked else "OK"
    print(f"  -> {verdict}", flush=True)


def main() -> int:
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="vendorwatch-deploy-check-") as folder:
        deploy = start_deploy_check(folder)
        audits = {lock: start_audit(lock, "pypi") for lock in LOCKS}
        bandit = start_bandit()
        checks: list[tuple[str, Callable[[], Outcome]]] = [
            ("bandit", lambda: bandit_outcome(bandit)),
            ("pip-audit", lambda: audit_outcome(audits)),
            ("check --deploy", lambda: deploy_outcome(deploy)),
        ]
        outcomes: dict[str, Outcome] = {}
        for name, finish in checks:
            outcomes[name] = finish()
            report(outcomes[name])
    failed = [name for name, outcome in outcomes.items() if outcome.failed]
    unchecked = [name for name, outcome in outcomes.items() if outcome.not_checked]
    unchecked = [name for name in unchecked if name not in failed]
    passed = len(outcomes) - len(failed) - len(unchecked)
    summary = f"{passed} passed, {len(unchecked)} NOT CHECKED, {len(failed)} failed"
    named = [f"not checked: {', '.join(unchecked)}"] if unchecked else []
    named += [f"failed: {', '.join(failed)}"] if failed else []
    if named:
        summary += f" ({'; '.join(named)})"
    print(f"== security checks: {summary}; {time.monotonic() - began:.1f} s ==")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
