"""The form of a letter: the draft as written by :func:`~vendorwatch.termination.letters.
letter_draft`, for the user to check and change before it is saved and sent.

A warning letter also sets the deadline to remedy; it is stored on the termination (the
§ 314 conditions are judged by it), so the form checks that the text names the same day.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.termination.letters import ADDRESS_LINES, day_text
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.web.parsing import PlausibleDateField, strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    LetterBase = forms.ModelForm[Letter]
else:
    LetterBase = forms.ModelForm

# Pressed instead of "Save": write the text again with the dates now in the form.
REDRAFT = "redraft"


class LetterForm(LetterBase):
    remedy_deadline = PlausibleDateField(
        label=_("Deadline to remedy"),
        required=False,
        help_text=_(
            "The last day the provider has to remedy the breach; usually two weeks after the "
            "letter. After it has passed without remedy you may terminate for cause."
        ),
    )

    class Meta:
        model = Letter
        fields = ["letter_date", "recipient", "subject", "body"]
        formfield_callback = strict_formfield
        widgets = {
            "letter_date": DateInput(),
            "recipient": forms.Textarea(attrs={"rows": 5}),
            "body": forms.Textarea(attrs={"rows": 22}),
        }
        labels = {
            "letter_date": _("Date of the letter"),
            "recipient": _("Address of the recipient"),
            "subject": _("Subject"),
            "body": _("Text"),
        }
        help_texts = {
            "recipient": _(
                "As it appears in the window of the envelope: company, for whose attention, "
                "street, postcode and city (at most six lines)."
            ),
            "body": _(
                "Check every date and fill in what is in square brackets. The closing and the "
                "signature are added below the text."
            ),
        }

    def __init__(
        self, *args: Any, termination: Termination, kind: str, language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.termination = termination
        self.kind = kind
        self.language = language
        if kind != Letter.Kind.WARNING:
            del self.fields["remedy_deadline"]
        else:
            self.fields["remedy_deadline"].required = True
            self.fields["remedy_deadline"].widget = DateInput()
            if self.instance.pk is not None and "remedy_deadline" not in self.initial:
                self.initial["remedy_deadline"] = termination.remedy_deadline
        # The letter is written in the document language, whatever the page's language.
        for name in ("recipient", "subject", "body"):
            self.fields[name].widget.attrs["lang"] = language
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.widget.attrs["maxlength"] = str(field.max_length)

    def clean_recipient(self) -> str:
        recipient: str = self.cleaned_data["recipient"]
        lines = [line for line in recipient.replace("\r\n", "\n").split("\n") if line.strip()]
        if len(lines) > ADDRESS_LINES:
            raise forms.ValidationError(
                gettext("The window of the envelope shows at most six lines; please shorten it.")
            )
        return "\n".join(line.strip() for line in lines)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        deadline: date | None = cleaned.get("remedy_deadline")
        letter_date: date | None = cleaned.get("letter_date")
        if self.kind != Letter.Kind.WARNING or deadline is None:
            return cleaned
        if letter_date is not None and deadline <= letter_date:
            self.add_error(
                "remedy_deadline",
                gettext("The deadline to remedy must lie after the date of the letter."),
            )
        elif "body" in cleaned and day_text(deadline) not in cleaned["body"]:
            self.add_error(
                "remedy_deadline",
                gettext(
                    "The text does not name this deadline (%(day)s). Change the date in the "
                    "text too, or press “Write the text again”."
                )
                % {"day": day_text(deadline)},
            )
        return cleaned

    def dates_for_redraft(self) -> tuple[date | None, date | None]:
        """The letter date and the deadline as typed (``None`` where not valid), for writing
        the text again without saving."""
        return self._typed_date("letter_date"), self._typed_date("remedy_deadline")

    def _typed_date(self, name: str) -> date | None:
        field = self.fields.get(name)
        if field is None:
            return None
        value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        try:
            day = field.clean(value)
        except forms.ValidationError:
            return None
        return day if isinstance(day, date) else None
