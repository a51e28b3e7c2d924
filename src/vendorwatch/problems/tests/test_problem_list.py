import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy


@pytest.fixture
def problems(db, time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    policy = make_policy()
    rows = [
        make_problem("2026-11-23 09:00+01:00", sla_policy=policy, title=f"Störung {n}")
        for n in range(6)
    ]
    make_problem(
        "2026-11-23 11:59+01:00",
        sla_policy=policy,
        title="Neuer Drucker",
        impact="low",
        urgency="low",
    )
    return rows


def test_it_lists_problems_with_their_state(client, editor, problems) -> None:
    client.force_login(editor)
    response = client.get("/problems/")
    assert response.status_code == 200
    assert "Neuer Drucker" in response.content.decode()


def test_it_filters_by_state(client, editor, problems) -> None:
    client.force_login(editor)
    page = client.get("/problems/?state=breached").content.decode()
    assert "Störung 1" in page and "Neuer Drucker" not in page


def test_it_searches_the_title(client, editor, problems) -> None:
    client.force_login(editor)
    page = client.get("/problems/?q=drucker").content.decode()
    assert "Neuer Drucker" in page and "Störung 1" not in page


def test_the_query_count_does_not_grow_with_the_page_size(
    client, editor, problems, settings
) -> None:
    client.force_login(editor)
    client.get("/problems/")  # what a server process reads once is read
    counts = []
    for size in (2, 6):
        settings.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as queries:
            client.get("/problems/?sort=priority")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def in_english(client, settings) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_an_empty_list_says_so(client, editor, settings) -> None:
    client.force_login(editor)
    in_english(client, settings)
    page = client.get("/problems/").content.decode()
    assert "No problems recorded yet." in page
    assert "<table" not in page


def test_a_filter_without_matches_says_so(client, editor, problems, settings) -> None:
    client.force_login(editor)
    in_english(client, settings)
    page = client.get("/problems/?q=Kaffeemaschine").content.decode()
    assert "No problem matches this filter." in page


@pytest.mark.parametrize(
    "query",
    [
        "q=²",
        "q=%23²",
        "q=١٢",
        "after=²",
        "before=٣",
        "after=-1",
        "after=99999999999999999999999",
        "provider=²",
        "service=١",
        "reporter=99999999999999999999",
        "priority=²",
        "priority=70000",
        "breached=²&open=²&state=²&sort=²",
    ],
)
def test_numbers_in_the_query_are_read_strictly(client, editor, problems, query) -> None:
    client.force_login(editor)
    assert client.get(f"/problems/?{query}").status_code == 200


@pytest.mark.parametrize("query", ["q=²", "provider=²", "priority=١"])
def test_the_exports_read_numbers_strictly(client, editor, problems, query) -> None:
    client.force_login(editor)
    response = client.get(f"/problems/export.csv?{query}")
    assert response.status_code == 200 and b"".join(response.streaming_content)


def test_a_number_in_the_search_finds_the_problem_with_that_number(
    client, editor, problems
) -> None:
    client.force_login(editor)
    page = client.get(f"/problems/?q=%23{problems[2].pk}").content.decode()
    assert "Störung 2" in page and "Störung 3" not in page


@pytest.mark.parametrize("query", ["after=٣", "before=²", "after=99999999999999999999", "after=0"])
def test_a_strange_starting_point_shows_the_first_page(
    client, editor, problems, settings, query
) -> None:
    settings.PAGE_SIZE = 2
    client.force_login(editor)
    response = client.get(f"/problems/?{query}")
    assert response.context["page"].is_first
