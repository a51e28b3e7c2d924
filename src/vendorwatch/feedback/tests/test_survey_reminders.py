"""One reminder per round, on its day before the round closes, to those who have not answered;
its link and the invitation's link both work until the round closes."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vendorwatch.feedback import services
from vendorwatch.feedback.models import Survey, SurveyRound
from vendorwatch.feedback.tests.factory import make_employees, make_survey
from vendorwatch.feedback.tokens import LinkRefused, Refusal
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
TITLE = "Wie zufrieden sind Sie mit der IT-Betreuung?"


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def opened(day: date = date(2026, 10, 1), employees: int = 3, **fields: object) -> SurveyRound:
    """A round opened on ``day`` at 09:00, open 14 days, reminder 3 days before it closes."""
    fields.setdefault("provider", make_provider(name="Systemhaus Huber GmbH"))
    survey = make_survey(first_round_on=day, **fields)
    survey.recipients.set(make_employees(employees))
    with time_machine.travel(at(day), tick=False):
        survey_round = services.survey_open_round(survey=survey, now=at(day))
    assert survey_round is not None
    return survey_round


def remind(now: datetime) -> int:
    with time_machine.travel(now, tick=False):
        return services.survey_reminders_due(now=now)


def reminders() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="feedback-survey-reminder"))


def token_in(message: OutboxMessage) -> str:
    found = re.search(r"/feedback/survey/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


def invitation_token(email: str) -> str:
    return token_in(OutboxMessage.objects.get(key__startswith="feedback-survey-invite", to=[email]))


def answer(email: str, now: datetime) -> None:
    invitation = services.survey_invitation_open(invitation_token(email), now=now)
    services.survey_answer_submit(invitation=invitation, answers={}, now=now)


def test_no_reminder_before_its_day() -> None:
    opened()  # closes at the end of 14.10.: reminder from 12.10.
    assert remind(at(date(2026, 10, 11), 23, 59)) == 0
    assert not reminders()


def test_the_reminder_goes_out_on_its_day() -> None:
    opened(employees=3)
    assert remind(at(date(2026, 10, 12), 7, 59)) == 0
    assert remind(at(date(2026, 10, 12), 8, 1)) == 3
    assert sorted(m.to[0] for m in reminders()) == [
        "person1@example.com",
        "person2@example.com",
        "person3@example.com",
    ]


def test_those_who_answered_are_not_reminded() -> None:
    opened(employees=3)
    answer("person2@example.com", at(date(2026, 10, 2)))
    assert remind(at(date(2026, 10, 12))) == 2
    assert "person2@example.com" not in [m.to[0] for m in reminders()]


def test_a_round_is_reminded_once() -> None:
    survey_round = opened(employees=2)
    remind(at(date(2026, 10, 12)))
    assert remind(at(date(2026, 10, 12), 9)) == 0
    assert remind(at(date(2026, 10, 14))) == 0
    assert len(reminders()) == 2
    survey_round.refresh_from_db()
    assert survey_round.reminder_sent_at == at(date(2026, 10, 12))


def test_the_reminders_link_opens_the_invitation() -> None:
    opened(employees=1)
    remind(at(date(2026, 10, 12)))
    invitation = services.survey_invitation_open(
        token_in(reminders()[0]), now=at(date(2026, 10, 13))
    )
    assert invitation.email == "person1@example.com"


def test_the_invitations_link_still_works_after_the_reminder() -> None:
    opened(employees=1)
    remind(at(date(2026, 10, 12)))
    link = invitation_token("person1@example.com")
    invitation = services.survey_invitation_open(link, now=at(date(2026, 10, 13)))
    assert invitation.email == "person1@example.com"


def test_answering_by_the_reminder_uses_the_invitations_link_too() -> None:
    opened(employees=1)
    remind(at(date(2026, 10, 12)))
    now = at(date(2026, 10, 13))
    invitation = services.survey_invitation_open(token_in(reminders()[0]), now=now)
    services.survey_answer_submit(invitation=invitation, answers={}, now=now)
    with pytest.raises(LinkRefused) as refused:
        services.survey_invitation_open(invitation_token("person1@example.com"), now=now)
    assert refused.value.reason is Refusal.USED


def test_an_employee_who_left_meanwhile_is_not_reminded() -> None:
    opened(employees=2)
    Survey.objects.get().recipients.filter(email="person1@example.com").update(active=False)
    assert remind(at(date(2026, 10, 12))) == 1
    assert [m.to for m in reminders()] == [["person2@example.com"]]


def test_no_reminder_when_none_is_wanted() -> None:
    opened(reminder_days_before=0)
    assert remind(at(date(2026, 10, 14))) == 0


def test_no_reminder_in_a_round_too_short_for_one() -> None:
    opened(open_days=2, reminder_days_before=3)  # it would come with the invitation
    assert remind(at(date(2026, 10, 1), 8)) == 0
    assert remind(at(date(2026, 10, 2))) == 0


def test_no_reminder_after_the_round_closed() -> None:
    opened()
    assert remind(at(date(2026, 10, 15), 0, 1)) == 0


def test_an_ended_survey_reminds_nobody() -> None:
    survey_round = opened()
    Survey.objects.filter(pk=survey_round.survey_id).update(status=Survey.Status.ENDED)
    assert remind(at(date(2026, 10, 12))) == 0


def test_an_ended_survey_refuses_both_links() -> None:
    survey_round = opened(employees=1)
    remind(at(date(2026, 10, 12)))
    Survey.objects.filter(pk=survey_round.survey_id).update(status=Survey.Status.ENDED)
    for link in (invitation_token("person1@example.com"), token_in(reminders()[0])):
        with pytest.raises(LinkRefused) as refused:
            services.survey_invitation_open(link, now=at(date(2026, 10, 13)))
        assert refused.value.reason is Refusal.EXPIRED


def test_after_the_round_closed_both_links_are_refused() -> None:
    survey_round = opened(employees=1)
    remind(at(date(2026, 10, 12)))
    for link in (invitation_token("person1@example.com"), token_in(reminders()[0])):
        with pytest.raises(LinkRefused) as refused:
            services.survey_invitation_open(link, now=survey_round.closes_at)
        assert refused.value.reason is Refusal.EXPIRED


def test_the_reminder_day_is_counted_in_local_days_over_the_clock_change() -> None:
    # Closes at the end of 26.10.2026 (winter time since 25.10.): reminder on 24.10. at 08:00
    # summer time, not 72 hours before midnight (which would be 01:00).
    opened(date(2026, 10, 13), employees=1)
    assert remind(at(date(2026, 10, 24), 7, 59)) == 0
    assert remind(at(date(2026, 10, 24), 8, 0)) == 1


def test_the_german_reminder_reads_well() -> None:
    opened(employees=1)
    remind(at(date(2026, 10, 12)))
    message = reminders()[0]
    assert message.subject == f"Erinnerung: {TITLE} – offen bis 14.10.2026"
    assert message.body.startswith(
        "Guten Tag,\n\neine kurze Erinnerung: Die Umfrage zu Systemhaus Huber GmbH ist noch bis "
        "zum 14.10.2026 offen. Wenn Sie zwei Minuten Zeit haben, helfen Ihre Antworten."
    )
    assert "Ihre Antworten sind anonym" in message.body


def test_the_english_reminder_reads_well() -> None:
    opened(employees=1, language="en")
    remind(at(date(2026, 10, 12)))
    message = reminders()[0]
    assert message.subject == f"Reminder: {TITLE} – open until 14.10.2026"
    assert "A short reminder: the survey about Systemhaus Huber GmbH is open until 14.10.2026." in (
        message.body
    )


def test_the_reminder_does_not_repeat_the_introduction() -> None:
    opened(employees=1, intro="Bitte ehrlich antworten.")
    remind(at(date(2026, 10, 12)))
    assert "Bitte ehrlich antworten." not in reminders()[0].body


def test_the_job_runner_sends_the_reminder() -> None:
    from vendorwatch.jobs.registry import run_due_jobs

    opened(employees=2)
    now = at(date(2026, 10, 12))
    with time_machine.travel(now, tick=False):
        assert "feedback-survey-reminders" in run_due_jobs(now=now)
    assert len(reminders()) == 2


def test_the_reminder_goes_out_in_the_morning_not_at_midnight() -> None:
    due = services.reminder_moment(opened())
    assert due is not None
    assert (due.astimezone(BERLIN).date(), due.astimezone(BERLIN).hour) == (date(2026, 10, 12), 8)
