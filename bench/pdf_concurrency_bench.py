"""Eight people ask for a huge problem report PDF at once: do other pages still answer?

    python bench/pdf_concurrency_bench.py        # or: make bench-pdf

Starts the real server (`vendorwatch serve`: gunicorn, 2 workers x 4 threads) on a free
loopback port with a throwaway data directory (SQLite), creates a problem with 2 MB of text,
then measures other pages (dashboard, problem list, a problem, its report page) alone, and
again while 8 requests for that problem's report PDF run at the same time. Prints p50/p95 of
the other pages in both phases and their ratio, and what the 8 PDF requests got (PDF, or the
calm "try again in a minute" page) and how long they took.

Bounded: loopback only, 8 PDF requests, every request has a timeout, the whole run stops
after BENCH_PDF_SECONDS (default 300). Exits non-zero if other pages slowed down by more than
BENCH_PDF_MAX_RATIO (default 4) at p95 or a PDF request hung past its time limit.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDORWATCH = ROOT / ".venv" / "bin" / "vendorwatch"
HOST = "127.0.0.1"
PDF_REQUESTS = 8
TEXT_BYTES = 2 * 1024 * 1024
BASELINE_SAMPLES = int(os.environ.get("BENCH_PDF_SAMPLES", "60"))
MAX_RATIO = float(os.environ.get("BENCH_PDF_MAX_RATIO", "4"))
DEADLINE = time.monotonic() + float(os.environ.get("BENCH_PDF_SECONDS", "300"))
REQUEST_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def setup_django(data_dir: Path) -> None:
    os.environ["VENDORWATCH_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)  # a throwaway SQLite database, never a shared one
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def create_data() -> tuple[str, int, int]:
    """Migrate, create a user, a P2 problem with 2 MB of text and a small one; log in."""
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from vendorwatch.accounts.roles import Role
    from vendorwatch.problems.tests.factory import make_problem
    from vendorwatch.sla.tests.factory import make_policy
    from vendorwatch.testing.factory import make_organisation, make_provider, make_user

    call_command("migrate", verbosity=0)
    make_organisation(name="Bench GmbH")
    policy = make_policy(name="SLA Bench", provider=make_provider(name="Bench Systemhaus"))
    line = "Protokoll: Verbindung zum Dateiserver abgebrochen, Fehler 0x80070035. "
    text = (line * (TEXT_BYTES // len(line) + 1))[:TEXT_BYTES]
    text = "\n".join(text[i : i + 120] for i in range(0, len(text), 120))
    big = make_problem(sla_policy=policy, title="Riesige Meldung", what_happened=text)
    small = make_problem(sla_policy=policy, title="Drucker druckt nicht")
    user = make_user(Role.VIEWER, username="bench.viewer")
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    connections.close_all()
    return session, big.pk, small.pk


def start_server(port: int) -> subprocess.Popen[bytes]:
    log = open(Path(os.environ["VENDORWATCH_DATA_DIR"]) / "server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [str(VENDORWATCH), "serve", "--host", HOST, "--port", str(port), "--no-jobs"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so that stopping it stops its gunicorn workers too
    )
    while time.monotonic() < DEADLINE:
        try:
            if get(port, "/healthz", "")[0] == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the server did not start; see {log.name}")
        time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def get(port: int, path: str, session: str) -> tuple[int, float, int]:
    """One GET: status, seconds, bytes."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, len(body)
    finally:
        connection.close()


def sample_pages(port: int, session: str, pages: list[str], until: threading.Event) -> list[float]:
    """Visit the pages in turn until ``until`` is set (at least BASELINE_SAMPLES visits)."""
    times: list[float] = []
    n = 0
    while (n < BASELINE_SAMPLES or not until.is_set()) and time.monotonic() < DEADLINE:
        status, seconds, _size = get(port, pages[n % len(pages)], session)
        if status != 200:
            raise SystemExit(f"{pages[n % len(pages)]} answered {status}")
        times.append(seconds)
        n += 1
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def pdf_storm(port: int, session: str, big: int) -> list[tuple[int, float, int]]:
    results: list[tuple[int, float, int]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(PDF_REQUESTS)

    def one() -> None:
        barrier.wait()
        try:
            outcome = get(port, f"/problems/{big}/report.pdf", session)
        except OSError as error:  # a timeout here means a hung worker: the bench fails
            outcome = (0, REQUEST_TIMEOUT, len(str(error)))
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=one) for _ in range(PDF_REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="vendorwatch-pdf-bench-"))
    server = None
    try:
        setup_django(data_dir)
        print(f"data dir {data_dir}; creating a problem with {TEXT_BYTES:,} bytes of text …")
        session, big, small = create_data()
        port = free_port()
        server = start_server(port)
        print(f"server (gunicorn, 2 workers x 4 threads) on http://{HOST}:{port}/")
        pages = ["/", "/problems/", f"/problems/{small}/", f"/problems/{small}/report/"]
        for page in pages:  # warm up each worker
            get(port, page, session)
            get(port, page, session)

        done = threading.Event()
        done.set()
        alone = sample_pages(port, session, pages, done)

        storm_done = threading.Event()
        during: list[float] = []
        sampler = threading.Thread(
            target=lambda: during.extend(sample_pages(port, session, pages, storm_done))
        )
        started = time.monotonic()
        sampler.start()
        time.sleep(0.2)
        pdfs = pdf_storm(port, session, big)
        storm_seconds = time.monotonic() - started
        storm_done.set()
        sampler.join()
        return report(alone, during, pdfs, storm_seconds)
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)


def report(
    alone: list[float],
    during: list[float],
    pdfs: list[tuple[int, float, int]],
    storm_seconds: float,
) -> int:
    p50a, p95a = statistics.median(alone), percentile(alone, 0.95)
    p50d, p95d = statistics.median(during), percentile(during, 0.95)
    print()
    print("other pages (dashboard, problem list, problem, report page)")
    print(f"  alone:            n={len(alone):4d}  p50 {ms(p50a)}  p95 {ms(p95a)}")
    print(f"  during PDF storm: n={len(during):4d}  p50 {ms(p50d)}  p95 {ms(p95d)}")
    print(f"  ratio during/alone: p50 {p50d / p50a:5.2f}x  p95 {p95d / p95a:5.2f}x")
    print(f"  slowest page during the storm: {ms(max(during))}")
    print()
    print(
        f"{PDF_REQUESTS} report PDFs of a problem with 2 MB of text at once: {storm_seconds:.1f} s"
    )
    for status, seconds, size in sorted(pdfs, key=lambda r: r[1]):
        what = {200: "PDF", 503: "calm page: try again in a minute"}.get(status, "FAILED")
        print(f"  {status}  {seconds:6.2f} s  {size:8,d} bytes  {what}")
    hung = [r for r in pdfs if r[0] not in (200, 503)]
    too_slow = p95d / p95a > MAX_RATIO
    if hung:
        print(f"FAIL: {len(hung)} PDF request(s) hung or failed")
    if too_slow:
        print(f"FAIL: other pages slowed down more than {MAX_RATIO}x at p95")
    if not any(r[0] == 200 for r in pdfs):
        print("FAIL: not one PDF was made")
    return 1 if hung or too_slow or not any(r[0] == 200 for r in pdfs) else 0


if __name__ == "__main__":
    sys.exit(main())
