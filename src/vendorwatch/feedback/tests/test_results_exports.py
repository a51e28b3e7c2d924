"""What leaves the results page as a file: the charts (SVG), the CSV and the PDF — aggregated
figures only, and nothing at all for a round below its minimum.

The survey of ``test_results_page``: round 2 has overall 4, 4, 4, 5, 4 → 4,2 and the
recommendation 10, 9, 8, 6, 10 → +40, each answer with the free text "Schneller zurückrufen".
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pypdf
import pytest
from django.test import Client

from vendorwatch.feedback.models import QuestionKind, Survey, SurveyRound
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.feedback.tests.test_results_page import answer, by_topic, new_round, survey
from vendorwatch.testing.factory import make_organisation

pytestmark = pytest.mark.django_db
__all__ = ["survey"]  # the fixture


def get(user: Any, path: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(path)


def csv_of(user: Any, survey: Survey, number: int = 2) -> tuple[str, list[list[str]]]:
    response = get(user, f"/feedback/surveys/{survey.pk}/rounds/{number}/results.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def pdf_of(user: Any, survey: Survey, number: int = 2) -> bytes:
    response = get(user, f"/feedback/surveys/{survey.pk}/rounds/{number}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    return bytes(response.content)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def hidden_round(survey: Survey) -> SurveyRound:
    third = new_round(survey)
    for _ in range(4):
        answer(third, 1, recommend=0, text="Geheimer Hinweis")
    return third


def chart_path(survey: Survey, number: int, topic: str) -> str:
    question = by_topic(survey, topic)
    return f"/feedback/surveys/{survey.pk}/rounds/{number}/questions/{question.pk}/chart.svg"


# --- charts ----------------------------------------------------------------------------------


def test_a_question_chart_is_an_svg_with_a_title_and_its_counts(
    viewer: Any, survey: Survey
) -> None:
    response = get(viewer, chart_path(survey, 2, "overall"))
    svg = response.content.decode()
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "<title>Antworten auf „Wie zufrieden sind Sie insgesamt" in svg
    assert "1: 0; 2: 0; 3: 0; 4: 4; 5: 1." in svg  # the description names every count
    assert ">4</text>" in svg  # the count written on the bar of 4


def test_the_recommendation_chart_names_its_groups(viewer: Any, survey: Survey) -> None:
    svg = get(viewer, chart_path(survey, 2, "recommend")).content.decode()
    for group in ("Kritiker (0–6)", "Unentschlossene (7–8)", "Begeisterte (9–10)"):
        assert group in svg


def test_a_choice_chart_writes_count_and_share(viewer: Any) -> None:
    survey = make_survey(questions=False, min_answers=3)
    choice = make_question(survey, kind=QuestionKind.CHOICE, choices="Telefon\nE-Mail")
    survey_round, _links = make_round(survey)
    for value in ("Telefon", "Telefon", "E-Mail"):
        make_response(survey_round, {choice: value})
    path = f"/feedback/surveys/{survey.pk}/rounds/1/questions/{choice.pk}/chart.svg"
    svg = get(viewer, path).content.decode()
    assert "2 (67 %)" in svg and "1 (33 %)" in svg


def test_no_chart_of_a_round_below_the_minimum(viewer: Any, survey: Survey) -> None:
    hidden_round(survey)
    assert get(viewer, chart_path(survey, 3, "overall")).status_code == 404


def test_no_chart_of_a_free_text(viewer: Any, survey: Survey) -> None:
    assert get(viewer, chart_path(survey, 2, "improve")).status_code == 404


def test_no_chart_of_another_surveys_question(viewer: Any, survey: Survey) -> None:
    other = make_survey()
    question = by_topic(other, "overall")
    path = f"/feedback/surveys/{survey.pk}/rounds/2/questions/{question.pk}/chart.svg"
    assert get(viewer, path).status_code == 404


def test_the_trend_chart_draws_every_round(viewer: Any, survey: Survey) -> None:
    question = by_topic(survey, "overall")
    path = f"/feedback/surveys/{survey.pk}/questions/{question.pk}/trend.svg?round=2"
    svg = get(viewer, path).content.decode()
    assert "<title>Mittelwert je Runde" in svg
    assert "Runde 1: 3,8; Runde 2: 4,2." in svg


def test_no_trend_chart_while_the_latest_round_is_below_the_minimum(
    viewer: Any, survey: Survey
) -> None:
    hidden_round(survey)
    question = by_topic(survey, "overall")
    path = f"/feedback/surveys/{survey.pk}/questions/{question.pk}/trend.svg"
    assert get(viewer, path).status_code == 404


# --- CSV -------------------------------------------------------------------------------------


def test_the_csv_is_utf8_with_bom_and_semicolons(viewer: Any, survey: Survey) -> None:
    text, rows = csv_of(viewer, survey)
    assert text.startswith("\ufeffFrage;Art der Antwort;")
    assert rows[0][-2:] == ["Mittelwert", "NPS"]


def test_the_csv_holds_each_questions_figures(viewer: Any, survey: Survey) -> None:
    _text, rows = csv_of(viewer, survey)
    overall = by_topic(survey, "overall").text
    recommend = by_topic(survey, "recommend").text
    assert [overall, "Bewertung von 1 bis 5", "alle Antworten", "5", "", "4,2", ""] in rows
    assert [overall, "Bewertung von 1 bis 5", "4", "4", "80", "", ""] in rows
    assert [
        recommend,
        "Weiterempfehlung von 0 bis 10",
        "alle Antworten",
        "5",
        "",
        "8,6",
        "40",
    ] in rows
    assert [
        recommend,
        "Weiterempfehlung von 0 bis 10",
        "Begeisterte (9–10)",
        "3",
        "60",
        "",
        "",
    ] in rows


def test_the_csv_lists_each_free_text_on_its_own_row(viewer: Any, survey: Survey) -> None:
    _text, rows = csv_of(viewer, survey)
    texts = [row for row in rows if row[2] == "Schneller zurückrufen"]
    assert len(texts) == 5
    assert all(row[3:] == ["", "", "", ""] for row in texts)


def test_the_csv_has_no_row_per_response(viewer: Any) -> None:
    survey = make_survey(min_answers=3)
    survey_round, _links = make_round(survey, emails=[f"p{n}@example.com" for n in range(20)])

    def rows() -> int:
        return len(csv_of(viewer, survey, 1)[1])

    for _ in range(3):
        answer(survey_round, 4, 9)
    few = rows()
    for _ in range(12):
        answer(survey_round, 2, 3)
    assert rows() == few


def test_the_csv_neutralises_formulas(viewer: Any, survey: Survey) -> None:
    third = new_round(survey)
    for _ in range(5):
        answer(third, 5, text='=HYPERLINK("http://example.com")')
    _text, rows = csv_of(viewer, survey, 3)
    assert '\'=HYPERLINK("http://example.com")' in [row[2] for row in rows]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_no_csv_of_a_round_below_the_minimum(viewer: Any, survey: Survey) -> None:
    hidden_round(survey)
    response = get(viewer, f"/feedback/surveys/{survey.pk}/rounds/3/results.csv")
    assert response.status_code == 404
    assert b"Geheimer Hinweis" not in response.content


# --- PDF -------------------------------------------------------------------------------------


def test_the_pdf_summarises_the_round(viewer: Any, survey: Survey) -> None:
    content = pdf_of(viewer, survey)
    text = pdf_text(content)
    assert "Umfrageergebnisse: Wie zufrieden sind Sie mit der IT-Betreuung?" in text
    assert survey.provider.name in text
    assert "5 von 6 haben geantwortet" in text
    assert "Mittelwert: 4,2 von 5" in text and "Net Promoter Score: +40" in text
    assert text.count("Schneller zurückrufen") == 5
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert any("/XObject" in page["/Resources"] for page in reader.pages)  # the charts


def test_the_pdf_is_written_in_the_document_language(viewer: Any, survey: Survey) -> None:
    make_organisation(document_language="en")
    text = pdf_text(pdf_of(viewer, survey))
    assert "Mean: 4.2 of 5" in text and "5 of 6 answered" in text


def test_no_pdf_of_a_round_below_the_minimum(viewer: Any, survey: Survey) -> None:
    hidden_round(survey)
    assert get(viewer, f"/feedback/surveys/{survey.pk}/rounds/3/pdf/").status_code == 404


# --- extreme values --------------------------------------------------------------------------


@pytest.fixture
def extreme() -> Survey:
    """A question of 500 characters (the most it holds), answers of 5,000, options of 200,
    the year 9999."""
    survey = make_survey(questions=False, min_answers=3, title="T" * 200)
    rating = make_question(survey, text="Frage " + "x" * 494)
    options = "\n".join(f"{n}" + "o" * 199 for n in range(3))
    choice = make_question(survey, kind=QuestionKind.CHOICE, text="Wahl", choices=options)
    text = make_question(survey, kind=QuestionKind.TEXT, text="Text")
    survey_round, _links = make_round(survey)
    for n in range(3):
        make_response(survey_round, {rating: 5, choice: f"{n}" + "o" * 199, text: "w" * 5000})
    end = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    SurveyRound.objects.filter(pk=survey_round.pk).update(opens_at=end, closes_at=end)
    return survey


def test_extreme_values_fit_the_csv(viewer: Any, extreme: Survey) -> None:
    _text, rows = csv_of(viewer, extreme, 1)
    assert sum(1 for row in rows if row[2] == "w" * 5000) == 3
    assert any(row[0] == "Frage " + "x" * 494 for row in rows)


def test_extreme_values_fit_the_pdf_and_are_attached_in_full(viewer: Any, extreme: Survey) -> None:
    content = pdf_of(viewer, extreme, 1)
    assert "31.12.9999" in pdf_text(content)
    attached = pypdf.PdfReader(io.BytesIO(content)).attachments
    assert list(attached) == [f"umfrage-{extreme.pk}-runde-1-freitexte.txt"]
    full = next(iter(attached.values()))[0].decode("utf-8")
    assert full.count("w" * 5000) == 3


def test_extreme_values_fit_the_charts(viewer: Any, extreme: Survey) -> None:
    for question in extreme.questions.exclude(kind=QuestionKind.TEXT):
        path = f"/feedback/surveys/{extreme.pk}/rounds/1/questions/{question.pk}/chart.svg"
        response = get(viewer, path)
        assert response.status_code == 200
        assert "<title>" in response.content.decode()
