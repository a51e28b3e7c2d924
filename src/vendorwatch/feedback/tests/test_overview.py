"""The feedback overview: the running surveys first with their latest round's participation
and whether results can be seen, then drafts and ended ones; an empty state that explains."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.feedback.models import Survey
from vendorwatch.feedback.tests.factory import (
    make_employees,
    make_question,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import longest_text, make_provider

pytestmark = pytest.mark.django_db
URL = reverse("feedback-index")


def page(client: Client, user, language: str = "en", query: str = "") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(URL + query)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.fixture(autouse=True)
def _clock(time_machine) -> None:
    time_machine.move_to("2026-11-15 10:00 +0100", tick=False)


def test_without_surveys_it_explains_a_pulse_survey(client: Client, editor) -> None:
    text = page(client, editor)
    assert "A pulse survey asks your employees a few short questions about a provider" in text
    assert "the person who reported the problem is asked automatically" in text
    assert reverse("feedback-survey-add") in text


def test_the_empty_state_in_german(client: Client, editor) -> None:
    text = page(client, editor, "de")
    assert "Umfrage anlegen" in text


def test_a_viewer_is_not_offered_to_create_a_survey(client: Client, viewer) -> None:
    assert reverse("feedback-survey-add") not in page(client, viewer)


def test_it_links_employees_templates_and_ratings(client: Client, viewer) -> None:
    make_employees(3)
    text = page(client, viewer)
    for name in ("feedback-employees", "feedback-templates", "feedback-ratings"):
        assert reverse(name) in text
    assert "3 people are asked in surveys" in text


def test_a_running_survey_leads_with_its_participation(client: Client, viewer) -> None:
    survey = make_survey()
    survey_round, _links = make_round(survey, emails=[f"p{i}@example.com" for i in range(12)])
    for _ in range(3):
        make_response(survey_round, {})
    text = page(client, viewer)
    assert "Round 1: 3 of 12 have answered, open until 29.11.2026." in text
    assert "2 more answers until the results are shown." in text
    assert reverse("feedback-results", args=[survey.pk]) not in text


def test_the_participation_in_german(client: Client, viewer) -> None:
    survey = make_survey()
    survey_round, _links = make_round(survey, emails=[f"p{i}@example.com" for i in range(12)])
    for _ in range(7):
        make_response(survey_round, {})
    assert "7 von 12 haben geantwortet, offen bis 29.11.2026" in page(client, viewer, "de")


def test_enough_answers_link_to_the_results(client: Client, viewer) -> None:
    survey = make_survey()
    survey_round, _links = make_round(survey)
    for _ in range(5):
        make_response(survey_round, {})
    assert reverse("feedback-results", args=[survey.pk]) in page(client, viewer)


def test_the_next_round_is_named(client: Client, viewer) -> None:
    survey = make_survey(first_round_on=date(2026, 10, 1))
    make_round(survey, opens_at=datetime(2026, 10, 1, 8, tzinfo=UTC))
    assert "Next round: 01.01.2027" in page(client, viewer)


def test_drafts_and_ended_surveys_come_below_the_running_ones(client: Client, viewer) -> None:
    make_survey(title="Beendet", status=Survey.Status.ENDED)
    make_survey(title="Entwurf", status=Survey.Status.DRAFT)
    make_survey(title="Läuft")
    text = page(client, viewer)
    assert text.index("Läuft") < text.index("Drafts") < text.index("Entwurf")
    assert text.index("Entwurf") < text.index("Ended surveys") < text.index("Beendet")


def test_the_surveys_are_paginated(client: Client, viewer) -> None:
    provider = make_provider()
    for number in range(21):
        make_survey(provider=provider, title=f"Umfrage {number:02}", questions=False)
    assert "Page 1 of 2" in page(client, viewer)
    assert "Umfrage 00" in page(client, viewer, query="?page=2")


def test_the_longest_texts_and_year_9999_render(client: Client, viewer) -> None:
    provider = make_provider(name=longest_text(Provider, "name", 200))
    survey = make_survey(
        provider=provider,
        title=longest_text(Survey, "title", 200),
        intro="Einleitung " * 454,
        first_round_on=date(9999, 12, 31),
    )
    make_question(survey, text="x" * 500)
    make_survey(provider=provider, status=Survey.Status.DRAFT, first_round_on=date(9999, 12, 31))
    text = page(client, viewer)
    assert "Next round: 31.12.9999" in text
    assert "<td>31.12.9999</td>" in text


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    assert client.get(URL)["Location"].startswith("/login/")
