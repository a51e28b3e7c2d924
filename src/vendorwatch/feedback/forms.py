"""The forms of employee feedback's management pages: employees, question templates,
surveys, their questions and who is asked."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.feedback.models import (
    MIN_GROUP_FLOOR,
    TEXT_LIMIT,
    Employee,
    Question,
    QuestionKind,
    QuestionTemplate,
    Survey,
)
from vendorwatch.feedback.templates_builtin import BUILT_IN
from vendorwatch.providers.models import Provider
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import StrictModelMultipleChoiceField, strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    EmployeeBase = forms.ModelForm[Employee]
    TemplateBase = forms.ModelForm[QuestionTemplate]
    SurveyBase = forms.ModelForm[Survey]
    QuestionBase = forms.ModelForm[Question]
else:
    EmployeeBase = TemplateBase = SurveyBase = QuestionBase = forms.ModelForm

OPTIONS_MIN = 2
OPTIONS_MAX = 20
OPTION_LENGTH = 200
# A pasted list of a few thousand people fits; a whole file pasted by mistake does not.
PASTE_LIMIT = 200_000


# --- options of a choice ---------------------------------------------------------------------


def clean_options(kind: str, text: str) -> str:
    """The options of a choice, one per line and trimmed; ``""`` for the other kinds."""
    if kind != QuestionKind.CHOICE:
        return ""
    options = [line.strip() for line in text.splitlines() if line.strip()]
    if len(options) < OPTIONS_MIN:
        raise ValidationError(
            gettext("A choice needs at least %(count)s options, one per line.")
            % {"count": OPTIONS_MIN}
        )
    if len(options) > OPTIONS_MAX:
        raise ValidationError(
            gettext("At most %(count)s options, please (now %(given)s).")
            % {"count": OPTIONS_MAX, "given": len(options)}
        )
    for number, option in enumerate(options, start=1):
        if len(option) > OPTION_LENGTH:
            raise ValidationError(
                gettext("Option %(number)s is longer than %(limit)s characters.")
                % {"number": number, "limit": OPTION_LENGTH}
            )
    seen: set[str] = set()
    for option in options:
        if option.casefold() in seen:
            raise ValidationError(
                gettext("“%(option)s” is listed twice: each option once, please.")
                % {"option": option}
            )
        seen.add(option.casefold())
    return "\n".join(options)


def check_options(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    kind = cleaned.get("kind")
    if not kind:
        return
    try:
        cleaned["choices"] = clean_options(kind, cleaned.get("choices") or "")
    except ValidationError as error:
        form.add_error("choices", error)


def limit_length(field: forms.Field) -> None:
    """A text column without a limit still takes no more than about a page from a form."""
    field.validators.append(MaxLengthValidator(TEXT_LIMIT))
    field.widget.attrs.setdefault("maxlength", str(TEXT_LIMIT))


KIND_WIDGET = forms.Select(attrs={"data-sections": ""})
OPTIONS_WIDGET = forms.Textarea(attrs={"rows": 5})
OPTIONS_HELP = _(
    "One option per line, %(min)s to %(max)s options of at most %(length)s characters."
)


def options_help() -> str:
    return str(OPTIONS_HELP) % {"min": OPTIONS_MIN, "max": OPTIONS_MAX, "length": OPTION_LENGTH}


def question_sections(first: tuple[str, ...]) -> tuple[Section, ...]:
    return (
        Section("", first),
        Section(_("Options"), ("choices",), shown_for=(QuestionKind.CHOICE.value,), name="options"),
    )


class QuestionForm(SectionedForm, QuestionBase):
    sections = question_sections(("text", "kind", "required"))

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "choices"]
        widgets = {"kind": KIND_WIDGET, "choices": OPTIONS_WIDGET}
        help_texts = {"required": _("Without an answer to it the survey cannot be sent off.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choices"].help_text = options_help()
        limit_length(self.fields["choices"])
        if self.instance.pk is None:
            self.initial.setdefault("kind", QuestionKind.RATING)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_options(self, cleaned)
        return cleaned


class QuestionTemplateForm(SectionedForm, TemplateBase):
    sections = question_sections(("text", "kind", "language"))

    class Meta:
        model = QuestionTemplate
        fields = ["text", "kind", "language", "choices"]
        widgets = {"kind": KIND_WIDGET, "choices": OPTIONS_WIDGET}
        help_texts = {
            "language": _("Offered for surveys in this language."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choices"].help_text = options_help()
        limit_length(self.fields["choices"])
        if self.instance.pk is None:
            self.initial.setdefault("language", translation.get_language() or "de")
            self.initial.setdefault("kind", QuestionKind.RATING)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_options(self, cleaned)
        return cleaned


# --- employees -------------------------------------------------------------------------------


class EmployeePasteForm(forms.Form):
    lines = forms.CharField(
        label=_("Employees, one per line"),
        max_length=PASTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "For example “Mia Müller <mia.mueller@example.com>”, “Mia Müller; "
            "mia.mueller@example.com” or just the address. A column copied from a spreadsheet "
            "works too."
        ),
    )


class EmployeeForm(EmployeeBase):
    class Meta:
        model = Employee
        fields = ["name", "email", "active"]

    def clean_email(self) -> str:
        email = (self.cleaned_data.get("email") or "").strip()
        other = Employee.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise ValidationError(
                gettext("This address is already on the list: %(employee)s.")
                % {"employee": str(other)}
            )
        return email


# --- surveys ---------------------------------------------------------------------------------


class ProviderChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if obj.status == Provider.Status.ACTIVE:
            return str(obj.name)
        return f"{obj.name} ({obj.get_status_display()})"


def providers_active_first() -> QuerySet[Provider]:
    rank = Case(
        When(status=Provider.Status.ACTIVE, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return Provider.objects.annotate(rank=rank).order_by("rank", "name")


def default_title(provider: Provider, language: str) -> str:
    with translation.override(language):
        title = gettext("Satisfaction with %(provider)s") % {"provider": provider.name}
    return title[:200]


class SurveyForm(SectionedForm, SurveyBase):
    sections = (
        Section(_("The survey"), ("provider", "title", "intro", "language")),
        Section(_("When"), ("interval", "first_round_on", "open_days", "reminder_days_before")),
        Section(_("Anonymity"), ("min_answers",)),
    )

    class Meta:
        model = Survey
        fields = [
            "provider",
            "title",
            "intro",
            "language",
            "interval",
            "first_round_on",
            "open_days",
            "reminder_days_before",
            "min_answers",
        ]
        formfield_callback = strict_formfield
        field_classes = {"provider": ProviderChoiceField}
        widgets = {"first_round_on": DateInput(), "intro": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "title": _("Left empty: “Satisfaction with” and the provider's name."),
            "language": _("The language of the questions and the e-mails to the employees."),
            "first_round_on": _("Today or later; the job runner sends each round on its day."),
            "open_days": _("How long each round can be answered, 1 to 90 days."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = providers_active_first()
        provider.empty_label = gettext("– please choose –")
        self.fields["title"].required = False
        limit_length(self.fields["intro"])
        if self.instance.pk is None:
            self.initial.setdefault("first_round_on", timezone.localdate())
        elif self.instance.questions_locked:
            # Answers were collected about this provider under this promise of anonymity.
            provider.disabled = True
            provider.help_text = gettext(
                "Fixed since the first round went out: the answers are about this provider."
            )

    def clean_first_round_on(self) -> date | None:
        day = self.cleaned_data.get("first_round_on")
        # A running survey keeps its first day; a new one does not start in the past.
        if day is not None and "first_round_on" in self.changed_data and day < timezone.localdate():
            raise ValidationError(gettext("The first round cannot be in the past."))
        return day

    def clean_min_answers(self) -> int | None:
        value = self.cleaned_data.get("min_answers")
        if value is not None and value < MIN_GROUP_FLOOR:
            raise ValidationError(
                gettext("At least %(floor)s, so that no answer can be traced to a person.")
                % {"floor": MIN_GROUP_FLOOR}
            )
        promised = self.instance.min_answers if self.instance.pk else None
        if (
            value is not None
            and promised is not None
            and value < promised
            and self.instance.questions_locked
        ):
            raise ValidationError(
                gettext(
                    "The employees were told that results appear only from %(count)s answers: "
                    "the number cannot be lowered after the first round went out."
                )
                % {"count": promised}
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        open_days, reminder = cleaned.get("open_days"), cleaned.get("reminder_days_before")
        if open_days is not None and reminder is not None and reminder >= open_days:
            self.add_error(
                "reminder_days_before",
                ngettext(
                    "The reminder must go out while the survey is open: choose fewer days "
                    "than it is open (%(days)s day), or 0 for no reminder.",
                    "The reminder must go out while the survey is open: choose fewer days "
                    "than it is open (%(days)s days), or 0 for no reminder.",
                    open_days,
                )
                % {"days": open_days},
            )
        provider = cleaned.get("provider")
        if not cleaned.get("title") and provider is not None:
            cleaned["title"] = default_title(provider, cleaned.get("language") or "de")
        return cleaned


# --- choosing questions and recipients --------------------------------------------------------


def built_in_text(text: str, language: str) -> str:
    with translation.override(language):
        return gettext(text)


class TemplatePickForm(forms.Form):
    """The built-in questions and the user's own templates in the survey's language that the
    survey does not ask yet."""

    chosen = forms.MultipleChoiceField(
        label=_("Questions"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one question.")},
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = {text.casefold() for text in survey.questions.values_list("text", flat=True)}
        topics = set(survey.questions.exclude(topic="").values_list("topic", flat=True))
        choices: list[tuple[str, str]] = []
        for item in BUILT_IN:
            text = built_in_text(item.text, survey.language)
            if item.topic not in topics and text.casefold() not in asked:
                choices.append((f"built-in:{item.topic}", self.label(text, item.kind)))
        self.own = {
            str(template.pk): template
            for template in QuestionTemplate.objects.filter(language=survey.language)
            if template.text.casefold() not in asked
        }
        for key, template in self.own.items():
            choices.append((f"own:{key}", self.label(template.text, template.kind)))
        field = self.fields["chosen"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices

    @staticmethod
    def label(text: str, kind: str) -> str:
        return f"{text} ({QuestionKind(kind).label})"

    @property
    def has_choices(self) -> bool:
        field = self.fields["chosen"]
        assert isinstance(field, forms.MultipleChoiceField)
        return bool(field.choices)


class EmployeeChoiceField(StrictModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class RecipientsForm(forms.Form):
    recipients = EmployeeChoiceField(
        label=_("Asked employees"),
        queryset=Employee.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault(
            "recipients", list(survey.recipients.filter(active=True).values_list("pk", flat=True))
        )
