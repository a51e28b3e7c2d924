"""Every main page with the large data set, the clock job, the exports, and a load test.

    python bench/pages_bench.py           # or: make bench-pages (PG_URL names the server)

1. SQLite, then PostgreSQL (a database named after PG_URL's, suffix ``_bench_pages``, created
   fresh and dropped at the end): builds the data set of ``bench/pages_data.py`` (100,013
   problems, 502 contracts, …), then requests every main page in-process through the test
   client: once to warm up, once to count its queries, then 30 times: p50/p95 server time.
2. The CSV and XLSX export of all problems, each in a fresh process: seconds and the growth
   of the peak memory (VmHWM) over the process before the request.
3. The clock job: ``bench/clock_bench.py`` on both databases, if it is there.
4. PostgreSQL: ``vendorwatch serve`` (gunicorn, as in production) and 60 s of a realistic mix
   of pages from 16, then 64 logged-in connections (httpx, asyncio): requests/s,
   p50/p95/p99, errors.

Targets are printed next to the figures (OK/MISSED); the exit status is 1 if one is missed.
BENCH_SCALE (default 1.0), BENCH_REPEAT (30), BENCH_LOAD_SECONDS (60) and
BENCH_CLOCK_SECONDS (time limit per database, 300) make a quicker run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENDORWATCH = ROOT / ".venv" / "bin" / "vendorwatch"
PG_URL = os.environ.get("PG_URL") or "postgres://postgres@127.0.0.1:5432/vendorwatch"
SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
CLOCK_SECONDS = float(os.environ.get("BENCH_CLOCK_SECONDS", "300"))
HOST = "127.0.0.1"
EXTRA = os.environ.get("BENCH_SERVE_ARGS", "").split()
PAGE_MS, CSV_S, XLSX_S, LOAD_P95_S = 100.0, 3.0, 8.0, 1.0
CLOCK_S, CLOCK_MB, STEADY_S = 10.0, 300.0, 0.5
SESSIONS = 64


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)] if ordered else float("nan")


# --- in a child process: one database, configured by the environment -------------------------


def configure() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]


def pages(ids: dict[str, Any]) -> list[tuple[str, str]]:
    provider, token = ids["provider_id"], ids["feed_token"]
    return [
        ("dashboard", "/"),
        ("problem list", "/problems/"),
        ("problem list, filtered", f"/problems/?state=breached&provider={provider}"),
        ("problem list, searched", "/problems/?q=Drucker"),
        ("problem list, page 1000", "/problems/?page=1000"),
        ("problem detail (open)", f"/problems/{ids['open_problem_id']}/"),
        ("problem detail (closed)", f"/problems/{ids['closed_problem_id']}/"),
        ("escalations", "/problems/escalations/"),
        ("contract list", "/contracts/"),
        ("contract detail", f"/contracts/{ids['contract_id']}/"),
        ("invoice list", "/contracts/invoices/"),
        ("cost overview", "/contracts/costs/"),
        ("calendar feed", f"/contracts/calendar/{token}.ics"),
        ("providers", "/providers/"),
        ("provider detail", f"/providers/{provider}/"),
        ("RACI", "/expectations/responsibilities/"),
        ("requirements", "/expectations/requirements/"),
        ("services", "/expectations/services/"),
        ("expectations document", f"/expectations/document/provider/{provider}/"),
        ("SLA policies", "/expectations/sla/"),
        ("SLA policy", f"/expectations/sla/{ids['policy_id']}/"),
        ("SLA report", f"/reports/{provider}/"),
        ("reports", "/reports/"),
        ("imports", "/reports/imports/"),
        ("users", "/settings/users/"),
    ]


def child_pages(result_path: Path) -> None:
    """Build the data set, log in, measure every page; write ids, sessions and figures."""
    from dataclasses import asdict

    import pages_data
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from problems_list_bench import QueryCounter  # counts past the full query log

    call_command("migrate", verbosity=0)
    print(f"  building the data set on {connection.vendor} …", flush=True)
    data = pages_data.build(SCALE)
    print(f"  {data.summary()}", flush=True)
    ids = asdict(data)
    import vendorwatch.wsgi  # noqa: F401  (what a server process does at start, gc.freeze too)

    client = Client()
    client.force_login(user_model().objects.get(pk=data.user_ids[0]))
    figures = []
    for label, url in pages(ids):
        # The first request may store what later ones reuse (the contracts' send dates).
        consume(client.get(url))
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            status = consume(client.get(url))[0]
        times = []
        for _ in range(REPEAT if status == 200 else 0):
            started = time.perf_counter()
            consume(client.get(url))
            times.append((time.perf_counter() - started) * 1000)
        row = {"page": label, "url": url, "status": status, "queries": counter.count}
        row |= {"p50": statistics.median(times), "p95": percentile(times, 0.95)} if times else {}
        figures.append(row)
        print("  " + page_line(row), flush=True)
    ids["sessions"] = sessions(data.user_ids) if connection.vendor == "postgresql" else []
    result_path.write_text(json.dumps({"ids": ids, "pages": figures}, default=str))


def user_model() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model()


def sessions(user_ids: list[int]) -> list[str]:
    """One logged-in session per connection of the load test, spread over the users."""
    from django.test import Client

    users = list(user_model().objects.filter(pk__in=user_ids))
    keys = []
    for n in range(SESSIONS):
        client = Client()
        client.force_login(users[n % len(users)])
        keys.append(client.cookies["sessionid"].value)
    return keys


def consume(response: Any) -> tuple[int, int]:
    """Status and size, reading a streamed body chunk by chunk as a client would."""
    if getattr(response, "streaming", False):
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return response.status_code, size


def page_line(row: dict[str, Any]) -> str:
    if row["status"] != 200:
        return f"{row['page']:26s} HTTP {row['status']} ({row['url']})"
    return (
        f"{row['page']:26s} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms"
        f"  {row['queries']:3d} queries  {verdict(row['p95'] <= PAGE_MS)}"
    )


def memory_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else float("nan")


def child_export(kind: str, user_id: int) -> None:
    """One export of every problem in this fresh process: seconds, bytes, peak memory growth."""
    from django.test import Client

    client = Client()
    client.force_login(user_model().objects.get(pk=user_id))
    consume(client.get("/problems/?q=warm"))
    before = memory_mb("VmRSS")
    started = time.perf_counter()
    status, size = consume(client.get(f"/problems/export.{kind}"))
    seconds = time.perf_counter() - started
    grown = memory_mb("VmHWM") - before
    print(json.dumps({"status": status, "seconds": seconds, "bytes": size, "peak_mb": grown}))


# --- in the parent: databases, processes, the load test ---------------------------------------


def run_child(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, __file__, *args], env=env, cwd=ROOT, check=True, text=True, stdout=subprocess.PIPE
    )


def measure_database(label: str, env: dict[str, str], work: Path) -> dict[str, Any]:
    print(f"\n== {label}: pages (server time in-process, {REPEAT} requests after warming up) ==")
    result_path = work / f"{label}.json"
    subprocess.run(
        [PYTHON, __file__, "--child-pages", str(result_path)], env=env, cwd=ROOT, check=True
    )
    result: dict[str, Any] = json.loads(result_path.read_text())
    print(f"== {label}: exports of all problems (each in a fresh process) ==")
    result["exports"] = {}
    for kind, limit in (("csv", CSV_S), ("xlsx", XLSX_S)):
        user = str(result["ids"]["user_ids"][0])
        out = run_child(env, "--child-export", kind, user).stdout.strip().splitlines()[-1]
        figures = json.loads(out)
        result["exports"][kind] = figures
        ok = figures["status"] == 200 and figures["seconds"] <= limit
        print(
            f"  {kind.upper():4s} HTTP {figures['status']}  {figures['seconds']:6.1f} s"
            f" (target ≤ {limit:.0f} s)  {figures['bytes'] / 1e6:6.1f} MB file,"
            f" peak memory +{figures['peak_mb']:.0f} MB  {verdict(ok)}",
            flush=True,
        )
    return result


def pg_database(drop_only: bool = False) -> str:
    """A fresh bench database beside the one PG_URL names; its URL."""
    import psycopg

    parts = urlsplit(PG_URL)
    name = f"{parts.path.lstrip('/') or 'vendorwatch'}_bench_pages"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def pg_reachable() -> bool:
    check = subprocess.run([PYTHON, str(ROOT / "scripts" / "pg_reachable.py"), PG_URL], cwd=ROOT)
    return check.returncode == 0


def clock(env: dict[str, str], label: str) -> list[bool]:
    """bench/clock_bench.py on one database; its lines, and the targets it met."""
    script = ROOT / "bench" / "clock_bench.py"
    print(f"== {label}: clock job (bench/clock_bench.py) ==", flush=True)
    if not script.exists():
        print("  not measured (bench/clock_bench.py is missing)")
        return [False]
    try:
        done = subprocess.run(
            [PYTHON, str(script)],
            env=env,
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=CLOCK_SECONDS,
        )
    except subprocess.TimeoutExpired:
        print(f"  not measured: no result within {CLOCK_SECONDS:.0f} s  MISSED")
        return [False]
    output = done.stdout
    print("\n".join("  " + line.strip() for line in output.splitlines() if line.strip()))
    passed = re.search(r"one pass[^:]*: ([\d.]+) s.*?, peak (\d+) MB", output)
    steady = re.search(r"steady state.*?: ([\d.]+) s", output)
    if not passed or not steady:
        print("  not measured (no figures in its output)  MISSED")
        return [False]
    seconds, mb, steady_s = float(passed[1]), float(passed[2]), float(steady[1])
    oks = [seconds <= CLOCK_S, mb <= CLOCK_MB, steady_s <= STEADY_S]
    print(
        f"  targets: pass ≤ {CLOCK_S:.0f} s {verdict(oks[0])}, ≤ {CLOCK_MB:.0f} MB"
        f" {verdict(oks[1])}; steady ≤ {STEADY_S} s {verdict(oks[2])}"
    )
    return oks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    import httpx

    port = free_port()
    log = open(log_path, "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [str(VENDORWATCH), "serve", "--host", HOST, "--port", str(port), "--no-jobs", *EXTRA],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so that stopping it stops its gunicorn workers too
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=2).status_code == 200:
                return server, port
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"the server did not start; see {log_path}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, 15)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, 9)
        server.wait()


def load_mix(ids: dict[str, Any]) -> list[str]:
    """What an office does during the day: mostly the dashboard, problems and contracts."""
    problems = [ids["open_problem_id"] + n for n in range(0, 700, 7)]
    mix = ["/"] * 4 + ["/problems/"] * 3 + ["/contracts/"] * 2
    mix += [f"/problems/?state=breached&provider={ids['provider_id']}", "/problems/?q=Drucker"]
    mix += [f"/problems/{pk}/" for pk in problems[:4]] + [f"/contracts/{ids['contract_id']}/"]
    mix += ["/contracts/costs/", "/providers/", "/expectations/requirements/"]
    mix += [f"/contracts/calendar/{ids['feed_token']}.ics"]
    return mix


async def load(port: int, connections: int, ids: dict[str, Any], seconds: float) -> dict[str, Any]:
    import httpx

    mix = load_mix(ids)
    sessions_ = ids["sessions"]
    times: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    timeout = httpx.Timeout(30.0)
    base = f"http://{HOST}:{port}"
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        end = time.monotonic() + seconds

        async def user(n: int) -> None:
            rng = random.Random(n)
            cookies = {"sessionid": sessions_[n % len(sessions_)]}
            while time.monotonic() < end:
                started = time.perf_counter()
                try:
                    response = await client.get(rng.choice(mix), cookies=cookies)
                    ok = response.status_code == 200
                    reason = f"HTTP {response.status_code}"
                except httpx.HTTPError as error:
                    ok, reason = False, type(error).__name__
                times.append(time.perf_counter() - started)
                if not ok:
                    errors[reason] = errors.get(reason, 0) + 1

        started = time.monotonic()
        await asyncio.gather(*(user(n) for n in range(connections)))
        elapsed = time.monotonic() - started
    return {
        "connections": connections,
        "requests": len(times),
        "rate": len(times) / elapsed,
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "errors": errors,
    }


def load_test(env: dict[str, str], ids: dict[str, Any], work: Path) -> list[bool]:
    print(f"\n== PostgreSQL: load, gunicorn (vendorwatch serve), {LOAD_SECONDS:.0f} s each ==")
    server, port = start_server(env, work / "server.log")
    oks = []
    try:
        asyncio.run(load(port, 4, ids, 5))  # warm-up: workers started, caches filled
        for connections in (16, 64):
            figures = asyncio.run(load(port, connections, ids, LOAD_SECONDS))
            errors = sum(figures["errors"].values())
            ok = errors == 0 and figures["p95"] <= LOAD_P95_S
            if connections == 64:
                oks.append(ok)
            shown = ", ".join(f"{k} ×{v}" for k, v in figures["errors"].items()) or "0"
            target = f"  (target 0 errors, p95 ≤ 1 s) {verdict(ok)}" if connections == 64 else ""
            print(
                f"  {connections:2d} connections: {figures['rate']:6.1f} requests/s"
                f" ({figures['requests']} requests), p50 {figures['p50'] * 1000:6.0f} ms,"
                f" p95 {figures['p95'] * 1000:6.0f} ms, p99 {figures['p99'] * 1000:6.0f} ms,"
                f" errors {shown}{target}",
                flush=True,
            )
    finally:
        stop_server(server)
    return oks


def summary(results: dict[str, dict[str, Any]]) -> list[bool]:
    print(f"\n== pages: p95 in ms (target ≤ {PAGE_MS:.0f} ms) and queries ==")
    labels = list(results)
    print(f"  {'page':26s}" + "".join(f"{label:>22s}" for label in labels))
    oks = []
    rows = zip(*(results[label]["pages"] for label in labels), strict=True)
    for row in rows:
        cells = []
        for figures in row:
            if figures["status"] != 200:
                cells.append(f"HTTP {figures['status']}")
                oks.append(False)
                continue
            ok = figures["p95"] <= PAGE_MS
            oks.append(ok)
            cells.append(f"{figures['p95']:.0f} ms {figures['queries']}q {verdict(ok)}")
        print(f"  {row[0]['page']:26s}" + "".join(f"{cell:>22s}" for cell in cells))
    return oks


def cpu_reference() -> float:
    """Seconds for ten million additions in plain Python: the speed of one core, so that
    figures taken on different machines can be compared (every target here is absolute)."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child-pages", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-export", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_pages or args.child_export:
        configure()
        if args.child_pages:
            child_pages(args.child_pages)
        else:
            child_export(args.child_export[0], int(args.child_export[1]))
        return 0
    started = time.monotonic()
    print(f"machine: {os.cpu_count()} cores; {cpu_reference():.2f} s for the reference loop")
    work = Path(tempfile.mkdtemp(prefix="vendorwatch-bench-pages-"))
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PG_URL")}
    base |= {"VENDORWATCH_DATA_DIR": str(work), "PYTHONUNBUFFERED": "1"}
    results: dict[str, dict[str, Any]] = {}
    oks: list[bool] = []
    postgres: dict[str, str] = {}
    try:
        sqlite = base | {"VENDORWATCH_DATA_DIR": str(work / "sqlite")}
        results["SQLite"] = measure_database("SQLite", sqlite, work)
        oks += clock(base | {"VENDORWATCH_DATA_DIR": str(work / "clock")}, "SQLite")
        if pg_reachable():
            postgres = base | {"DATABASE_URL": pg_database()}
            results["PostgreSQL"] = measure_database("PostgreSQL", postgres, work)
            oks += clock(base | {"PG_URL": PG_URL}, "PostgreSQL")
            oks += load_test(postgres, results["PostgreSQL"]["ids"], work)
        else:
            print(f"\n!!! PostgreSQL is not reachable at {PG_URL}: its part is SKIPPED !!!")
        oks += summary(results)
        for result in results.values():
            for kind, limit in (("csv", CSV_S), ("xlsx", XLSX_S)):
                figures = result["exports"][kind]
                oks.append(figures["status"] == 200 and figures["seconds"] <= limit)
    finally:
        if postgres:
            pg_database(drop_only=True)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\n{'all targets met' if all(oks) else f'{oks.count(False)} target(s) MISSED'}"
        f" (bench took {(time.monotonic() - started) / 60:.1f} min)"
    )
    return 0 if all(oks) else 1


if __name__ == "__main__":
    sys.exit(main())
