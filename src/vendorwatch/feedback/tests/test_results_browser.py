"""The results page in the browser at 375 px: a round below the minimum says calmly how many
answers are missing; the round before leads with its figures, draws its charts and keeps long
texts inside the window. Every page is checked with axe-core.

Round 1: overall 3 × 5 → 3,0. Round 2: overall 4, 4, 5 → 13 / 3 = 4,3. Round 3: one answer.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.feedback.models import QuestionKind, Survey
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPTION = "Über das Ticketportal " + "sehr-lange-option" * 11


@pytest.fixture
def survey() -> Survey:
    survey = make_survey(questions=False, min_answers=3)
    overall = make_question(survey, text="Wie zufrieden sind Sie insgesamt?", topic="overall")
    recommend = make_question(survey, kind=QuestionKind.RECOMMEND, text="Empfehlen?")
    choice = make_question(
        survey, kind=QuestionKind.CHOICE, text="Wie?", choices=f"Telefon\n{OPTION}"
    )
    text = make_question(survey, kind=QuestionKind.TEXT, text="Was fehlt? " + "Frage " * 80)
    rounds = [
        make_round(survey, opens_at=timezone.now() - timedelta(days=days))[0]
        for days in (120, 30, 1)
    ]
    for value in (3, 3, 3):
        make_response(rounds[0], {overall: value, recommend: 7})
    for value, score in ((4, 10), (4, 9), (5, 3)):
        long_text = "Rückruf" + "ohneLeerzeichen" * 330
        make_response(
            rounds[1], {overall: value, recommend: score, choice: OPTION, text: long_text}
        )
    make_response(rounds[2], {overall: 1, text: "Geheimer Hinweis"})
    return survey


def test_a_viewer_reads_the_results_on_a_phone(
    page: CheckedPage, viewer: Any, survey: Survey
) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto(f"/feedback/surveys/{survey.pk}/results/")
    expect(page.locator(".results-hidden")).to_contain_text("Noch 2 Antworten bis zur Auswertung")
    expect(page.locator("main")).not_to_contain_text("Geheimer Hinweis")

    page.submit(page.get_by_role("link", name="Runde 2", exact=True))  # waits for the page
    expect(page.locator(".results-summary")).to_contain_text("4,3 von 5")
    expect(page.locator(".results-summary")).to_contain_text("besser als in Runde 1: 3,0")
    page.locator(".results-summary details summary").click()
    expect(page.locator(".results-summary details p")).to_contain_text("Anteil der Begeisterten")
    images = page.locator("main img")
    expect(images).to_have_count(5)  # three distributions, two trends
    widths = page.evaluate("Array.from(document.querySelectorAll('main img'), i => i.naturalWidth)")
    assert all(width > 0 for width in widths)
    page.check()  # with the explanation open: still nothing wider than the window
