"""The list goes on from the last problem shown; the count stops at a limit."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vendorwatch.problems import listing
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_user


@pytest.fixture
def policy(db, time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    return make_policy()


def add_problems(policy, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        make_problem(f"2026-11-20 {8 + n // 60:02d}:{n % 60:02d}+01:00", sla_policy=policy)


def titles_of(page) -> list[int]:
    return [problem.pk for problem in page.context["page"].object_list]


# Up to the count limit the matches are sorted in Python, beyond it by the database.
both_ways = pytest.mark.parametrize("limit", [1000, 2])


@both_ways
def test_the_next_and_previous_pages_follow_on_without_gaps(
    client, editor, policy, settings, monkeypatch, limit
) -> None:
    monkeypatch.setattr(listing, "COUNT_LIMIT", limit)
    add_problems(policy, 7)
    settings.PAGE_SIZE = 3
    client.force_login(editor)
    first = client.get("/problems/?sort=oldest")
    second = client.get(f"/problems/?sort=oldest&after={first.context['page'].next_after}")
    third = client.get(f"/problems/?sort=oldest&after={second.context['page'].next_after}")
    back = client.get(f"/problems/?sort=oldest&before={third.context['page'].previous_before}")
    seen = titles_of(first) + titles_of(second) + titles_of(third)
    assert seen == sorted(seen) and len(set(seen)) == 7
    assert not third.context["page"].has_next
    assert titles_of(back) == titles_of(second)


@both_ways
def test_the_pages_of_a_mixed_sort_follow_on(
    client, editor, policy, settings, monkeypatch, limit
) -> None:
    monkeypatch.setattr(listing, "COUNT_LIMIT", limit)
    add_problems(policy, 5)
    make_problem("2026-11-20 07:00+01:00", sla_policy=policy, impact="low", urgency="low")
    settings.PAGE_SIZE = 2
    client.force_login(editor)
    seen, url = [], "/problems/?sort=priority"
    for _ in range(3):
        page = client.get(url)
        seen += titles_of(page)
        url = f"/problems/?sort=priority&after={page.context['page'].next_after}"
    assert len(set(seen)) == 6 and not page.context["page"].has_next


def test_the_page_links_keep_the_filter(client, editor, policy, settings) -> None:
    add_problems(policy, 3)
    settings.PAGE_SIZE = 1
    client.force_login(editor)
    page = client.get("/problems/?open=yes").content.decode()
    assert re.search(r'href="\?open=yes&amp;after=\d+" rel="next"', page)


def test_the_count_says_more_than_beyond_the_limit(
    client, editor, policy, settings, monkeypatch
) -> None:
    add_problems(policy, 4)
    monkeypatch.setattr(listing, "COUNT_LIMIT", 3)
    client.force_login(editor)
    response = client.get("/problems/")
    assert response.context["page"].more_than_count
    assert "Mehr als 3 Probleme" in response.content.decode()


def test_the_count_is_exact_below_the_limit(client, editor, policy) -> None:
    add_problems(policy, 4)
    client.force_login(editor)
    assert "4 Probleme" in client.get("/problems/").content.decode()


def test_every_user_can_be_chosen_as_reporter_without_reading_the_problems(
    client, editor, policy
) -> None:
    add_problems(policy, 1)
    make_user(username="lena", first_name="Lena", last_name="Öztürk")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/problems/").content.decode()
    assert "Lena Öztürk" in page
    reporters = [q["sql"] for q in queries if 'FROM "auth_user"' in q["sql"]]
    assert reporters and all("problems_problem" not in sql for sql in reporters)


@pytest.mark.parametrize(
    "query",
    ["", "?q=Drucker", "?q=dr", "?state=breached&sort=due", "?sort=priority&open=yes"],
)
def test_the_query_count_is_the_same_for_ten_times_more_problems(
    client, editor, policy, settings, monkeypatch, query
) -> None:
    # 4 problems are sorted as a set of their own, 40 along the index: the same queries.
    monkeypatch.setattr(listing, "COUNT_LIMIT", 10)
    settings.PAGE_SIZE = 2
    client.force_login(editor)
    client.get("/problems/")  # what a server process reads once is read
    counts = []
    for have, more in ((0, 4), (4, 36)):
        add_problems(policy, more, start=have)
        with CaptureQueriesContext(connection) as queries:
            first = client.get(f"/problems/{query}")
        next_after = first.context["page"].next_after
        with CaptureQueriesContext(connection) as later:
            client.get(f"/problems/{query or '?'}{'&' if query else ''}after={next_after}")
        counts.append((len(queries), len(later)))
    assert counts[0] == counts[1]
