"""The minutes page asks the database as often with thirty agenda items as with three, and
does not list every open problem under every agenda item."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.meetings.models import ActionItem, AgendaItem, Decision, Meeting
from vendorwatch.meetings.tests.factory import make_action, make_meeting
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_contact

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    """The number of queries of the second request (the first warms up caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_items(meeting: Meeting, count: int, editor: Any) -> None:
    """Agenda items that each concern a problem and a contract, with a decision and an action
    item of our side and one of the provider's."""
    contact = make_contact(meeting.provider, name="Max Muster", role="Service desk")
    start = meeting.agenda_items.count()
    for n in range(start, start + count):
        problem = make_problem(provider=meeting.provider, title=f"Störung {n}")
        contract = make_contract(provider=meeting.provider, title=f"Vertrag {n}")
        item = AgendaItem.objects.create(
            meeting=meeting, position=n, title=f"Punkt {n}", problem=problem, contract=contract
        )
        Decision.objects.create(meeting=meeting, agenda_item=item, text=f"Beschluss {n}")
        make_action(meeting=meeting, agenda_item=item, owner=editor, problem=problem)
        make_action(
            meeting=meeting,
            agenda_item=item,
            side=ActionItem.Side.PROVIDER,
            contact=contact,
            contract=contract,
            due_date=date(2026, 4, 1),
        )


def test_the_minutes_page_asks_as_often_with_thirty_agenda_items_as_with_three(client, editor):
    meeting = make_meeting()
    client.force_login(editor)
    url = f"/meetings/{meeting.pk}/minutes/"
    add_items(meeting, 3, editor)
    few = queries(client, url)
    add_items(meeting, 27, editor)
    many = queries(client, url)
    assert many == few


def test_an_agenda_items_action_form_offers_only_that_items_problem(client, editor):
    meeting = make_meeting()
    add_items(meeting, 5, editor)
    client.force_login(editor)
    entries = client.get(f"/meetings/{meeting.pk}/minutes/").context["entries"]
    for entry in entries:
        offered = [value for value, _label in entry["action_form"].fields["problem"].choices]
        assert offered == ["", entry["item"].problem_id]


def test_the_general_action_form_offers_every_open_problem_of_the_provider(client, editor):
    meeting = make_meeting()
    add_items(meeting, 5, editor)
    client.force_login(editor)
    form = client.get(f"/meetings/{meeting.pk}/minutes/").context["general_action_form"]
    offered = {value for value, _label in form.fields["problem"].choices if value}
    assert offered == set(meeting.agenda_items.values_list("problem_id", flat=True))


def test_the_minutes_page_lists_each_problem_in_one_select_only(client, editor):
    meeting = make_meeting()
    add_items(meeting, 10, editor)
    client.force_login(editor)
    page = client.get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    # Its agenda item's form and the general form: not once per agenda item.
    problem = meeting.agenda_items.first().problem
    assert page.count(f">#{problem.pk} {problem.title}</option>") == 2


def test_an_agenda_item_without_a_problem_has_no_problem_field(client, editor):
    meeting = make_meeting()
    make_problem(provider=meeting.provider)
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Sonstiges")
    client.force_login(editor)
    page = client.get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert f'name="action-{item.pk}-problem"' not in page


def test_an_agenda_items_action_cannot_be_linked_to_another_problem(client, editor):
    meeting = make_meeting()
    add_items(meeting, 2, editor)
    first, second = meeting.agenda_items.order_by("position")
    client.force_login(editor)
    response = client.post(
        f"/meetings/{meeting.pk}/minutes/actions/new/",
        {
            "agenda_item": first.pk,
            f"action-{first.pk}-kind": "action",
            f"action-{first.pk}-title": "Falsch verknüpft",
            f"action-{first.pk}-side": "ours",
            f"action-{first.pk}-due_date": "17.03.2026",
            f"action-{first.pk}-problem": second.problem_id,
        },
    )
    assert response.status_code == 200
    assert "problem" in response.context["entries"][0]["action_form"].errors
    assert not ActionItem.objects.filter(title="Falsch verknüpft").exists()
