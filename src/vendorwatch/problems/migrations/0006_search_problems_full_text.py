"""A full-text index for the problem list's search on SQLite.

PostgreSQL serves the search with the trigram indexes of 0002. SQLite gets an FTS5 table with
the trigram tokenizer over the same columns (title, provider's ticket number), so that a search
of three or more characters finds substrings exactly as before, case-insensitively also for
umlauts, without reading every problem. The table holds no copy of the texts (external
content); triggers keep it in step with every insert, change and deletion.
"""

from django.db import migrations

TABLE = "problems_problem"
SEARCH = "problems_problem_search"
COLUMNS = ("title", "provider_ticket_number")


def _values(row: str) -> str:
    return ", ".join(f"{row}.{column}" for column in COLUMNS)


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    columns = ", ".join(COLUMNS)
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {SEARCH} USING fts5({columns}, content='{TABLE}', "
        f"content_rowid='id', tokenize='trigram')"
    )
    add = f"INSERT INTO {SEARCH}(rowid, {columns}) VALUES (new.id, {_values('new')});"
    remove = (
        f"INSERT INTO {SEARCH}({SEARCH}, rowid, {columns}) "
        f"VALUES ('delete', old.id, {_values('old')});"
    )
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in COLUMNS)
    schema_editor.execute(f"CREATE TRIGGER {SEARCH}_insert AFTER INSERT ON {TABLE} BEGIN {add} END")
    schema_editor.execute(
        f"CREATE TRIGGER {SEARCH}_delete AFTER DELETE ON {TABLE} BEGIN {remove} END"
    )
    # Only a changed text is indexed again: the clock job rewrites problems every minute.
    schema_editor.execute(
        f"CREATE TRIGGER {SEARCH}_update AFTER UPDATE OF {columns} ON {TABLE} "
        f"WHEN {changed} BEGIN {remove} {add} END"
    )
    schema_editor.execute(f"INSERT INTO {SEARCH}({SEARCH}) VALUES ('rebuild')")


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {SEARCH}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {SEARCH}")


class Migration(migrations.Migration):
    dependencies = [("problems", "0005_fill_clock_refresh_of_closed_problems")]

    operations = [migrations.RunPython(create_search, drop_search, elidable=False)]
