"""What changes employee feedback: asking for ratings, opening survey rounds, reminding once,
and storing answers.

Every e-mail goes through the outbox under a key of its own (a rating request, an invitation,
a reminder, a low-rating notice), so however many job runners run the jobs, each is queued
once. A survey answer is stored in one transaction with the flip of its invitation's
``answered`` flag: a link answers once, and an answer is never stored without it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.audit.recording import record_created, record_update
from vendorwatch.contracts.reminders import default_recipients, reminder_language
from vendorwatch.feedback import tokens
from vendorwatch.feedback.models import (
    TEXT_LIMIT,
    Answer,
    Employee,
    ProblemRating,
    Question,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
from vendorwatch.feedback.tokens import LinkRefused, Refusal
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.meetings.mail import render_body
from vendorwatch.problems.models import EventKind, Problem, ProblemEvent, Status

logger = logging.getLogger(__name__)

# A resolution entered longer ago than this is not asked about: turning the feature on (or
# importing old problems) must not send a flood of e-mails about last year's problems.
RATING_WINDOW = timedelta(days=3)
# ... and one that happened longer ago than this (entered late) is history, not asked about.
HAPPENED_WINDOW = timedelta(days=14)
# The local time of day a survey's reminder goes out.
REMINDER_TIME = time(8, 0)
RESOLVING_KINDS = (EventKind.RESOLVED, EventKind.CONFIRMED)
EMAIL_LENGTH = Employee._meta.get_field("email").max_length or 254
INTERVAL_MONTHS = {
    Survey.Interval.ONCE: None,
    Survey.Interval.MONTHLY: 1,
    Survey.Interval.QUARTERLY: 3,
    Survey.Interval.HALF_YEARLY: 6,
    Survey.Interval.YEARLY: 12,
}


def link_url(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, args=[token])


def local_day(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def local_zone() -> ZoneInfo:
    """The organisation's time zone (``settings.TIME_ZONE`` when none is set or it is not a
    known zone): a survey's days and a link's last day are the days of the people asked."""
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    name = (organisation.time_zone if organisation else "") or str(settings.TIME_ZONE)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning(
            "unknown time zone %r of the organisation, using %s", name, settings.TIME_ZONE
        )
        return ZoneInfo(str(settings.TIME_ZONE))


def today_at(now: datetime) -> date:
    """The organisation's day at ``now``."""
    return now.astimezone(local_zone()).date()


# --- ratings after a resolved problem ------------------------------------------------------


def rating_recipient(problem: Problem) -> tuple[str, str] | None:
    """Who is asked to rate the resolution: the affected person named on the problem, else
    the person who reported it (with an e-mail address and still active); else nobody."""
    if problem.affected_email:
        return problem.affected_email, ""
    reporter = problem.reporter
    if reporter is not None and reporter.is_active and reporter.email:
        return reporter.email, reporter.get_full_name() or reporter.get_username()
    return None


def rating_request(*, problem: Problem, event: ProblemEvent, now: datetime) -> ProblemRating | None:
    """Ask for a rating of the resolution ``event`` (once per event); ``None`` when nobody can
    be asked or it was asked already."""
    recipient = rating_recipient(problem)
    if recipient is None:
        return None
    email, name = recipient
    language = reminder_language()
    try:
        with transaction.atomic():
            rating = ProblemRating.objects.create(
                problem=problem,
                resolved_event=event,
                email=email,
                name=name,
                language=language,
                nonce_hash="",
                requested_at=now,
                expires_at=rating_expiry(now),
            )
            token, rating.nonce_hash = tokens.new_link("rating", rating.pk)
            rating.save(update_fields=["nonce_hash"])
            _enqueue_rating_request(rating, token)
    except IntegrityError:
        return None  # asked a moment ago by another runner
    return rating


def rating_expiry(now: datetime) -> datetime:
    """A link asked for at ``now`` works for ``FEEDBACK_LINK_DAYS`` days and to the end of the
    last one, the day the e-mail names (not until the hour it happened to be sent)."""
    return closing_moment(today_at(now), max(1, settings.FEEDBACK_LINK_DAYS) + 1)


def _enqueue_rating_request(rating: ProblemRating, token: str) -> None:
    problem = rating.problem
    with translation.override(rating.language):
        context = {
            "rating": rating,
            "problem": problem,
            "provider": problem.provider.name,
            "url": link_url("feedback-rate", token),
            "valid_until": local_day(last_day(rating.expires_at)),
            "organisation": _organisation_name(),
        }
        body = render_body("feedback/mail/rating_request.txt", context)
        subject = gettext("How well was “%(title)s” solved?") % {"title": problem.title}
    outbox_enqueue(
        to=[rating.email], subject=subject, body=body, key=f"feedback-rating-{rating.pk}"
    )


def _organisation_name() -> str:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.name if organisation else ""


def ratings_request_due(*, now: datetime, problem: Problem | None = None) -> int:
    """Ask about every resolution entered and dated within :data:`RATING_WINDOW` whose episode
    (since the problem was last reopened) nobody was asked about yet, of one problem or of all;
    returns how many were asked. A resolution and its confirmation are one episode: asked
    once."""
    events = ProblemEvent.objects.filter(
        kind__in=RESOLVING_KINDS,
        created_at__gte=now - RATING_WINDOW,
        occurred_at__gte=now - HAPPENED_WINDOW,
        rating__isnull=True,
        problem__status__in=(Status.RESOLVED, Status.CLOSED),
    )
    if problem is not None:
        events = events.filter(problem=problem)
    problems = Problem.objects.filter(pk__in=events.values("problem_id").distinct()).select_related(
        "reporter", "provider"
    )
    asked = 0
    for candidate in problems.order_by("pk"):
        event = _episode_resolution(candidate, now)
        if event is not None and rating_request(problem=candidate, event=event, now=now):
            asked += 1
    return asked


def _episode_resolution(problem: Problem, now: datetime) -> ProblemEvent | None:
    """The resolution of the problem's current episode to ask about: its first resolving
    event entered within the window; ``None`` when one of the episode was asked about."""
    episode: list[ProblemEvent] = []
    for event in problem.events.select_related("rating").order_by("occurred_at", "pk"):
        if event.kind == EventKind.REOPENED:
            episode = []
        elif event.kind in RESOLVING_KINDS:
            episode.append(event)
    if any(_has_rating(event) for event in episode):
        return None
    reopened = (
        problem.events.filter(kind=EventKind.REOPENED)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    asked = ProblemRating.objects.filter(problem=problem, resolved_event__isnull=True)
    if reopened is not None:
        asked = asked.filter(requested_at__gt=reopened)
    if asked.exists():  # asked about a resolution that was deleted since
        return None
    # Entered lately and happened lately: a resolution recorded today for last year is history.
    entered, happened = now - RATING_WINDOW, now - HAPPENED_WINDOW
    recent = (e for e in episode if e.created_at >= entered and e.occurred_at >= happened)
    return next(recent, None)


def _has_rating(event: ProblemEvent) -> bool:
    try:
        return event.rating is not None
    except ProblemRating.DoesNotExist:
        return False


def rating_open(token: str, *, now: datetime) -> ProblemRating:
    """The rating a link is for, if it may still be given; else :class:`LinkRefused`."""
    pk, nonce = tokens.read_link("rating", token)
    rating = ProblemRating.objects.select_related("problem__provider").filter(pk=pk).first()
    if rating is None or not tokens.nonce_matches(nonce, rating.nonce_hash):
        raise LinkRefused(Refusal.INVALID)
    if rating.answered_at is not None:
        raise LinkRefused(Refusal.USED)
    if now >= rating.expires_at:
        raise LinkRefused(Refusal.EXPIRED)
    return rating


def rating_submit(*, rating: ProblemRating, stars: int, comment: str, now: datetime) -> None:
    """Store the rating once; a low one puts a note on the timeline and tells the owner.
    :class:`LinkRefused` when it was given or expired meanwhile; ``ValueError`` for stars
    outside 1–5 (the form allows no other)."""
    if isinstance(stars, bool) or not 1 <= int(stars) <= 5:
        raise ValueError(stars)
    stars, comment = int(stars), comment.strip()[:TEXT_LIMIT]
    with transaction.atomic():
        stored = ProblemRating.objects.filter(
            pk=rating.pk, answered_at__isnull=True, expires_at__gt=now
        ).update(stars=stars, comment=comment, answered_at=now)
        if not stored:
            fresh = ProblemRating.objects.get(pk=rating.pk)
            raise LinkRefused(Refusal.USED if fresh.answered_at else Refusal.EXPIRED)
        # A rating is not anonymous (it is shown on the problem): the trail records it.
        given = {"stars": stars, "comment": comment, "answered_at": now}
        record_update(rating, {"stars": None, "comment": "", "answered_at": None}, given)
        rating.stars, rating.comment, rating.answered_at = stars, comment, now
        if rating.is_low:
            _low_rating_follow_up(rating, now)


def _low_rating_follow_up(rating: ProblemRating, now: datetime) -> None:
    from vendorwatch.problems.services import problem_event_add

    problem = rating.problem
    with translation.override(reminder_language()):
        text = rating_note_text(rating)
        subject = gettext("Low rating of a resolution: %(title)s") % {"title": problem.title}
        body = render_body(
            "feedback/mail/low_rating.txt",
            {
                "rating": rating,
                "problem": problem,
                "provider": problem.provider.name,
                "url": settings.SITE_URL + reverse("problems-detail", args=[problem.pk]),
            },
        )
    note = problem_event_add(problem=problem, kind=EventKind.COMMENT, occurred_at=now, text=text)
    rating.note = note
    rating.save(update_fields=["note"])
    owner = problem.owner
    to = [owner.email] if owner is not None and owner.is_active and owner.email else []
    to = to or default_recipients()
    if to:
        outbox_enqueue(
            to=to,
            subject=subject,
            body=body,
            key=f"feedback-rating-{rating.pk}-low",
            related=problem,
        )


def rating_note_text(rating: ProblemRating) -> str:
    """The timeline note of a low rating (in the active language)."""
    who = rating.name or rating.email
    text = gettext(
        "Rating of the resolution by %(who)s: %(stars)s of 5 stars. The discussion with the "
        "provider should be taken up again."
    ) % {"who": who, "stars": rating.stars}
    if rating.comment:
        text += "\n" + gettext("Comment: %(comment)s") % {"comment": rating.comment}
    return text


# --- pulse surveys: rounds, invitations, the one reminder ----------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, at most to the last day of the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def _nth_day(survey: Survey, months: int, steps: int) -> date:
    # Always counted from the first day: 31.01. → 28.02. → 31.03., never 28.03.
    return add_months(survey.first_round_on, steps * months)


def scheduled_day(survey: Survey, today: date) -> date | None:
    """The latest day on which a round is scheduled up to ``today`` (``None`` before the
    first)."""
    first = survey.first_round_on
    if today < first:
        return None
    months = INTERVAL_MONTHS[Survey.Interval(survey.interval)]
    if months is None:
        return first
    elapsed = (today.year - first.year) * 12 + today.month - first.month
    steps = elapsed // months
    day = _nth_day(survey, months, steps)
    return day if day <= today else _nth_day(survey, months, steps - 1)


def next_round_day(survey: Survey, today: date) -> date | None:
    """The day the next round of a running survey opens: ``today`` while a scheduled round
    waits for the job runner (which opens it within minutes), the day the open round closes
    while that one still blocks it, else the next scheduled day after ``today``; ``None``
    when no round follows (a survey that is not running, or one asked once after its
    round)."""
    if survey.status != Survey.Status.ACTIVE:
        return None
    if today < survey.first_round_on:
        return survey.first_round_on
    if _round_due(survey, today):
        still_open = survey.rounds.filter(closes_at__gt=timezone.now()).order_by("-closes_at")
        closes = still_open.values_list("closes_at", flat=True).first()
        return max(today, last_day(closes) + timedelta(days=1)) if closes else today
    months = INTERVAL_MONTHS[Survey.Interval(survey.interval)]
    if months is None:
        return None
    first = survey.first_round_on
    steps = ((today.year - first.year) * 12 + today.month - first.month) // months
    try:
        day = _nth_day(survey, months, steps)
        while day <= today:
            steps += 1
            day = _nth_day(survey, months, steps)
    except (ValueError, OverflowError):
        return None  # after the year 9999
    return day


def closing_moment(day: date, open_days: int) -> datetime:
    """A round opened on ``day`` is open for ``open_days`` whole days of the organisation:
    it closes at local midnight (23 or 25 hours after the last one when the clocks change)."""
    return datetime.combine(day + timedelta(days=open_days), time.min, tzinfo=local_zone())


def last_day(closes_at: datetime) -> date:
    """The last local day before ``closes_at`` (a round closing at midnight: the day before)."""
    return (closes_at.astimezone(local_zone()) - timedelta(microseconds=1)).date()


def open_round(survey: Survey) -> SurveyRound | None:
    now = timezone.now()
    return survey.rounds.filter(opens_at__lte=now, closes_at__gt=now).first()


def survey_open_round(*, survey: Survey, now: datetime) -> SurveyRound | None:
    """Open the survey's next round now and queue an invitation to every asked employee;
    ``None`` when a round is still open, the survey has ended, or another runner opened it
    a moment ago."""
    if survey.status == Survey.Status.ENDED or survey.rounds.filter(closes_at__gt=now).exists():
        return None
    number = (survey.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    emails = recipient_addresses(survey)
    try:
        with transaction.atomic():
            survey_round = SurveyRound.objects.create(
                survey=survey,
                number=number,
                opens_at=now,
                closes_at=closing_moment(today_at(now), survey.open_days),
                invited=len(emails),
            )
            for email in emails:
                invitation = SurveyInvitation.objects.create(
                    round=survey_round, email=email, nonce_hash=""
                )
                token, invitation.nonce_hash = tokens.new_link("survey", invitation.pk)
                invitation.save(update_fields=["nonce_hash"])
                _enqueue_invitation(invitation, token, reminder=False)
    except IntegrityError:
        return None
    return survey_round


def recipient_addresses(survey: Survey) -> list[str]:
    seen: dict[str, str] = {}
    for email in survey.recipients.filter(active=True).values_list("email", flat=True):
        seen.setdefault(email.strip().lower(), email.strip())
    return sorted(seen.values(), key=str.lower)


def _enqueue_invitation(invitation: SurveyInvitation, token: str, *, reminder: bool) -> None:
    survey_round = invitation.round
    survey = survey_round.survey
    with translation.override(survey.language):
        context = {
            "survey": survey,
            "provider": survey.provider.name,
            "url": link_url("feedback-answer", token),
            "last_day": local_day(last_day(survey_round.closes_at)),
            "questions": survey.questions.count(),
            "organisation": _organisation_name(),
            "min_answers": survey.min_answers,
            "reminder": reminder,
        }
        body = render_body("feedback/mail/survey_invitation.txt", context)
        if reminder:
            subject = gettext("Reminder: %(title)s – open until %(day)s") % {
                "title": survey.title,
                "day": context["last_day"],
            }
        else:
            subject = gettext("Your opinion, anonymously: %(title)s") % {"title": survey.title}
    kind = "reminder" if reminder else "invite"
    outbox_enqueue(
        to=[invitation.email],
        subject=subject,
        body=body,
        key=f"feedback-survey-{kind}-{invitation.pk}",
    )


def _round_due(survey: Survey, today: date) -> bool:
    """Whether the survey's latest scheduled day has no round of its own yet. After a pause
    of the job runner only the latest missed day counts: one round, not every missed one."""
    day = scheduled_day(survey, today)
    if day is None:
        return False
    if survey.interval == Survey.Interval.ONCE:
        return not survey.rounds.exists()
    since = datetime.combine(day, time.min, tzinfo=local_zone())
    return not survey.rounds.filter(opens_at__gte=since).exists()


def surveys_open_due(*, now: datetime) -> int:
    """Open a round for every running survey whose scheduled day has come and that has no
    round since that day; returns how many were opened."""
    today = today_at(now)
    opened = 0
    for survey in Survey.objects.filter(status=Survey.Status.ACTIVE, first_round_on__lte=today):
        if not _round_due(survey, today):
            continue
        if survey_open_round(survey=survey, now=now) is not None:
            opened += 1
    return opened


def reminder_moment(survey_round: SurveyRound) -> datetime | None:
    """When the round's one reminder is due: the survey's days before it closes, counted in
    local days; ``None`` for no reminder (none wanted, or the round is too short for one)."""
    days = survey_round.survey.reminder_days_before
    if not days:
        return None
    zone = local_zone()
    closes = survey_round.closes_at.astimezone(zone)
    # In the morning of that day (a round closes at midnight: not at midnight).
    at = max(closes.time().replace(tzinfo=None), REMINDER_TIME)
    due = datetime.combine(closes.date() - timedelta(days=days), at, tzinfo=zone)
    # A reminder together with the invitation would be a second e-mail for nothing.
    return due if due > survey_round.opens_at else None


def survey_reminders_due(*, now: datetime) -> int:
    """Queue the one reminder of every open round whose reminder day has come, to those who
    have not answered (and are still asked in surveys); returns how many were queued."""
    queued = 0
    rounds = SurveyRound.objects.filter(
        reminder_sent_at__isnull=True,
        opens_at__lte=now,
        closes_at__gt=now,
        survey__status=Survey.Status.ACTIVE,
        survey__reminder_days_before__gt=0,
    ).select_related("survey__provider")
    # Only those still on the list and asked in surveys (deleted or cleared since: not).
    asked = {
        e.lower() for e in Employee.objects.filter(active=True).values_list("email", flat=True)
    }
    for survey_round in rounds:
        due = reminder_moment(survey_round)
        if due is None or now < due:
            continue
        with transaction.atomic():
            claimed = SurveyRound.objects.filter(
                pk=survey_round.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue  # another runner reminds
            for invitation in survey_round.invitations.filter(answered=False).order_by("pk"):
                if invitation.email.lower() not in asked:
                    continue
                # A link of its own (the first one's random part is not kept, only its
                # hash); both work until the round closes.
                token, invitation.reminder_nonce_hash = tokens.new_link("survey", invitation.pk)
                invitation.save(update_fields=["reminder_nonce_hash"])
                _enqueue_invitation(invitation, token, reminder=True)
                queued += 1
            invitations_touch(survey_round.pk)
    return queued


# --- answering a survey --------------------------------------------------------------------


def survey_invitation_open(token: str, *, now: datetime) -> SurveyInvitation:
    """The invitation a link is for, if it may still answer; else :class:`LinkRefused`."""
    pk, nonce = tokens.read_link("survey", token)
    invitation = (
        SurveyInvitation.objects.select_related("round__survey__provider").filter(pk=pk).first()
    )
    if invitation is None or not any(
        stored and tokens.nonce_matches(nonce, stored)
        for stored in (invitation.nonce_hash, invitation.reminder_nonce_hash)
    ):
        raise LinkRefused(Refusal.INVALID)
    if invitation.answered:
        raise LinkRefused(Refusal.USED)
    if not _accepts_answers(invitation.round, now):
        raise LinkRefused(Refusal.EXPIRED)
    return invitation


def _accepts_answers(survey_round: SurveyRound, now: datetime) -> bool:
    return (
        survey_round.opens_at <= now < survey_round.closes_at
        and survey_round.survey.status != Survey.Status.ENDED
    )


AnswerValue = int | str


@dataclass(frozen=True)
class Given:
    """One answer as the form cleaned it: a number (rating, recommendation), a choice or a
    text."""

    question: Question
    value: AnswerValue


def survey_answer_submit(
    *, invitation: SurveyInvitation, answers: Mapping[int, AnswerValue], now: datetime
) -> SurveyResponse:
    """Store one person's answers (by question id) with no trace of who gave them, and mark
    the invitation used — both or neither. Unknown questions, empty values and values a
    question cannot take (a 7 for a rating of 1–5, an option it does not offer) are left out.
    :class:`LinkRefused` when the link was used or the round closed meanwhile."""
    questions = {q.pk: q for q in Question.objects.filter(survey_id=invitation.round.survey_id)}
    given = [
        answer
        for pk, value in answers.items()
        if pk in questions and (answer := _answer(questions[pk], value)) is not None
    ]
    with transaction.atomic():
        used = SurveyInvitation.objects.filter(pk=invitation.pk, answered=False).update(
            answered=True
        )
        if not used:
            raise LinkRefused(Refusal.USED)
        survey_round = SurveyRound.objects.select_related("survey").get(pk=invitation.round_id)
        if not _accepts_answers(survey_round, now):
            raise LinkRefused(Refusal.EXPIRED)  # rolls back the flag
        response = SurveyResponse.objects.create(round=survey_round)
        for answer in given:
            answer.response = response
        Answer.objects.bulk_create(given)
        invitations_touch(survey_round.pk)
    return response


def invitations_touch(round_pk: int) -> None:
    """Write every invitation of the round again, in the transaction that changes any of them.

    PostgreSQL stamps each row with the transaction that last wrote it (``xmin``): had only the
    used invitation been written beside the new response, the two would carry the same stamp
    and could be joined. Written together, all invitations of the round carry it, whoever
    answered (the reminder job does the same)."""
    SurveyInvitation.objects.filter(round_id=round_pk).update(answered=F("answered"))


def _answer(question: Question, value: AnswerValue | None) -> Answer | None:
    answer = Answer(question=question)
    if value is None or isinstance(value, bool):
        return None
    if question.kind in (QuestionKind.RATING, QuestionKind.RECOMMEND):
        low, high = (1, 5) if question.kind == QuestionKind.RATING else (0, 10)
        try:
            number = int(value)
        except (TypeError, ValueError):
            return None
        if not low <= number <= high:
            return None
        answer.number = number
    elif question.kind == QuestionKind.CHOICE:
        if str(value).strip() not in question.options:
            return None
        answer.choice = str(value).strip()
    else:
        text = str(value).strip()[:TEXT_LIMIT]
        if not text:
            return None
        answer.text = text
    return answer


# --- employees -----------------------------------------------------------------------------


def employees_add(lines: str) -> tuple[list[Employee], list[tuple[int, str, str]]]:
    """Add employees from pasted lines ("Name <address>", "Name; address", "Name, address",
    "Name<tab>address", "Name address" or just the address); returns those added and, for
    each line refused, its number, text and the reason. An address already on the list (in
    any spelling of capitals) is refused, and so is a second line with it."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    added: list[Employee] = []
    refused: list[tuple[int, str, str]] = []
    known = {e.lower() for e in Employee.objects.values_list("email", flat=True)}
    for number, raw in enumerate(lines.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        name, email = split_name_address(line)
        if "@" in name:
            refused.append((number, line, gettext("one address per line, please")))
            continue
        try:
            validate_email(email)
            if len(email) > EMAIL_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            refused.append((number, line, gettext("not a valid e-mail address")))
            continue
        if email.lower() in known:
            refused.append((number, line, gettext("already on the list")))
            continue
        known.add(email.lower())
        added.append(Employee(name=name[:200], email=email))
    Employee.objects.bulk_create(added)
    record_created(added)
    return added, refused


def split_name_address(line: str) -> tuple[str, str]:
    """``(name, address)`` of one pasted line; the name may be empty."""
    line = line.strip()
    if "<" in line and line.endswith(">"):
        name, _sep, address = line[:-1].rpartition("<")
        return name.strip().strip('"').strip(), address.strip()
    for separator in (";", "\t", ","):
        if separator in line:
            name, _sep, address = line.rpartition(separator)
            return name.strip().strip('"').strip(), address.strip()
    name, _sep, address = line.rpartition(" ")
    if "@" in address:  # "Anna Müller anna@example.com", as copied from a list
        return name.strip(), address
    return "", line


def survey_participation(survey_round: SurveyRound) -> dict[str, Any]:
    """How many were asked and how many answered (never who)."""
    from vendorwatch.feedback.results import minimum

    answered = survey_round.responses.count()
    needed = minimum(survey_round.survey)
    return {
        "invited": survey_round.invited,
        "answered": answered,
        "enough": answered >= needed,
        "missing": max(0, needed - answered),
    }


def sent_links_forget() -> int:
    """Take the link out of every feedback e-mail the outbox has sent: the database keeps only
    a hash of each link's random part, and a kept e-mail must not undo that. Returns how many
    were changed."""
    from vendorwatch.jobs.models import OutboxMessage
    from vendorwatch.web.log_masking import mask_keys

    sent = (
        OutboxMessage.objects.filter(sent_at__isnull=False)
        .filter(Q(key__startswith="feedback-survey-") | Q(key__startswith="feedback-rating-"))
        .filter(Q(body__contains="/feedback/survey/") | Q(body__contains="/feedback/rate/"))
        .exclude(body__contains="/feedback/survey/…/")
        .exclude(body__contains="/feedback/rate/…/")
    )
    changed = 0
    for message in sent.only("pk", "body").iterator():
        masked = mask_keys(message.body)
        if masked != message.body:
            OutboxMessage.objects.filter(pk=message.pk).update(body=masked)
            changed += 1
    return changed
