"""Demo: Müller Metallbau asks its twelve employees every quarter how Brandl looks after their
IT, and the people who reported a problem rate how it was solved.

Two earlier rounds are complete (the second better than the first), the current round is open
with four answers — one short of the five needed before anything is shown. Four recent
resolutions are rated, one of them low (with its note on the problem's timeline), one request
is still waiting. Nothing is sent: the records are written directly.
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from vendorwatch.demo import DemoContext, loader
from vendorwatch.feedback import tokens
from vendorwatch.feedback.models import (
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
from vendorwatch.feedback.services import rating_note_text
from vendorwatch.feedback.templates_builtin import BUILT_IN, question_from_built_in
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.services import problem_event_add
from vendorwatch.providers.models import Provider

EMPLOYEES = [
    ("Katrin Müller", "k.mueller"),
    ("Stefan Keller", "s.keller"),
    ("Tobias Berger", "t.berger"),
    ("Aylin Demir", "a.demir"),
    ("Jonas Weber", "j.weber"),
    ("Maria Schmid", "m.schmid"),
    ("Lukas Hoffmann", "l.hoffmann"),
    ("Sabine Wagner", "s.wagner"),
    ("Petra Fischer", "p.fischer"),
    ("Murat Yilmaz", "m.yilmaz"),
    ("Anna Becker", "a.becker"),
    ("Frank Schulz", "f.schulz"),
]
DOMAIN = "mueller-metallbau.example"
# Round: days since it opened, answers, how good the provider was (rating 1–5 centre).
ROUNDS = [(190, 9, 3.4), (99, 10, 3.9), (4, 4, 4.1)]
TEXTS = [
    "Die Hotline ist morgens oft besetzt, sonst gut.",
    "Bitte nach einer Lösung kurz Bescheid geben, ob alles erledigt ist.",
    "Sehr freundlich, aber Rückrufe dauern manchmal zu lange.",
    "Seit dem neuen Ansprechpartner deutlich besser.",
    "Updates bitte nicht mitten am Vormittag einspielen.",
    "Erklärungen sind verständlich, danke!",
]
RATINGS = [
    (5, "Schnell erledigt, danke!"),
    (4, ""),
    (2, "Läuft wieder, aber niemand hat nachgefragt, ob jetzt alles passt."),
    (4, "Hat etwas gedauert, dann aber sauber gelöst."),
]


@loader(order=110)
def load_feedback(context: DemoContext) -> None:
    provider = Provider.objects.filter(name="Brandl IT-Systemhaus GmbH").first()
    if provider is None or Survey.objects.exists():
        return
    employees = [
        Employee.objects.get_or_create(email=f"{local}@{DOMAIN}", defaults={"name": name})[0]
        for name, local in EMPLOYEES
    ]
    survey = _survey(provider, employees)
    chance = random.Random(14)
    for number, (days_ago, answered, centre) in enumerate(ROUNDS, start=1):
        _round(survey, number, days_ago, answered, centre, chance)
    _ratings(provider)


def _survey(provider: Provider, employees: list[Employee]) -> Survey:
    today = timezone.localdate()
    first = ROUNDS[0][0]
    survey = Survey.objects.create(
        provider=provider,
        title="Wie zufrieden sind Sie mit der IT-Betreuung durch Brandl?",
        intro=(
            "Einmal im Quartal fragen wir alle Kolleginnen und Kollegen kurz nach ihrer "
            "Erfahrung mit unserem IT-Dienstleister. Die Antworten sind anonym."
        ),
        language="de",
        interval=Survey.Interval.QUARTERLY,
        first_round_on=today - timedelta(days=first),
        open_days=14,
        reminder_days_before=3,
        status=Survey.Status.ACTIVE,
    )
    chosen = [item for item in BUILT_IN if item.preselected]
    Question.objects.bulk_create(
        question_from_built_in(survey, item, position)
        for position, item in enumerate(chosen, start=1)
    )
    survey.recipients.set(employees)
    return survey


def _round(
    survey: Survey, number: int, days_ago: int, answered: int, centre: float, chance: random.Random
) -> None:
    opens = timezone.now() - timedelta(days=days_ago)
    recipients = list(survey.recipients.order_by("pk"))
    survey_round = SurveyRound.objects.create(
        survey=survey,
        number=number,
        opens_at=opens,
        closes_at=opens + timedelta(days=survey.open_days),
        invited=len(recipients),
        reminder_sent_at=opens + timedelta(days=survey.open_days - 3) if days_ago > 14 else None,
    )
    who_answered = set(chance.sample(range(len(recipients)), answered))
    for index, employee in enumerate(recipients):
        SurveyInvitation.objects.create(
            round=survey_round,
            email=employee.email,
            nonce_hash=tokens.digest(secrets.token_urlsafe(18)),
            answered=index in who_answered,
        )
    questions = list(survey.questions.all())
    for _person in range(answered):
        response = SurveyResponse.objects.create(round=survey_round)
        Answer.objects.bulk_create(
            answer
            for question in questions
            if (answer := _answer(response, question, centre, chance)) is not None
        )


def _answer(
    response: SurveyResponse, question: Question, centre: float, chance: random.Random
) -> Answer | None:
    if question.kind == QuestionKind.RATING:
        value = round(chance.gauss(centre, 0.8))
        return Answer(response=response, question=question, number=min(5, max(1, value)))
    if question.kind == QuestionKind.RECOMMEND:
        value = round(chance.gauss(centre * 2, 1.6))
        return Answer(response=response, question=question, number=min(10, max(0, value)))
    if question.kind == QuestionKind.TEXT and chance.random() < 0.5:
        return Answer(response=response, question=question, text=chance.choice(TEXTS))
    return None


def _ratings(provider: Provider) -> None:
    resolved = list(
        Problem.objects.filter(provider=provider, events__kind=EventKind.RESOLVED)
        .select_related("reporter")
        .order_by("-reported_to_provider_at")
        .distinct()[: len(RATINGS) + 1]
    )
    now = timezone.now()
    users = get_user_model().objects
    for index, problem in enumerate(resolved):
        event = problem.events.filter(kind=EventKind.RESOLVED).order_by("-occurred_at").first()
        reporter = problem.reporter or users.filter(username="s.keller").first()
        if event is None or reporter is None:
            continue
        # Asked right after the resolution; the newest request is still waiting.
        asked = now - timedelta(days=1) if index == 0 else event.occurred_at + timedelta(hours=1)
        rating = ProblemRating.objects.create(
            problem=problem,
            resolved_event=event,
            email=reporter.email,
            name=reporter.get_full_name(),
            language="de",
            nonce_hash=tokens.digest(secrets.token_urlsafe(18)),
            requested_at=asked,
            expires_at=asked + timedelta(days=14),
        )
        if index == 0:
            continue  # the newest request is still waiting for its answer
        stars, comment = RATINGS[index - 1]
        rating.stars, rating.comment = stars, comment
        rating.answered_at = asked + timedelta(hours=3)
        rating.save(update_fields=["stars", "comment", "answered_at"])
        if rating.is_low:
            rating.note = problem_event_add(
                problem=problem,
                kind=EventKind.COMMENT,
                occurred_at=rating.answered_at,
                text=rating_note_text(rating),
            )
            rating.save(update_fields=["note"])
