"""Benchmark of the ticket-export import (``make bench-import``; a script, not a test).

1. Writes a 1,000,000-row German Excel CSV export (``;``, cp1252, dd.mm.yyyy HH:MM local time)
   to var/bench/ — all priorities, ~5 % open tickets, tickets repeated with a later change,
   ~0.5 % broken rows — and a copy of its first 100,000 rows. Generation is timed separately.
2. Imports the 1,000,000 rows through the real pipeline (job_create, job_analyse = read,
   check, evaluate, stage; job_commit) into a fresh, migrated SQLite database and, when it is
   reachable, a fresh PostgreSQL database: seconds per phase and peak memory of the process,
   each run in its own process, against the targets of ≤ 60 s and ≤ 1 GB.
3. Imports the first 100,000 rows with our pipeline and with django-import-export (a plain
   ``ModelResource`` of the same model, ``import_data(dry_run=False, use_transactions=True)``)
   and prints the ratio against the target of ≥ 10× faster.

    python bench/import_bench.py [--rows 1000000] [--compare-rows 100000] [--no-postgres]

PostgreSQL: the server of PG_URL (default postgres://postgres@127.0.0.1:5432/vendorwatch),
database ``vendorwatch_bench_import``, created and dropped here. Exit status 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("VENDORWATCH_DATA_DIR") or ROOT / "var" / "bench").resolve()
PG_URL = os.environ.get("PG_URL") or "postgres://postgres@127.0.0.1:5432/vendorwatch"
PG_DB = "vendorwatch_bench_import"  # not vendorwatch_bench: bench-problems keeps its data there
PRESET = "excel_de"
GENERATOR_VERSION = 3
SEED = 20260111
TARGET_SECONDS = 60.0
TARGET_MB = 1024.0
TARGET_RATIO = 10.0

# The export's columns, in this order (options.FIELDS); the names are the preset's own.
COLUMNS = (
    "id",
    "created",
    "first_response",
    "resolved",
    "priority",
    "status",
    "title",
    "category",
    "updated",
    "sla_met",
)
RANKS = (1, 2, 3, 4)  # the priorities of the benchmark's SLA (sla.tests.factory.priorities)
PRIORITY_WEIGHTS = (0.03, 0.12, 0.55, 0.30)  # ranks 1..4
# Mean minutes to first response and from there to resolution, per rank.
RESPONSE_MEAN = (10, 30, 90, 240)
RESOLUTION_MEAN = (120, 360, 1200, 2400)
OPEN_SHARE = 0.05
REPEAT_SHARE = 0.03
ERROR_SHARE = 0.005
CATEGORIES = (
    "Hardware",
    "Software",
    "Netzwerk",
    "E-Mail",
    "Drucker",
    "Benutzerverwaltung",
    "Telefonie",
    "Sicherheit",
    "Datensicherung",
)
THINGS = ("Drucker", "Laptop", "Outlook", "VPN", "Server", "Telefon", "WLAN", "Scanner", "DATEV")
PLACES = ("im Büro", "in der Buchhaltung", "am Empfang", "im Lager", "im Homeoffice", "bei Frau Öz")
FAULTS = (
    "startet nicht mehr",
    "reagiert sehr langsam",
    "verbindet sich nicht",
    "zeigt Fehlermeldung",
    "fällt ständig aus",
    "druckt nur leere Seiten",
    'meldet "Zugriff verweigert"',
    "geht nicht; bitte dringend",
)
OPEN_STATES = ("Offen", "In Bearbeitung", "Warten auf Kunde")
CLOSED_STATES = ("Geschlossen", "Gelöst")
BASE = datetime(2025, 1, 1)  # local time; created dates fall in the 365 days from here
DAY = 86_400
# Europe/Berlin springs forward on 30.03.2025 at 02:00: no local time in that hour exists.
GAP = int((datetime(2025, 3, 30, 2) - BASE).total_seconds())


# ---------------------------------------------------------------- the export ----------------


def export_format() -> dict[str, Any]:
    """Header names, date format and priority values as the preset knows them."""
    use_django()
    from vendorwatch.monitoring.presets import BUILTIN

    preset = BUILTIN[PRESET]
    by_rank: dict[int, str] = {}
    for value, rank in preset.priority_map.items():
        by_rank.setdefault(rank, value[:1].upper() + value[1:])
    return {
        "preset": PRESET,
        "label": str(preset.label),
        "headers": {name: preset.columns[name][0] for name in COLUMNS},
        "date_format": preset.date_formats[0],
        "priorities": {rank: by_rank[rank] for rank in RANKS},
        "encoding": "cp1252",
        "delimiter": ";",
        "version": GENERATOR_VERSION,
        "seed": SEED,
    }


def use_django(database: str = "") -> None:
    if database:
        os.environ["DATABASE_URL"] = database
    os.environ["VENDORWATCH_DATA_DIR"] = str(DATA)
    os.environ["VENDORWATCH_DEBUG"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "vendorwatch.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


class Clock:
    """Local seconds since BASE as text in the export's date format (fast for dd.mm.yyyy)."""

    def __init__(self, date_format: str) -> None:
        self.format = date_format
        self.fast = date_format in ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")
        self.seconds = date_format.endswith("%S")
        self.days = [(BASE + timedelta(days=d)).strftime("%d.%m.%Y") for d in range(3 * 366)]

    def text(self, s: int | None) -> str:
        if s is None:
            return ""
        if not self.fast:
            return (BASE + timedelta(seconds=s)).strftime(self.format)
        day, rest = divmod(s, DAY)
        hour, rest = divmod(rest, 3600)
        if self.seconds:
            return f"{self.days[day]} {hour:02d}:{rest // 60:02d}:{rest % 60:02d}"
        return f"{self.days[day]} {hour:02d}:{rest // 60:02d}"


def skip_gap(s: int) -> int:
    return s + 3600 if GAP <= s < GAP + 3600 else s


def generate(path: Path, small: Path, rows: int, small_rows: int, fmt: dict[str, Any]) -> dict:
    """Write the export row by row (never all in memory); return what an import must find."""
    rng = random.Random(SEED)
    clock = Clock(fmt["date_format"])
    fields = list(fmt["headers"])
    prio = fmt["priorities"]
    ranks = list(prio)
    titles = [f"{t} {p} {f}" for t in THINGS for p in PLACES for f in FAULTS]
    recent: list[list[Any]] = []  # tickets that a later row may repeat
    counts = {"rows": 0, "rejected": 0, "new": 0, "superseded": 0, "open_rows": 0}
    small_counts: dict[str, int] = {}
    next_id = 100_000
    error_kind = 0
    with (
        path.open("w", encoding=fmt["encoding"], newline="") as out,
        small.open("w", encoding=fmt["encoding"], newline="") as out_small,
    ):
        writer = csv.writer(out, delimiter=fmt["delimiter"], lineterminator="\r\n")
        small_writer = csv.writer(out_small, delimiter=fmt["delimiter"], lineterminator="\r\n")
        header = [fmt["headers"][name] for name in fields]
        writer.writerow(header)
        small_writer.writerow(header)
        for n in range(rows):
            roll = rng.random()
            if roll < ERROR_SHARE:
                next_id += 1
                cells = broken_row(rng, clock, next_id, error_kind, prio, titles)
                error_kind += 1
                counts["rejected"] += 1
            else:
                if roll < ERROR_SHARE + REPEAT_SHARE and recent:
                    ticket = repeat(rng, recent)
                    counts["superseded"] += 1
                else:
                    next_id += 1
                    ticket = new_ticket(rng, next_id, ranks, titles)
                    counts["new"] += 1
                    if len(recent) < 5000:
                        recent.append(ticket)
                    else:
                        recent[rng.randrange(5000)] = ticket
                tid, rank, created, first, resolved, updated, status, title, category = ticket
                counts["open_rows"] += resolved is None
                cells = [
                    str(tid),
                    clock.text(created),
                    clock.text(first),
                    clock.text(resolved),
                    prio[rank],
                    status,
                    title,
                    category,
                    clock.text(updated),
                    "" if resolved is None else ("Ja" if rng.random() < 0.97 else "Nein"),
                ]
            writer.writerow(cells)
            if n < small_rows:
                small_writer.writerow(cells)
                if n == small_rows - 1:
                    small_counts = dict(counts, rows=small_rows)
            counts["rows"] += 1
    return {"full": counts, "small": small_counts or dict(counts)}


def new_ticket(rng: random.Random, tid: int, ranks: list[int], titles: list[str]) -> list[Any]:
    rank = rng.choices(ranks, PRIORITY_WEIGHTS)[0]
    day = rng.randrange(365)
    if rng.random() < 0.85:  # most tickets arrive in office hours
        created = day * DAY + rng.randrange(7 * 3600 + 1800, 18 * 3600)
    else:
        created = day * DAY + rng.randrange(DAY)
    created = skip_gap(created)
    first: int | None = skip_gap(
        created + 60 + int(rng.expovariate(1 / RESPONSE_MEAN[rank - 1]) * 60)
    )
    resolved: int | None = None
    if rng.random() < OPEN_SHARE:
        status = rng.choice(OPEN_STATES)
        if rng.random() < 0.2:
            first = None
    else:
        assert first is not None
        resolved = skip_gap(first + 300 + int(rng.expovariate(1 / RESOLUTION_MEAN[rank - 1]) * 60))
        status = rng.choice(CLOSED_STATES)
    updated = skip_gap(max(created, first or 0, resolved or 0) + rng.randrange(60, 7200))
    return [
        tid,
        rank,
        created,
        first,
        resolved,
        updated,
        status,
        rng.choice(titles),
        rng.choice(CATEGORIES),
    ]


def repeat(rng: random.Random, recent: list[list[Any]]) -> list[Any]:
    """A later version of a recent ticket: resolved now if it was open, else re-categorised."""
    ticket = recent[rng.randrange(len(recent))]
    tid, rank, created, first, resolved, updated, status, title, category = ticket
    if resolved is None:
        first = first if first is not None else skip_gap(updated + rng.randrange(60, 3600))
        resolved = skip_gap(max(first, updated) + rng.randrange(600, 2 * DAY))
        status = CLOSED_STATES[0]
        updated = skip_gap(resolved + rng.randrange(60, 600))
    else:
        updated = skip_gap(updated + rng.randrange(3600, 3 * DAY))
        category = rng.choice(CATEGORIES)
    ticket[:] = [tid, rank, created, first, resolved, updated, status, title, category]
    return list(ticket)


def broken_row(
    rng: random.Random, clock: Clock, tid: int, kind: int, prio: dict, titles: list[str]
) -> list[str]:
    """A row the import must reject, with one of the mistakes real exports carry."""
    created = skip_gap(rng.randrange(365) * DAY + 9 * 3600 + rng.randrange(8 * 3600))
    cells = [
        str(tid),
        clock.text(created),
        clock.text(created + 1800),
        clock.text(created + 7200),
        prio[3],
        CLOSED_STATES[0],
        rng.choice(titles),
        rng.choice(CATEGORIES),
        clock.text(created + 7300),
        "Ja",
    ]
    match kind % 7:
        case 0:  # a day that does not exist
            cells[1] = "31.02.2025 10:15"
        case 1:
            cells[2] = "gestern 14 Uhr"
        case 2:
            cells[3] = clock.text(created - 3600)
        case 3:
            cells[2] = clock.text(created - 600)
        case 4:
            cells[1] = ""
        case 5:
            cells[4] = "Wichtig!"
        case _:
            cells[4] = ""
    return cells


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def prepare_exports(rows: int, small_rows: int) -> tuple[Path, Path, dict[str, Any], float]:
    fmt = export_format()
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"tickets-{PRESET}-{rows}.csv"
    small = DATA / f"tickets-{PRESET}-{rows}-first-{small_rows}.csv"
    stamp = DATA / f"tickets-{PRESET}-{rows}-first-{small_rows}.json"
    if path.exists() and small.exists() and stamp.exists():
        known = json.loads(stamp.read_text())
        if known.get("format") == json.loads(json.dumps(fmt)):
            print(f"export: reusing {shown(path)} (same generator and preset)")
            return path, small, known, 0.0
    print(f"export: writing {rows:,} rows to {shown(path)} …", flush=True)
    started = time.perf_counter()
    expected = generate(path, small, rows, small_rows, fmt)
    seconds = time.perf_counter() - started
    meta = {"format": fmt, "expected": expected}
    stamp.write_text(json.dumps(meta, indent=1))
    return path, small, json.loads(json.dumps(meta)), seconds


# ---------------------------------------------------------------- the runs (child side) ----


def child_setup(database: str) -> dict[str, Any]:
    """Django on a fresh database, migrated; a provider and an SLA policy valid since 2025."""
    use_django(database)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate = time.perf_counter() - started

    from vendorwatch.sla.tests.factory import make_policy
    from vendorwatch.testing.factory import make_provider

    provider = make_provider(name="Bench Systemhaus GmbH")
    policy = make_policy(name="SLA Bench", provider=provider, valid_from=date(2025, 1, 1))
    return {"provider": provider, "policy": policy, "migrate_s": migrate}


def rss_mb(key: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Steps of the pipeline timed from outside (module, attribute, label), where they exist: a
# handful of calls per chunk of rows, so the timing costs nothing measurable.
STEPS = (
    ("analysis", "_row_total", "count lines"),
    ("analysis", "read_table", "open, find header"),
    ("analysis", "chunks", "read rows"),
    ("analysis.Analysis", "_chunk", "check"),
    ("analysis.Analysis", "_instants", "dates"),
    ("analysis.Analysis", "_store", "evaluate and build columns"),
    ("analysis", "evaluate", "SLA evaluation"),
    ("staging", "instants", "instants as text"),
    ("analysis.ChunkWriter", "wait", "wait for writer"),
    ("staging", "insert_tickets", "insert"),
    ("analysis.Analysis", "_finish", "finish"),
    ("staging", "drop_superseded", "drop superseded"),
    ("staging", "count_known", "count known"),
    ("staging", "make_current", "make current"),
)


def instrument(sequential: bool = False) -> dict[str, float]:
    """Wall seconds per step and thread ("insert@import-writer_0"), filled while it runs.

    ``sequential``: chunks are written in the reading thread, so each step's time is its
    own cost (and a profile sees all of it), not shared with the writer running alongside.
    """
    import importlib
    import inspect

    totals: dict[str, float] = {}
    if sequential:
        from vendorwatch.monitoring import analysis

        original = analysis.ChunkWriter.__init__

        def unthreaded(self: Any, *, threaded: bool) -> None:
            original(self, threaded=False)

        analysis.ChunkWriter.__init__ = unthreaded  # type: ignore[method-assign]

    def add(label: str, seconds: float) -> None:
        key = label
        name = threading.current_thread().name
        if name != "MainThread":
            key += "@" + name
        totals[key] = totals.get(key, 0.0) + seconds

    def timed(label: str, function: Any) -> Any:
        if inspect.isgeneratorfunction(function):

            def generator(*args: Any, **kwargs: Any) -> Any:
                items = function(*args, **kwargs)
                while True:
                    started = time.perf_counter()
                    try:
                        item = next(items)
                    except StopIteration:
                        add(label, time.perf_counter() - started)
                        return
                    add(label, time.perf_counter() - started)
                    yield item

            return generator

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                add(label, time.perf_counter() - started)

        return wrapper

    for where, attribute, label in STEPS:
        module_name, _, class_name = where.partition(".")
        try:
            owner: Any = importlib.import_module(f"vendorwatch.monitoring.{module_name}")
            if class_name:
                owner = getattr(owner, class_name)
            setattr(owner, attribute, timed(label, getattr(owner, attribute)))
        except (ImportError, AttributeError):
            continue  # the pipeline has changed: that step is simply not shown
    return totals


def run_pipeline(
    database: str, path: Path, profile: str = "", sequential: bool = False
) -> dict[str, Any]:
    setup = child_setup(database)
    steps = instrument(sequential=bool(profile) or sequential)
    from vendorwatch.monitoring import pipeline
    from vendorwatch.monitoring.models import ExternalTicket, ImportJob
    from vendorwatch.monitoring.options import ImportOptions

    options = ImportOptions(preset=PRESET)
    before = rss_mb()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    phases: dict[str, float] = {}
    cpu = time.process_time()
    started = time.perf_counter()
    job = pipeline.job_create(
        provider=setup["provider"],
        sla_policy=setup["policy"],
        file=str(path),
        file_name=path.name,
        options=options,
    )
    phases["create"] = time.perf_counter() - started
    try:
        mark = time.perf_counter()
        job = pipeline.job_analyse(job)
        phases["analyse"] = time.perf_counter() - mark
        if job.state != ImportJob.State.PREVIEW:
            raise SystemExit(f"analysis ended in {job.state}: {job.message}")
        mark = time.perf_counter()
        job = pipeline.job_commit(job)
        phases["commit"] = time.perf_counter() - mark
        total = time.perf_counter() - started
        cpu = time.process_time() - cpu
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        if job.file:  # the pipeline's own copy of the export, 150 MB
            job.file.delete(save=False)
    job.refresh_from_db()
    current = ExternalTicket.objects.in_force().filter(job=job).count()
    return {
        "seconds": total,
        "cpu_import_s": cpu,
        "phases": phases,
        "migrate_s": setup["migrate_s"],
        "rss_before_mb": before,
        "state": job.state,
        "counts": {
            "rows": job.rows_read,
            "new": job.imported,
            "updated": job.updated,
            "superseded": job.superseded,
            "rejected": job.rejected,
            "current": current,
            "disagree": job.disagreements,
        },
        "preset_used": job.preset_used,
        "steps": steps,
    }


def run_import_export(database: str, path: Path, fmt: dict[str, Any]) -> dict[str, Any]:
    """The same rows through django-import-export, as its documentation shows it."""
    setup = child_setup(database)
    from zoneinfo import ZoneInfo

    from import_export import resources

    from vendorwatch.monitoring.models import ExternalTicket, ImportJob

    job = ImportJob.objects.create(
        provider=setup["provider"],
        sla_policy=setup["policy"],
        file_name=path.name,
        state=ImportJob.State.DONE,
    )

    class TicketResource(resources.ModelResource):
        def before_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
            instance.provider_id = job.provider_id
            instance.job_id = job.pk
            instance.current = True

        class Meta:
            model = ExternalTicket
            fields = ("id", *DIE_FIELDS)  # no "id" column in the rows: every row is new

    # The rows mapped to the model's fields (what its user would hand it), not timed: dates
    # become aware datetimes, priorities their rank; rows that cannot be mapped are left out,
    # since one failing row makes import_data roll back everything.
    started = time.perf_counter()
    dataset, skipped = model_rows(path, fmt, ZoneInfo("Europe/Berlin"))
    prepare = time.perf_counter() - started
    before = rss_mb()
    started = time.perf_counter()
    result = TicketResource().import_data(dataset, dry_run=False, use_transactions=True)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "prepare_s": prepare,
        "migrate_s": setup["migrate_s"],
        "rss_before_mb": before,
        "rows": len(dataset),
        "skipped": skipped,
        "errors": len(result.row_errors()) + len(result.invalid_rows),
        "first_error": first_error(result),
        "stored": ExternalTicket.objects.count(),
    }


def first_error(result: Any) -> str:
    for _number, errors in result.row_errors():
        return repr(errors[0].error)
    for invalid in result.invalid_rows:
        return repr(invalid.error)
    return ""


DIE_FIELDS = (
    "row",
    "ticket_id",
    "title",
    "category",
    "status",
    "priority_value",
    "priority_rank",
    "created",
    "first_response",
    "resolved",
    "updated",
    "provider_verdict",
    "provider_met",
)


def model_rows(path: Path, fmt: dict[str, Any], zone: Any) -> tuple[Any, int]:
    import tablib

    rank_of = {value: int(rank) for rank, value in fmt["priorities"].items()}
    order = list(fmt["headers"])
    dataset = tablib.Dataset(headers=list(DIE_FIELDS))
    skipped = 0

    def instant(text: str) -> datetime | None:
        if not text:
            return None
        return datetime.strptime(text, fmt["date_format"]).replace(tzinfo=zone)

    with path.open(encoding=fmt["encoding"], newline="") as source:
        reader = csv.reader(source, delimiter=fmt["delimiter"])
        next(reader)
        for cells in reader:
            cell = dict(zip(order, cells, strict=True))
            try:
                created = instant(cell["created"])
                first = instant(cell["first_response"])
                resolved = instant(cell["resolved"])
                rank = rank_of[cell["priority"]]
            except (ValueError, KeyError):
                skipped += 1
                continue
            if created is None or (first and first < created) or (resolved and resolved < created):
                skipped += 1
                continue
            dataset.append(
                (
                    reader.line_num,
                    cell["id"],
                    cell["title"],
                    cell["category"],
                    cell["status"],
                    cell["priority"],
                    rank,
                    created,
                    first,
                    resolved,
                    instant(cell["updated"]),
                    cell["sla_met"],
                    {"Ja": True, "Nein": False}.get(cell["sla_met"]),
                )
            )
    return dataset, skipped


def child_main(args: argparse.Namespace) -> int:
    if args.child == "pipeline":
        result = run_pipeline(
            args.database, Path(args.file), args.profile_file or "", args.sequential
        )
    else:
        fmt = json.loads(Path(args.format).read_text())["format"]
        result = run_import_export(args.database, Path(args.file), fmt)
    result["peak_self_mb"] = rss_mb("VmHWM")
    Path(args.result).write_text(json.dumps(result))
    return 0


# ---------------------------------------------------------------- the parent ----------------


def run_child(
    kind: str,
    database: str,
    path: Path,
    stamp: Path,
    timeout: float,
    profile: str = "",
    sequential: bool = False,
) -> dict[str, Any]:
    """One run in its own process; its peak memory from the kernel's accounting of that child."""
    result_file = DATA / f"import-bench-result-{os.getpid()}.json"
    result_file.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", kind, "--database", database]
    command += ["--file", str(path), "--format", str(stamp), "--result", str(result_file)]
    if profile:
        command += ["--profile-file", profile]
    if sequential:
        command += ["--sequential"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    peak = usage.ru_maxrss / 1024
    if process.returncode != 0 or not result_file.exists():
        late = wall >= timeout
        return {"failed": True, "timed_out": late, "wall": wall, "peak_mb": peak}
    result = json.loads(result_file.read_text())
    result_file.unlink()
    result["peak_mb"] = peak
    return result


def fresh_sqlite(name: str) -> str:
    path = DATA / f"import-bench-{name}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path}"


def pg_reachable() -> bool:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pg_reachable.py"), PG_URL], cwd=ROOT
    )
    return check.returncode == 0


def fresh_postgres(drop_only: bool = False) -> str:
    import psycopg

    parts = urlsplit(PG_URL)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{PG_DB}"')
    return urlunsplit(parts._replace(path=f"/{PG_DB}"))


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def print_pipeline(label: str, rows: int, result: dict[str, Any], expected: dict[str, int]) -> None:
    if result.get("failed"):
        print(f"  {label}: FAILED after {result['wall']:.1f} s (see the output above)")
        return
    phases = "  ".join(f"{name} {s:.1f} s" for name, s in result["phases"].items())
    print(
        f"  {label}: {rows:,} rows in {result['seconds']:.1f} s"
        f" ({rows / result['seconds']:,.0f} rows/s)"
    )
    print(f"    phases: {phases}   (migration before it: {result['migrate_s']:.1f} s, not counted)")
    # On a busy machine the wall time also holds the time spent waiting for a core.
    print(
        f"    CPU time of this process during the import: {result['cpu_import_s']:.1f} s"
        " (the database server's own is not in it)"
    )
    print(
        f"    peak memory {result['peak_mb']:,.0f} MB (process before the import:"
        f" {result['rss_before_mb']:,.0f} MB)"
    )
    steps = result.get("steps") or {}
    if steps:
        print("    where the time goes (wall seconds; a step's parts in brackets):")
        for line in step_lines(steps):
            print(f"      {line}")
    got = result["counts"]
    want = {key: expected[key] for key in ("rows", "new", "superseded", "rejected") if expected}
    if expected:
        want["current"] = expected["new"]
    marks = []
    for key in ("rows", "new", "updated", "superseded", "rejected", "current", "disagree"):
        note = "" if key not in want or got[key] == want[key] else f" (expected {want[key]:,})"
        marks.append(f"{key} {got[key]:,}{note}")
    print(f"    counts: {', '.join(marks)}; format used: {result['preset_used']}")


def step_lines(steps: dict[str, float]) -> list[str]:
    def s(label: str) -> str:
        return f"{steps.get(label, 0.0):.1f}"

    writer = sorted(key for key in steps if "@" in key)
    alongside = ", ".join(f"{key.split('@')[0]} {steps[key]:.1f}" for key in writer)
    inline = f", insert {s('insert')}" if "insert" in steps else ""
    return [
        f"analysis: count lines {s('count lines')}, open and find header"
        f" {s('open, find header')}, read rows {s('read rows')}, check {s('check')} (dates"
        f" {s('dates')}, evaluate and build columns {s('evaluate and build columns')} (SLA"
        f" evaluation {s('SLA evaluation')}, instants as text {s('instants as text')}{inline})),"
        f" wait for the writer {s('wait for writer')}",
        f"writer thread, alongside the above: {alongside or 'none (written in line)'}",
        f"finish {s('finish')} (drop superseded {s('drop superseded')}, count known"
        f" {s('count known')}); commit: make current {s('make current')}",
    ]


def print_import_export(label: str, result: dict[str, Any], timeout: float) -> None:
    if result.get("failed"):
        why = f"stopped after {timeout:.0f} s" if result["timed_out"] else "FAILED"
        print(f"  {label}: {why}")
        return
    if result["errors"]:
        print(f"  {label}: {result['errors']} rows FAILED, the first: {result['first_error']}")
    print(
        f"  {label}: {result['rows']:,} rows in {result['seconds']:.1f} s"
        f" ({result['rows'] / result['seconds']:,.0f} rows/s), peak memory"
        f" {result['peak_mb']:,.0f} MB; {result['stored']:,} stored, {result['errors']} errors,"
        f" {result['skipped']} unmappable rows left out (mapping took {result['prepare_s']:.1f} s,"
        " not counted)"
    )


def parent_main(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    load = os.getloadavg()
    print(
        f"Vendorwatch import benchmark: Python {platform.python_version()},"
        f" {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    path, small, meta, generated = prepare_exports(args.rows, args.compare_rows)
    fmt, expected = meta["format"], meta["expected"]
    stamp = DATA / f"tickets-{PRESET}-{args.rows}-first-{args.compare_rows}.json"
    if generated:
        print(f"export: generated in {generated:.1f} s (not counted)")
    print(
        f"export: preset {fmt['preset']} ({fmt['label']}), {fmt['encoding']},"
        f" {fmt['delimiter']!r}, {fmt['date_format']},"
        f" {path.stat().st_size / 1e6:,.0f} MB; {expected['full']['rejected']:,} broken rows,"
        f" {expected['full']['superseded']:,} later versions of a ticket"
    )
    if args.profile:
        return profile_main(args, small, stamp)
    databases: list[tuple[str, Any]] = [("SQLite", fresh_sqlite)]
    skipped_pg = True
    if args.no_postgres:
        print("PostgreSQL: not run (--no-postgres)")
    elif pg_reachable():
        databases.append(("PostgreSQL", lambda name="": fresh_postgres()))
        skipped_pg = False
    else:
        print(f"\n!!! PostgreSQL is not reachable at {PG_URL}: the PostgreSQL runs are SKIPPED !!!")
        print("!!! Set PG_URL=postgres://user@host:port/name to point it elsewhere.          !!!\n")
    summary: list[tuple[str, str, str, str]] = []
    missed = False
    import_run = partial(run_child, "pipeline", timeout=args.timeout, sequential=args.sequential)
    for label, fresh in databases:
        print(f"\n== {label} ==", flush=True)
        full = import_run(fresh("full"), path, stamp)
        print_pipeline(f"{label}, pipeline", args.rows, full, expected["full"])
        missed |= summarise_full(summary, label, args.rows, full)
        ours = import_run(fresh("small"), small, stamp)
        print_pipeline(f"{label}, pipeline", args.compare_rows, ours, expected["small"])
        theirs = None
        if label == "SQLite" or not args.no_import_export_pg:
            theirs = run_child("import_export", fresh("die"), small, stamp, args.die_timeout)
            print_import_export(f"{label}, django-import-export", theirs, args.die_timeout)
        missed |= summarise_ratio(summary, label, args.compare_rows, ours, theirs, args)
        if label == "SQLite":
            for name in ("full", "small", "die"):
                fresh_sqlite(name)
        else:
            fresh_postgres(drop_only=True)
    print("\nSummary")
    print(f"  {'database':<11} {'figure':<40} {'value':>14}  target")
    for database, figure, value, target in summary:
        print(f"  {database:<11} {figure:<40} {value:>14}  {target}")
    if skipped_pg:
        print(f"  {'PostgreSQL':<11} SKIPPED")
        missed |= os.environ.get("CI") == "true"
    print(
        "  Ours reads the file, checks every row, evaluates every ticket's SLA, stages and commits;"
        "\n  django-import-export only stores rows it gets as ready-made model values."
    )
    load = os.getloadavg()
    print(
        f"  whole benchmark: {time.perf_counter() - began:.0f} s; load average now"
        f" {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} CPUs"
    )
    return 1 if missed else 0


def profile_main(args: argparse.Namespace, small: Path, stamp: Path) -> int:
    """The first rows through the pipeline under cProfile on each database: where time goes."""
    import pstats

    databases = [("SQLite", fresh_sqlite("profile"))]
    if not args.no_postgres and pg_reachable():
        databases.append(("PostgreSQL", fresh_postgres()))
    for label, database in databases:
        out = DATA / f"import-bench-{label.lower()}.prof"
        result = run_child("pipeline", database, small, stamp, args.timeout, str(out))
        print(f"\n== {label}: {args.compare_rows:,} rows under cProfile, written sequentially ==")
        print_pipeline("pipeline (profiled, slower)", args.compare_rows, result, {})
        if out.exists():
            stats = pstats.Stats(str(out))
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
            print(f"profile kept in {shown(out)} (python -m pstats {shown(out)})")
    fresh_sqlite("profile")
    if len(databases) > 1:
        fresh_postgres(drop_only=True)
    return 0


def summarise_full(
    summary: list[tuple[str, str, str, str]], label: str, rows: int, full: dict[str, Any]
) -> bool:
    if full.get("failed"):
        summary.append((label, f"pipeline, {rows:,} rows", "FAILED", "MISSED"))
        return True
    fast = full["seconds"] <= TARGET_SECONDS
    small = full["peak_mb"] <= TARGET_MB
    summary.append(
        (label, f"pipeline, {rows:,} rows", f"{full['seconds']:.1f} s", f"≤ 60 s {verdict(fast)}")
    )
    summary.append(
        (label, "  peak memory", f"{full['peak_mb']:,.0f} MB", f"≤ 1 GB {verdict(small)}")
    )
    return not (fast and small)


def summarise_ratio(
    summary: list[tuple[str, str, str, str]],
    label: str,
    rows: int,
    ours: dict[str, Any],
    theirs: dict[str, Any] | None,
    args: argparse.Namespace,
) -> bool:
    if ours.get("failed"):
        summary.append((label, f"pipeline, first {rows:,} rows", "FAILED", ""))
        return True
    summary.append((label, f"pipeline, first {rows:,} rows", f"{ours['seconds']:.1f} s", ""))
    figure = "django-import-export, same rows"
    if theirs is None:
        summary.append((label, figure, "not run", "(--no-import-export-pg)"))
        return False
    if (theirs.get("failed") and not theirs.get("timed_out")) or theirs.get("errors"):
        summary.append((label, figure, "FAILED", ""))
        return True
    if theirs.get("timed_out"):
        ratio = args.die_timeout / ours["seconds"]
        summary.append((label, figure, f"> {args.die_timeout:.0f} s", "stopped"))
        summary.append((label, "  ratio", f"> {ratio:.1f}×", f"≥ 10× {verdict(ratio >= 10)}"))
        return ratio < TARGET_RATIO
    ratio = theirs["seconds"] / ours["seconds"]
    summary.append((label, figure, f"{theirs['seconds']:.1f} s", ""))
    summary.append((label, "  ratio", f"{ratio:.1f}×", f"≥ 10× {verdict(ratio >= TARGET_RATIO)}"))
    return ratio < TARGET_RATIO


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--compare-rows", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--no-import-export-pg",
        action="store_true",
        help="skip django-import-export on PostgreSQL (it takes minutes)",
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds per pipeline run")
    parser.add_argument(
        "--die-timeout", type=float, default=1200, help="seconds for django-import-export"
    )
    parser.add_argument("--child", choices=("pipeline", "import_export"), help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--profile-file", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="write each chunk before reading the next (no writer thread): each step's own cost",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead: the pipeline on the first rows under cProfile, where the time goes",
    )
    args = parser.parse_args()
    return child_main(args) if args.child else parent_main(args)


if __name__ == "__main__":
    sys.exit(main())
