"""Tests of a data migration: the database at the migration before it, then after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Target = list[tuple[str, str]]


@contextmanager
def between_migrations(before: Target, after: Target) -> Iterator[tuple[Any, Callable[[], Any]]]:
    """Yield the models as they were at ``before`` and a function that migrates to ``after``
    and returns the models then; at the end the database goes back to the latest migrations.
    Needs a transactional database (``transactional_db``)."""
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps

    def run() -> Any:
        forward = MigrationExecutor(connection)
        forward.migrate(after)
        return forward.loader.project_state(after).apps

    try:
        yield apps, run
    finally:
        latest = MigrationExecutor(connection)
        latest.migrate(latest.loader.graph.leaf_nodes())
