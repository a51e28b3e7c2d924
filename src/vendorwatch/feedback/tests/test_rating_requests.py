"""After a problem is resolved, the affected person (else the reporter) is asked once to rate
the resolution, by a link that works until the end of the day the e-mail names."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vendorwatch.accounts.roles import Role
from vendorwatch.feedback import services
from vendorwatch.feedback.models import ProblemRating
from vendorwatch.feedback.tokens import LinkRefused, Refusal
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.testing.factory import make_organisation, make_provider, make_user

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
RESOLVED_AT = datetime(2026, 11, 23, 15, tzinfo=BERLIN)
TITLE = "Drucker im Büro druckt nicht"


def at(day: date, hour: int = 16, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def ask(now: datetime, problem: Problem | None = None) -> int:
    with time_machine.travel(now, tick=False):
        return services.ratings_request_due(now=now, problem=problem)


def event(problem: Problem, kind: str, moment: datetime) -> None:
    """An event that happened and was entered at ``moment``."""
    with time_machine.travel(moment, tick=False):
        add_event(problem, kind, moment.isoformat())


def reported(**fields: object) -> Problem:
    if "user" not in fields:
        fields["user"] = make_user(Role.EDITOR, username="rita", first_name="Rita")
    if "provider" not in fields:
        fields["provider"] = make_provider(name="Systemhaus Huber GmbH")
    with time_machine.travel(datetime(2026, 11, 23, 9, tzinfo=BERLIN), tick=False):
        return make_problem(**fields)


def resolved(**fields: object) -> Problem:
    problem = reported(**fields)
    event(problem, EventKind.RESOLVED, RESOLVED_AT)
    return problem


def requests() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="feedback-rating-").order_by("pk"))


def token_in(body: str) -> str:
    found = re.search(r"/feedback/rate/([^/\s]+)/", body)
    assert found, body
    return found.group(1)


def test_the_reporter_is_asked_after_the_resolution() -> None:
    problem = resolved()
    assert ask(at(date(2026, 11, 23))) == 1
    rating = ProblemRating.objects.get()
    assert (rating.problem, rating.email) == (problem, problem.reporter.email)
    assert rating.resolved_event == problem.events.get(kind=EventKind.RESOLVED)
    assert [m.to for m in requests()] == [[problem.reporter.email]]


def test_the_affected_person_is_asked_rather_than_the_reporter() -> None:
    resolved(affected_email="mia.mueller@example.com")
    ask(at(date(2026, 11, 23)))
    assert [m.to for m in requests()] == [["mia.mueller@example.com"]]
    assert ProblemRating.objects.get().name == ""


def test_nobody_is_asked_when_nobody_can_be_asked() -> None:
    resolved(user=None)
    assert ask(at(date(2026, 11, 23))) == 0
    assert not ProblemRating.objects.exists()
    assert not requests()


def test_a_reporter_who_left_is_not_asked() -> None:
    resolved(user=make_user(Role.EDITOR, username="gone", is_active=False))
    assert ask(at(date(2026, 11, 23))) == 0
    assert not requests()


def test_a_reporter_without_an_address_is_not_asked() -> None:
    resolved(user=make_user(Role.EDITOR, username="noaddress", email=""))
    assert ask(at(date(2026, 11, 23))) == 0


def test_a_problem_not_resolved_is_not_asked_about() -> None:
    problem = reported()
    event(problem, EventKind.FIRST_RESPONSE, at(date(2026, 11, 23), 10))
    assert ask(at(date(2026, 11, 23))) == 0


def test_a_resolution_is_asked_about_once() -> None:
    resolved()
    ask(at(date(2026, 11, 23)))
    assert ask(at(date(2026, 11, 23), 16, 5)) == 0
    assert ask(at(date(2026, 11, 24))) == 0
    assert ProblemRating.objects.count() == 1
    assert len(requests()) == 1


def test_a_resolution_and_its_confirmation_are_asked_about_once() -> None:
    problem = resolved()
    ask(at(date(2026, 11, 23)))
    event(problem, EventKind.CONFIRMED, at(date(2026, 11, 24), 9))
    assert ask(at(date(2026, 11, 24), 10)) == 0
    assert ProblemRating.objects.count() == 1


def test_a_resolution_confirmed_before_the_job_ran_is_asked_about_once() -> None:
    problem = resolved()
    event(problem, EventKind.CONFIRMED, at(date(2026, 11, 23), 15, 30))
    assert ask(at(date(2026, 11, 23))) == 1
    assert ProblemRating.objects.get().resolved_event.kind == EventKind.RESOLVED


def test_a_problem_reopened_and_resolved_again_is_asked_about_again() -> None:
    problem = resolved()
    ask(at(date(2026, 11, 23)))
    event(problem, EventKind.REOPENED, at(date(2026, 11, 24), 8))
    assert ask(at(date(2026, 11, 24), 9)) == 0  # not resolved now
    event(problem, EventKind.RESOLVED, at(date(2026, 11, 24), 12))
    assert ask(at(date(2026, 11, 24), 13)) == 1
    second = ProblemRating.objects.order_by("-pk").first()
    assert second is not None
    assert second.resolved_event.occurred_at == at(date(2026, 11, 24), 12)
    assert len(requests()) == 2


def test_reopened_and_resolved_again_before_the_job_ran_asks_about_the_latest_resolution():
    problem = resolved()
    event(problem, EventKind.REOPENED, at(date(2026, 11, 23), 15, 10))
    event(problem, EventKind.RESOLVED, at(date(2026, 11, 23), 15, 20))
    assert ask(at(date(2026, 11, 23))) == 1
    rating = ProblemRating.objects.get()
    assert rating.resolved_event.occurred_at == at(date(2026, 11, 23), 15, 20)


def test_a_resolution_entered_longer_ago_than_the_window_is_not_asked_about() -> None:
    resolved()
    assert ask(RESOLVED_AT + services.RATING_WINDOW + timedelta(minutes=1)) == 0
    assert not requests()


def test_a_resolution_within_the_window_is_still_asked_about() -> None:
    resolved()
    assert ask(RESOLVED_AT + services.RATING_WINDOW - timedelta(minutes=1)) == 1


def test_the_window_counts_from_entering_not_from_when_it_happened() -> None:
    problem = reported()
    # Entered today, but it happened (and was back-dated) a week ago.
    with time_machine.travel(at(date(2026, 11, 30), 9), tick=False):
        add_event(problem, EventKind.RESOLVED, "2026-11-23T15:00+01:00")
    assert ask(at(date(2026, 11, 30), 10)) == 1


def test_asking_about_one_problem_leaves_the_others() -> None:
    first = resolved(title="Erstes")
    resolved(title="Zweites", user=first.reporter, provider=first.provider)
    assert ask(at(date(2026, 11, 23)), problem=first) == 1
    assert list(ProblemRating.objects.values_list("problem__title", flat=True)) == ["Erstes"]


def test_the_link_opens_the_rating() -> None:
    resolved()
    ask(at(date(2026, 11, 23)))
    rating = services.rating_open(token_in(requests()[0].body), now=at(date(2026, 11, 24)))
    assert rating == ProblemRating.objects.get()


def test_the_link_works_to_the_end_of_its_last_day(settings) -> None:
    settings.FEEDBACK_LINK_DAYS = 3
    resolved()
    ask(at(date(2026, 11, 23)))
    token = token_in(requests()[0].body)
    with time_machine.travel(at(date(2026, 11, 26), 23, 59), tick=False):
        assert services.rating_open(token, now=at(date(2026, 11, 26), 23, 59))
    moment = datetime(2026, 11, 27, tzinfo=BERLIN)
    with time_machine.travel(moment, tick=False), pytest.raises(LinkRefused) as refused:
        services.rating_open(token, now=moment)
    assert refused.value.reason is Refusal.EXPIRED
    assert ProblemRating.objects.get().expires_at == moment


def test_the_days_of_the_link_follow_the_setting(settings) -> None:
    settings.FEEDBACK_LINK_DAYS = 30
    resolved()
    ask(at(date(2026, 11, 23)))
    assert ProblemRating.objects.get().expires_at == datetime(2026, 12, 24, tzinfo=BERLIN)
    assert "bis zum 23.12.2026" in requests()[0].body


# --- the e-mail --------------------------------------------------------------------------------


def test_the_german_request_reads_well() -> None:
    make_organisation(name="Beispiel GmbH")
    resolved()
    ask(at(date(2026, 11, 23)))
    message = requests()[0]
    assert message.subject == f"Wie gut wurde „{TITLE}“ gelöst?"
    assert message.body.startswith(
        f"Guten Tag Rita,\n\ndie Störung „{TITLE}“ wurde von Systemhaus Huber GmbH behoben. "
        "Wie gut wurde sie gelöst?"
    )
    assert "Der Link funktioniert einmal und bis zum 07.12.2026." in message.body
    assert (
        "Ihre Bewertung steht bei der Störung, damit Beispiel GmbH sie mit dem Dienstleister "
        "besprechen kann." in message.body
    )


def test_the_english_request_reads_well() -> None:
    make_organisation(name="Example Ltd", document_language="en")
    resolved()
    ask(at(date(2026, 11, 23)))
    message = requests()[0]
    assert message.subject == f"How well was “{TITLE}” solved?"
    assert message.body.startswith(
        f"Hello Rita,\n\nThe problem “{TITLE}” was resolved by Systemhaus Huber GmbH."
    )
    assert "The link works once and until 07.12.2026." in message.body
    assert "so that Example Ltd can take it up with the provider." in message.body
    assert ProblemRating.objects.get().language == "en"


def test_without_an_organisation_name_the_request_still_reads_well() -> None:
    resolved(affected_email="mia@example.com")
    ask(at(date(2026, 11, 23)))
    body = requests()[0].body
    assert body.startswith("Guten Tag,\n\n")
    assert body.rstrip().endswith(
        "Ihre Bewertung steht bei der Störung, damit sie mit dem Dienstleister besprochen "
        "werden kann."
    )
    assert "damit  sie" not in body


def test_the_request_carries_a_full_link(settings) -> None:
    settings.SITE_URL = "https://vendorwatch.example.com"
    resolved()
    ask(at(date(2026, 11, 23)))
    assert re.search(
        r"^https://vendorwatch\.example\.com/feedback/rate/\S+/$", requests()[0].body, re.M
    )


def test_the_job_runner_asks_every_five_minutes() -> None:
    from vendorwatch.jobs.registry import jobs, run_due_jobs

    job = next(j for j in jobs() if j.name == "feedback-rating-requests")
    assert job.every == timedelta(minutes=5)
    resolved()
    now = at(date(2026, 11, 23))
    with time_machine.travel(now, tick=False):
        assert "feedback-rating-requests" in run_due_jobs(now=now)
    assert len(requests()) == 1


def test_a_resolution_that_happened_long_ago_is_not_asked_about_when_entered_late() -> None:
    problem = reported()
    with time_machine.travel(at(date(2026, 11, 30), 9), tick=False):
        add_event(problem, EventKind.RESOLVED, "2026-11-02T15:00+01:00")
    assert ask(at(date(2026, 11, 30), 10)) == 0
