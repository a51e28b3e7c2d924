"""The management pages of employee feedback in Chromium, each checked with axe-core: a survey
created from the overview, a question added from a template, who is asked, the start; and
the survey's page with the longest texts on a phone."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from vendorwatch.feedback.models import Survey
from vendorwatch.feedback.tests.factory import (
    make_employee,
    make_employees,
    make_question,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.providers.models import Provider
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, longest_text, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_survey_from_the_overview_to_its_start(page: CheckedPage, editor, time_machine) -> None:
    time_machine.move_to("2026-11-16 09:00 +0100")
    make_provider(name="Systemhaus Nord GmbH")
    make_employees(5)
    make_employee(name="Ben Weg", email="ben@example.com", active=False)
    login_in_browser(page, editor.username, PASSWORD)

    page.goto("/feedback/")
    with page.expect_navigation():
        page.get_by_role("button", name="Umfrage anlegen").click()
    page.check()
    page.get_by_label("Dienstleister").select_option(label="Systemhaus Nord GmbH")
    page.submit(page.get_by_role("button", name="Speichern"))
    survey = Survey.objects.get()
    assert survey.title == "Zufriedenheit mit Systemhaus Nord GmbH"
    expect(page.locator("main")).to_contain_text("Vierteljährlich ab 16.11.2026")

    with page.expect_navigation():
        page.get_by_role("button", name="Aus Vorlagen hinzufügen").click()
    page.check()
    page.get_by_label("Wie erreichen Sie den Dienstleister meistens?", exact=False).check()
    page.submit(page.get_by_role("button", name="Ausgewählte Fragen hinzufügen"))
    assert survey.questions.filter(topic="contact").exists()

    with page.expect_navigation():
        page.get_by_role("link", name="5 Personen").click()
    page.check()
    expect(page.locator("main")).to_contain_text("Ben Weg")
    page.get_by_label("Person 1 <person1@example.com>").uncheck()
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.locator("main")).to_contain_text("4 Personen werden ab der nächsten Runde")

    page.submit(page.get_by_role("button", name="Umfrage starten"))
    expect(page.locator("main")).to_contain_text("Es müssen mindestens 5 Mitarbeitende")
    page.goto(f"/feedback/surveys/{survey.pk}/recipients/")
    page.submit(page.get_by_role("button", name="Alle befragen"))
    page.submit(page.get_by_role("button", name="Umfrage starten"))
    expect(page.locator("main")).to_contain_text("5 Personen bekommen jetzt eine E-Mail")
    assert OutboxMessage.objects.count() == 0
    page.submit(page.get_by_role("button", name="Umfrage starten"))
    expect(page.locator("main")).to_contain_text("Runde 1 ist verschickt: 5 Einladungen")
    survey.refresh_from_db()
    assert survey.status == Survey.Status.ACTIVE
    assert OutboxMessage.objects.count() == 5
    page.goto("/feedback/")
    expect(page.locator("main")).to_contain_text("0 von 5 haben geantwortet, offen bis 29.11.2026")


def test_the_survey_page_with_the_longest_texts_on_a_phone(
    page: CheckedPage, editor, time_machine
) -> None:
    time_machine.move_to("2026-11-16 09:00 +0100")
    provider = make_provider(name=longest_text(Provider, "name", 200))
    survey = make_survey(
        provider=provider,
        title=longest_text(Survey, "title", 200),
        intro=("Einleitung " * 454)[:5_000],
        first_round_on=date(2026, 10, 1),
    )
    make_question(survey, kind="choice", text="y" * 500, choices="\n".join(["z" * 200] * 3))
    survey.recipients.set([make_employee(name="n" * 200, email=f"{'m' * 60}@example.com")])
    survey_round, _links = make_round(survey)
    for _ in range(5):
        make_response(survey_round, {})
    make_survey(provider=provider, status=Survey.Status.DRAFT, first_round_on=date(9999, 12, 31))
    login_in_browser(page, editor.username, PASSWORD)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"/feedback/surveys/{survey.pk}/")
    expect(page.locator("main")).to_contain_text("jeweils 14 Tage offen")
    page.goto("/feedback/")
    page.goto(f"/feedback/surveys/{survey.pk}/recipients/")
    page.goto("/feedback/employees/")
