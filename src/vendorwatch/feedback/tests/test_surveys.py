"""A survey's pages: create (a draft with the usual questions and every employee), the detail
with its schedule and rounds, change, start, send a round now, end, delete, who is asked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.feedback import services
from vendorwatch.feedback.models import Employee, Survey, SurveyResponse, SurveyRound
from vendorwatch.feedback.tests.factory import (
    make_employee,
    make_employees,
    make_question,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.feedback.tokens import LinkRefused, Refusal
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import longest_text, make_provider

pytestmark = pytest.mark.django_db

NOW = "2026-11-15 10:00 +0100"


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


def form_data(provider: Provider, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "provider": provider.pk,
        "title": "Wie zufrieden sind Sie?",
        "intro": "",
        "language": "de",
        "interval": "quarterly",
        "first_round_on": "01.12.2026",
        "open_days": "14",
        "reminder_days_before": "3",
        "min_answers": "5",
    }
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def _clock(time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


def draft_ready(asked: int = 5) -> Survey:
    survey = make_survey(status=Survey.Status.DRAFT, first_round_on=date(2026, 11, 15))
    survey.recipients.set(make_employees(asked))
    return survey


# --- create ----------------------------------------------------------------------------------


def test_the_new_form_starts_with_today_and_the_usual_defaults(client: Client, editor) -> None:
    text = get(client, editor, url("feedback-survey-add"))
    assert 'value="15.11.2026"' in text
    assert 'name="open_days" value="14"' in text
    assert 'name="reminder_days_before" value="3"' in text
    assert 'name="min_answers" value="5"' in text


def test_active_providers_are_offered_first(client: Client, editor) -> None:
    make_provider(name="Alt GmbH", status=Provider.Status.FORMER)
    make_provider(name="Zeta GmbH")
    text = get(client, editor, url("feedback-survey-add"))
    assert text.index("Zeta GmbH") < text.index("Alt GmbH (former)")


def test_creating_makes_a_draft_with_the_usual_questions_in_its_language(
    client: Client, editor
) -> None:
    provider = make_provider()
    response = post(client, editor, url("feedback-survey-add"), form_data(provider, language="en"))
    survey = Survey.objects.get()
    assert response.redirect_chain[-1][0] == url("feedback-survey-detail", survey.pk)
    assert survey.status == Survey.Status.DRAFT
    texts = list(survey.questions.values_list("text", flat=True))
    assert texts[0] == "How quickly does the provider react when you need help?"
    assert len(texts) == 8


def test_creating_asks_every_active_employee(client: Client, editor) -> None:
    asked = make_employees(3)
    make_employee(email="left@example.com", active=False)
    post(client, editor, url("feedback-survey-add"), form_data(make_provider()))
    assert set(Survey.objects.get().recipients.all()) == set(asked)


def test_an_empty_title_becomes_satisfaction_with_the_provider(client: Client, editor) -> None:
    provider = make_provider(name="Systemhaus Nord GmbH")
    post(client, editor, url("feedback-survey-add"), form_data(provider, title=""))
    assert Survey.objects.get().title == "Zufriedenheit mit Systemhaus Nord GmbH"


def test_a_reminder_not_before_the_close_is_refused(client: Client, editor) -> None:
    data = form_data(make_provider(), open_days="3", reminder_days_before="3")
    text = text_of(post(client, editor, url("feedback-survey-add"), data))
    assert "The reminder must go out while the survey is open: choose fewer days than it is " in (
        text
    )
    assert not Survey.objects.exists()


def test_fewer_answers_than_the_floor_are_refused(client: Client, editor) -> None:
    data = form_data(make_provider(), min_answers="2")
    text = text_of(post(client, editor, url("feedback-survey-add"), data))
    assert "At least 3, so that no answer can be traced to a person." in text


def test_a_first_round_in_the_past_is_refused(client: Client, editor) -> None:
    data = form_data(make_provider(), first_round_on="14.11.2026")
    text = text_of(post(client, editor, url("feedback-survey-add"), data))
    assert "The first round cannot be in the past." in text


def test_a_running_survey_keeps_its_first_day_in_the_past(client: Client, editor) -> None:
    survey = make_survey(first_round_on=date(2026, 10, 1))
    data = form_data(survey.provider, first_round_on="01.10.2026", title="Neu")
    post(client, editor, url("feedback-survey-edit", survey.pk), data)
    assert Survey.objects.get().title == "Neu"


def test_a_viewer_cannot_create_a_survey(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.post(url("feedback-survey-add"), form_data(make_provider()))
    assert response.status_code == 403
    assert not Survey.objects.exists()


# --- detail ----------------------------------------------------------------------------------


def test_the_detail_says_the_schedule_in_words(client: Client, viewer) -> None:
    survey = make_survey()
    make_round(survey, opens_at=datetime(2026, 10, 1, 8, tzinfo=UTC))
    text = get(client, viewer, url("feedback-survey-detail", survey.pk), "de")
    assert (
        "Vierteljährlich ab 01.10.2026, jeweils 14 Tage offen, Erinnerung 3 Tage vor Schluss"
        in text
    )
    assert "01.01.2027" in text


def test_the_detail_lists_questions_recipients_and_rounds(client: Client, viewer) -> None:
    survey = make_survey()
    survey.recipients.set(make_employees(6))
    survey_round, _links = make_round(survey)
    for _ in range(3):
        make_response(survey_round, {})
    text = get(client, viewer, url("feedback-survey-detail", survey.pk))
    assert "Wie zufrieden sind Sie insgesamt mit dem Dienstleister?" in text
    assert "6 employees" in text
    assert "<td>6</td> <td>3</td>" in text
    assert "2 more answers until the results are shown" in text


def test_a_round_with_enough_answers_links_to_its_results(client: Client, viewer) -> None:
    survey = make_survey()
    survey_round, _links = make_round(survey)
    for _ in range(5):
        make_response(survey_round, {})
    text = get(client, viewer, url("feedback-survey-detail", survey.pk))
    assert url("feedback-results", survey.pk) in text


def test_a_viewer_sees_no_buttons_that_change(client: Client, viewer) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    text = get(client, viewer, url("feedback-survey-detail", survey.pk))
    for name in ("feedback-survey-start", "feedback-survey-edit", "feedback-survey-delete"):
        assert url(name, survey.pk) not in text
    assert url("feedback-question-add", survey.pk) not in text


def test_an_editor_sees_start_change_and_delete(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    text = get(client, editor, url("feedback-survey-detail", survey.pk))
    for name in ("feedback-survey-start", "feedback-survey-edit", "feedback-survey-delete"):
        assert url(name, survey.pk) in text


def test_the_longest_texts_and_year_9999_render(client: Client, viewer) -> None:
    provider = make_provider(name=longest_text(Provider, "name", 200))
    survey = make_survey(
        provider=provider,
        title=longest_text(Survey, "title", 200),
        intro="Einleitung " * 454,
        first_round_on=date(9999, 12, 31),
    )
    make_question(survey, text=longest_text(Survey, "title", 500))
    text = get(client, viewer, url("feedback-survey-detail", survey.pk))
    assert "31.12.9999" in text


# --- change ----------------------------------------------------------------------------------


def test_changing_saves_the_survey(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    data = form_data(survey.provider, title="Neu", interval="yearly")
    post(client, editor, url("feedback-survey-edit", survey.pk), data)
    survey.refresh_from_db()
    assert (survey.title, survey.interval) == ("Neu", "yearly")


def test_a_viewer_cannot_change_a_survey(client: Client, viewer) -> None:
    survey = make_survey()
    client.force_login(viewer)
    response = client.post(url("feedback-survey-edit", survey.pk), form_data(survey.provider))
    assert response.status_code == 403


# --- start -----------------------------------------------------------------------------------


def test_starting_without_questions_is_refused(client: Client, editor) -> None:
    survey = draft_ready()
    survey.questions.all().delete()
    text = text_of(post(client, editor, url("feedback-survey-start", survey.pk)))
    assert "Add at least one question before you start the survey." in text
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_starting_with_fewer_asked_than_the_minimum_is_refused(client: Client, editor) -> None:
    survey = draft_ready(asked=4)
    text = text_of(post(client, editor, url("feedback-survey-start", survey.pk)))
    assert "At least 5 employees must be asked" in text
    assert "Chosen now: 4." in text
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_inactive_employees_do_not_count_for_the_start(client: Client, editor) -> None:
    survey = draft_ready(asked=5)
    Employee.objects.filter(pk=survey.recipients.first().pk).update(active=False)
    post(client, editor, url("feedback-survey-start", survey.pk))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_starting_on_the_first_day_sends_the_first_round_at_once(client: Client, editor) -> None:
    survey = draft_ready(asked=5)
    text = text_of(post(client, editor, url("feedback-survey-start", survey.pk)))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.ACTIVE
    assert survey.rounds.get().invited == 5
    assert OutboxMessage.objects.count() == 5
    assert "Round 1 went out: 5 invitations are on their way by e-mail." in text


def test_starting_before_the_first_day_waits_for_it(client: Client, editor) -> None:
    survey = draft_ready()
    Survey.objects.filter(pk=survey.pk).update(first_round_on=date(2026, 12, 1))
    text = text_of(post(client, editor, url("feedback-survey-start", survey.pk)))
    assert "The first round goes out on 01.12.2026." in text
    assert not SurveyRound.objects.exists()
    assert Survey.objects.get().status == Survey.Status.ACTIVE


def test_a_running_survey_does_not_start_again(client: Client, editor) -> None:
    survey = make_survey()
    survey.recipients.set(make_employees(5))
    text = text_of(post(client, editor, url("feedback-survey-start", survey.pk)))
    assert "The survey is already running." in text
    assert not SurveyRound.objects.exists()


def test_a_viewer_cannot_start_a_survey(client: Client, viewer) -> None:
    survey = draft_ready()
    client.force_login(viewer)
    assert client.post(url("feedback-survey-start", survey.pk)).status_code == 403
    assert Survey.objects.get().status == Survey.Status.DRAFT


def test_start_asks_first_and_sends_nothing_until_confirmed(client: Client, editor) -> None:
    survey = draft_ready()
    client.force_login(editor)
    response = client.get(url("feedback-survey-start", survey.pk))
    assert "jetzt eine E-Mail mit einem persönlichen Link" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT
    assert not OutboxMessage.objects.exists()


def test_send_now_asks_first_and_sends_nothing_until_confirmed(client: Client, editor) -> None:
    survey = make_survey()
    survey.recipients.set(make_employees(5))
    client.force_login(editor)
    response = client.get(url("feedback-survey-send-now", survey.pk))
    assert "5 Personen bekommen jetzt eine E-Mail" in response.content.decode()
    assert not SurveyRound.objects.exists()


# --- send now --------------------------------------------------------------------------------


def test_sending_now_opens_a_round_with_one_message_per_recipient(client: Client, editor) -> None:
    survey = make_survey()
    employees = make_employees(6)
    survey.recipients.set(employees)
    text = text_of(post(client, editor, url("feedback-survey-send-now", survey.pk)))
    survey_round = survey.rounds.get()
    assert survey_round.invited == 6
    sent_to = sorted(address for message in OutboxMessage.objects.all() for address in message.to)
    assert sent_to == sorted(employee.email for employee in employees)
    assert "Round 1 went out: 6 invitations" in text


def test_sending_now_while_a_round_is_open_sends_nothing(client: Client, editor) -> None:
    survey = make_survey()
    survey.recipients.set(make_employees(6))
    make_round(survey)
    text = text_of(post(client, editor, url("feedback-survey-send-now", survey.pk)))
    assert "Round 1 is still open until 29.11.2026" in text
    assert survey.rounds.count() == 1
    assert not OutboxMessage.objects.exists()


def test_a_draft_is_not_sent(client: Client, editor) -> None:
    survey = draft_ready()
    text = text_of(post(client, editor, url("feedback-survey-send-now", survey.pk)))
    assert "Start the survey first." in text
    assert not SurveyRound.objects.exists()


def test_a_viewer_cannot_send_a_round(client: Client, viewer) -> None:
    survey = make_survey()
    survey.recipients.set(make_employees(5))
    client.force_login(viewer)
    assert client.post(url("feedback-survey-send-now", survey.pk)).status_code == 403
    assert not SurveyRound.objects.exists()


# --- end -------------------------------------------------------------------------------------


def test_ending_asks_first(client: Client, editor) -> None:
    survey = make_survey()
    make_round(survey)
    text = get(client, editor, url("feedback-survey-end", survey.pk))
    assert "End the survey?" in text
    assert "Round 1 is still open: it closes now" in text
    assert Survey.objects.get().status == Survey.Status.ACTIVE


def test_ending_stops_the_open_rounds_links(client: Client, editor, time_machine) -> None:
    survey = make_survey()
    _round, links = make_round(survey)
    post(client, editor, url("feedback-survey-end", survey.pk))
    assert Survey.objects.get().status == Survey.Status.ENDED
    time_machine.move_to("2026-11-16 10:00 +0100", tick=False)
    from django.utils import timezone

    with pytest.raises(LinkRefused) as refused:
        services.survey_invitation_open(links["person1@example.com"], now=timezone.now())
    assert refused.value.reason == Refusal.EXPIRED


def test_a_draft_cannot_be_ended(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    text = text_of(post(client, editor, url("feedback-survey-end", survey.pk)))
    assert "Only a running survey can be ended." in text
    assert Survey.objects.get().status == Survey.Status.DRAFT


def test_a_viewer_cannot_end_a_survey(client: Client, viewer) -> None:
    survey = make_survey()
    client.force_login(viewer)
    assert client.post(url("feedback-survey-end", survey.pk)).status_code == 403
    assert Survey.objects.get().status == Survey.Status.ACTIVE


# --- delete ----------------------------------------------------------------------------------


def test_a_draft_is_deleted_after_asking(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    assert "This cannot be undone." in get(client, editor, url("feedback-survey-delete", survey.pk))
    response = post(client, editor, url("feedback-survey-delete", survey.pk))
    assert response.redirect_chain[-1][0] == url("feedback-index")
    assert not Survey.objects.exists()


def test_a_survey_with_rounds_but_no_answers_can_be_deleted(client: Client, editor) -> None:
    survey = make_survey()
    make_round(survey)
    post(client, editor, url("feedback-survey-delete", survey.pk))
    assert not Survey.objects.exists()


def test_a_survey_with_answers_is_not_deleted(client: Client, editor) -> None:
    survey = make_survey()
    survey_round, _links = make_round(survey)
    make_response(survey_round, {})
    text = text_of(post(client, editor, url("feedback-survey-delete", survey.pk)))
    assert "This survey has answers and is not deleted" in text
    assert "End it instead" in text
    assert SurveyResponse.objects.count() == 1


def test_a_viewer_cannot_delete_a_survey(client: Client, viewer) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    client.force_login(viewer)
    assert client.post(url("feedback-survey-delete", survey.pk)).status_code == 403
    assert Survey.objects.exists()


# --- who is asked ----------------------------------------------------------------------------


def test_the_recipients_page_offers_active_employees_only(client: Client, editor) -> None:
    survey = make_survey()
    active = make_employee(name="Mia Aktiv", email="mia@example.com")
    gone = make_employee(name="Ben Weg", email="ben@example.com", active=False)
    text = get(client, editor, url("feedback-survey-recipients", survey.pk))
    assert f'value="{active.pk}"' in text
    assert f'value="{gone.pk}"' not in text
    assert "Ben Weg" in text


def test_saving_sets_who_is_asked(client: Client, editor) -> None:
    survey = make_survey()
    first, second = make_employees(2)
    survey.recipients.set([first])
    data = {"recipients": [second.pk]}
    text = text_of(post(client, editor, url("feedback-survey-recipients", survey.pk), data))
    assert list(survey.recipients.all()) == [second]
    assert "1 employee is asked from the next round on." in text


def test_ask_everyone_and_nobody_need_no_script(client: Client, editor) -> None:
    survey = make_survey()
    employees = make_employees(3)
    post(client, editor, url("feedback-survey-recipients", survey.pk), {"select": "all"})
    assert set(survey.recipients.all()) == set(employees)
    post(client, editor, url("feedback-survey-recipients", survey.pk), {"select": "none"})
    assert not survey.recipients.exists()


def test_an_inactive_employee_stays_on_the_survey(client: Client, editor) -> None:
    survey = make_survey()
    gone = make_employee(active=False)
    survey.recipients.set([gone])
    post(client, editor, url("feedback-survey-recipients", survey.pk), {"select": "none"})
    assert list(survey.recipients.all()) == [gone]


def test_a_viewer_sees_who_is_asked_but_cannot_change_it(client: Client, viewer) -> None:
    survey = make_survey()
    employee = make_employee(name="Mia Müller")
    survey.recipients.set([employee])
    text = get(client, viewer, url("feedback-survey-recipients", survey.pk))
    assert "Mia Müller" in text and 'type="checkbox"' not in text
    response = client.post(url("feedback-survey-recipients", survey.pk), {"select": "none"})
    assert response.status_code == 403
    assert survey.recipients.exists()


def test_the_minimum_cannot_be_lowered_after_the_first_round(editor) -> None:
    from vendorwatch.feedback.forms import SurveyForm
    from vendorwatch.feedback.tests.factory import make_round

    survey = make_survey(min_answers=5)
    make_round(survey)
    data = {
        "provider": survey.provider.pk,
        "title": survey.title,
        "language": "de",
        "interval": survey.interval,
        "first_round_on": survey.first_round_on.isoformat(),
        "open_days": 14,
        "reminder_days_before": 3,
        "min_answers": 3,
    }
    form = SurveyForm(data, instance=survey)
    assert not form.is_valid()
    assert "min_answers" in form.errors
    assert form.fields["provider"].disabled
