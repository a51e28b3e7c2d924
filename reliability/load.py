"""Load: 60 s at 64 concurrent connections against gunicorn on loopback, on PostgreSQL.

    python reliability/load.py          # PG_URL names the server; RELIABILITY_LOAD_SECONDS,
                                        # RELIABILITY_CONNECTIONS, RELIABILITY_SCALE change it

A fresh database (``<name>_reliability_load``) with the large data set of
``bench/pages_data.py`` at RELIABILITY_SCALE (default 0.1: about 10,000 problems and 50
contracts) and the demo company on top; ``vendorwatch serve`` in production mode; 64 logged-in
connections (the demo administrator's sessions, and a read-write API token) that ask for
the main pages and every list of the API (GET endpoints without path parameters, read from
the schema at /api/v1/schema/ at run time). Printed per group: requests, requests/s,
p50/p95/p99, errors (any answer of 500 or more, or no answer at all). Exit status 1 on any
error.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    HOST,
    PROXY_HEADERS,
    credentials,
    drop_database,
    fresh_database,
    in_django,
    installation,
    percentile,
    pg_reachable,
    set_up,
    start_server,
    stop_server,
    vendorwatch,
    verdict,
)

SECONDS = float(os.environ.get("RELIABILITY_LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("RELIABILITY_CONNECTIONS", "64"))
SCALE = float(os.environ.get("RELIABILITY_SCALE", "0.1"))
PAGES = [
    "/",
    "/problems/",
    "/problems/?q=Drucker",
    "/problems/escalations/",
    "/contracts/",
    "/contracts/invoices/",
    "/contracts/costs/",
    "/providers/",
    "/expectations/requirements/",
    "/expectations/services/",
    "/expectations/responsibilities/",
    "/expectations/sla/",
    "/reports/",
    "/reports/imports/",
    "/meetings/",
    "/feedback/",
    "/settings/",
]

VOLUME = """
import sys
sys.path.insert(0, "bench")
import pages_data
result = pages_data.build(SCALE).summary()
"""

DETAILS = """
from vendorwatch.problems.models import Problem
from vendorwatch.contracts.models import Contract
from vendorwatch.providers.models import Provider
result = (
    [f"/problems/{pk}/" for pk in Problem.objects.order_by("-pk").values_list("pk", flat=True)[:4]]
    + [f"/contracts/{pk}/" for pk in Contract.objects.values_list("pk", flat=True)[:2]]
    + [f"/providers/{pk}/" for pk in Provider.objects.values_list("pk", flat=True)[:2]]
)
"""


def api_lists(port: int, token: str) -> list[str]:
    """Every GET endpoint of the API without a path parameter, from the served schema."""
    import httpx

    answer = httpx.get(
        f"http://{HOST}:{port}/api/v1/schema/",
        params={"format": "json"},
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json", **PROXY_HEADERS},
        timeout=60,
    )
    answer.raise_for_status()
    paths = answer.json()["paths"]
    return sorted(p for p, ops in paths.items() if "get" in ops and "{" not in p)


async def run(
    port: int, targets: list[tuple[str, str]], creds: dict[str, Any], seconds: float
) -> dict[str, dict[str, Any]]:
    """``CONNECTIONS`` clients in a loop for ``seconds``; figures per group."""
    import httpx

    times: dict[str, list[float]] = {group: [] for group, _path in targets}
    errors: dict[str, dict[str, int]] = {group: {} for group in times}
    other: dict[str, dict[str, int]] = {group: {} for group in times}
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", limits=limits, timeout=httpx.Timeout(60.0)
    ) as client:
        end = time.monotonic() + seconds

        async def user(n: int) -> None:
            rng = random.Random(n)
            session = creds["sessions"][n % len(creds["sessions"])]
            while time.monotonic() < end:
                group, path = rng.choice(targets)
                headers = dict(PROXY_HEADERS)
                if group == "api":
                    headers["Authorization"] = f"Bearer {creds['token']}"
                else:
                    headers["Cookie"] = f"sessionid={session}"
                started = time.perf_counter()
                try:
                    answer = await client.get(path, headers=headers)
                    reason = "" if answer.status_code == 200 else f"HTTP {answer.status_code}"
                    failed = answer.status_code >= 500
                except httpx.HTTPError as error:
                    reason, failed = type(error).__name__, True
                times[group].append(time.perf_counter() - started)
                if reason:
                    kept = errors if failed else other
                    kept[group][f"{reason} {path}"] = kept[group].get(f"{reason} {path}", 0) + 1

        started = time.monotonic()
        await asyncio.gather(*(user(n) for n in range(CONNECTIONS)))
        elapsed = time.monotonic() - started
    return {
        group: {
            "requests": len(values),
            "rate": len(values) / elapsed,
            "p50": percentile(values, 0.5),
            "p95": percentile(values, 0.95),
            "p99": percentile(values, 0.99),
            "errors": errors[group],
            "other": other[group],
        }
        for group, values in times.items()
    }


def line(group: str, figures: dict[str, Any]) -> str:
    errors = sum(figures["errors"].values())
    return (
        f"  {group:6s} {figures['requests']:6d} requests, {figures['rate']:6.1f}/s,"
        f" p50 {figures['p50'] * 1000:6.0f} ms, p95 {figures['p95'] * 1000:6.0f} ms,"
        f" p99 {figures['p99'] * 1000:6.0f} ms, errors {errors}"
    )


def main() -> int:
    if not pg_reachable():
        print("PostgreSQL is not reachable: the load test needs it (PG_URL)  FAILED")
        return 1
    work = Path(tempfile.mkdtemp(prefix="vendorwatch-reliability-load-"))
    print(f"== load: {CONNECTIONS} connections, {SECONDS:.0f} s, gunicorn on PostgreSQL ==")
    try:
        env = installation(work / "data", fresh_database("load"))
        started = time.monotonic()
        # The large data set expects an empty database; the demo company goes on top.
        set_up(env, demo=False)
        summary = in_django(env, f"SCALE = {SCALE}\n" + VOLUME)
        vendorwatch(env, "demo")
        print(f"  data: demo company + {summary} ({time.monotonic() - started:.0f} s to set up)")
        creds = credentials(env, sessions=CONNECTIONS)
        details = in_django(env, DETAILS)
        server, port = start_server(env, work / "server.log")
        try:
            apis = api_lists(port, creds["token"])
            targets = [("pages", p) for p in PAGES + details] + [("api", p) for p in apis]
            print(f"  {len(PAGES) + len(details)} pages, {len(apis)} API lists: {', '.join(apis)}")
            asyncio.run(run(port, targets, creds, 5))  # warm-up: every worker, every cache
            results = asyncio.run(run(port, targets, creds, SECONDS))
        finally:
            stop_server(server)
    finally:
        drop_database("load")
        shutil.rmtree(work, ignore_errors=True)
    total = 0
    for group, figures in results.items():
        print(line(group, figures))
        total += sum(figures["errors"].values())
        for reason, count in sorted(figures["errors"].items()):
            print(f"      error: {reason} ×{count}")
        for reason, count in sorted(figures["other"].items()):
            print(f"      not 200 (no error): {reason} ×{count}")
    everything = [r["requests"] for r in results.values()]
    print(f"  total {sum(everything)} requests, {total} errors  {verdict(total == 0)}")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
