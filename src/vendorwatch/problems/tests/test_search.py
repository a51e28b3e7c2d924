"""The search: the same substrings on both databases, indexed on both (FTS5 on SQLite)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vendorwatch.problems.listing import SEARCH_TABLE
from vendorwatch.problems.services import problem_update
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy

sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="the full-text table exists on SQLite only"
)


@pytest.fixture
def problems(db, time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    policy = make_policy()
    return {
        title: make_problem(sla_policy=policy, title=title, provider_ticket_number=ticket)
        for title, ticket in (
            ("Netzwerkdrucker im Lager STÖRT", "INC-4711"),
            ("Übertragung zur Kasse bricht ab", "INC-0815"),
            ('Fehler "50%" beim Backup', ""),
        )
    }


def found(client, query: str) -> set[str]:
    response = client.get("/problems/", {"q": query})
    assert response.status_code == 200
    return {problem.title for problem in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("drucker", "Netzwerkdrucker im Lager STÖRT"),
        ("stört", "Netzwerkdrucker im Lager STÖRT"),
        ("ÜBERTRAGUNG", "Übertragung zur Kasse bricht ab"),
        ("zur kasse", "Übertragung zur Kasse bricht ab"),
        ("inc-47", "Netzwerkdrucker im Lager STÖRT"),
        ('"50%"', 'Fehler "50%" beim Backup'),
    ],
)
def test_the_search_finds_a_part_of_a_title_or_ticket_number_in_any_case(
    client, editor, problems, query, title
) -> None:
    client.force_login(editor)
    assert found(client, query) == {title}


def test_a_short_search_finds_substrings_too(client, editor, problems) -> None:
    client.force_login(editor)
    assert found(client, "ka") == {"Übertragung zur Kasse bricht ab"}


@pytest.mark.parametrize(
    "query",
    ['""x', 'a"b', "Drucker*", "NOT OR AND", "(", "NEAR(a b)", "%%x", "_", "'", "\x00x", "title:x"],
)
def test_search_syntax_characters_are_searched_as_text(client, editor, problems, query) -> None:
    client.force_login(editor)
    assert found(client, query) == set()


def test_a_changed_title_is_found_by_its_new_words_only(client, editor, problems) -> None:
    problem = problems["Übertragung zur Kasse bricht ab"]
    problem.title = "Kartenleser meldet Fehler"
    problem_update(problem=problem)
    client.force_login(editor)
    assert found(client, "kartenleser") == {"Kartenleser meldet Fehler"}
    assert found(client, "Übertragung") == set()


def test_a_deleted_problem_is_no_longer_found(client, editor, problems) -> None:
    problems["Übertragung zur Kasse bricht ab"].delete()
    client.force_login(editor)
    assert found(client, "kasse") == set()


@sqlite_only
def test_on_sqlite_the_search_reads_the_full_text_table(client, editor, problems) -> None:
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        found(client, "drucker")
    assert any(f"{SEARCH_TABLE} MATCH" in query["sql"] for query in queries)


@sqlite_only
def test_the_full_text_triggers_survive_every_migration(db) -> None:
    # A later migration that rebuilds the problems table on SQLite drops its triggers.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            ["problems_problem"],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {f"{SEARCH_TABLE}_{kind}" for kind in ("insert", "update", "delete")} <= names


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="trigram indexes of 0002")
def test_on_postgresql_the_search_can_use_the_trigram_index(db) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'problems_problem'"
            " AND indexname LIKE '%%trgm'"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "problem_title_trgm",
            "problem_ticket_number_trgm",
        }
