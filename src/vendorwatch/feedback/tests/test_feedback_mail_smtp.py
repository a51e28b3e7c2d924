"""Every e-mail of employee feedback goes through the outbox and reaches a real mail server
once, however many job runners run at the same moment; while the mail server is down the
messages wait in the outbox and go out once it is back."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from vendorwatch.accounts.roles import Role
from vendorwatch.feedback import services
from vendorwatch.feedback.tests.factory import make_employees, make_survey
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.problems.models import EventKind
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db(transaction=True)
BERLIN = ZoneInfo("Europe/Berlin")
TITLE = "Wie zufrieden sind Sie mit der IT-Betreuung?"
INVITATION = f"Ihre Meinung, anonym: {TITLE}"
REMINDER = f"Erinnerung: {TITLE} – offen bis 14.10.2026"
RATING = "Wie gut wurde „Drucker im Büro druckt nicht“ gelöst?"
PEOPLE = ["person1@example.com", "person2@example.com", "person3@example.com"]


def morning(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def runner(now: datetime, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    """One job runner: the feedback jobs directly (as when both took a turn), then a normal
    round of due jobs and the outbox."""
    try:
        barrier.wait()
        services.ratings_request_due(now=now)
        services.surveys_open_due(now=now)
        services.survey_reminders_due(now=now)
        run_due_jobs(now=now)
        outbox_send_due(now=now)
    except BaseException as error:  # reported to the test
        errors.append(error)
    finally:
        connection.close()


def two_runners(now: datetime) -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    threads = [threading.Thread(target=runner, args=(now, barrier, errors)) for _ in "ab"]
    with time_machine.travel(now, tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def delivered(smtp_server) -> Counter[tuple[str, str]]:
    """(recipient, subject) of every feedback e-mail the mail server received, counted."""
    wanted = {INVITATION, REMINDER, RATING}
    found: Counter[tuple[str, str]] = Counter()
    for message in list(smtp_server.inbox.messages):
        subject = " ".join(str(message["Subject"]).split())
        if subject in wanted:
            found[(str(message["To"]), subject)] += 1
    return found


def set_up() -> None:
    """A survey opening on 01.10.2026 for three people, and a problem resolved that morning."""
    survey = make_survey()
    survey.recipients.set(make_employees(3))
    reporter = make_user(Role.EDITOR, username="rita", email="rita@example.com")
    with time_machine.travel(morning(date(2026, 10, 1), 6), tick=False):
        problem = make_problem("2026-09-30 09:00+02:00", user=reporter)
        add_event(problem, EventKind.RESOLVED, "2026-10-01T06:00+02:00")


def test_two_runners_deliver_each_invitation_rating_request_and_reminder_once(
    smtp_server,
) -> None:
    set_up()
    for hour in (7, 9):  # two rounds of two runners on the first day
        two_runners(morning(date(2026, 10, 1), hour))
    assert delivered(smtp_server) == Counter(
        {(email, INVITATION): 1 for email in PEOPLE} | {("rita@example.com", RATING): 1}
    )
    for hour in (7, 9):  # the reminder's day
        two_runners(morning(date(2026, 10, 12), hour))
    assert delivered(smtp_server) == Counter(
        {(email, INVITATION): 1 for email in PEOPLE}
        | {(email, REMINDER): 1 for email in PEOPLE}
        | {("rita@example.com", RATING): 1}
    )
    two_runners(morning(date(2026, 10, 20)))  # after the round: nothing more
    assert sum(delivered(smtp_server).values()) == 7
    assert not OutboxMessage.objects.filter(sent_at__isnull=True, key__startswith="feedback-")


def test_with_the_mail_server_down_the_messages_wait_and_go_out_once(smtp_server) -> None:
    set_up()
    smtp_server.stop()
    two_runners(morning(date(2026, 10, 1)))
    waiting = OutboxMessage.objects.filter(key__startswith="feedback-", sent_at__isnull=True)
    assert waiting.count() == 4
    assert all(m.last_error for m in waiting)
    assert not delivered(smtp_server)

    smtp_server.start()
    later = morning(date(2026, 10, 1), 8)  # after the first retry's wait
    with time_machine.travel(later, tick=False):
        assert outbox_send_due(now=later) >= 4
    two_runners(later + timedelta(hours=1))
    assert delivered(smtp_server) == Counter(
        {(email, INVITATION): 1 for email in PEOPLE} | {("rita@example.com", RATING): 1}
    )
    assert not OutboxMessage.objects.filter(key__startswith="feedback-", sent_at__isnull=True)
