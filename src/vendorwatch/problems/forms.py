from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.problems.models import (
    EscalationRule,
    EventKind,
    Problem,
    ProblemEvent,
    plausible,
)
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE
from vendorwatch.web.widgets import DateTimeInput

# A little slack for clocks that differ by a few seconds between browser and server.
FUTURE_SLACK = timedelta(minutes=5)


def not_in_future(value: datetime) -> None:
    if value > timezone.now() + FUTURE_SLACK:
        raise forms.ValidationError(_("This time lies in the future."))


class PlausibleDateTimeField(forms.DateTimeField):
    """A date and time with ASCII digits on a day a business can mean (like
    :class:`~vendorwatch.web.parsing.PlausibleDateField`): 01.01.0001 is refused next to the
    field instead of reaching the clocks, and a stored time out of that range is shown
    empty instead of breaking the page."""

    default_error_messages = {
        "range": _("Please enter a date between %(earliest)s and %(latest)s."),
    }

    def to_python(self, value: Any) -> datetime | None:
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            moment = super().to_python(value)
        except OverflowError:
            moment = None
            self._out_of_range()
        if moment is not None and not plausible(moment):
            self._out_of_range()
        return moment

    def _out_of_range(self) -> None:
        raise ValidationError(
            self.error_messages["range"],
            code="range",
            params={
                "earliest": formats.date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
        )

    def prepare_value(self, value: Any) -> Any:
        try:
            return super().prepare_value(value)
        except OverflowError:
            return None


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    reason = forms.CharField(
        label=_("Why is the time changed?"),
        max_length=500,
        required=False,
        help_text=_("Required when you change the time of an event; it is kept."),
    )

    class Meta:
        model = ProblemEvent
        fields = ["kind", "occurred_at", "text"]
        field_classes = {"occurred_at": PlausibleDateTimeField}
        widgets = {"occurred_at": DateTimeInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, problem: Problem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problem = problem
        self.original_time = self.instance.occurred_at if self.instance.pk else None
        choices = [c for c in EventKind.choices if c[0] != EventKind.REPORTED]
        if self.instance.pk:
            del self.fields["kind"]
        else:
            del self.fields["reason"]
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = choices
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_occurred_at(self) -> datetime:
        value: datetime = self.cleaned_data["occurred_at"]
        not_in_future(value)
        if value < self.problem.reported_to_provider_at:
            raise forms.ValidationError(
                _("The event cannot be earlier than the report to the provider (%(time)s).")
                % {"time": when(self.problem.reported_to_provider_at)}
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        when = data.get("occurred_at")
        kind = data.get("kind") or self.instance.kind
        if when is None:
            return data
        others = self.problem.events.exclude(pk=self.instance.pk)
        if kind in (EventKind.RESOLVED, EventKind.CONFIRMED):
            response = others.filter(kind=EventKind.FIRST_RESPONSE, occurred_at__gt=when)
            if response.exists():
                self.add_error(
                    "occurred_at", _("The problem cannot be resolved before the first response.")
                )
        if kind == EventKind.FIRST_RESPONSE:
            resolved = others.filter(kind=EventKind.RESOLVED, occurred_at__lt=when)
            if resolved.exists():
                self.add_error(
                    "occurred_at", _("The first response cannot come after the resolution.")
                )
        if kind == EventKind.CONFIRMED:
            resolved = others.filter(kind=EventKind.RESOLVED, occurred_at__gt=when)
            if resolved.exists():
                self.add_error(
                    "occurred_at", _("A solution cannot be confirmed before it was resolved.")
                )
        changed = self.original_time is not None and when != self.original_time
        if changed and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please say why the time is changed."))
        return data


class ConfirmEscalationForm(forms.Form):
    recipient = forms.EmailField(label=_("To"))


class EscalationRuleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EscalationRule
        fields = ["policy", "target", "percent", "hours_after_breach", "action", "contact_level"]
        help_texts = {
            "percent": _("100 % means: when the target is exceeded (a breach)."),
            "hours_after_breach": _("Only for a rule at 100 %: wait this long after the breach."),
            "contact_level": _(
                "For e-mails to the provider: they go to the provider's contact of this "
                "escalation level or, if there is none, of the next higher one (1 = support "
                "desk, 2 = team lead or account manager, 3 = managing director)."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        hours, percent = data.get("hours_after_breach"), data.get("percent")
        if hours and percent is not None and percent != 100:
            self.add_error(
                "hours_after_breach",
                _("Hours after the breach only work with a rule at 100 %; set it to 0."),
            )
        keys = ("policy", "target", "percent", "hours_after_breach", "action")
        if all(data.get(key) is not None for key in keys):
            same = EscalationRule.objects.filter(**{key: data[key] for key in keys})
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("percent", _("This SLA policy already has the same rule."))
        return data
