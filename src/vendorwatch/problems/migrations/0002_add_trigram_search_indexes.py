"""Trigram indexes for the problem list's search on PostgreSQL.

The search is ``icontains``, which Django writes as ``UPPER("col"::text) LIKE UPPER(%s)`` on
PostgreSQL; a B-tree cannot serve a pattern with a leading ``%``, a GIN trigram index on the
same expression can. SQLite has no such index and scans fast enough, so it gets nothing.
"""

from django.db import migrations

TABLE = "problems_problem"
INDEXES = {
    "problem_title_trgm": "title",
    "problem_ticket_number_trgm": "provider_ticket_number",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )
    # Statistics for the indexed expressions: without them the planner guesses a handful of
    # matches and sorts every hit instead of walking the date index until a page is full.
    schema_editor.execute(f'ANALYZE "{TABLE}"')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other tables or a later migration may use it, and it costs nothing.
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_create_problem_log")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
