"""Writing many staged tickets fast: one chunk of columns per call, no model instances.

SQLite gets a plain ``executemany`` INSERT, PostgreSQL a ``COPY … FROM STDIN``. Instants come
in as epoch seconds and are written the way Django itself writes an aware datetime to that
database (SQLite: UTC text ``YYYY-MM-DD HH:MM:SS``, which sorts and compares like Django's own
values), so the ORM reads them back as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def instants(epoch: I64) -> list[str | None]:
    """Epoch seconds as this database's datetime literal; None where MISSING."""
    missing = epoch == MISSING
    moments = np.where(missing, 0, epoch).astype("datetime64[s]")
    values: list[Any]
    if connection.vendor == "postgresql":
        # ISO 8601 with its "Z": PostgreSQL reads it as UTC whatever the session's zone.
        values = np.datetime_as_string(moments, unit="s", timezone="UTC").tolist()
    else:
        # "2026-01-05T08:00:00" -> "2026-01-05 08:00:00", as Django writes it for SQLite
        # (the text is compared as text there); by the byte, faster than str.replace.
        text = np.datetime_as_string(moments, unit="s").astype("S19")
        raw = text.view(np.uint8).reshape(-1, 19).copy()
        raw[:, 10] = ord(" ")
        values = raw.view("S19").ravel().astype("U19").tolist()
    for position in np.flatnonzero(missing).tolist():
        values[position] = None
    return values


def optional_ints(values: I64) -> list[int | None]:
    result: list[int | None] = values.tolist()
    for position in np.flatnonzero(values == MISSING).tolist():
        result[position] = None
    return result


def verdicts(values: I8) -> list[bool | None]:
    """1 -> True, 0 -> False, -1 -> None."""
    lookup: tuple[bool | None, ...] = (False, True, None)
    return [lookup[v] for v in values.tolist()]


def insert_tickets(columns: dict[str, Sequence[Any]]) -> int:
    """Insert one chunk (every name of TICKET_COLUMNS -> a list of equal length); call it
    inside a transaction. Returns the number of rows written."""
    if not columns["ticket_id"]:
        return 0
    if connection.vendor == "postgresql":
        rows = list(zip(*(columns[name] for name in TICKET_COLUMNS), strict=True))
        names = ", ".join(connection.ops.quote_name(name) for name in TICKET_COLUMNS)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table()} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return len(rows)
    # The same job, provider and "not current" in every row: written once into the SQL.
    fixed = {"provider_id": int(columns["provider_id"][0]), "job_id": int(columns["job_id"][0])}
    varying = [name for name in TICKET_COLUMNS if name not in (*fixed, "current")]
    rows = list(zip(*(columns[name] for name in varying), strict=True))
    names = ", ".join(connection.ops.quote_name(name) for name in (*fixed, "current", *varying))
    values = ", ".join([*(str(v) for v in fixed.values()), "0", *(["%s"] * len(varying))])
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table()} ({names}) VALUES ({values})", rows)
    return len(rows)


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


def count_known(job_id: int, provider_id: int) -> int:
    """How many of the job's tickets are current for the provider already (= updates)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table()} WHERE provider_id = %s AND current = %s LIMIT 1",
            [provider_id, True],
        )
        if cursor.fetchone() is None:
            return 0  # the provider's first import
        cursor.execute(
            f"""SELECT COUNT(*) FROM {table()} staged WHERE staged.job_id = %s AND EXISTS (
                SELECT 1 FROM {table()} known{_by_ticket_id()} WHERE known.provider_id = %s
                AND known.ticket_id = staged.ticket_id AND known.current = %s)""",
            [job_id, provider_id, True],
        )
        return int(cursor.fetchone()[0])


def make_current(job_id: int, provider_id: int) -> tuple[int, int]:
    """Inside a transaction: the job's rows become current, the provider's earlier rows of
    the same tickets not. Returns (tickets that were current already, rows of the job)."""
    replaced = _execute(
        f"""UPDATE {table()} SET current = %s WHERE provider_id = %s AND current = %s
            AND ticket_id IN (SELECT ticket_id FROM {table()} WHERE job_id = %s)""",
        [False, provider_id, True, job_id],
    )
    if connection.vendor == "sqlite":
        # In the order the rows were written (each chunk sorted by creation): the index on
        # (provider, current, created) then changes page by page, not all over the place.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MIN(id), MAX(id) FROM {table()} WHERE job_id = %s", [job_id])
            first, last = cursor.fetchone()
        total = _execute(
            f"UPDATE {table()} NOT INDEXED SET current = %s "
            "WHERE id BETWEEN %s AND %s AND job_id = %s",
            [True, first or 0, last or 0, job_id],
        )
    else:
        total = _execute(f"UPDATE {table()} SET current = %s WHERE job_id = %s", [True, job_id])
    return replaced, total


def restore_previous(job_id: int, provider_id: int, done_state: str) -> int:
    """Inside a transaction, before the job's rows are deleted: for each of its tickets that
    is current, the latest row of an earlier completed import becomes current again."""
    return _execute(
        f"""UPDATE {table()} SET current = %s WHERE id IN (
            SELECT id FROM (
                SELECT earlier.id, ROW_NUMBER() OVER (
                    PARTITION BY earlier.ticket_id
                    ORDER BY job.committed_at DESC, job.id DESC
                ) AS position
                FROM {table()} earlier JOIN {_jobs_table()} job ON job.id = earlier.job_id
                WHERE earlier.provider_id = %s AND job.state = %s AND earlier.job_id <> %s
                AND earlier.ticket_id IN (
                    SELECT ticket_id FROM {table()} WHERE job_id = %s AND current = %s)
            ) ranked WHERE position = 1
        )""",
        [True, provider_id, done_state, job_id, job_id, True],
    )
