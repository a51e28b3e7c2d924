"""The forms people without an account fill in: the rating of a resolution, and a survey whose
fields are made from its questions.

Both are built while the page's language is active (the survey's or the rating's), so labels
and error messages are in that language whatever the visitor's browser says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext, ngettext, pgettext

from vendorwatch.feedback.models import TEXT_LIMIT, Question, QuestionKind
from vendorwatch.feedback.services import AnswerValue

RATING_SCALE = range(1, 6)
RECOMMEND_SCALE = range(0, 11)


def _too_long() -> str:
    return gettext(
        "Please shorten the text to at most %(limit_value)d characters (it has %(show_value)d)."
    )


def _text_field(*, label: str, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext("Please answer this question."),
            "max_length": _too_long(),
        },
    )


def star_label(stars: int) -> str:
    words = {
        1: pgettext("rating", "very poor"),
        2: pgettext("rating", "poor"),
        3: pgettext("rating", "fair"),
        4: pgettext("rating", "good"),
        5: pgettext("rating", "very good"),
    }
    count = ngettext("%(stars)d star", "%(stars)d stars", stars) % {"stars": stars}
    return f"{count} – {words[stars]}"


class RatingForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        refused = gettext("Please choose from 1 to 5 stars.")
        self.fields["stars"] = forms.TypedChoiceField(
            label=gettext("How well was your problem solved?"),
            choices=[(stars, star_label(stars)) for stars in RATING_SCALE],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": refused, "invalid_choice": refused},
        )
        self.fields["comment"] = _text_field(label=gettext("Comment (optional)"), required=False)

    def star_options(self) -> list[tuple[Any, str]]:
        """Each radio of the stars with its row of stars to show (the label says it in words)."""
        return [
            (radio, "★" * stars + "☆" * (5 - stars))
            for radio, stars in zip(self["stars"], RATING_SCALE, strict=True)
        ]


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class SurveyForm(forms.Form):
    """One field per question, in the survey's order; a question not marked required may be
    left empty."""

    def __init__(self, *args: Any, questions: Iterable[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        if question.kind == QuestionKind.TEXT:
            return _text_field(label=question.text, required=question.required)
        if question.kind == QuestionKind.RATING:
            choices: list[tuple[Any, str]] = [(n, str(n)) for n in RATING_SCALE]
            coerce: Any = int
        elif question.kind == QuestionKind.RECOMMEND:
            choices, coerce = [(n, str(n)) for n in RECOMMEND_SCALE], int
        else:
            choices, coerce = [(option, option) for option in question.options], str
        return forms.TypedChoiceField(
            label=question.text,
            required=question.required,
            choices=choices,
            coerce=coerce,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={
                "required": gettext("Please answer this question."),
                "invalid_choice": gettext("Please choose one of the answers offered."),
            },
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answered = any(value not in (None, "") for value in cleaned.values())
        if self.questions and not self.errors and not answered:
            # An empty response would count as an answer in the results and say nothing.
            raise forms.ValidationError(gettext("Please answer at least one question."))
        return cleaned

    def answers(self) -> dict[int, AnswerValue]:
        """The answers given, by question id (a question left empty is left out)."""
        given: dict[int, AnswerValue] = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value is not None and value != "":
                given[question.pk] = value
        return given

    def rows(self) -> list[Row]:
        return [Row(question, self[field_name(question)]) for question in self.questions]


@dataclass(frozen=True)
class Row:
    """A question as the page shows it: its field, and for a scale what its ends mean."""

    question: Question
    field: forms.BoundField

    @property
    def ends(self) -> tuple[str, str] | None:
        if self.question.kind == QuestionKind.RATING:
            return gettext("1 = very poor"), gettext("5 = very good")
        if self.question.kind == QuestionKind.RECOMMEND:
            return gettext("0 = very unlikely"), gettext("10 = very likely")
        return None

    @property
    def ends_id(self) -> str:
        return f"{self.field.auto_id}_ends"

    @property
    def described_by(self) -> str:
        """The fieldset's description: the meaning of the scale's ends, then any error."""
        ids = [self.ends_id] if self.ends else []
        if self.field.aria_describedby:
            ids.append(self.field.aria_describedby)
        return " ".join(ids)
