"""Issue 14's browser acceptance, on a phone-sized window (375 px): an employee opens the link
from the invitation e-mail, answers, sees the thank-you page; the same link again says it was
already answered; the answer appears in the results once the minimum is met — and not before.
Every page is checked by axe-core and for width."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.feedback import services
from vendorwatch.feedback.models import QuestionKind, SurveyResponse
from vendorwatch.feedback.tests.factory import make_employees, make_response, make_survey
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "Rückrufe kommen inzwischen am selben Tag."


def invitation_path(email: str) -> str:
    body = OutboxMessage.objects.get(to=[email], key__startswith="feedback-survey-invite").body
    found = re.search(r"https?://[^/\s]+(/feedback/survey/[^\s]+/)", body)
    assert found, body
    return found.group(1)


def test_an_employee_answers_on_a_phone_and_the_answer_counts_once_the_minimum_is_met(
    page: CheckedPage, viewer
) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    survey = make_survey(min_answers=5)
    survey.recipients.set(make_employees(6))
    survey_round = services.survey_open_round(survey=survey, now=timezone.now())
    assert survey_round is not None
    questions = list(survey.questions.all())
    text_question = next(q for q in questions if q.kind == QuestionKind.TEXT)
    for _ in range(4):  # four colleagues answered already: one short of the minimum
        make_response(survey_round, {q: 4 for q in questions if q.kind == QuestionKind.RATING})

    login_in_browser(page, viewer.username, PASSWORD)
    page.goto(f"/feedback/surveys/{survey.pk}/results/")
    expect(page.locator("main")).to_contain_text("Noch 1 Antwort")
    expect(page.locator("main")).not_to_contain_text(ANSWER)
    page.context.clear_cookies()  # the employee has no account

    link = invitation_path("person1@example.com")
    page.goto(link)
    expect(page.locator("h1")).to_contain_text(survey.title)
    for question in questions:
        if question.kind == QuestionKind.RATING:
            page.locator(f"input[name='q{question.pk}'][value='5']").check()
        elif question.kind == QuestionKind.RECOMMEND:
            page.locator(f"input[name='q{question.pk}'][value='9']").check()
    page.locator(f"textarea[name='q{text_question.pk}']").fill(ANSWER)
    page.submit(page.get_by_role("button", name="Antworten senden"))
    expect(page.locator("main")).to_contain_text("Danke")
    assert SurveyResponse.objects.filter(round=survey_round).count() == 5

    page.goto(link)
    expect(page.locator("main")).to_contain_text("bereits geantwortet")
    assert SurveyResponse.objects.filter(round=survey_round).count() == 5

    login_in_browser(page, viewer.username, PASSWORD)
    page.goto(f"/feedback/surveys/{survey.pk}/results/")
    expect(page.locator("main")).to_contain_text("5 von 6")
    expect(page.locator("main")).to_contain_text(ANSWER)
