"""The public feedback pages in Chromium on a phone (375 px): a survey and a rating answered
from the link in the e-mail, the thank-you page, and the link opened again. Every page passes
the axe-core check and stays within the width of the screen."""

from __future__ import annotations

import pytest

from vendorwatch.feedback.models import Answer, ProblemRating, QuestionKind, SurveyResponse
from vendorwatch.feedback.tests.factory import make_question, make_rating, make_round, make_survey
from vendorwatch.problems.models import EventKind
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.testing.browser import CheckedPage
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
# A name without a space: it must wrap, not widen the page.
LONG_NAME = "Systemhaus" + "x" * 190
# Every answer box and the boxes of the 0–10 scale: their size, and the rows they take.
OPTION_BOXES = """() => Array.from(document.querySelectorAll("label.option")).map(label => {
    const box = label.getBoundingClientRect();
    return {width: box.width, height: box.height, top: Math.round(box.top),
            scale: label.closest(".scale-recommend") !== null};
})"""


def on_a_phone(page: CheckedPage) -> None:
    page.set_viewport_size(PHONE)
    make_organisation(name="Kanzlei Huber & Partner " + "y" * 170)


def assert_easy_to_tap(page: CheckedPage) -> None:
    boxes = page.evaluate(OPTION_BOXES)
    assert boxes
    assert all(box["width"] >= 24 and box["height"] >= 24 for box in boxes), boxes
    rows = {box["top"] for box in boxes if box["scale"]}
    assert len(rows) == 2, "the 0–10 scale wraps into two rows on a phone"


def test_answer_a_survey_on_a_phone_and_open_the_link_again(page: CheckedPage) -> None:
    on_a_phone(page)
    survey = make_survey(provider=make_provider(name=LONG_NAME), intro="Zwei Minuten. " * 300)
    contact = make_question(
        survey,
        kind=QuestionKind.CHOICE,
        text="Wie erreichen Sie den Dienstleister meistens?",
        choices="Telefon\nE-Mail\n" + "Über das Ticketportal " * 20,
        required=True,
    )
    _round, links = make_round(survey, emails=["mia@example.com"])
    address = f"/feedback/survey/{links['mia@example.com']}/"
    text = {q.topic: q.text for q in survey.questions.all()}

    page.goto(address)
    assert_easy_to_tap(page)
    quickly = page.get_by_role("group", name=text["responsiveness"])
    quickly.get_by_label("4", exact=True).check()
    page.submit(page.get_by_role("button", name="Antworten senden"))
    assert "Bitte beantworten Sie diese Frage." in page.content()
    assert quickly.get_by_label("4", exact=True).is_checked()

    page.get_by_role("group", name=text["recommend"]).get_by_label("9", exact=True).check()
    page.get_by_role("group", name=contact.text).get_by_label("E-Mail").check()
    page.get_by_label(text["improve"]).fill("Rückrufe am selben Tag.")
    page.submit(page.get_by_role("button", name="Antworten senden"))
    assert "Danke! Ihre Antworten sind anonym gespeichert." in page.content()
    given = {
        (a.question.topic or "contact", a.number, a.choice, a.text) for a in Answer.objects.all()
    }
    assert given == {
        ("responsiveness", 4, "", ""),
        ("recommend", 9, "", ""),
        ("contact", None, "E-Mail", ""),
        ("improve", None, "", "Rückrufe am selben Tag."),
    }

    page.goto(address)
    assert "Sie haben bereits geantwortet – vielen Dank!" in page.content()
    assert SurveyResponse.objects.count() == 1


def test_rate_a_resolution_on_a_phone(page: CheckedPage) -> None:
    on_a_phone(page)
    problem = make_problem(title="Drucker " * 25, provider=make_provider(name=LONG_NAME))
    event = add_event(problem, EventKind.RESOLVED, "2026-11-23 15:30+01:00")
    rating, token = make_rating(problem, resolved_event=event)

    page.goto(f"/feedback/rate/{token[:-1]}/")
    assert "Dieser Link ist ungültig" in page.content()

    page.goto(f"/feedback/rate/{token}/")
    page.submit(page.get_by_role("button", name="Bewertung senden"))
    assert "Bitte wählen Sie 1 bis 5 Sterne." in page.content()
    page.get_by_label("3 Sterne – mittel").check()
    page.get_by_label("Kommentar (freiwillig)").fill("Hat zwei Tage gedauert.")
    page.submit(page.get_by_role("button", name="Bewertung senden"))
    assert "Danke! Ihre Bewertung ist angekommen." in page.content()
    rating = ProblemRating.objects.get(pk=rating.pk)
    assert (rating.stars, rating.comment) == (3, "Hat zwei Tage gedauert.")

    page.goto(f"/feedback/rate/{token}/")
    assert "Sie haben bereits geantwortet – vielen Dank!" in page.content()
