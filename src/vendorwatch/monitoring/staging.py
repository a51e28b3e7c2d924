"""Writing many staged tickets fast: one chunk of columns per call, no model instances.

SQLite gets INSERTs of a thousand rows each, PostgreSQL a ``COPY … FROM STDIN`` of CSV.
Rows are written current (see the models' docstring). Instants come in as epoch seconds and
are written the way Django itself writes an aware datetime to that database (SQLite: UTC
text ``YYYY-MM-DD HH:MM:SS``, which sorts and compares like Django's own values), so the ORM
reads them back as usual. The set-based steps of commit
and undo are here too.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from vendorwatch.core.businesstime import MISSING
from vendorwatch.monitoring.models import ExternalTicket

I64 = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]

TICKET_COLUMNS: tuple[str, ...] = (
    "provider_id",
    "job_id",
    "current",
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
    "sla_version_id",
    "response_due",
    "response_seconds",
    "response_met",
    "resolution_due",
    "resolution_seconds",
    "resolution_met",
    "provider_met",
    "provider_response_met",
    "provider_resolution_met",
    "provider_verdict",
    "disagrees",
)


def table() -> str:
    return ExternalTicket._meta.db_table


def instants(epoch: I64) -> list[Any]:
    """Epoch seconds as insert_tickets takes them; None where MISSING.

    PostgreSQL: ISO 8601 text with its "Z" (read as UTC whatever the session's zone).
    SQLite: the number itself; the INSERT turns it into Django's text form there.
    """
    if connection.vendor != "postgresql":
        return optional_ints(epoch)
    missing = epoch == MISSING
    moments = np.where(missing, 0, epoch).astype("datetime64[s]")
    values: list[Any] = np.datetime_as_string(moments, unit="s", timezone="UTC").tolist()
    for position in np.flatnonzero(missing).tolist():
        values[position] = None
    return values


def optional_ints(values: I64) -> list[int | None]:
    result: list[int | None] = values.tolist()
    for position in np.flatnonzero(values == MISSING).tolist():
        result[position] = None
    return result


_VERDICTS = np.array([False, True, None], dtype=object)


def verdicts(values: I8) -> list[bool | None]:
    """1 -> True, 0 -> False, -1 -> None (the last entry, as NumPy counts -1)."""
    result: list[bool | None] = _VERDICTS[values].tolist()
    return result


ROWS_PER_INSERT = 1000
DATETIME_COLUMNS = frozenset(
    ("created", "first_response", "resolved", "updated", "response_due", "resolution_due")
)
SQLITE_CACHE_KB = 64 * 1024

# Text columns that are never NULL: in PostgreSQL's CSV an empty unquoted field would be.
TEXT_COLUMNS = ("ticket_id", "title", "category", "status", "priority_value", "provider_verdict")


def insert_tickets(columns: dict[str, Sequence[Any]]) -> int:
    """Insert one chunk (every name of TICKET_COLUMNS -> a list of equal length); call it
    inside a transaction. Returns the number of rows written.

    SQLite gets one INSERT per ROWS_PER_INSERT rows (``executemany`` costs three times as
    much, and it takes Python's global lock back after every row, so a writer thread would
    crawl while the next chunk is read); PostgreSQL the whole chunk as CSV through COPY.
    """
    count = len(columns["ticket_id"])
    if not count:
        return 0
    if connection.vendor == "postgresql":
        _copy(columns)
        return count
    # The same job, provider and "current" in every row: written once into the SQL.
    fixed = {"provider_id": int(columns["provider_id"][0]), "job_id": int(columns["job_id"][0])}
    varying = [name for name in TICKET_COLUMNS if name not in (*fixed, "current")]
    rows = list(zip(*(columns[name] for name in varying), strict=True))
    names = ", ".join(connection.ops.quote_name(name) for name in (*fixed, "current", *varying))
    # Instants come as epoch seconds; datetime() writes them as Django does for SQLite
    # ("2026-01-05 08:00:00" in UTC, compared as text), without a Python string for each.
    marks = ["datetime(?, 'unixepoch')" if name in DATETIME_COLUMNS else "?" for name in varying]
    one = "(" + ", ".join([*(str(v) for v in fixed.values()), "1", *marks]) + ")"
    raw = connection.connection
    # A larger page cache for this connection: with six indexes to keep up to date, the
    # default 2 MB re-reads index pages from the file all the time.
    raw.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
    per = max(
        1, min(ROWS_PER_INSERT, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(varying))
    )
    cursor = raw.cursor()
    try:
        for start in range(0, len(rows), per):
            part = rows[start : start + per]
            cursor.execute(
                f"INSERT INTO {table()} ({names}) VALUES {', '.join([one] * len(part))}",
                list(chain.from_iterable(part)),
            )
    finally:
        cursor.close()
    return count


def _copy(columns: dict[str, Sequence[Any]]) -> None:
    """PostgreSQL: the chunk as CSV (written by the csv module in one call) through COPY."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        zip(*(columns[name] for name in TICKET_COLUMNS), strict=True)
    )
    names = ", ".join(connection.ops.quote_name(name) for name in TICKET_COLUMNS)
    texts = ", ".join(connection.ops.quote_name(name) for name in TEXT_COLUMNS)
    sql = f"COPY {table()} ({names}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({texts}))"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(buffer.getvalue())


# --- set-based steps over a job's staged rows -----------------------------------------------


def _execute(sql: str, params: Sequence[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def _jobs_table() -> str:
    from vendorwatch.monitoring.models import ImportJob

    return ImportJob._meta.db_table


def delete_staged(job_id: int) -> int:
    """Remove every ticket row of the job (one statement, no model instances)."""
    return _execute(f"DELETE FROM {table()} WHERE job_id = %s", [job_id])


def drop_superseded(job_id: int, ticket_ids: Sequence[str], batch: int = 2000) -> int:
    """Keep one row per ticket id of ``ticket_ids`` in the job: the latest by ``updated``
    where the file has it (rows with it before rows without), else the later row. Returns
    how many went. Every row of one id is in the same batch, so each batch decides alone."""
    removed = 0
    for start in range(0, len(ticket_ids), batch):
        part = list(ticket_ids[start : start + batch])
        marks = ", ".join(["%s"] * len(part))
        removed += _execute(
            f"""DELETE FROM {table()} WHERE id IN (
                SELECT id FROM (
                    SELECT id, ROW_NUMBER() OVER (
                        PARTITION BY ticket_id
                        ORDER BY (CASE WHEN updated IS NULL THEN 1 ELSE 0 END), updated DESC,
                                 "row" DESC, id DESC
                    ) AS position
                    FROM {table()} WHERE job_id = %s AND ticket_id IN ({marks})
                ) ranked WHERE position > 1
            )""",
            [job_id, *part],
        )
    return removed


def check_constraints_now() -> None:
    """PostgreSQL: check this transaction's foreign keys at the end of each statement rather
    than at its commit (Django declares them deferred), so the last statement of a chunk,
    which locks the job's row, is quickly followed by the commit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def check_constraints_at_commit() -> None:
    """Back to Django's way (deferred) for whatever else the transaction does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def refresh_statistics() -> None:
    """PostgreSQL: let the planner know the table has just grown by a whole file, so that it
    counts and commits with the right plans (autovacuum would notice only later). SQLite
    needs no statistics: its statements name their index."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table()}")


def _by_ticket_id() -> str:
    """Without statistics SQLite would look a ticket up by (provider, current), that is read
    all the provider's current tickets for each one; (provider, ticket id) finds it at once."""
    return " INDEXED BY ticket_provider_id" if connection.vendor == "sqlite" else ""


def _completed() -> str:
    """SQL for the ids of the provider's completed imports (one parameter: the provider)."""
    return f"SELECT id FROM {_jobs_table()} WHERE provider_id = %s AND state = %s"


def _has_tickets_in_force(provider_id: int, done_state: str) -> bool:
    """Whether any ticket of the provider is in force: a look at each completed import
    (by the index on job and ticket id), not a read of a new import's current rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT 1 FROM {_jobs_table()} job WHERE job.provider_id = %s AND job.state = %s
                AND EXISTS (SELECT 1 FROM {table()} WHERE job_id = job.id AND current = %s)
                LIMIT 1""",
            [provider_id, done_state, True],
        )
        return cursor.fetchone() is not None


def _known(alias: str, newer: bool) -> str:
    """SQL: a completed import holds the ticket of row ``alias`` (in a newer version: one
    changed later by "last changed"). Parameters: provider, True, provider, done state."""
    later = f" AND known.updated > {alias}.updated" if newer else ""
    return f"""EXISTS (
        SELECT 1 FROM {table()} known{_by_ticket_id()} WHERE known.provider_id = %s
        AND known.ticket_id = {alias}.ticket_id AND known.current = %s
        AND known.job_id IN ({_completed()}){later})"""


def count_known(job_id: int, provider_id: int, done_state: str) -> tuple[int, int]:
    """Of the job's tickets, how many a completed import holds already (= updates), and how
    many of those in a newer version than the job's (they stay as they are)."""
    if not _has_tickets_in_force(provider_id, done_state):
        return 0, 0  # the provider's first import
    params: list[int | str | bool] = [job_id, provider_id, True, provider_id, done_state]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table()} staged WHERE staged.job_id = %s"
            f" AND {_known('staged', newer=False)}",
            params,
        )
        known = int(cursor.fetchone()[0])
        cursor.execute(
            f"SELECT COUNT(*) FROM {table()} staged WHERE staged.job_id = %s"
            f" AND {_known('staged', newer=True)}",
            params,
        )
        return known, int(cursor.fetchone()[0])


def make_current(job_id: int, provider_id: int, done_state: str) -> tuple[int, int]:
    """Inside the transaction that makes the job DONE (and before it does): of each of the
    job's tickets, the version in force becomes the job's row, unless a completed import
    holds a newer one (an older export imported after a newer one): then the job's row stops
    being current. The job's own rows are written current and need no pass over them.
    Returns (earlier rows replaced, rows of the job older than what was there)."""
    if not _has_tickets_in_force(provider_id, done_state):
        return 0, 0
    older = _execute(
        f"UPDATE {table()} SET current = %s WHERE job_id = %s AND current = %s"
        f" AND {_known(table(), newer=True)}",
        [False, job_id, True, provider_id, True, provider_id, done_state],
    )
    replaced = _execute(
        f"""UPDATE {table()} SET current = %s WHERE provider_id = %s AND current = %s
            AND job_id IN ({_completed()})
            AND ticket_id IN (
                SELECT ticket_id FROM {table()} WHERE job_id = %s AND current = %s)""",
        [False, provider_id, True, provider_id, done_state, job_id, True],
    )
    return replaced, older


def restore_previous(job_id: int, provider_id: int, done_state: str) -> int:
    """Inside a transaction, before the job's rows are deleted: for each of its tickets that
    is current, the latest version (by "last changed", then by commit) of an earlier
    completed import becomes current again."""
    return _execute(
        f"""UPDATE {table()} SET current = %s WHERE id IN (
            SELECT id FROM (
                SELECT earlier.id, ROW_NUMBER() OVER (
                    PARTITION BY earlier.ticket_id
                    ORDER BY (CASE WHEN earlier.updated IS NULL THEN 1 ELSE 0 END),
                             earlier.updated DESC, job.committed_at DESC, job.id DESC
                ) AS position
                FROM {table()} earlier JOIN {_jobs_table()} job ON job.id = earlier.job_id
                WHERE earlier.provider_id = %s AND job.state = %s AND earlier.job_id <> %s
                AND earlier.ticket_id IN (
                    SELECT ticket_id FROM {table()} WHERE job_id = %s AND current = %s)
            ) ranked WHERE position = 1
        )""",
        [True, provider_id, done_state, job_id, job_id, True],
    )
