"""The reliability suite (``make reliability``): every part in order, then a summary table.

    python reliability/run.py [PART ...]     # parts: forms api roundtrip load imports email
                                             # restart (all, in this order, by default)

Each part is a script of its own in this folder that prints its figures and can be run
alone. The PostgreSQL restart runs last: it starts a PostgreSQL server of its own, so the
one PG_URL names is never restarted. Exit status 1 when a part failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {
    "forms": ("form fuzzing (Hypothesis)", ["fuzz_forms.py"]),
    "api": ("API fuzzing (schemathesis)", ["fuzz_api.py"]),
    "roundtrip": ("backup → restore round trip", ["roundtrip.py"]),
    "load": ("load, 64 connections, 60 s", ["load.py"]),
    "imports": ("kill -9 during imports", ["faults.py", "imports"]),
    "email": ("kill -9 while sending e-mail", ["faults.py", "email"]),
    "restart": ("PostgreSQL restart under load", ["faults.py", "restart"]),
}
# Lines worth repeating in the summary: the figures, not the set-up.
KEY = (
    " requests",
    "server errors",
    "bodies sent",
    "identical",
    "duplicates",
    "tickets in force",
    "arrived",
    "during the outage",
    "from 5 s after",
    "test cases",
    "Test cases",
)


def run(name: str) -> tuple[bool, float, list[str]]:
    label, command = PARTS[name]
    print(f"\n######## {label} ########", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(HERE / command[0]), *command[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    kept = []
    assert process.stdout is not None
    for line in process.stdout:
        print(line, end="", flush=True)
        if any(key in line for key in KEY):
            kept.append(line.strip())
    return process.wait() == 0, time.monotonic() - started, kept


def main() -> int:
    chosen = sys.argv[1:] or list(PARTS)
    unknown = [name for name in chosen if name not in PARTS]
    if unknown:
        print(f"unknown part(s): {', '.join(unknown)}; known: {', '.join(PARTS)}")
        return 2
    results = {name: run(name) for name in PARTS if name in chosen}
    print("\n######## summary ########")
    print(f"  {'part':34s} {'result':7s} {'minutes':>7s}")
    for name, (ok, seconds, _kept) in results.items():
        print(f"  {PARTS[name][0]:34s} {'OK' if ok else 'FAILED':7s} {seconds / 60:7.1f}")
    for name, (_ok, _seconds, kept) in results.items():
        print(f"\n  {PARTS[name][0]}:")
        for line in kept[-12:]:
            print(f"    {line}")
    failed = [name for name, (ok, _s, _k) in results.items() if not ok]
    print(f"\nreliability: {'all parts OK' if not failed else 'FAILED: ' + ', '.join(failed)}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
