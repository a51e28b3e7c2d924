"""The facts of a termination: for cause what happened and when (§ 314 BGB), notes only for an
ordinary one; a withdrawn termination is read-only; a viewer changes nothing."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import make_termination

pytestmark = pytest.mark.django_db


def for_cause(**fields) -> Termination:
    return make_termination(kind=Termination.Kind.FOR_CAUSE, **fields)


def url(termination: Termination) -> str:
    return reverse("termination-edit", args=[termination.pk])


FACTS = {
    "reason": "Seit 01.10.2026 keine Datensicherung, trotz drei Meldungen.",
    "learned_on": "02.11.2026",
    "remedy_deadline": "17.11.2026",
    "remedied_on": "",
    "effective_date": "30.11.2026",
    "notes": "Anwalt informiert.",
}


def test_the_facts_of_a_termination_for_cause_are_saved(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    response = client.post(url(termination), FACTS)
    assert response["Location"] == reverse("termination-detail", args=[termination.pk])
    termination.refresh_from_db()
    assert termination.learned_on == date(2026, 11, 2)
    assert termination.remedy_deadline == date(2026, 11, 17)
    assert termination.effective_date == date(2026, 11, 30)
    assert termination.reason.startswith("Seit 01.10.2026")


def test_an_ordinary_termination_has_notes_only(client: Client, editor) -> None:
    termination = make_termination()
    client.force_login(editor)
    text = client.get(url(termination)).content.decode()
    assert 'name="notes"' in text
    assert 'name="reason"' not in text
    client.post(url(termination), {**FACTS, "notes": "Nur eine Notiz."})
    termination.refresh_from_db()
    assert (termination.notes, termination.learned_on) == ("Nur eine Notiz.", None)


def test_a_dispensable_warning_needs_its_reason(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    response = client.post(url(termination), {**FACTS, "warning_dispensable": "on"})
    assert "Bitte begründen Sie, warum eine Abmahnung entbehrlich ist" in response.text
    termination.refresh_from_db()
    assert not termination.warning_dispensable


def test_a_dispensable_warning_with_its_reason_is_saved(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    data = {**FACTS, "warning_dispensable": "on", "dispensable_reason": "Leistung verweigert."}
    client.post(url(termination), data)
    termination.refresh_from_db()
    assert termination.warning_dispensable


def test_the_deadline_to_remedy_cannot_be_before_learning_of_the_reason(
    client: Client, editor
) -> None:
    termination = for_cause()
    client.force_login(editor)
    response = client.post(url(termination), {**FACTS, "remedy_deadline": "01.11.2026"})
    assert "Die Frist zur Abhilfe kann nicht vor dem Tag liegen" in response.text


def test_the_message_in_english(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    client.cookies["vendorwatch_language"] = "en"
    response = client.post(url(termination), {**FACTS, "remedy_deadline": "01.11.2026"})
    assert "The deadline to remedy cannot be before the day you learned" in response.text


def test_a_remedy_before_learning_of_the_breach_is_refused(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    response = client.post(url(termination), {**FACTS, "remedied_on": "01.11.2026"})
    assert response.status_code == 200
    termination.refresh_from_db()
    assert termination.remedied_on is None


def test_a_date_in_the_year_9999_is_refused(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    response = client.post(url(termination), {**FACTS, "effective_date": "31.12.9999"})
    assert response.status_code == 200
    termination.refresh_from_db()
    assert termination.effective_date is None


def test_a_reason_longer_than_5000_characters_is_refused(client: Client, editor) -> None:
    termination = for_cause()
    client.force_login(editor)
    response = client.post(url(termination), {**FACTS, "reason": "x" * 5_001})
    assert response.status_code == 200
    termination.refresh_from_db()
    assert termination.reason == ""


def test_a_withdrawn_termination_is_read_only(client: Client, editor) -> None:
    termination = for_cause(status=Termination.Status.WITHDRAWN)
    client.force_login(editor)
    response = client.post(url(termination), FACTS)
    assert response["Location"] == reverse("termination-detail", args=[termination.pk])
    termination.refresh_from_db()
    assert termination.reason == ""


def test_a_viewer_can_neither_open_nor_post(client: Client, viewer) -> None:
    termination = for_cause()
    client.force_login(viewer)
    assert client.get(url(termination)).status_code == 403
    assert client.post(url(termination), FACTS).status_code == 403
    termination.refresh_from_db()
    assert termination.reason == ""


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(url(for_cause()))
    assert response["Location"].startswith("/login/")
