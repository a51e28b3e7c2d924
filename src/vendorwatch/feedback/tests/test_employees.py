"""The employees who are asked: the list, adding by pasted lines with a report of what was
refused, changing, deleting."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.feedback.models import Employee, SurveyResponse
from vendorwatch.feedback.tests.factory import (
    make_employee,
    make_response,
    make_round,
    make_survey,
)

pytestmark = pytest.mark.django_db
LIST = reverse("feedback-employees")
ADD = reverse("feedback-employee-add")


def url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def get(client: Client, user, address: str, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(address)
    assert response.status_code == 200
    return text_of(response)


def post(client: Client, user, address: str, data: dict | None = None, language: str = "en"):
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    return client.post(address, data or {}, follow=True)


# --- list ------------------------------------------------------------------------------------


def test_the_list_shows_name_address_and_whether_asked(client: Client, viewer) -> None:
    make_employee(name="Mia Müller", email="mia@example.com")
    make_employee(name="Ben Weg", email="ben@example.com", active=False)
    text = get(client, viewer, LIST)
    assert '<td class="notes">Mia Müller</td> <td class="notes">mia@example.com</td> ' in text
    assert "<td>yes</td>" in text and "<td>no</td>" in text
    assert "1 person is asked in surveys." in text


def test_the_list_explains_that_no_account_is_needed(client: Client, viewer) -> None:
    assert "They need no account" in get(client, viewer, LIST)


def test_the_list_is_paginated(client: Client, viewer) -> None:
    for number in range(51):
        make_employee(name=f"Person {number:02}", email=f"p{number}@example.com")
    assert "Page 1 of 2" in get(client, viewer, LIST)
    assert "Person 50" in get(client, viewer, LIST + "?page=2")


def test_a_viewer_sees_no_change_links(client: Client, viewer) -> None:
    employee = make_employee()
    text = get(client, viewer, LIST)
    assert ADD not in text
    assert url("feedback-employee-edit", employee.pk) not in text
    assert url("feedback-employee-delete", employee.pk) not in text


def test_a_name_of_200_characters_renders(client: Client, viewer) -> None:
    make_employee(name="x" * 200, email=f"{'y' * 60}@example.com")
    assert "yyyy" in get(client, viewer, LIST)


# --- add by pasting --------------------------------------------------------------------------


PASTED = (
    "Mia Müller <mia@example.com>\n"
    "\n"
    "kein-address\n"
    "Ben Bauer; ben@example.com\n"
    "MIA@example.com\n"
    "Lea Lang, lea@example.com\n"
    "nur@example.com\n"
)


def test_pasted_lines_in_every_form_are_added(client: Client, editor) -> None:
    post(client, editor, ADD, {"lines": PASTED})
    people = {(e.name, e.email) for e in Employee.objects.all()}
    assert people == {
        ("Mia Müller", "mia@example.com"),
        ("Ben Bauer", "ben@example.com"),
        ("Lea Lang", "lea@example.com"),
        ("", "nur@example.com"),
    }


def test_the_report_names_refused_lines_with_number_and_reason(client: Client, editor) -> None:
    text = text_of(post(client, editor, ADD, {"lines": PASTED}))
    assert "4 employees were added." in text
    assert "2 lines were not added:" in text
    assert "Line 3: “kein-address” – not a valid e-mail address" in text
    assert "Line 5: “MIA@example.com” – already on the list" in text


def test_refused_lines_come_back_into_the_box(client: Client, editor) -> None:
    content = post(client, editor, ADD, {"lines": PASTED}).content.decode()
    assert "kein-address\nMIA@example.com</textarea>" in content


def test_an_address_too_long_for_the_column_is_refused(client: Client, editor) -> None:
    long_address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".de"
    lines = f"ok@example.com\nLang <{long_address}>"
    text = text_of(post(client, editor, ADD, {"lines": lines}))
    assert "Line 2:" in text and "not a valid e-mail address" in text
    assert list(Employee.objects.values_list("email", flat=True)) == ["ok@example.com"]


def test_an_empty_paste_is_explained(client: Client, editor) -> None:
    text = text_of(post(client, editor, ADD, {"lines": ""}))
    assert "This field is required." in text


def test_a_viewer_cannot_add_employees(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert client.post(ADD, {"lines": "mia@example.com"}).status_code == 403
    assert not Employee.objects.exists()


# --- change ----------------------------------------------------------------------------------


def test_an_employee_is_changed(client: Client, editor) -> None:
    employee = make_employee(name="Mia", email="mia@example.com")
    data = {"name": "Mia Müller", "email": "mia.mueller@example.com"}
    post(client, editor, url("feedback-employee-edit", employee.pk), data)
    employee.refresh_from_db()
    assert (employee.name, employee.email, employee.active) == (
        "Mia Müller",
        "mia.mueller@example.com",
        False,
    )


def test_an_address_of_another_employee_is_refused_whatever_its_case(
    client: Client, editor
) -> None:
    make_employee(name="Ben", email="ben@example.com")
    employee = make_employee(email="mia@example.com")
    data = {"name": "Mia", "email": "BEN@Example.com", "active": "on"}
    text = text_of(post(client, editor, url("feedback-employee-edit", employee.pk), data))
    assert "This address is already on the list: Ben &lt;ben@example.com&gt;." in text
    employee.refresh_from_db()
    assert employee.email == "mia@example.com"


def test_the_own_address_in_another_case_is_kept(client: Client, editor) -> None:
    employee = make_employee(email="mia@example.com")
    data = {"name": "Mia", "email": "Mia@Example.com", "active": "on"}
    post(client, editor, url("feedback-employee-edit", employee.pk), data)
    employee.refresh_from_db()
    assert employee.email == "Mia@Example.com"


def test_a_viewer_cannot_change_an_employee(client: Client, viewer) -> None:
    employee = make_employee(email="mia@example.com")
    client.force_login(viewer)
    data = {"email": "neu@example.com", "active": "on"}
    assert client.post(url("feedback-employee-edit", employee.pk), data).status_code == 403


# --- delete ----------------------------------------------------------------------------------


def test_deleting_asks_first_and_says_answers_stay(client: Client, editor) -> None:
    employee = make_employee(email="mia@example.com")
    text = get(client, editor, url("feedback-employee-delete", employee.pk))
    assert "Answers they gave stay: answers never name a person." in text
    assert Employee.objects.exists()


def test_deleting_leaves_past_answers(client: Client, editor) -> None:
    employee = make_employee(email="person1@example.com")
    survey = make_survey()
    survey.recipients.set([employee])
    survey_round, _links = make_round(survey)
    make_response(survey_round, {})
    post(client, editor, url("feedback-employee-delete", employee.pk))
    assert not Employee.objects.exists()
    assert SurveyResponse.objects.count() == 1


def test_a_viewer_cannot_delete_an_employee(client: Client, viewer) -> None:
    employee = make_employee()
    client.force_login(viewer)
    assert client.post(url("feedback-employee-delete", employee.pk)).status_code == 403
    assert Employee.objects.exists()
