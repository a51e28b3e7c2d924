"""Workflows of the problem log: report, record events, keep the clock columns current."""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from vendorwatch.core import businesstime as bt
from vendorwatch.jobs.forked import processes_for, run_shared
from vendorwatch.problems.clock import (
    UNCOMPUTABLE,
    Clocked,
    ClockInput,
    ClockSummary,
    EngineCache,
    computable,
    next_checks,
    summarise,
    summarise_many,
    timeline,
    uncomputable,
)
from vendorwatch.problems.models import (
    Attachment,
    ClockState,
    EscalationRule,
    EventEdit,
    EventKind,
    Problem,
    ProblemEvent,
)
from vendorwatch.web.uploads import upload_store

logger = logging.getLogger(__name__)

CLOCK_FIELDS = [
    "status",
    "is_open",
    "state",
    "response_state",
    "resolution_state",
    "response_due",
    "resolution_due",
    "next_due",
    "breached",
    "breached_at",
    "clock_refreshed_at",
    "clock_check_at",
]


def problem_assign_priority(problem: Problem) -> None:
    """SLA version valid when the problem was reported, and the priority its matrix gives;
    none of them without an SLA."""
    policy = problem.sla_policy
    version = policy.version_at(problem.reported_to_provider_at) if policy else None
    problem.sla_version = version
    problem.priority = version.priority_for(problem.impact, problem.urgency) if version else None
    problem.priority_rank = problem.priority.rank if problem.priority else 99


def problem_clock(
    *, problem: Problem, now: datetime | None = None, cache: EngineCache | None = None
) -> tuple[ClockSummary, bt.TicketSla | None, bt.SlaPolicy | None, bt.Ticket]:
    """The live clocks of one problem (nothing is saved).

    A record the engine cannot compute gives the state "cannot be computed" (logged with the
    reason) instead of an error, so that one bad record never takes a page or the job down.
    """
    now = now or timezone.now()
    events = list(problem.events.all())
    line = timeline(
        created=problem.reported_to_provider_at,
        priority=problem.priority.code if problem.priority else "",
        events=events,
        now=now,
    )
    version = problem.sla_version
    if not computable(reported=problem.reported_to_provider_at, events=events, version=version):
        logger.info("Problem #%s: a stored time or its SLA version is implausible", problem.pk)
        return uncomputable(line), None, None, line.ticket
    try:
        policy = None
        if version is not None and problem.priority is not None:
            policy = (cache or EngineCache()).policy(version)
        summary, sla = summarise(policy=policy, line=line, now=now)
    except UNCOMPUTABLE:
        logger.info("Problem #%s: its SLA clocks cannot be computed", problem.pk, exc_info=True)
        return uncomputable(line), None, None, line.ticket
    return summary, sla, policy, line.ticket


def problem_refresh(
    *, problem: Problem, now: datetime | None = None, cache: EngineCache | None = None
) -> ClockSummary:
    """Recompute the clocks and store what the list shows; returns the summary.

    The periodic job looks at the problem at its next run (an event can start a new round of
    the escalation ladder, or a rule can be due at once).
    """
    now = now or timezone.now()
    summary, _sla, _policy, _ticket = problem_clock(problem=problem, now=now, cache=cache)
    _warn_when_uncomputable(problem.pk, summary, problem.state)
    clock_fields_set(problem, summary, now)
    problem.clock_check_at = now if summary.is_open and summary.state != ClockState.NO_SLA else None
    problem.save(update_fields=CLOCK_FIELDS)
    return summary


def _warn_when_uncomputable(pk: int, summary: ClockSummary, stored_state: str) -> None:
    if summary.state == ClockState.INVALID and stored_state != ClockState.INVALID:
        # Once, when it happens: the job looks at the record again and again.
        logger.warning("Problem #%s: its SLA clocks cannot be computed, please check", pk)


def clock_fields_set(problem: Problem, summary: ClockSummary, now: datetime) -> None:
    """Put the clocks' results into the columns the list shows (nothing is saved)."""
    for field, value in clock_values(summary, now).items():
        setattr(problem, field, value)


def clock_values(summary: ClockSummary, now: datetime) -> dict[str, Any]:
    return {**dict(zip(ROW_FIELDS, clock_row(summary), strict=True)), "clock_refreshed_at": now}


# The columns :func:`clock_row` gives, in its order (CLOCK_FIELDS up to the two clock_ ones).
ROW_FIELDS = CLOCK_FIELDS[:10]


def clock_row(summary: ClockSummary) -> tuple[Any, ...]:
    """The clocks' results in the order of ``ROW_FIELDS``."""
    response, resolution = summary.response, summary.resolution
    running = [r.due for r in (response, resolution) if r is not None and r.stop is None]
    breached = [r.due for r in (response, resolution) if r is not None and r.state is BREACHED]
    return (
        summary.status,
        summary.is_open,
        summary.state,
        str(response.state.value) if response else "",
        str(resolution.state.value) if resolution else "",
        response.due if response else None,
        resolution.due if resolution else None,
        min(running) if running else None,
        bool(breached),
        min(breached) if breached else None,
    )


BREACHED = bt.SlaState.BREACHED


@transaction.atomic
def problem_create(*, problem: Problem, user: Any) -> Problem:
    """Save a new problem with its "reported" event and its clocks."""
    problem.reporter = user if getattr(user, "pk", None) else None
    problem_assign_priority(problem)
    problem.save()
    ProblemEvent.objects.create(
        problem=problem,
        kind=EventKind.REPORTED,
        occurred_at=problem.reported_to_provider_at,
        text=problem.get_channel_display(),
        author=problem.reporter,
    )
    problem_refresh(problem=problem)
    return problem


@transaction.atomic
def problem_update(*, problem: Problem) -> Problem:
    problem_assign_priority(problem)
    problem.save()
    problem.events.filter(kind=EventKind.REPORTED).update(
        occurred_at=problem.reported_to_provider_at
    )
    problem_refresh(problem=problem)
    return problem


@transaction.atomic
def problem_event_add(
    *, problem: Problem, kind: str, occurred_at: datetime, text: str = "", user: Any = None
) -> ProblemEvent:
    event = ProblemEvent.objects.create(
        problem=problem,
        kind=kind,
        occurred_at=occurred_at,
        text=text,
        author=user if getattr(user, "pk", None) else None,
    )
    problem_refresh(problem=problem)
    return event


@transaction.atomic
def problem_event_change(
    *, event: ProblemEvent, occurred_at: datetime, text: str, reason: str, user: Any
) -> ProblemEvent:
    """Change an event; a changed time is recorded with its reason."""
    # Read the stored time: a model form has already put the new one on ``event``.
    old = ProblemEvent.objects.filter(pk=event.pk).values_list("occurred_at", flat=True).get()
    if occurred_at != old:
        EventEdit.objects.create(
            event=event,
            old_occurred_at=old,
            new_occurred_at=occurred_at,
            reason=reason,
            user=user if getattr(user, "pk", None) else None,
        )
    event.occurred_at = occurred_at
    event.text = text
    event.save(update_fields=["occurred_at", "text"])
    problem_refresh(problem=event.problem)
    return event


STALE_CHUNK = 500
BATCH = 2000

# What the job is given to apply the escalation ladder to a batch: it applies the rules that
# are due and answers, per problem and clock, the business seconds at which a rule not yet
# applied fires (``clock.next_checks`` turns them into instants).
Ladder = Callable[[list[Clocked], datetime], dict[int, dict[bt.TargetKind, list[int]]]]


def problems_refresh_open(*, now: datetime, ladder: Ladder | None = None) -> int:
    """Refresh the clocks of the open problems that can have changed by ``now``; the job
    calls this (with the escalation ladder). Returns how many were refreshed.

    Only problems whose ``clock_check_at`` has come are computed: a clock reaching its at-risk
    share, its target or an escalation threshold, a paused clock, an event not seen by the job
    yet. They are read, computed and written a batch at a time, so a pass over every open
    problem holds one batch in memory per process; with more batches than one, each processor
    core computes every n-th batch (:mod:`vendorwatch.jobs.forked`). Closed problems marked
    for it (``clock_refreshed_at`` empty, after a fix of the clock rules) are computed again
    as well, a chunk per run.
    """
    cache = EngineCache()
    with_rules = set(EscalationRule.objects.values_list("policy_id", flat=True))
    due = {"clock_check_at__lte": now}
    stale = {"clock_refreshed_at__isnull": True, "is_open": False}
    refreshed = 0
    for which, limit in ((due, None), (stale, STALE_CHUNK)):
        ids = Problem.objects.filter(**which).order_by("id").values_list("id", flat=True)
        chosen = list(ids[:limit])
        batches = [chosen[first : first + BATCH] for first in range(0, len(chosen), BATCH)]

        def share(mine: list[list[int]]) -> dict[str, int]:
            before = getattr(ladder, "applied", 0)
            done = 0
            # More than a batch: each is written while the next one is computed.
            with _writer(now, alongside=len(mine) > 1) as write:
                for batch in mine:
                    done += _refresh_batch(batch, now, cache, ladder, with_rules, write)
            return {"refreshed": done, "applied": getattr(ladder, "applied", 0) - before}

        figures = run_shared(batches, share, processes=processes_for(len(batches)))
        refreshed += sum(f["refreshed"] for f in figures)
        if ladder is not None and hasattr(ladder, "applied"):
            # The first share ran in this process: its rules are counted already.
            ladder.applied += sum(f["applied"] for f in figures[1:])
    return refreshed


Write = Callable[[list[tuple[Any, ...]]], None]


@contextmanager
def _writer(now: datetime, *, alongside: bool) -> Iterator[Write]:
    """Where a batch's clocks go: written at once, or (``alongside``, and outside a
    transaction, which another connection would not see) by a thread with a connection of its
    own, so that the database writes one batch while Python computes the next. The statements
    are made here, the thread only runs them; at most one batch waits. The block ends when
    everything is written, and a failed write is raised."""
    if not alongside or connection.in_atomic_block:
        yield lambda values: problems_write_clocks(values, now)
        return
    waiting: queue.Queue[list[Statement] | None] = queue.Queue(maxsize=1)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            while (statements := waiting.get()) is not None:
                if not failed:
                    try:
                        run_statements(statements)
                    except BaseException as error:  # raised in the job
                        failed.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="clock-writer", daemon=True)
    thread.start()
    try:
        yield lambda values: waiting.put(write_statements(values, now))
    finally:
        waiting.put(None)
        thread.join()
    if failed:
        raise failed[0]


class EventRow(NamedTuple):
    problem_id: int
    pk: int
    kind: str
    occurred_at: datetime


PROBLEM_COLUMNS = (
    "id",
    "reported_to_provider_at",
    "priority__code",
    "sla_version_id",
    "sla_policy_id",
    "state",
    "clock_refreshed_at",
)


def _refresh_batch(
    ids: list[int],
    now: datetime,
    cache: EngineCache,
    ladder: Ladder | None,
    with_rules: set[int],
    write: Write,
) -> int:
    batch = of_ids(Problem.objects.order_by(), "id", ids)
    rows = fetch(batch, PROBLEM_COLUMNS, (1,), (6,))
    events: dict[int, list[EventRow]] = {row[0]: [] for row in rows}
    # In the order the clocks read them, so that each problem's are sorted already.
    of_problems = of_ids(ProblemEvent.objects.all(), "problem_id", ids).order_by(
        "problem_id", "occurred_at", "id"
    )
    # The time as read (text on SQLite), made a datetime here: one pass over the rows.
    parse = _from_text if connection.vendor == "sqlite" else _same
    for problem_id, pk, kind, occurred in fetch(
        of_problems, ("problem_id", "id", "kind", "occurred_at"), (), (3,)
    ):
        events[problem_id].append(EventRow(problem_id, pk, kind, parse(occurred)))
    versions = cache.versions({row[3] for row in rows if row[3] is not None})
    items = [
        ClockInput(
            pk=pk,
            reported=reported,
            priority=code,
            version=versions.get(version_id) if version_id is not None else None,
            policy_id=policy_id,
            events=events[pk],
        )
        for pk, reported, code, version_id, policy_id, _state, _refreshed in rows
    ]
    clocked = summarise_many(items, now=now, cache=cache)
    marks = ladder(clocked, now) if ladder is not None else {}
    checks = next_checks(clocked, now=now, ladder=marks)
    if ladder is None:
        # Rules not looked at: the job (with the ladder) looks at these at its next run.
        for item in clocked:
            running = any(result.stop is None for result in item.summary.results)
            if item.policy_id in with_rules and item.summary.is_open and running:
                checks[item.pk] = now
    stored = {row[0]: (row[5], row[6]) for row in rows}
    values = []
    for item in clocked:
        state, refreshed = stored[item.pk]
        _warn_when_uncomputable(item.pk, item.summary, state)
        check = checks[item.pk] if item.summary.state != ClockState.NO_SLA else None
        values.append((item.pk, refreshed, *clock_row(item.summary), check))
    write(values)
    return len(values)


def of_ids(queryset: QuerySet[Any], column: str, ids: list[int]) -> QuerySet[Any]:
    """The rows whose ``column`` is one of ``ids``, written into the SQL as numbers: building
    the same condition as a lookup costs more than the query for a batch of thousands."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    listed = ",".join(str(int(pk)) for pk in ids) or "NULL"
    return queryset.extra(where=[f"{table}.{connection.ops.quote_name(column)} IN ({listed})"])


def _read_sql(
    queryset: QuerySet[Any], fields: tuple[str, ...], as_text: tuple[int, ...]
) -> tuple[str, Any, bool]:
    """The SQL of ``values_list(*fields)``; on SQLite the times at ``as_text`` are read as the
    stored text: the sqlite3 module's converter (a regular expression per value) and Django's
    own cost more than the work done with the rows."""
    sqlite = connection.vendor == "sqlite"
    if sqlite and as_text:
        texts = {f"t{i}": Cast(fields[i], TextField()) for i in as_text}
        queryset = queryset.annotate(**texts)
        fields = tuple(f"t{i}" if f"t{i}" in texts else f for i, f in enumerate(fields))
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    return sql, params, sqlite


def _with_instants(rows: list[tuple[Any, ...]], instants: tuple[int, ...]) -> list[tuple[Any, ...]]:
    """SQLite's rows with the stored text at ``instants`` turned into aware datetimes."""
    if not instants:
        return rows
    first, end = instants[0], instants[-1] + 1
    if instants == tuple(range(first, end)):  # side by side: sliced, not value by value
        return [row[:first] + tuple(map(_utc, row[first:end])) + row[end:] for row in rows]
    return [
        tuple(_utc(value) if i in instants else value for i, value in enumerate(row))
        for row in rows
    ]


def fetch(
    queryset: QuerySet[Any],
    fields: tuple[str, ...],
    instants: tuple[int, ...],
    tokens: tuple[int, ...] = (),
) -> list[tuple[Any, ...]]:
    """Rows as tuples, read by the database cursor: Django's per-value converters cost more
    than the clocks themselves on a pass over many problems. The times at the positions
    ``instants`` come as aware datetimes; those at ``tokens`` as the database gives them
    (on SQLite the stored text), to be handed back unchanged in a comparison."""
    sql, params, sqlite = _read_sql(queryset, fields, (*instants, *tokens))
    rows: list[tuple[Any, ...]]
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return _with_instants(rows, instants)
    with _binary_cursor() as cursor:
        cursor.execute(sql, params, binary=True)
        rows = cursor.fetchall()
    return rows


def stream(
    queryset: QuerySet[Any], fields: tuple[str, ...], instants: tuple[int, ...], chunk: int
) -> Iterator[list[tuple[Any, ...]]]:
    """Like :func:`fetch`, a chunk of rows at a time, for as many rows as there are: on
    PostgreSQL from a cursor on the server (binary), so memory does not grow with the rows."""
    sql, params, sqlite = _read_sql(queryset, fields, instants)
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(chunk):
                yield _with_instants(rows, instants)
        return
    connection.ensure_connection()
    name = f"stream_{secrets.token_hex(6)}"
    # WITH HOLD: a streamed response is read after the view's transaction (if any) ended.
    with (
        connection.wrap_database_errors,
        connection.connection.cursor(name, binary=True, withhold=True) as cursor,
    ):
        cursor.itersize = chunk
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield rows


def _utc(value: str | None) -> datetime | None:
    return None if value is None else _from_text(value)


def _from_text(value: str) -> datetime:
    """A time SQLite stores (text in UTC without a zone) as an aware datetime (parsed with
    the zone: several times faster than setting it afterwards with ``replace``)."""
    return datetime.fromisoformat(value + "+00:00")


def _same(value: datetime) -> datetime:
    return value


def _as_stored(value: datetime | None) -> str | None:
    """A time as SQLite stores it: text in UTC without a zone, as Django writes it."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return str(value)[:-6]  # without "+00:00"


def problems_write_clocks(values: list[tuple[Any, ...]], now: datetime) -> None:
    """Store computed clocks: rows of (id, the ``clock_refreshed_at`` read, the ``ROW_FIELDS``
    values, ``clock_check_at``), ``clock_refreshed_at`` set to ``now``.

    A row is written only if its ``clock_refreshed_at`` is still the one read: a problem that
    got an event while the batch was computed keeps what that event stored.
    """
    run_statements(write_statements(values, now))


Statement = tuple[str, list[Any]]


def run_statements(statements: list[Statement]) -> None:
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
        return
    with _binary_cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)


def write_statements(values: list[tuple[Any, ...]], now: datetime) -> list[Statement]:
    """The UPDATEs that store ``values`` (see :func:`problems_write_clocks`), one per chunk."""
    if connection.vendor == "postgresql":
        return _write_arrays(values, now)
    return _write_rows(values, now)


def _write_rows(values: list[tuple[Any, ...]], now: datetime) -> list[Statement]:
    """SQLite: the chunk's rows as a list of values joined with the table."""
    quote = connection.ops.quote_name
    table = quote(Problem._meta.db_table)
    names = ["id", "old", *ROW_FIELDS, "clock_check_at"]
    assign = ", ".join(f"{quote(c)} = v.{quote(c)}" for c in names[2:])
    stored_now = connection.ops.adapt_datetimefield_value(now)
    at = _as_stored
    statements = []
    for first in range(0, len(values), WRITE_CHUNK):
        chunk = values[first : first + WRITE_CHUNK]
        params: list[Any] = []
        for row in chunk:
            params += (*row[:7], at(row[7]), at(row[8]), at(row[9]), row[10], at(row[11]))
            params.append(at(row[12]))
        params.append(stored_now)  # the values come first in the statement
        listed = ", ".join(["(" + ", ".join(["%s"] * len(names)) + ")"] * len(chunk))
        sql = (
            f"WITH v({', '.join(quote(n) for n in names)}) AS (VALUES {listed}) "
            f"UPDATE {table} SET {assign}, clock_refreshed_at = %s FROM v "
            f"WHERE {table}.id = v.id AND {table}.clock_refreshed_at IS v.old"
        )
        statements.append((sql, params))
    return statements


def _write_arrays(values: list[tuple[Any, ...]], now: datetime) -> list[Statement]:
    """PostgreSQL: the chunk's new values as one array per column, joined with the table."""
    quote = connection.ops.quote_name
    table = quote(Problem._meta.db_table)
    columns = [*ROW_FIELDS, "clock_check_at"]
    types = [Problem._meta.get_field(c).db_type(connection) for c in columns]
    names = ["id", "old", *columns]
    types = [Problem._meta.pk.rel_db_type(connection), types[-1], *types]
    arrays = ", ".join(f"%b::{kind}[]" for kind in types)
    assign = ", ".join(f"{quote(c)} = v.{quote(c)}" for c in columns)
    sql = (
        f"UPDATE {table} SET {assign}, clock_refreshed_at = %b "
        f"FROM unnest({arrays}) AS v({', '.join(quote(n) for n in names)}) "
        f"WHERE {table}.id = v.id AND {table}.clock_refreshed_at IS NOT DISTINCT FROM v.old"
    )
    return [
        (
            sql,
            [
                now,
                *(
                    list(column)
                    for column in zip(*values[first : first + WRITE_CHUNK], strict=True)
                ),
            ],
        )
        for first in range(0, len(values), WRITE_CHUNK)
    ]


@contextmanager
def _binary_cursor() -> Iterator[Any]:
    """A PostgreSQL cursor that binds its parameters on the server and reads and writes the
    binary format (``%b``): Django's cursor writes every value into the SQL text, which for
    a batch of thousands costs more than the clocks."""
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        yield cursor


WRITE_CHUNK = 1000


def problem_report(*, problem: Problem, user: Any, uploads: Iterable[Any] = ()) -> Problem:
    """Record a new problem (:func:`problem_create`) with the files chosen on the form.

    All or nothing: if a file cannot be stored, the problem is not recorded either, and the
    files already written are removed again, so that no file is left without its record.
    """
    attached: list[Attachment] = []
    try:
        with transaction.atomic():
            problem_create(problem=problem, user=user)
            for upload in uploads:
                attached.append(attachment_add(problem=problem, upload=upload, user=user))
    except BaseException:
        for attachment in attached:
            attachment.file.delete(save=False)
        # Not recorded: the form can be shown again as for a new problem.
        problem.pk = None
        problem._state.adding = True
        raise
    return problem


def attachment_add(*, problem: Problem, upload: Any, user: Any) -> Attachment:
    """Store the file and its record; a file whose record cannot be saved is removed."""
    attachment = Attachment(problem=problem, token=secrets.token_hex(16))
    return upload_store(attachment, upload, user, default_name="datei")
