"""Faults: kill -9 during imports and e-mail sending, and a PostgreSQL restart under load.

    python reliability/faults.py [imports] [email] [restart]     # all three by default

1. imports — a ticket export (``bench/import_bench.py``'s generator, RELIABILITY_TICKETS
   rows, default 200,000) imported with ``vendorwatch import-tickets``, killed with SIGKILL at
   20/50/80/95 % of the time a whole import takes: no ticket of a killed import may be in
   force (all or nothing), and a new run imports everything. Then the same file once more
   for the provider that has it, as a large upload read and saved by the job runner
   (``vendorwatch run-jobs``), the runner killed while it reads and again while it saves:
   in force is always either the old set or the new one, never a mix, and the new one once
   the runner is started again (a killed run is taken up again once its claim has run out,
   two minutes).
2. email — 200 queued e-mails sent through a real SMTP server on loopback (aiosmtpd, a
   little slowed down), the runner killed three times while it sends and started again:
   afterwards every message has arrived; messages that arrived twice are counted and named
   (a message the server accepted just before the kill, whose "sent" was not yet written,
   goes out again once its claim has run out, five minutes).
3. restart — a PostgreSQL server of its own (initdb in a temporary directory, a free port:
   the shared server of PG_URL is never touched), gunicorn in front, 16 connections asking
   for pages and the API; the server is stopped for RELIABILITY_OUTAGE seconds (default 6)
   and started again. Meanwhile every answer must be 503 (never 500, never hanging), and
   afterwards 200 again without restarting gunicorn.

Each part prints its figures and OK/FAILED; exit status 1 when one failed.
"""

from __future__ import annotations

import asyncio
import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    HOST,
    PROXY_HEADERS,
    ROOT,
    VENDORWATCH,
    credentials,
    drop_database,
    fresh_database,
    in_django,
    installation,
    pg_reachable,
    set_up,
    start_server,
    stop_server,
    verdict,
)

TICKETS = int(os.environ.get("RELIABILITY_TICKETS", "200000"))
OUTAGE = float(os.environ.get("RELIABILITY_OUTAGE", "6"))
MESSAGES = 200
GENERAL_POLICY = "SLA Zuverlässigkeit"

IMPORT_SETUP = """
import sys
from datetime import date
from pathlib import Path
sys.path.insert(0, "bench")
import import_bench
from vendorwatch.sla.tests.factory import make_policy
make_policy(name=POLICY, valid_from=date(2025, 1, 1))
fmt = import_bench.export_format()
path = Path(FILE)
result = import_bench.generate(path, path.with_suffix(".small.csv"), ROWS, 10, fmt)
"""

NEW_PROVIDER = """
from vendorwatch.testing.factory import make_provider
result = make_provider(name=NAME).pk
"""

QUEUE_IMPORT = """
from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
job = pipeline.job_create(
    provider=Provider.objects.get(name=NAME),
    sla_policy=SlaPolicy.objects.get(name=POLICY),
    file=FILE,
    file_name="export.csv",
    options=ImportOptions(preset="excel_de"),
)
result = job.pk
"""

REQUEST_COMMIT = """
from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.models import ImportJob
result = pipeline.job_request_commit(ImportJob.objects.get(pk=JOB)).state
"""

ENQUEUE = """
from vendorwatch.jobs.outbox import outbox_enqueue
for n in range(1, COUNT + 1):
    outbox_enqueue(
        to=["empfang@example.com"],
        subject=f"{PREFIX} {n:03d}",
        body="Eine Nachricht des Zuverlässigkeitstests.",
    )
result = COUNT
"""


def connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def one(url: str, sql: str, *params: Any) -> Any:
    with connect(url) as connection:
        row = connection.execute(sql, params).fetchone()
        return row[0] if row and len(row) == 1 else row


def in_force(url: str, provider: str) -> int:
    """Tickets of the provider that pages and reports count: current rows of DONE imports."""
    return int(
        one(
            url,
            "SELECT count(*) FROM monitoring_externalticket t"
            " JOIN monitoring_importjob j ON j.id = t.job_id"
            " JOIN providers_provider p ON p.id = t.provider_id"
            " WHERE p.name = %s AND t.current AND j.state = 'done'",
            provider,
        )
    )


def job_states(url: str, provider: str) -> str:
    with connect(url) as connection:
        rows = connection.execute(
            "SELECT j.state, count(*) FROM monitoring_importjob j"
            " JOIN providers_provider p ON p.id = j.provider_id WHERE p.name = %s"
            " GROUP BY j.state ORDER BY j.state",
            (provider,),
        ).fetchall()
    return ", ".join(f"{state} ×{count}" for state, count in rows) or "none"


def kill(process: subprocess.Popen[Any]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def spawn(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[Any]:
    return subprocess.Popen(
        [VENDORWATCH, *args],
        env=env,
        cwd=ROOT,
        stdout=open(log, "ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: kill -9 reaches all of it
    )


def runner(env: dict[str, str], log: Path) -> subprocess.Popen[Any]:
    return spawn(env, "run-jobs", "--loop", "--interval", "1", log=log)


def wait_until(check: Any, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


# --- 1. imports -----------------------------------------------------------------------------


def imports(env: dict[str, str], url: str, work: Path) -> bool:
    print(f"\n== faults: kill -9 during a ticket import ({TICKETS:,} rows) ==", flush=True)
    export = work / "export.csv"
    expected = in_django(
        env,
        f"POLICY = {GENERAL_POLICY!r}\nFILE = {str(export)!r}\nROWS = {TICKETS}\n" + IMPORT_SETUP,
    )
    print(f"  export: {export.stat().st_size / 1e6:.1f} MB, {expected}", flush=True)
    command = ["import-tickets", str(export), "--sla-policy", GENERAL_POLICY, "--preset"]
    command.append("excel_de")
    log = work / "import.log"

    def cli(provider: str) -> subprocess.Popen[Any]:
        in_django(env, f"NAME = {provider!r}\n" + NEW_PROVIDER)
        return spawn(env, *command, "--provider", provider, log=log)

    started = time.monotonic()
    reference = cli("Referenz GmbH")
    reference.wait()
    whole = time.monotonic() - started
    full = in_force(url, "Referenz GmbH")
    print(f"  a whole import: {whole:.1f} s, {full:,} tickets in force", flush=True)
    oks = [reference.returncode == 0 and full > 0]
    for share in (0.2, 0.5, 0.8, 0.95):
        provider = f"Abbruch {round(share * 100)} GmbH"
        process = cli(provider)
        time.sleep(share * whole)
        finished = process.poll() is not None
        if not finished:
            kill(process)
        found = in_force(url, provider)
        ok = found in (0, full)
        oks.append(ok)
        moment = "finished before the kill" if finished else f"killed after {share * whole:.1f} s"
        print(
            f"  CLI {moment}: {found:,} tickets in force (0 or {full:,} allowed),"
            f" jobs: {job_states(url, provider)}  {verdict(ok)}",
            flush=True,
        )
    rerun = spawn(env, *command, "--provider", "Abbruch 50 GmbH", log=log)
    rerun.wait()
    found = in_force(url, "Abbruch 50 GmbH")
    oks.append(rerun.returncode == 0 and found == full)
    print(f"  run again after a kill: {found:,} tickets in force  {verdict(oks[-1])}")
    oks.append(runner_import(env, url, work, export, full))
    # What the killed command-line runs left behind, after the job runner has run.
    for share in (0.2, 0.5, 0.8):
        provider = f"Abbruch {round(share * 100)} GmbH"
        print(f"  afterwards, jobs of {provider}: {job_states(url, provider)}")
    return all(oks)


def in_force_by_job(url: str, provider: str) -> dict[int, int]:
    """The provider's tickets in force, counted per import they came from."""
    with connect(url) as connection:
        rows = connection.execute(
            "SELECT t.job_id, count(*) FROM monitoring_externalticket t"
            " JOIN monitoring_importjob j ON j.id = t.job_id"
            " JOIN providers_provider p ON p.id = t.provider_id"
            " WHERE p.name = %s AND t.current AND j.state = 'done' GROUP BY t.job_id",
            (provider,),
        ).fetchall()
    return {job: count for job, count in rows}


def runner_import(env: dict[str, str], url: str, work: Path, export: Path, full: int) -> bool:
    """The same export again for the provider that has it already, read and saved by the job
    runner: saving replaces the tickets in force, so a kill while saving must leave either
    the old set in force or the new one, never a mix."""
    provider = "Referenz GmbH"
    before = in_force_by_job(url, provider)
    job = in_django(
        env,
        f"NAME = {provider!r}\nPOLICY = {GENERAL_POLICY!r}\nFILE = {str(export)!r}\n"
        + QUEUE_IMPORT,
    )
    log = work / "runner.log"

    def state() -> tuple[str, int, int]:
        row = one(
            url,
            "SELECT state, progress_done, progress_total FROM monitoring_importjob WHERE id = %s",
            job,
        )
        return row[0], row[1], row[2]

    def shown(found: dict[int, int]) -> str:
        return ", ".join(f"{count:,} from import {pk}" for pk, count in sorted(found.items()))

    oks = []
    process = runner(env, log)
    reading = wait_until(
        lambda: state()[0] == "analysing" and 0.3 * state()[2] < state()[1], 300, 0.02
    )
    kill(process)
    done, total = state()[1:]
    found = in_force_by_job(url, provider)
    oks.append(reading and found == before)
    print(
        f"  runner killed while reading ({done:,} of {total:,} rows read): in force"
        f" {shown(found)} (unchanged)  {verdict(oks[-1])}",
        flush=True,
    )
    started = time.monotonic()
    process = runner(env, log)
    ready = wait_until(lambda: state()[0] in ("preview", "failed"), 600, 0.5)
    oks.append(ready and state()[0] == "preview")
    print(
        f"  runner started again: the import is {state()[0]} after"
        f" {time.monotonic() - started:.0f} s  {verdict(oks[-1])}",
        flush=True,
    )
    in_django(env, f"JOB = {job}\n" + REQUEST_COMMIT)
    # Killed the moment the runner is inside the commit's transaction (its statements on the
    # tickets show in pg_stat_activity), watched through one open connection.
    with connect(url) as watcher:

        def saving_now() -> bool:
            busy = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state = 'active' AND query ILIKE %s AND pid <> pg_backend_pid()",
                ("%monitoring_externalticket%",),
            ).fetchone()[0]
            return bool(busy) and state()[0] == "committing"

        claimed = wait_until(lambda: saving_now() or state()[0] == "done", 300, 0.005)
    saving = state()[0] == "committing"
    kill(process)
    at_kill = in_force_by_job(url, provider)
    started = time.monotonic()
    process = runner(env, log)
    finished = wait_until(lambda: state()[0] in ("done", "failed"), 600, 0.5)
    kill(process)
    after = in_force_by_job(url, provider)
    oks.append(claimed and at_kill in (before, after))
    print(
        f"  runner killed {'while saving' if saving else 'after saving'}: in force"
        f" {shown(at_kill)} (the old set or the new one only)  {verdict(oks[-1])}",
        flush=True,
    )
    oks.append(finished and state()[0] == "done" and sum(after.values()) == full)
    print(
        f"  runner started again: job {state()[0]} after {time.monotonic() - started:.0f} s,"
        f" in force {shown(after)}  {verdict(oks[-1])}",
        flush=True,
    )
    return all(oks)


# --- 2. e-mail ------------------------------------------------------------------------------


def email(env: dict[str, str], url: str, work: Path) -> bool:
    from vendorwatch.testing.smtp import LocalSmtp

    print(f"\n== faults: kill -9 of the job runner while it sends {MESSAGES} e-mails ==")
    smtp = LocalSmtp()
    smtp.start()
    smtp.slow_down(0.03)
    prefix = f"Zuverlaessigkeit-{random.randrange(10**6):06d}"
    env = env | {"VENDORWATCH_EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}?timeout=5"}

    def sent_count() -> int:
        query = "SELECT count(*) FROM jobs_outboxmessage WHERE subject LIKE %s"
        query += " AND sent_at IS NOT NULL"
        return int(one(url, query, prefix + "%"))

    try:
        in_django(env, f"COUNT = {MESSAGES}\nPREFIX = {prefix!r}\n" + ENQUEUE)

        def ours() -> list[str]:
            return [s for s in smtp.inbox.subjects if s.startswith(prefix)]

        log = work / "email-runner.log"
        kills = []
        for stop_at in (MESSAGES // 4, MESSAGES // 2, 3 * MESSAGES // 4):
            process = runner(env, log)
            wait_until(lambda at=stop_at: len(ours()) >= at, 600, 0.01)
            kill(process)
            kills.append(len(ours()))
        started = time.monotonic()
        process = runner(env, log)
        complete = wait_until(lambda: len(set(ours())) >= MESSAGES, 600, 0.5)
        waited = time.monotonic() - started
        # The last "sent" is written just after the server took the message: wait for it,
        # then stop the runner as the service manager would (SIGTERM: after its round).
        wait_until(lambda: sent_count() >= MESSAGES, 60, 0.2)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
    finally:
        smtp.stop()
    arrived = Counter(ours())
    twice = {subject: n for subject, n in arrived.items() if n > 1}
    sent = sent_count()
    failed = one(
        url,
        "SELECT count(*) FROM jobs_outboxmessage WHERE subject LIKE %s AND failed_at IS NOT NULL",
        prefix + "%",
    )
    missing = MESSAGES - len(arrived)
    print(f"  killed when {', '.join(map(str, kills))} messages had arrived; restarted each time")
    print(
        f"  after the last start: all {MESSAGES} arrived after {waited:.0f} s: {complete};"
        f" marked sent {sent}, given up {failed}"
    )
    print(
        f"  arrived: {sum(arrived.values())} messages, {len(arrived)} different, {missing} missing"
    )
    print(
        f"  duplicates: {sum(twice.values()) - len(twice)} ({', '.join(sorted(twice)) or 'none'})"
    )
    ok = complete and missing == 0 and sent == MESSAGES
    few = len(twice) <= len(kills)
    print(f"  nothing lost {verdict(ok)}; at most one duplicate per kill {verdict(few)}")
    return ok and few


# --- 3. PostgreSQL restart ------------------------------------------------------------------


class OwnPostgres:
    """A PostgreSQL server of this script's own, so that restarting it disturbs nobody."""

    def __init__(self, work: Path) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("no PostgreSQL server programs (/usr/lib/postgresql/*/bin)")
        self.bin = Path(found[-1]).parent
        from pages_bench import free_port

        self.port = free_port()
        self.dir = work / "pg"
        self.dir.mkdir()
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        else:
            self.prefix = []
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.url = f"postgres://postgres@{HOST}:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses={HOST} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")

    def stop(self) -> None:
        # fast: every connection is cut at once, as when the server is restarted for an update
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


async def watch(
    port: int, creds: dict[str, Any], marks: dict[str, float], seconds: float
) -> list[tuple[float, str, float]]:
    """16 connections for ``seconds``: (moment, outcome, duration) of every request."""
    import httpx

    targets = ["/", "/problems/", "/contracts/", "/providers/", "/api/v1/problems/"]
    outcomes: list[tuple[float, str, float]] = []
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", timeout=httpx.Timeout(20.0)
    ) as client:
        end = time.monotonic() + seconds

        async def user(n: int) -> None:
            rng = random.Random(n)
            while time.monotonic() < end:
                path = rng.choice(targets)
                headers = dict(PROXY_HEADERS)
                if path.startswith("/api/"):
                    headers["Authorization"] = f"Bearer {creds['token']}"
                else:
                    headers["Cookie"] = f"sessionid={creds['sessions'][n % len(creds['sessions'])]}"
                started = time.monotonic()
                try:
                    answer = await client.get(path, headers=headers)
                    outcome = str(answer.status_code)
                except httpx.TimeoutException:
                    outcome = "timeout"
                except httpx.HTTPError as error:
                    outcome = type(error).__name__
                outcomes.append((started - marks["start"], outcome, time.monotonic() - started))
                if outcome != "200":
                    await asyncio.sleep(0.05)

        await asyncio.gather(*(user(n) for n in range(16)))
    return outcomes


def restart(work: Path) -> bool:
    print(
        f"\n== faults: PostgreSQL stopped for {OUTAGE:.0f} s under load, then started ==",
        flush=True,
    )
    server_pg = OwnPostgres(work)
    server_pg.start()
    web = None
    try:
        url = fresh_database("restart", server_pg.url)
        env = installation(work / "restart", url)
        set_up(env)
        creds = credentials(env, sessions=16)
        web, port = start_server(env, work / "restart-server.log")
        marks = {"start": time.monotonic()}

        def outage() -> None:
            time.sleep(10)
            marks["down"] = time.monotonic() - marks["start"]
            server_pg.stop()
            time.sleep(OUTAGE)
            server_pg.start()
            marks["up"] = time.monotonic() - marks["start"]

        thread = threading.Thread(target=outage)
        thread.start()
        outcomes = asyncio.run(watch(port, creds, marks, 10 + OUTAGE + 25))
        thread.join()
    finally:
        if web is not None:
            stop_server(web)
        server_pg.stop()
    down, up = marks["down"], marks["up"]
    # By the moment each answer came: one asked just before the stop may be answered after.
    phases = {
        "before": [o for o in outcomes if o[0] + o[2] < down],
        "outage": [o for o in outcomes if down <= o[0] + o[2] < up],
        "after": [o for o in outcomes if o[0] + o[2] >= up],
    }
    for phase, rows in phases.items():
        counts = Counter(outcome for _t, outcome, _d in rows)
        slowest = max((d for _t, _o, d in rows), default=0.0)
        shown = ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items()))
        print(f"  {phase:7s} {len(rows):5d} requests: {shown}; slowest {slowest:.2f} s")
    after = phases["after"]
    first_ok = min((t + d for t, outcome, d in after if outcome == "200"), default=float("nan"))
    settled = [o for o in after if o[0] >= up + 5]
    bad = [o for o in outcomes if o[1] not in ("200", "503")]
    hung = [o for o in outcomes if o[2] > 10]
    print(f"  database back at {up:.1f} s; the first 200 after it answered at {first_ok:.1f} s")
    ok_outage = not bad and not hung and any(o[1] == "503" for o in phases["outage"])
    ok_after = bool(settled) and all(o[1] == "200" for o in settled)
    print(f"  during the outage only 503 (no 500, no error, none hanging) {verdict(ok_outage)}")
    print(f"  from 5 s after the restart only 200, gunicorn not restarted {verdict(ok_after)}")
    return ok_outage and ok_after


def main() -> int:
    parts = sys.argv[1:] or ["imports", "email", "restart"]
    if not pg_reachable():
        print("PostgreSQL is not reachable (PG_URL): the fault tests need it  FAILED")
        return 1
    work = Path(tempfile.mkdtemp(prefix="vendorwatch-reliability-faults-"))
    work.chmod(0o711)  # PostgreSQL's own server (part 3) runs as its own user beneath
    oks = []
    try:
        if "imports" in parts or "email" in parts:
            url = fresh_database("faults")
            env = installation(work / "data", url)
            set_up(env)
            if "imports" in parts:
                oks.append(imports(env, url, work))
            if "email" in parts:
                oks.append(email(env, url, work))
        if "restart" in parts:
            oks.append(restart(work))
    finally:
        drop_database("faults")
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nfaults: {'all OK' if all(oks) else 'FAILED'}")
    return 0 if all(oks) else 1


if __name__ == "__main__":
    sys.exit(main())
