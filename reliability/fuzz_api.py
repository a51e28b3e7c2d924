"""Fuzzing the API: schemathesis against the served OpenAPI schema, 0 server errors.

    python reliability/fuzz_api.py      # RELIABILITY_API_EXAMPLES (default 30) per operation

A throwaway PostgreSQL database (``<name>_reliability_fuzz_api``) with the demo company,
``vendorwatch serve`` in production mode, and a read-write token of the demo administrator:
schemathesis reads /api/v1/schema/ and sends valid and invalid requests to every operation
(all its phases: examples, coverage, fuzzing, stateful), checking only that no answer is a
server error. Printed: operations, test cases, server errors (each with its request).
Exit status 1 on any server error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    HOST,
    PROXY_HEADERS,
    ROOT,
    credentials,
    drop_database,
    fresh_database,
    installation,
    pg_reachable,
    set_up,
    start_server,
    stop_server,
    verdict,
)

EXAMPLES = int(os.environ.get("RELIABILITY_API_EXAMPLES", "30"))
SCHEMATHESIS = str(ROOT / ".venv" / "bin" / "schemathesis")


def schemathesis(port: int, token: str, work: Path) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}", **PROXY_HEADERS}
    command = [
        SCHEMATHESIS,
        "run",
        f"http://{HOST}:{port}/api/v1/schema/?format=json",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        str(EXAMPLES),
        "--workers",
        "2",
        "--seed",
        str(int(time.time())),
        "--request-timeout",
        "60",
        "--output-truncate",
        "true",
        "--suppress-health-check",
        "all",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    done = subprocess.run(command, cwd=work, text=True, capture_output=True)
    (work / "schemathesis.out").write_text(done.stdout + done.stderr)
    return {"returncode": done.returncode, "output": done.stdout + done.stderr}


def summary_lines(output: str) -> list[str]:
    """schemathesis' own summary (operations, test cases, failures) and every failure."""
    lines = output.splitlines()
    for marker in ("FAILURES", "SUMMARY"):
        starts = [n for n, line in enumerate(lines) if marker in line]
        if starts:
            return [line for line in lines[starts[0] :] if line.strip()]
    return lines[-30:]


def main() -> int:
    if not pg_reachable():
        print("PostgreSQL is not reachable (PG_URL): the API fuzzing needs it  FAILED")
        return 1
    work = Path(tempfile.mkdtemp(prefix="vendorwatch-reliability-fuzz-api-"))
    print(f"== API fuzzing: schemathesis, {EXAMPLES} examples per operation, all phases ==")
    started = time.monotonic()
    try:
        env = installation(work / "data", fresh_database("fuzz_api"))
        set_up(env)
        token = credentials(env)["token"]
        server, port = start_server(env, work / "server.log")
        try:
            result = schemathesis(port, token, work)
        finally:
            stop_server(server)
        server_errors = [
            line
            for line in (work / "server.log").read_text(errors="replace").splitlines()
            if '" 50' in line
        ]
    finally:
        drop_database("fuzz_api")
        kept = Path(tempfile.gettempdir()) / "vendorwatch-reliability-fuzz-api.out"
        if (work / "schemathesis.out").exists():
            shutil.copy(work / "schemathesis.out", kept)
        shutil.rmtree(work, ignore_errors=True)
    for line in summary_lines(result["output"]):
        print(f"  {line}")
    ok = result["returncode"] == 0 and not server_errors
    print(f"  answers of 500 or more in the server's access log: {len(server_errors)}")
    for line in server_errors[:20]:
        print(f"    {line}")
    print(f"  took {time.monotonic() - started:.0f} s; full output: {kept}")
    print(f"  no server error  {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
