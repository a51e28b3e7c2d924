"""The one list of action items, open questions and the contract reviews' follow-up items."""

from __future__ import annotations

from datetime import date

import pytest

from vendorwatch.contracts.models import FollowUp
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.meetings.action_forms import open_counts
from vendorwatch.meetings.tests.factory import make_action
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(time_machine):
    time_machine.move_to("2026-03-10 12:00+01:00", tick=False)
    return date(2026, 3, 10)


def titles(client, query=""):
    response = client.get(f"/actions/{query}")
    assert response.status_code == 200
    return [
        row.item.title if not row.is_follow_up else row.item.text
        for row in response.context["rows"]
    ]


def test_mine_lists_only_the_users_own_items(client, editor, today):
    make_action(title="Meins", owner=editor)
    make_action(title="Fremd")
    client.force_login(editor)
    assert titles(client, "?who=mine") == ["Meins"]


def test_ours_and_the_providers_are_told_apart(client, editor, today):
    make_action(title="Unseres", side="ours")
    make_action(title="Dienstleister", side="provider")
    client.force_login(editor)
    assert titles(client, "?who=ours") == ["Unseres"]
    assert titles(client, "?who=provider") == ["Dienstleister"]


def test_overdue_lists_only_open_items_past_their_due_date(client, editor, today):
    make_action(title="Überfällig", due_date=date(2026, 3, 1))
    make_action(title="Später", due_date=date(2026, 4, 1))
    make_action(title="Erledigt", due_date=date(2026, 3, 1), status="done")
    client.force_login(editor)
    assert titles(client, "?overdue=on") == ["Überfällig"]


def test_by_provider(client, editor, today):
    provider = make_provider()
    make_action(provider, title="Dieser")
    make_action(title="Anderer")
    client.force_login(editor)
    assert titles(client, f"?provider={provider.pk}") == ["Dieser"]


def test_overdue_items_come_first(client, editor, today):
    make_action(title="Bald", due_date=date(2026, 3, 12))
    make_action(title="Überfällig", due_date=date(2026, 3, 9))
    client.force_login(editor)
    assert titles(client) == ["Überfällig", "Bald"]


def test_open_is_the_default_and_all_shows_the_closed_ones_too(client, editor, today):
    make_action(title="Offen")
    make_action(title="Erledigt", status="done")
    client.force_login(editor)
    assert titles(client) == ["Offen"]
    assert sorted(titles(client, "?status=all")) == ["Erledigt", "Offen"]


def test_questions_are_told_from_action_items(client, editor, today):
    make_action(title="Frage", kind="question")
    make_action(title="Aufgabe", kind="action")
    client.force_login(editor)
    assert titles(client, "?kind=question") == ["Frage"]


def test_follow_ups_of_contract_reviews_appear_in_the_list(client, editor, today):
    contract = make_contract()
    FollowUp.objects.create(contract=contract, text="Kündigung prüfen", due_date=date(2026, 3, 1))
    make_action(title="Aufgabe", due_date=date(2026, 3, 5))
    client.force_login(editor)
    response = client.get("/actions/")
    assert titles(client) == ["Kündigung prüfen", "Aufgabe"]
    assert f"/contracts/follow-ups/{FollowUp.objects.get().pk}/done/" in response.content.decode()
    assert titles(client, "?kind=follow_up") == ["Kündigung prüfen"]
    assert titles(client, "?who=provider") == []


def test_unknown_filter_values_fall_back_to_the_default(client, editor, today):
    make_action(title="Offen")
    client.force_login(editor)
    assert titles(client, "?who=x&status=y&provider=99999999999999999999&kind=z") == ["Offen"]


def test_an_empty_list_says_so(client, editor, today):
    client.force_login(editor)
    assert "Nichts ist offen" in client.get("/actions/").content.decode()


def test_the_counts_for_the_dashboard(editor, today):
    make_action(owner=editor, due_date=date(2026, 3, 1))
    make_action(side="provider")
    FollowUp.objects.create(contract=make_contract(), text="Prüfen")
    assert open_counts(editor, today) == {"open": 3, "overdue": 1, "mine": 1}


def test_the_list_pages_with_a_fixed_number_of_queries(
    client, editor, today, django_assert_max_num_queries, settings
):
    for number in range(30):
        make_action(title=f"Aufgabe {number}")
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        response = client.get("/actions/?page=2")
    assert len(response.context["rows"]) == 30 - settings.PAGE_SIZE
