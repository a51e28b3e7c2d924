"""Benchmark of the clock job (refresh the stored SLA clocks, apply the escalation ladder).

    python bench/clock_bench.py                    # SQLite, a fresh file in a temporary dir
    PG_URL=postgres://postgres@127.0.0.1:5432/vendorwatch python bench/clock_bench.py
                                                   # PostgreSQL, database vendorwatch_clock
    python bench/clock_bench.py --open 20000 --steady 800

Two scenarios, each on a fresh database:

- one pass: ``--open`` open problems (default 100,000) with their events, all due for a
  refresh (as after an upgrade), the escalation ladder already applied to most of them;
- steady state: ``--steady`` open problems (default 800) among 100,000, the job run once and
  then again a minute later (the figure shown is the second run).

Each job run happens in a child process, so its peak memory (VmHWM) is its own (the URL map
loaded first, as in the long-lived job runner); a pass shared with helper processes (one per
further core) adds what the largest helper grew beyond the job process's size at the start.
Prints seconds, CPU seconds (all threads of the job process: the clocks are written by a
second thread while the next batch is computed), the load average and peak memory; exits
non-zero if a pass takes over 10 s or 300 MB, or the steady state over 0.5 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime.fromisoformat("2026-11-25 10:30+01:00")  # a Wednesday morning
PASS_SECONDS, PASS_MB, STEADY_SECONDS = 10.0, 300.0, 0.5
TOTAL = 100_000

# Event kinds after "reported", one story per remainder of the problem's number.
STORIES = [
    [],
    [],
    [],
    [("first_response", 40), ("status_update", 120)],
    [("first_response", 20)],
    [("first_response", 30), ("waiting_on_us", 90)],
    [("first_response", 30), ("waiting_on_us", 60), ("resumed", 180), ("comment", 200)],
    [("first_response", 15), ("resolved", 300)],
    [("first_response", 15), ("resolved", 200), ("reopened", 1500), ("status_update", 1600)],
    [("workaround", 45), ("comment", 50)],
]
CLOSED_STORY = [("first_response", 15), ("resolved", 240), ("confirmed", 600)]


def configure(database: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
    import django

    django.setup()


def pg_database(create: bool) -> str:
    """The bench database beside the one PG_URL names, dropped (and created anew): its URL."""
    import psycopg

    parts = urlsplit(os.environ["PG_URL"])
    name = f"{parts.path.lstrip('/') or 'vendorwatch'}_clock"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_database(label: str) -> dict[str, str]:
    """Environment for a child process: a new SQLite file, or a recreated PostgreSQL database."""
    data = Path(tempfile.mkdtemp(prefix=f"vw-clock-bench-{label}-"))
    url = pg_database(create=True) if os.environ.get("PG_URL") else ""
    return {"VENDORWATCH_DATA_DIR": str(data), "DATABASE_URL": url}


def populate(open_count: int, closed_count: int) -> None:
    """Problems with events in bulk, the ladder applied where its thresholds have passed."""
    from django.core.management import call_command
    from django.db import connection

    from vendorwatch.problems.models import Escalation, EscalationRule, Problem, ProblemEvent
    from vendorwatch.sla.tests.factory import make_policy
    from vendorwatch.testing.factory import make_contact, make_provider, make_user

    call_command("migrate", verbosity=0)
    owners = [make_user(email=f"owner{n}@example.com") for n in range(5)]
    policies = []
    for n in range(3):
        provider = make_provider(name=f"Systemhaus {n} GmbH")
        make_contact(provider, email=f"support{n}@example.com", escalation_level=1)
        make_contact(provider, email=f"chef{n}@example.com", escalation_level=2)
        policy = make_policy(provider=provider, name=f"SLA Bench {n}")
        rules = [
            EscalationRule.objects.create(
                policy=policy, target="response", percent=75, action="notify_owner"
            ),
            EscalationRule.objects.create(
                policy=policy, target="resolution", percent=100, action="draft_provider"
            ),
            EscalationRule.objects.create(
                policy=policy,
                target="resolution",
                percent=100,
                hours_after_breach=4,
                action="draft_provider",
                contact_level=2,
            ),
        ]
        version = policy.latest_version
        policies.append((policy, version, list(version.priorities.all()), rules))
    rules_of = {policy.pk: rules for policy, _v, _p, rules in policies}
    has_check = any(f.name == "clock_check_at" for f in Problem._meta.get_fields())
    total = open_count + closed_count
    chunk = 5000
    for first in range(0, total, chunk):
        problems, stories = [], []
        for n in range(first, min(total, first + chunk)):
            policy, version, priorities, _rules = policies[n % len(policies)]
            priority = priorities[n % len(priorities)]
            reported = NOW - timedelta(minutes=7 * (n % 9000) + 5)
            story = STORIES[n % len(STORIES)] if n < open_count else CLOSED_STORY
            due = has_check and n < open_count
            fields = {"clock_check_at": NOW - timedelta(days=1)} if due else {}
            problems.append(
                Problem(
                    title=f"Störung {n}: Server antwortet nicht",
                    what_happened="Seit heute früh keine Verbindung zum Server.",
                    since=reported,
                    impact="high",
                    urgency="medium",
                    provider_id=policy.provider_id,
                    sla_policy=policy,
                    sla_version=version,
                    priority=priority,
                    priority_rank=priority.rank,
                    reported_to_provider_at=reported,
                    channel="phone",
                    owner=owners[n % len(owners)],
                    is_open=n < open_count,
                    status="reported" if n < open_count else "closed",
                    clock_refreshed_at=NOW - timedelta(days=1),
                    **fields,
                )
            )
            stories.append((reported, story))
        Problem.objects.bulk_create(problems)
        events, escalations = [], []
        for problem, (reported, story) in zip(problems, stories, strict=True):
            events.append(ProblemEvent(problem=problem, kind="reported", occurred_at=reported))
            events += [
                ProblemEvent(
                    problem=problem, kind=kind, occurred_at=reported + timedelta(minutes=minutes)
                )
                for kind, minutes in story
                if reported + timedelta(minutes=minutes) <= NOW
            ]
            # The job has run for months: the ladder was applied, except for a few problems.
            if problem.is_open and problem.pk % 500:
                reopened = sum(1 for kind, _m in story if kind == "reopened")
                escalations += [
                    Escalation(
                        problem=problem,
                        rule=rule,
                        kind=rule.action,
                        reopen_count=reopened,
                        subject="…",
                        body="…",
                    )
                    for rule in rules_of[problem.sla_policy_id]
                ]
        ProblemEvent.objects.bulk_create(events)
        Escalation.objects.bulk_create(escalations)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_job(minutes_later: list[int]) -> dict[str, object]:
    from django.db import connection
    from django.urls import get_resolver

    from vendorwatch.problems.escalation import escalations_run

    connection.ensure_connection()
    # The job runs in the long-lived job runner, which has loaded the URL map (the e-mails
    # link to the problem) once, at its first escalation; a fresh process would count that.
    get_resolver().url_patterns  # noqa: B018
    gc.collect()
    gc.freeze()  # as `run-jobs --loop` does at its start
    before = peak_mb()
    runs = []
    for minutes in minutes_later:
        started, cpu = time.perf_counter(), time.process_time()
        applied = escalations_run(now=NOW + timedelta(minutes=minutes))
        runs.append(
            {
                "seconds": time.perf_counter() - started,
                "cpu": time.process_time() - cpu,
                "applied": applied,
                "load": os.getloadavg()[0],
            }
        )
    import resource

    # The processes that shared the pass (forked from this one): the largest one's peak.
    helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"runs": runs, "peak_mb": peak_mb(), "before_mb": before, "helper_mb": helper}


def child(env: dict[str, str], *args: str) -> dict[str, object]:
    command = [sys.executable, __file__, *args]
    done = subprocess.run(
        command, env={**os.environ, **env}, check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def scenario(label: str, open_count: int, closed_count: int, minutes: list[int]) -> dict:
    env = fresh_database(label)
    try:
        started = time.perf_counter()
        child(env, "--populate", str(open_count), str(closed_count))
        print(f"  {label}: data built in {time.perf_counter() - started:.0f} s", flush=True)
        return child(env, "--job", *map(str, minutes))
    finally:
        # Nothing left behind for the database to tidy up while the next measurement runs.
        if os.environ.get("PG_URL"):
            pg_database(create=False)
        shutil.rmtree(env["VENDORWATCH_DATA_DIR"], ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=TOTAL, help="open problems in one pass")
    parser.add_argument("--steady", type=int, default=800, help="open problems, steady state")
    parser.add_argument("--populate", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--job", nargs="+", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate or args.job:
        configure(os.environ["DATABASE_URL"])
        if args.populate:
            populate(*args.populate)
            print(json.dumps({}))
        else:
            print(json.dumps(run_job(args.job)))
        return 0
    database = "PostgreSQL" if os.environ.get("PG_URL") else "SQLite"
    print(f"clock job on {database}:", flush=True)
    one = scenario("pass", args.open, 0, [0])
    run = one["runs"][0]
    # A helper starts as a copy of the job process (the same pages, shared until written):
    # what it adds is its peak beyond the job process's size before the pass.
    added = max(0.0, one["helper_mb"] - one["before_mb"]) if one["helper_mb"] else 0.0
    one["peak_mb"] += added
    print(
        f"  one pass, {args.open:,} open problems: {run['seconds']:.2f} s"
        f" (CPU {run['cpu']:.2f} s of the job process, all threads; load average"
        f" {run['load']:.2f}), peak {one['peak_mb']:.0f} MB (process before the run"
        f" {one['before_mb']:.0f} MB; helper process peak {one['helper_mb']:.0f} MB, of which"
        f" {added:.0f} MB its own), {run['applied']} escalations"
    )
    steady = scenario("steady", args.steady, max(0, TOTAL - args.steady), [0, 1])
    first, second = steady["runs"]
    print(
        f"  steady state, {args.steady:,} open of {max(TOTAL, args.steady):,}:"
        f" {second['seconds']:.3f} s a minute later (CPU {second['cpu']:.3f} s;"
        f" first run {first['seconds']:.2f} s)"
    )
    failed = (
        run["seconds"] > PASS_SECONDS
        or one["peak_mb"] > PASS_MB
        or second["seconds"] > STEADY_SECONDS
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
