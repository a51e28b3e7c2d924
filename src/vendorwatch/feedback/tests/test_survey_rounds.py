"""The job opens a survey's rounds on their days and invites every asked employee once, in the
survey's language, with a link that works; never a second round while one is open."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from vendorwatch.feedback import services
from vendorwatch.feedback.models import Survey, SurveyInvitation, SurveyRound
from vendorwatch.feedback.tests.factory import make_employee, make_employees, make_survey
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
TITLE = "Wie zufrieden sind Sie mit der IT-Betreuung?"


def at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def run(day: date, hour: int = 7) -> int:
    now = at(day, hour)
    with time_machine.travel(now, tick=False):
        return services.surveys_open_due(now=now)


def planned(employees: int = 3, **fields: object) -> Survey:
    """A quarterly survey from 01.10.2026, asking ``employees`` people."""
    fields.setdefault("provider", make_provider(name="Systemhaus Huber GmbH"))
    survey = make_survey(**fields)
    survey.recipients.set(make_employees(employees))
    return survey


def invitations() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="feedback-survey-invite"))


def token_in(body: str) -> str:
    found = re.search(r"/feedback/survey/([^/\s]+)/", body)
    assert found, body
    return found.group(1)


def test_nothing_opens_before_the_first_day() -> None:
    planned()
    assert run(date(2026, 9, 30)) == 0
    assert not SurveyRound.objects.exists()


def test_the_first_round_opens_on_its_day() -> None:
    survey = planned()
    assert run(date(2026, 10, 1)) == 1
    survey_round = survey.rounds.get()
    assert survey_round.number == 1
    assert survey_round.opens_at == at(date(2026, 10, 1))
    assert survey_round.closes_at == datetime(2026, 10, 15, tzinfo=BERLIN)  # 14 days
    assert survey_round.invited == 3


def test_each_asked_employee_gets_one_invitation() -> None:
    planned(employees=3)
    run(date(2026, 10, 1))
    assert sorted(m.to[0] for m in invitations()) == [
        "person1@example.com",
        "person2@example.com",
        "person3@example.com",
    ]
    assert all(len(m.to) == 1 for m in invitations())
    assert SurveyInvitation.objects.count() == 3


def test_the_link_in_each_invitation_opens_that_invitation() -> None:
    planned(employees=2)
    run(date(2026, 10, 1))
    for message in invitations():
        invitation = services.survey_invitation_open(
            token_in(message.body), now=at(date(2026, 10, 2))
        )
        assert invitation.email == message.to[0]


def test_an_employee_who_left_is_not_invited() -> None:
    survey = planned(employees=2)
    survey.recipients.add(make_employee(email="gone@example.com", active=False))
    run(date(2026, 10, 1))
    assert "gone@example.com" not in [m.to[0] for m in invitations()]
    assert survey.rounds.get().invited == 2


def test_an_employee_not_asked_in_this_survey_is_not_invited() -> None:
    planned(employees=1)
    make_employee(email="other@example.com")
    run(date(2026, 10, 1))
    assert [m.to for m in invitations()] == [["person1@example.com"]]


def test_the_job_twice_on_the_same_day_opens_one_round() -> None:
    survey = planned()
    run(date(2026, 10, 1))
    assert run(date(2026, 10, 1), hour=9) == 0
    assert run(date(2026, 10, 20)) == 0  # closed, but this quarter had its round
    assert survey.rounds.count() == 1
    assert len(invitations()) == 3


def test_the_next_quarter_opens_the_next_round() -> None:
    survey = planned()
    run(date(2026, 10, 1))
    assert run(date(2026, 12, 31)) == 0
    assert run(date(2027, 1, 1)) == 1
    assert list(survey.rounds.values_list("number", flat=True)) == [2, 1]
    assert len(invitations()) == 6


def test_no_second_round_while_one_is_open() -> None:
    survey = planned(interval=Survey.Interval.MONTHLY, open_days=45)
    run(date(2026, 10, 1))
    assert run(date(2026, 11, 1)) == 0
    assert survey.rounds.count() == 1
    assert services.survey_open_round(survey=survey, now=at(date(2026, 11, 2))) is None


def test_the_round_held_back_opens_once_the_open_one_closed() -> None:
    survey = planned(interval=Survey.Interval.MONTHLY, open_days=45)
    run(date(2026, 10, 1))
    assert run(date(2026, 11, 15)) == 1  # the first closed at the end of 14.11.
    assert survey.rounds.count() == 2


def test_after_months_without_a_job_runner_one_round_catches_up() -> None:
    survey = planned(interval=Survey.Interval.MONTHLY)
    run(date(2026, 10, 1))
    assert run(date(2027, 3, 10)) == 1
    assert run(date(2027, 3, 11)) == 0
    assert survey.rounds.count() == 2
    assert survey.rounds.first().opens_at == at(date(2027, 3, 10))  # type: ignore[union-attr]


def test_a_survey_asked_once_opens_one_round_ever() -> None:
    survey = planned(interval=Survey.Interval.ONCE)
    assert run(date(2026, 10, 3)) == 1
    assert run(date(2027, 1, 1)) == 0
    assert run(date(2028, 10, 1)) == 0
    assert survey.rounds.count() == 1


def test_a_survey_asked_once_and_sent_early_by_hand_is_not_sent_again() -> None:
    survey = planned(interval=Survey.Interval.ONCE)
    services.survey_open_round(survey=survey, now=at(date(2026, 9, 20)))
    assert run(date(2026, 10, 1)) == 0


@pytest.mark.parametrize("status", [Survey.Status.DRAFT, Survey.Status.ENDED])
def test_a_survey_not_running_opens_no_round(status: str) -> None:
    planned(status=status)
    assert run(date(2026, 10, 1)) == 0
    assert not invitations()


def test_an_ended_survey_cannot_be_sent_by_hand() -> None:
    survey = planned(status=Survey.Status.ENDED)
    assert services.survey_open_round(survey=survey, now=timezone.now()) is None


def test_the_round_is_numbered_after_the_last_one() -> None:
    survey = planned()
    services.survey_open_round(survey=survey, now=at(date(2026, 9, 1)))
    run(date(2026, 10, 1))
    assert list(survey.rounds.values_list("number", flat=True)) == [2, 1]


# --- the invitation e-mail -------------------------------------------------------------------


def invitation_for(language: str = "de", **organisation: object) -> OutboxMessage:
    if organisation:
        make_organisation(**organisation)
    planned(employees=1, language=language, intro="Bitte ehrlich antworten.")
    run(date(2026, 10, 1))
    return invitations()[0]


def test_the_german_invitation_reads_well() -> None:
    message = invitation_for(name="Beispiel GmbH")
    assert message.subject == f"Ihre Meinung, anonym: {TITLE}"
    body = message.body
    assert body.startswith("Guten Tag,\n\nwie gut betreut Systemhaus Huber GmbH Ihre IT?")
    assert "Beispiel GmbH fragt alle, die mit dem Dienstleister arbeiten." in body
    assert "Bitte ehrlich antworten." in body
    assert "8 Fragen, wenige Minuten. Die Umfrage ist bis zum 14.10.2026 offen." in body
    assert "Ihre Antworten sind anonym" in body
    assert "wenn mindestens 5 Personen geantwortet haben" in body


def test_the_english_invitation_reads_well() -> None:
    message = invitation_for("en", name="Example Ltd")
    assert message.subject == f"Your opinion, anonymously: {TITLE}"
    body = message.body
    assert body.startswith("Hello,\n\nHow well does Systemhaus Huber GmbH look after your IT?")
    assert "Example Ltd is asking everyone who works with the provider." in body
    assert "8 questions, a few minutes. The survey is open until 14.10.2026." in body
    assert "Your answers are anonymous" in body


def test_without_an_organisation_name_the_invitation_still_reads_well() -> None:
    body = invitation_for().body
    assert "fragt alle" not in body
    assert " fragt" not in body.splitlines()[2]
    assert body.splitlines()[2].startswith("wie gut betreut Systemhaus Huber GmbH Ihre IT?")


def test_the_invitation_carries_a_full_link(settings) -> None:
    settings.SITE_URL = "https://vendorwatch.example.com"
    body = invitation_for().body
    assert re.search(r"^https://vendorwatch\.example\.com/feedback/survey/\S+/$", body, re.M)


def test_a_survey_of_one_question_says_so() -> None:
    survey = make_survey(questions=False, language="en")
    survey.recipients.set(make_employees(1))
    survey.questions.create(kind="rating", text="How satisfied are you?")
    run(date(2026, 10, 1))
    assert "1 question, less than a minute." in invitations()[0].body


def test_the_last_day_is_said_in_the_organisations_zone() -> None:
    make_organisation(time_zone="America/New_York")
    planned(employees=1)
    now = datetime(2026, 10, 1, 12, tzinfo=BERLIN)  # 06:00 in New York
    with time_machine.travel(now, tick=False):
        services.surveys_open_due(now=now)
    assert "bis zum 14.10.2026 offen" in invitations()[0].body
    closes = SurveyRound.objects.get().closes_at
    assert closes == datetime(2026, 10, 15, tzinfo=ZoneInfo("America/New_York"))


def test_each_invitation_is_queued_under_a_key_of_its_own() -> None:
    planned(employees=3)
    run(date(2026, 10, 1))
    keys = {m.key for m in invitations()}
    assert keys == {f"feedback-survey-invite-{i.pk}" for i in SurveyInvitation.objects.all()}


def test_the_invitation_is_sent_at_once() -> None:
    planned(employees=1)
    run(date(2026, 10, 1))
    assert invitations()[0].send_after <= at(date(2026, 10, 1)) + timedelta(seconds=1)


def test_the_job_runner_opens_the_round() -> None:
    from vendorwatch.jobs.registry import jobs, run_due_jobs

    assert {"feedback-survey-rounds", "feedback-survey-reminders"} <= {j.name for j in jobs()}
    survey = planned()
    now = at(date(2026, 10, 1))
    with time_machine.travel(now, tick=False):
        assert "feedback-survey-rounds" in run_due_jobs(now=now)
    assert survey.rounds.count() == 1
