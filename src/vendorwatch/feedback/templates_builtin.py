"""The built-in question templates, in German and English (through the catalogues): each is
written into a survey in the survey's language, so a German survey asks German questions
whatever language the user reads the page in."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from vendorwatch.feedback.models import Question, QuestionKind, Survey


@dataclass(frozen=True)
class BuiltIn:
    topic: str
    kind: str
    text: str  # gettext_noop: translated into the survey's language when used
    choices: tuple[str, ...] = ()
    preselected: bool = True


BUILT_IN: tuple[BuiltIn, ...] = (
    BuiltIn(
        "responsiveness",
        QuestionKind.RATING,
        gettext_noop("How quickly does the provider react when you need help?"),
    ),
    BuiltIn(
        "competence",
        QuestionKind.RATING,
        gettext_noop("How competent are the provider's staff?"),
    ),
    BuiltIn(
        "friendliness",
        QuestionKind.RATING,
        gettext_noop("How friendly and patient is the provider with you?"),
    ),
    BuiltIn(
        "communication",
        QuestionKind.RATING,
        gettext_noop("How well does the provider explain what it does and what happens next?"),
    ),
    BuiltIn(
        "quality",
        QuestionKind.RATING,
        gettext_noop("How lasting are the provider's solutions (problems stay fixed)?"),
    ),
    BuiltIn(
        "overall",
        QuestionKind.RATING,
        gettext_noop("Overall, how satisfied are you with the provider?"),
    ),
    BuiltIn(
        "recommend",
        QuestionKind.RECOMMEND,
        gettext_noop("How likely is it that you would recommend the provider to a colleague?"),
    ),
    BuiltIn(
        "contact",
        QuestionKind.CHOICE,
        gettext_noop("How do you usually reach the provider?"),
        (gettext_noop("phone"), gettext_noop("e-mail"), gettext_noop("ticket portal")),
        preselected=False,
    ),
    BuiltIn(
        "improve",
        QuestionKind.TEXT,
        gettext_noop("What should the provider do better?"),
    ),
)


def built_in(topic: str) -> BuiltIn | None:
    return next((item for item in BUILT_IN if item.topic == topic), None)


def question_from_built_in(survey: Survey, item: BuiltIn, position: int) -> Question:
    """An unsaved question of ``survey`` from a built-in template, in the survey's language."""
    with translation.override(survey.language):
        return Question(
            survey=survey,
            position=position,
            kind=item.kind,
            text=gettext(item.text),
            choices="\n".join(gettext(choice) for choice in item.choices),
            topic=item.topic,
        )
