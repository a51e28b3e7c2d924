"""Form fuzzing, the long run: every form view with many Hypothesis-made bodies.

    python reliability/fuzz_forms.py     # RELIABILITY_FORM_EXAMPLES per view (default 25)

Runs ``src/vendorwatch/tests/test_fuzz_forms.py`` (which ``make test`` runs with 3 bodies
per view) with more bodies per view on PostgreSQL (a test database beside PG_URL's, made and
dropped by pytest-django) and prints the views, the cases sent and every server error with
the view and the input. Exit status 1 on any server error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, ROOT, database_name, pg_reachable, verdict

EXAMPLES = int(os.environ.get("RELIABILITY_FORM_EXAMPLES", "25"))
TEST = "src/vendorwatch/tests/test_fuzz_forms.py"


def main() -> int:
    if not pg_reachable():
        print("PostgreSQL is not reachable (PG_URL): the form fuzzing runs on it  FAILED")
        return 1
    from urllib.parse import urlsplit, urlunsplit

    from common import PG_URL

    work = Path(tempfile.mkdtemp(prefix="vendorwatch-reliability-forms-"))
    report = work / "report.jsonl"
    url = urlunsplit(urlsplit(PG_URL)._replace(path=f"/{database_name('forms')}"))
    env = {k: v for k, v in os.environ.items() if k != "PG_URL"}
    env |= {
        "DATABASE_URL": url,
        "VENDORWATCH_DATA_DIR": str(work / "data"),
        "VENDORWATCH_FUZZ_EXAMPLES": str(EXAMPLES),
        "VENDORWATCH_FUZZ_REPORT": str(report),
    }
    print(f"== form fuzzing: {EXAMPLES} bodies per form view, PostgreSQL ==", flush=True)
    started = time.monotonic()
    try:
        done = subprocess.run(
            [
                PYTHON,
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-q",
                "-n",
                "0",
                "--create-db",
                TEST,
            ],
            env=env,
            cwd=ROOT,
            text=True,
            capture_output=True,
        )
        rows = (
            [json.loads(line) for line in report.read_text().splitlines()]
            if report.exists()
            else []
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cases = sum(row["cases"] for row in rows)
    errors = [(row["view"], error) for row in rows for error in row["server_errors"]]
    slowest = sorted(rows, key=lambda row: -row["slowest"]["seconds"])[:5]
    refused = sum(row["cases"] == 1 for row in rows)
    print(
        f"  {len(rows)} URL patterns: {len(rows) - refused} take POST bodies, {refused} refuse POST"
    )
    print(f"  {cases:,} bodies sent in {time.monotonic() - started:.0f} s")
    print(f"  server errors: {len(errors)}")
    for view, error in errors[:50]:
        print(f"    {view}: {error[:400]}")
    for row in slowest:
        slow = row["slowest"]
        print(f"  slowest answer: {row['view']} {slow['seconds']:.1f} s ({slow['case'][:160]})")
    outcome = done.stdout.strip().splitlines()[-1:] or ["(no pytest output)"]
    print(f"  pytest: {outcome[0]}")
    ok = done.returncode == 0 and not errors and bool(rows)
    if not ok and not errors:
        print(done.stdout[-3000:], done.stderr[-3000:])
    print(f"  no server error  {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
