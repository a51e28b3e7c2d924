"""Employee feedback in the monthly SLA report of November 2026: the ratings of the provider's
problems given in the month, and the survey rounds about the provider; on the page, in the
PDF and in the e-mail, in the report's language.

Hand-worked figures (surveys with a minimum of 3 answers):
- ratings 4, 2 and 5 → 11 / 3 = 3.67 → 3,7; one low (2 ≤ 2 stars).
- a round with overall 5, 4, 4 → 13 / 3 = 4.33 → 4,3; recommendation 10, 9, 7 → two promoters,
  no detractor of three → 66.7 → +67; three of eight answered.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from vendorwatch.feedback import report_section as report_section_module
from vendorwatch.feedback.models import ProblemRating, QuestionKind, Survey, SurveyRound
from vendorwatch.feedback.report_section import ReportSection, report_section
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_rating,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.monitoring.report_mail import report_email
from vendorwatch.monitoring.tests.report_factory import make_setup
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=BERLIN)
START, END = datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date()
QUERY = "?from=01.11.2026&to=30.11.2026"
CALM = "Keine Rückmeldungen der Mitarbeitenden in diesem Zeitraum."


@pytest.fixture
def provider() -> Any:
    provider, _policy, _job = make_setup()
    return provider


def rate(provider: Any, stars: int, at: datetime, comment: str = "") -> ProblemRating:
    rating, _token = make_rating(make_problem(provider=provider, title="Drucker streikt"))
    rating.stars, rating.answered_at, rating.comment = stars, at, comment
    rating.save(update_fields=["stars", "answered_at", "comment"])
    return rating


def three_ratings(provider: Any) -> None:
    rate(provider, 4, datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN))
    rate(provider, 2, datetime(2026, 11, 15, 9, 0, tzinfo=BERLIN), "Wieder nicht erreichbar")
    rate(provider, 5, datetime(2026, 11, 30, 23, 30, tzinfo=BERLIN))


def survey_of(provider: Any, **fields: Any) -> Survey:
    survey = make_survey(questions=False, provider=provider, min_answers=3, **fields)
    make_question(survey, kind=QuestionKind.RATING, topic="overall")
    make_question(survey, kind=QuestionKind.RECOMMEND, text="Empfehlen?")
    return survey


def round_of(survey: Survey, opened: datetime, answers: list[tuple[int, int]]) -> SurveyRound:
    emails = [f"p{i}@example.com" for i in range(1, 9)]
    survey_round, _links = make_round(survey, emails=emails, opens_at=opened, days=14)
    questions = list(survey.questions.order_by("position"))
    for values in answers:
        make_response(survey_round, dict(zip(questions, values, strict=True)))
    return survey_round


SHOWN = [(5, 10), (4, 9), (4, 7)]
NOVEMBER = datetime(2026, 11, 2, 8, 0, tzinfo=BERLIN)


def section(provider: Any) -> ReportSection:
    with time_machine.travel(NOW, tick=False), translation.override("de"):
        return report_section(provider, START, END)


def report_page(user: Any, provider: Any) -> str:
    client = Client()
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/reports/{provider.pk}/{QUERY}")
    assert response.status_code == 200
    return response.content.decode()


def pdf_text(user: Any, provider: Any) -> str:
    client = Client()
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/reports/{provider.pk}/pdf/{QUERY}")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("-\n", "").split())


def email_body(provider: Any, language: str = "de") -> str:
    with time_machine.travel(NOW, tick=False), translation.override(language):
        _subject, body = report_email(provider, START, END)
    return body


def test_nothing_recorded_gives_one_calm_line_on_the_page(provider: Any, viewer: Any) -> None:
    text = report_page(viewer, provider)
    assert "Zufriedenheit der Mitarbeitenden" in text and CALM in text


def test_it_counts_the_ratings_given_in_the_period(provider: Any) -> None:
    three_ratings(provider)
    rate(provider, 1, datetime(2026, 10, 31, 23, 59, tzinfo=BERLIN))  # the month before
    rate(provider, 1, datetime(2026, 12, 1, 0, 0, tzinfo=BERLIN))  # the month after
    rate(make_provider(name="Andere GmbH"), 1, datetime(2026, 11, 3, tzinfo=BERLIN))
    found = section(provider)
    assert (found.ratings, found.mean, found.low) == (3, "3,7 von 5", 1)


def test_the_page_lists_the_comment_of_a_low_rating(provider: Any, viewer: Any) -> None:
    three_ratings(provider)
    text = report_page(viewer, provider)
    assert "3 Bewertungen gelöster Störungen, im Schnitt 3,7 von 5." in text
    assert "1 niedrige Bewertung (2 Sterne oder weniger)" in text
    assert "„Wieder nicht erreichbar“" in text and "2 von 5 Sternen" in text
    assert CALM not in text


def test_low_ratings_beyond_the_list_are_counted_with_a_link(
    provider: Any, viewer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(report_section_module, "LISTED", 1)
    rate(provider, 1, datetime(2026, 11, 2, tzinfo=BERLIN), "Erster Kommentar")
    rate(provider, 2, datetime(2026, 11, 3, tzinfo=BERLIN), "Zweiter Kommentar")
    rate(provider, 1, datetime(2026, 11, 4, tzinfo=BERLIN))  # no comment: counted only
    text = report_page(viewer, provider)
    assert "Erster Kommentar" in text and "Zweiter Kommentar" not in text
    assert "3 niedrige Bewertungen" in text
    assert "… und 1 weitere niedrige Bewertung mit Kommentar" in text


def test_a_shown_round_of_the_period_has_its_figures(provider: Any, viewer: Any) -> None:
    round_of(survey_of(provider, title="IT im Alltag"), NOVEMBER, SHOWN)
    text = report_page(viewer, provider)
    assert "„IT im Alltag“, Runde 1 (geöffnet am 02.11.2026): Zufriedenheit 4,3 von 5" in text
    assert "Weiterempfehlung (NPS) +67 · 3 von 8 haben geantwortet" in text


def test_a_round_below_the_minimum_says_only_too_few_answers(provider: Any) -> None:
    round_of(survey_of(provider), NOVEMBER, [(1, 0), (1, 0)])
    (line,) = section(provider).rounds
    assert not line.shown and line.figures == []
    assert "1,0" not in email_body(provider)
    assert "zu wenige Antworten für eine Auswertung" in email_body(provider)


def test_without_a_shown_round_in_the_period_the_latest_shown_before_is_given(
    provider: Any,
) -> None:
    survey = survey_of(provider)
    round_of(survey, datetime(2026, 5, 4, tzinfo=BERLIN), [(2, 3), (2, 3), (2, 3)])
    round_of(survey, datetime(2026, 8, 3, tzinfo=BERLIN), SHOWN)
    round_of(survey, NOVEMBER, [(1, 0)])
    earlier, hidden = section(provider).rounds
    assert "Runde 2 (geöffnet am 03.08.2026, die neuesten Ergebnisse)" in earlier.label
    assert earlier.figures[0] == "Zufriedenheit 4,3 von 5"
    assert "Runde 3" in hidden.label and not hidden.shown


def test_rounds_of_other_providers_and_later_rounds_are_left_out(provider: Any) -> None:
    round_of(survey_of(make_provider(name="Andere GmbH")), NOVEMBER, SHOWN)
    round_of(survey_of(provider), datetime(2026, 12, 1, tzinfo=BERLIN), SHOWN)
    assert section(provider).empty


def test_the_pdf_holds_the_feedback_figures(provider: Any, viewer: Any) -> None:
    three_ratings(provider)
    round_of(survey_of(provider), NOVEMBER, SHOWN)
    text = pdf_text(viewer, provider)
    assert "Zufriedenheit der Mitarbeitenden" in text and "im Schnitt 3,7 von 5" in text
    assert "„Wieder nicht erreichbar“" in text
    assert "Zufriedenheit 4,3 von 5 · Weiterempfehlung (NPS) +67" in text


def test_the_pdf_says_the_calm_line_when_nothing_was_recorded(provider: Any, viewer: Any) -> None:
    assert CALM in pdf_text(viewer, provider)


def test_the_email_holds_the_feedback_figures(provider: Any) -> None:
    three_ratings(provider)
    round_of(survey_of(provider), NOVEMBER, SHOWN)
    body = email_body(provider)
    assert "Zufriedenheit der Mitarbeitenden:" in body
    assert "3 Bewertungen gelöster Störungen, im Schnitt 3,7 von 5." in body
    assert "- Drucker streikt (2 von 5 Sternen): „Wieder nicht erreichbar“" in body
    assert "Zufriedenheit 4,3 von 5 · Weiterempfehlung (NPS) +67 · 3 von 8" in body


def test_the_email_says_the_calm_line_when_nothing_was_recorded(provider: Any) -> None:
    assert CALM in email_body(provider)


def test_the_pdf_is_written_in_the_organisations_document_language(
    provider: Any, viewer: Any
) -> None:
    make_organisation(document_language="en")
    three_ratings(provider)
    text = pdf_text(viewer, provider)
    assert "Employee satisfaction" in text and "on average 3.7 out of 5" in text


def test_the_email_is_written_in_the_language_it_is_sent_in(provider: Any) -> None:
    round_of(survey_of(provider), NOVEMBER, SHOWN)
    body = email_body(provider, "en")
    assert "satisfaction 4.3 out of 5 · recommendation (NPS) +67 · 3 of 8 have answered" in body


def extreme_records(provider: Any) -> str:
    comment = "x" * 2_500 + " " + "Wort " * 499
    rate(provider, 1, datetime(2026, 11, 5, tzinfo=BERLIN), comment[:5_000])
    rate(provider, 1, datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "Aus der Zukunft")
    survey_round = round_of(survey_of(provider, title="T" * 200), NOVEMBER, [(1, 0)])
    survey_round.closes_at = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    survey_round.save(update_fields=["closes_at"])
    return comment[:5_000]


def test_extreme_values_do_not_break_the_page(provider: Any, viewer: Any) -> None:
    comment = extreme_records(provider)
    text = report_page(viewer, provider)
    assert comment in text and "läuft noch bis 31.12.9999" in text
    assert "Aus der Zukunft" not in text


def test_extreme_values_do_not_break_the_pdf(provider: Any, viewer: Any) -> None:
    extreme_records(provider)
    text = pdf_text(viewer, provider)
    assert "1 Bewertung einer gelösten Störung" in text and "läuft noch bis 31.12.9999" in text


def test_the_section_asks_the_database_the_same_number_of_times_for_more_surveys(
    provider: Any,
) -> None:
    def add_survey() -> None:
        survey = survey_of(provider)
        round_of(survey, datetime(2026, 8, 3, tzinfo=BERLIN), SHOWN)
        round_of(survey, NOVEMBER, [(1, 0)])

    three_ratings(provider)
    add_survey()
    with CaptureQueriesContext(connection) as one:
        assert len(section(provider).rounds) == 2
    for _number in range(4):
        add_survey()
    with CaptureQueriesContext(connection) as five:
        assert len(section(provider).rounds) == 10
    assert len(five) == len(one)
