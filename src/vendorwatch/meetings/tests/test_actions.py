"""Action items and open questions on their own pages: add, show, change, close, reopen."""

from __future__ import annotations

from datetime import date

import pytest

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.meetings.models import ActionItem, Meeting
from vendorwatch.meetings.tests.factory import make_action, make_meeting
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import longest_text, make_contact, make_provider

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "kind": "action",
        "title": "Angebot für neue Firewall einholen",
        "side": "ours",
        "due_date": "30.04.2026",
    }
    data.update(overrides)
    return data


def test_an_action_item_is_added_for_a_problem(client, editor):
    problem = make_problem()
    client.force_login(editor)
    response = client.post(
        f"/actions/new/?problem={problem.pk}", form_data(owner=editor.pk, problem=problem.pk)
    )
    action = ActionItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/problems/{problem.pk}/"
    assert (action.problem, action.provider, action.owner) == (problem, problem.provider, editor)


def test_the_form_for_a_contract_starts_with_the_contract(client, editor):
    contract = make_contract()
    client.force_login(editor)
    response = client.get(f"/actions/new/?contract={contract.pk}")
    assert response.context["form"].initial["contract"] == contract.pk


def test_the_provider_is_asked_first_when_nothing_names_it(client, editor):
    make_provider(), make_provider()
    client.force_login(editor)
    response = client.get("/actions/new/")
    assert response.templates[0].name == "meetings/action_provider.html"


def test_an_absurd_due_date_is_refused_with_a_clear_message(client, editor):
    provider = make_provider()
    client.force_login(editor)
    response = client.post(
        f"/actions/new/?provider={provider.pk}", form_data(due_date="31.12.9999")
    )
    assert response.status_code == 200
    assert "Bitte ein Datum zwischen 01.01.1900 und 31.12.2199" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_a_text_of_ten_thousand_characters_is_refused(client, editor):
    provider = make_provider()
    client.force_login(editor)
    response = client.post(f"/actions/new/?provider={provider.pk}", form_data(details="x" * 10_000))
    assert "details" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_a_contact_of_another_provider_is_refused(client, editor):
    provider = make_provider()
    stranger = make_contact(make_provider())
    client.force_login(editor)
    response = client.post(
        f"/actions/new/?provider={provider.pk}", form_data(side="provider", contact=stranger.pk)
    )
    assert "contact" in response.context["form"].errors


def test_only_the_person_of_the_responsible_side_is_kept(client, editor):
    provider = make_provider()
    contact = make_contact(provider)
    client.force_login(editor)
    client.post(
        f"/actions/new/?provider={provider.pk}",
        form_data(side="provider", contact=contact.pk, owner=editor.pk),
    )
    action = ActionItem.objects.get()
    assert (action.contact, action.owner) == (contact, None)


def test_an_item_cannot_be_added_to_a_meeting_with_approved_minutes(client, editor):
    meeting = make_meeting(minutes_status=Meeting.Minutes.APPROVED)
    client.force_login(editor)
    client.post(f"/actions/new/?meeting={meeting.pk}", form_data())
    assert not ActionItem.objects.exists()


def test_closing_as_done_keeps_the_answer(client, editor):
    action = make_action()
    client.force_login(editor)
    client.post(f"/actions/{action.pk}/close/", {"outcome": "done", "answer": "Erledigt am Montag"})
    action.refresh_from_db()
    assert action.status == "done" and action.answer == "Erledigt am Montag"
    assert action.closed_at is not None


def test_dropping_needs_a_reason(client, editor):
    action = make_action()
    client.force_login(editor)
    response = client.post(f"/actions/{action.pk}/close/", {"outcome": "dropped"})
    assert "reason" in response.context["form"].errors
    action.refresh_from_db()
    assert action.is_open


def test_a_closed_item_can_be_reopened(client, editor):
    action = make_action(status="dropped", dropped_reason="Nicht mehr nötig")
    client.force_login(editor)
    client.post(f"/actions/{action.pk}/reopen/")
    action.refresh_from_db()
    assert action.is_open and action.dropped_reason == "" and action.closed_at is None


def test_an_item_is_changed(client, editor):
    action = make_action()
    client.force_login(editor)
    client.post(f"/actions/{action.pk}/edit/", form_data(title="Neuer Titel"))
    action.refresh_from_db()
    assert action.title == "Neuer Titel"


def test_a_stored_absurd_item_shows_on_the_list_and_its_page(client, viewer):
    action = make_action(title=longest_text(ActionItem, "title"), due_date=date(9999, 12, 31))
    client.force_login(viewer)
    listing = client.get("/actions/?status=all")
    detail = client.get(f"/actions/{action.pk}/")
    assert listing.status_code == detail.status_code == 200
    assert "31.12.9999" in listing.content.decode() and "31.12.9999" in detail.content.decode()


def test_the_problem_page_shows_its_action_items(client, viewer):
    problem = make_problem()
    make_action(problem.provider, problem=problem, title="Drucker tauschen")
    client.force_login(viewer)
    page = client.get(f"/problems/{problem.pk}/").content.decode()
    assert "Drucker tauschen" in page
    assert f"/actions/new/?problem={problem.pk}" not in page  # a viewer cannot add


def test_the_problem_page_offers_to_add_an_action_item(client, editor):
    problem = make_problem()
    client.force_login(editor)
    page = client.get(f"/problems/{problem.pk}/").content.decode()
    assert f"/actions/new/?problem={problem.pk}" in page


def test_the_contract_page_shows_its_action_items(client, editor):
    contract = make_contract()
    make_action(contract.provider, contract=contract, title="Preise nachverhandeln")
    client.force_login(editor)
    page = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "Preise nachverhandeln" in page and f"/actions/new/?contract={contract.pk}" in page


@pytest.mark.parametrize(
    "path",
    [
        "/actions/new/?provider={provider}",
        "/actions/{pk}/edit/",
        "/actions/{pk}/close/",
        "/actions/{pk}/reopen/",
    ],
)
def test_a_viewer_cannot_change_action_items(client, viewer, path):
    action = make_action(status="done")
    client.force_login(viewer)
    response = client.post(
        path.format(pk=action.pk, provider=action.provider_id), form_data(outcome="done")
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "done" and ActionItem.objects.count() == 1


@pytest.fixture
def approved_action():
    """An action item raised in a meeting whose minutes are approved."""
    meeting = make_meeting(minutes_status=Meeting.Minutes.APPROVED)
    return make_action(meeting=meeting, title="Firewall-Regeln prüfen")


def test_an_item_of_approved_minutes_is_not_changed(client, editor, approved_action):
    client.force_login(editor)
    client.post(f"/actions/{approved_action.pk}/edit/", form_data(title="Nachträglich geändert"))
    approved_action.refresh_from_db()
    assert approved_action.title == "Firewall-Regeln prüfen"


def test_changing_an_item_of_approved_minutes_says_why_it_is_refused(
    client, editor, approved_action
):
    client.force_login(editor)
    response = client.get(f"/actions/{approved_action.pk}/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/actions/{approved_action.pk}/"
    assert "Teil eines freigegebenen Protokolls" in response.content.decode()


def test_the_page_of_an_item_of_approved_minutes_offers_no_edit_button(
    client, editor, approved_action
):
    client.force_login(editor)
    page = client.get(f"/actions/{approved_action.pk}/").content.decode()
    assert f"/actions/{approved_action.pk}/edit/" not in page


def test_an_item_of_approved_minutes_can_still_be_closed(client, editor, approved_action):
    client.force_login(editor)
    client.post(f"/actions/{approved_action.pk}/close/", {"outcome": "done"})
    approved_action.refresh_from_db()
    assert approved_action.status == "done"


def test_an_item_of_approved_minutes_can_still_be_reopened(client, editor):
    meeting = make_meeting(minutes_status=Meeting.Minutes.APPROVED)
    action = make_action(meeting=meeting, status="done")
    client.force_login(editor)
    client.post(f"/actions/{action.pk}/reopen/")
    action.refresh_from_db()
    assert action.is_open


def test_an_item_of_minutes_under_correction_can_be_changed(client, editor):
    meeting = make_meeting(minutes_status=Meeting.Minutes.DRAFT, revision=2)
    action = make_action(meeting=meeting)
    client.force_login(editor)
    client.post(f"/actions/{action.pk}/edit/", form_data(title="Berichtigt"))
    action.refresh_from_db()
    assert action.title == "Berichtigt"


def test_the_form_for_a_meeting_with_approved_minutes_is_refused_with_a_message(client, editor):
    meeting = make_meeting(minutes_status=Meeting.Minutes.APPROVED)
    client.force_login(editor)
    response = client.get(f"/actions/new/?meeting={meeting.pk}", follow=True)
    assert response.redirect_chain[-1][0] == f"/meetings/{meeting.pk}/minutes/"
    assert "freigegeben und gesperrt" in response.content.decode()
