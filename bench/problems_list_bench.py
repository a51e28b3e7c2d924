"""Benchmark of the problem list with 100,000 problems (a script, not a test).

    python bench/problems_list_bench.py                  # SQLite in a temporary data dir
    DATABASE_URL=postgres://…/vendorwatch python bench/problems_list_bench.py
                                                          # PostgreSQL, database vendorwatch_bench

Prints p50/p95 in ms per URL and overall, and the queries per request, for page sizes 25
and 100; exits non-zero if p95 exceeds 200 ms or the query count depends on the page size.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
TOTAL = int(os.environ.get("BENCH_PROBLEMS", "100000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
LIMIT_MS = 200.0
BENCH_DB = "vendorwatch_bench"
QUERIES = [
    "",
    "?state=breached",
    "?sort=priority",
    "?sort=due&open=yes",
    "?provider=1&breached=yes",
    "?q=Drucker",
    "?priority=2&sort=oldest",
    "?page=50",
]


def configure() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
        ensure_postgres_database(parts)
    else:
        default = Path(tempfile.gettempdir()) / "vendorwatch-bench"
        data = Path(os.environ.get("VENDORWATCH_DATA_DIR") or default)
        data.mkdir(parents=True, exist_ok=True)
        os.environ["VENDORWATCH_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
    import django

    django.setup()


def ensure_postgres_database(parts: object) -> None:
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))  # type: ignore[attr-defined]
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{BENCH_DB}"')


def populate() -> None:
    from django.core.management import call_command

    from vendorwatch.problems.models import Problem

    call_command("migrate", verbosity=0)
    have = Problem.objects.count()
    if have < TOTAL:
        create_problems(have)
    from django.db import connection

    if connection.vendor == "postgresql":
        # As autovacuum would after a bulk load; the planner needs the search expressions' stats.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE problems_problem")


def create_problems(have: int) -> None:
    from django.utils import timezone

    from vendorwatch.problems.models import Problem
    from vendorwatch.sla.models import SlaPolicy
    from vendorwatch.sla.tests.factory import make_policy
    from vendorwatch.testing.factory import make_provider

    policy = SlaPolicy.objects.filter(name="SLA Bench").first() or make_policy(
        name="SLA Bench", provider=make_provider(name="Bench Systemhaus GmbH")
    )
    version = policy.latest_version
    priorities = list(version.priorities.all())
    states = ["on_track", "at_risk", "breached", "paused", "met"]
    now = timezone.now()
    print(f"creating {TOTAL - have} problems …", flush=True)
    batch = []
    for n in range(have, TOTAL):
        priority = priorities[n % len(priorities)]
        reported = now - timedelta(minutes=17 * n)
        state = states[n % len(states)]
        batch.append(
            Problem(
                title=f"Störung {n}: {'Drucker' if n % 7 == 0 else 'Server'} antwortet nicht",
                what_happened="…",
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
                state=state,
                is_open=state != "met",
                breached=state == "breached",
                breached_at=reported + timedelta(hours=2) if state == "breached" else None,
                response_due=reported + timedelta(hours=1),
                resolution_due=reported + timedelta(hours=8),
                next_due=reported + timedelta(hours=8) if state != "met" else None,
            )
        )
        if len(batch) == 5000:
            Problem.objects.bulk_create(batch)
            batch = []
    Problem.objects.bulk_create(batch)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self) -> int:
        return self.count


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def measure() -> int:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    user = User.objects.filter(username="bench").first()
    client.force_login(user or make_user(Role.EDITOR, username="bench"))
    failed = False
    query_counts: dict[int, dict[str, int]] = {}
    for size in (25, 100):
        settings.PAGE_SIZE = size
        query_counts[size] = {}
        timings: list[float] = []
        print(f"page size {size}:")
        for query in QUERIES:
            url = "/problems/" + query
            # Counted by a wrapper: CaptureQueriesContext reads a log that stops growing when full.
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                response = client.get(url)  # also the warm-up
            assert response.status_code == 200, (url, response.status_code)
            assert response.resolver_match.url_name == "problems-list"
            query_counts[size][query] = len(queries)
            own: list[float] = []
            for _ in range(REQUESTS):
                started = time.perf_counter()
                client.get(url)
                own.append((time.perf_counter() - started) * 1000)
            timings += own
            print(
                f"  {url:36s} p50 {statistics.median(own):6.1f} ms  p95 {p95(own):6.1f} ms"
                f"  {len(queries):2d} queries"
            )
        overall = p95(timings)
        print(
            f"  all {len(timings)} requests: p50 {statistics.median(timings):.1f} ms,"
            f" p95 {overall:.1f} ms, max {max(timings):.1f} ms"
        )
        failed = failed or overall > LIMIT_MS
    if query_counts[25] != query_counts[100]:
        print("FAIL: the number of queries depends on the page size")
        failed = True
    else:
        print("queries per request are the same for page sizes 25 and 100")
    print("FAIL" if failed else "OK", f"(limit p95 ≤ {LIMIT_MS:.0f} ms over {TOTAL} problems)")
    return 1 if failed else 0


def main() -> int:
    configure()
    from django.db import connection

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    populate()
    return measure()


if __name__ == "__main__":
    sys.exit(main())
