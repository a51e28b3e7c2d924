"""The dashboard shows what is next: upcoming due times in order, overdue ones on their own.

Service hours Mo–Fr 08–17 (Bavaria); it is Wednesday 25.11.2026 16:50.
- Six old problems (P2, 1 business hour to respond) reported Monday 23.11. from 09:00 on, a
  minute apart, never answered: overdue since Monday 10:00, 10:01, …
- "Drucker" (P2) reported today 16:00: response due today 17:00.
- "VPN" (P3, 4 business hours) reported today 16:45: 15 minutes today and 3:45 h tomorrow,
  due Thursday 26.11.2026 11:45.
- "Scanner" (P2) reported today 15:50, waiting on us from 15:55: 5 minutes used, so if work
  resumed now its 55 minutes left would end Thursday 08:45; paused, never overdue.
"""

from datetime import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from vendorwatch.problems import dashboard
from vendorwatch.problems.dashboard import problems_panel
from vendorwatch.problems.models import EventKind
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import make_policy

pytestmark = pytest.mark.django_db
NOW = "2026-11-25 16:50+01:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def problems(time_machine):
    time_machine.move_to(NOW, tick=False)
    policy = make_policy()
    for minute in range(6):
        make_problem(f"2026-11-23 09:{minute:02d}+01:00", sla_policy=policy, title=f"Alt {minute}")
    make_problem("2026-11-25 16:45+01:00", sla_policy=policy, title="VPN", impact="medium")
    make_problem("2026-11-25 16:00+01:00", sla_policy=policy, title="Drucker")
    scanner = make_problem("2026-11-25 15:50+01:00", sla_policy=policy, title="Scanner")
    add_event(scanner, EventKind.WAITING_ON_US, "2026-11-25 15:55+01:00")


def panel(user):
    request = RequestFactory().get("/")
    request.user = user
    context = problems_panel(request)
    assert context is not None
    return context


def test_next_due_lists_the_upcoming_due_times_in_order(editor, problems) -> None:
    upcoming = panel(editor)["upcoming"]
    assert [(row["problem"].title, row["due"]) for row in upcoming] == [
        ("Drucker", at("2026-11-25 17:00+01:00")),
        ("Scanner", at("2026-11-26 08:45+01:00")),
        ("VPN", at("2026-11-26 11:45+01:00")),
    ]


def test_overdue_problems_are_listed_on_their_own_oldest_first(editor, problems) -> None:
    context = panel(editor)
    overdue = [(row["problem"].title, row["due"]) for row in context["overdue"]]
    assert overdue == [(f"Alt {m}", at(f"2026-11-23 10:{m:02d}+01:00")) for m in range(5)]
    assert context["overdue_count"] == 6


def test_a_paused_problem_is_never_overdue(editor, problems, time_machine) -> None:
    time_machine.move_to("2026-11-30 09:00+01:00", tick=False)  # its stored due has passed
    context = panel(editor)
    assert "Scanner" not in [row["problem"].title for row in context["overdue"]]


def test_the_page_marks_overdue_ones_and_links_to_all_of_them(client, editor, problems) -> None:
    client.force_login(editor)
    page = client.get("/").content.decode()
    upcoming = page[page.index('data-list="upcoming"') : page.index('data-list="overdue"')]
    overdue = page[page.index('data-list="overdue"') :]
    assert upcoming.index("Drucker") < upcoming.index("VPN") and "Alt" not in upcoming
    assert "überfällig seit 23.11.2026 10:00" in overdue
    assert "Alle 6 überfälligen Störungen" in overdue


def test_without_anything_due_the_panel_says_so(client, editor, time_machine) -> None:
    time_machine.move_to(NOW, tick=False)
    client.force_login(editor)
    page = client.get("/").content.decode()
    assert "Nichts ist fällig." in page and 'data-list="overdue"' not in page


def test_an_overdue_row_has_no_empty_slot_between_separators(client, editor, problems) -> None:
    client.force_login(editor)
    page = client.get("/").content.decode()
    overdue = page[page.index('data-list="overdue"') :]
    assert "überfällig seit 23.11.2026 10:00</strong> · Reaktion ·" in overdue
    assert "·  ·" not in overdue


def test_the_panel_needs_the_same_queries_for_ten_times_more_problems(editor, time_machine):
    time_machine.move_to(NOW, tick=False)
    policy = make_policy()
    panel(editor)  # the user's permissions are read once and kept
    counts = []
    for have, more in ((0, 3), (3, 27)):
        for n in range(have, have + more):
            make_problem(f"2026-11-2{3 + n % 3} 09:{n:02d}+01:00", sla_policy=policy)
        with CaptureQueriesContext(connection) as queries:
            panel(editor)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_many_overdue_problems_are_counted_up_to_a_limit(client, editor, problems, monkeypatch):
    monkeypatch.setattr(dashboard, "COUNT_LIMIT", 5)
    client.force_login(editor)
    page = client.get("/").content.decode()
    assert "Mehr als 5 überfällige Störungen" in page
