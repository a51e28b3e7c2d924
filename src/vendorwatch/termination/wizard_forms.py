"""The forms of the termination wizard: which kind of termination to start, and the facts of
one (for cause: what happened and when, under § 314 BGB; always: notes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.termination.models import Termination
from vendorwatch.web.parsing import strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    TerminationBase = forms.ModelForm[Termination]
else:
    TerminationBase = forms.ModelForm


class StartForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Which termination?"),
        choices=Termination.Kind.choices,
        initial=Termination.Kind.ORDINARY,
        widget=forms.RadioSelect,
        help_text=_(
            "Ordinary: the contract ends at the next possible date under its notice terms. "
            "For cause: the contract ends early because the provider seriously breached it; "
            "usually a warning with a deadline to remedy comes first."
        ),
    )


CAUSE_FIELDS = [
    "reason",
    "learned_on",
    "warning_dispensable",
    "dispensable_reason",
    "remedy_deadline",
    "remedied_on",
    "effective_date",
    "notes",
]


class TerminationForm(TerminationBase):
    """The facts of a termination. An ordinary one has only notes: its dates follow from the
    contract's terms; a termination for cause records the facts the two conditions of
    § 314 BGB are judged by."""

    class Meta:
        model = Termination
        fields = CAUSE_FIELDS
        formfield_callback = strict_formfield
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 6}),
            "dispensable_reason": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "learned_on": DateInput(),
            "remedy_deadline": DateInput(),
            "remedied_on": DateInput(),
            "effective_date": DateInput(),
        }
        labels = {
            "reason": _("What happened? (the facts)"),
            "learned_on": _("When did you learn of it?"),
            "warning_dispensable": _("A warning is dispensable"),
            "dispensable_reason": _("Why is a warning dispensable?"),
            "remedy_deadline": _("Deadline to remedy (from the warning letter)"),
            "remedied_on": _("The provider remedied the breach on"),
            "effective_date": _("The contract is to end on"),
            "notes": _("Notes"),
        }
        help_texts = {
            "reason": _(
                "Describe the breaches with dates, as a lawyer would need them: what was "
                "agreed, what happened, what it caused."
            ),
            "learned_on": _(
                "The day you knew the facts. The termination must follow within a reasonable "
                "time after that, or after the deadline to remedy has passed."
            ),
            "remedy_deadline": _("The last day the warning letter gives the provider to remedy."),
            "remedied_on": _("Leave empty if the provider did not remedy the breach."),
            "effective_date": _(
                "Usually the day the notice is received (immediate end); a later day if you "
                "grant a period to wind down."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.is_for_cause:
            for name in CAUSE_FIELDS:
                if name != "notes":
                    del self.fields[name]
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.widget.attrs["maxlength"] = str(field.max_length)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.instance.is_for_cause:
            return cleaned
        if cleaned.get("warning_dispensable") and not cleaned.get("dispensable_reason", ""):
            self.add_error(
                "dispensable_reason",
                gettext("Please say why a warning is dispensable: a court will ask."),
            )
        learned, deadline = cleaned.get("learned_on"), cleaned.get("remedy_deadline")
        if learned and deadline and deadline < learned:
            self.add_error(
                "remedy_deadline",
                gettext(
                    "The deadline to remedy cannot be before the day you learned of the reason."
                ),
            )
        remedied = cleaned.get("remedied_on")
        if learned and remedied and remedied < learned:
            self.add_error(
                "remedied_on",
                gettext("The breach cannot be remedied before the day you learned of it."),
            )
        return cleaned
