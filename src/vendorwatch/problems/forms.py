from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth.models import User
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
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE, parse_int
from vendorwatch.web.uploads import max_upload_bytes, validate_upload_size, with_upload_limit

# A little slack for clocks that differ by a few seconds between browser and server.
FUTURE_SLACK = timedelta(minutes=5)
# The configured limit (VENDORWATCH_MAX_UPLOAD_MB); the form checks the setting itself.
MAX_UPLOAD_BYTES = max_upload_bytes()
ALLOWED_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
    ".eml": "message/rfc822",
    ".zip": "application/zip",
}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


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


class ProblemForm(forms.ModelForm):  # type: ignore[type-arg]
    """The precise description of a problem and whom it was reported to.

    The SLA follows the provider: only the provider's own SLAs are offered (the first one
    chosen), "no SLA agreed" only for a provider without one. The page swaps the SLA field
    with htmx when the provider changes; without JavaScript the check on saving is the rule.
    """

    class Meta:
        model = Problem
        fields = [
            "title",
            "what_happened",
            "since",
            "affected_users",
            "affected_systems",
            "service",
            "business_impact",
            "already_tried",
            "expected",
            "how_to_reproduce",
            "impact",
            "urgency",
            "provider",
            "sla_policy",
            "reported_to_provider_at",
            "channel",
            "provider_ticket_number",
            "owner",
        ]
        field_classes = {
            "since": PlausibleDateTimeField,
            "reported_to_provider_at": PlausibleDateTimeField,
        }
        widgets = {
            "since": DateTimeInput(),
            "reported_to_provider_at": DateTimeInput(),
            "what_happened": forms.Textarea(attrs={"rows": 4}),
            "affected_users": forms.Textarea(attrs={"rows": 2}),
            "affected_systems": forms.Textarea(attrs={"rows": 2}),
            "business_impact": forms.Textarea(attrs={"rows": 2}),
            "already_tried": forms.Textarea(attrs={"rows": 2}),
            "expected": forms.Textarea(attrs={"rows": 2}),
            "how_to_reproduce": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "what_happened": _("What exactly does not work? Error messages word for word."),
            "affected_users": _("Who cannot work, or only with difficulty? How many people?"),
            "affected_systems": _("Which devices, programs, printers, connections?"),
            "business_impact": _("What does it cost us: orders, deadlines, customers waiting?"),
            "impact": _("How many people or how much of the business is affected?"),
            "urgency": _("How fast does it get worse, how soon must it be solved?"),
            "sla_policy": _("The SLAs agreed with the chosen provider."),
            "reported_to_provider_at": _("The SLA clocks start at this moment."),
        }

    def __init__(self, *args: Any, sla_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(is_active=True).order_by("username")
        if not self.instance.pk:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("reported_to_provider_at", now)
            self.initial.setdefault("since", now)
            self.initial.setdefault("provider", default_provider_id())
        provider = self.fields["provider"]
        if sla_url:
            # htmx: a changed provider fetches the SLA field for it from the same page; only a
            # different provider does ("changed"), so a chosen SLA is never replaced for nothing.
            provider.widget.attrs.update(
                {
                    "hx-get": sla_url,
                    "hx-trigger": "change changed",
                    "hx-target": "#sla-field",
                    "hx-swap": "outerHTML",
                }
            )
        self._offer_slas_of(self.chosen_provider_id())

    def chosen_provider_id(self) -> int | None:
        if self.is_bound:
            return parse_int(self.data.get(self.add_prefix("provider")), minimum=1)
        value = self.initial.get("provider", self.instance.provider_id)
        return parse_int(getattr(value, "pk", value), minimum=1)

    def _offer_slas_of(self, provider_id: int | None) -> None:
        """Offer the provider's SLAs; the whole table stays the field's queryset, so that a
        policy of another provider is refused with a message rather than as no choice."""
        field = self.fields["sla_policy"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = SlaPolicy.objects.select_related("provider")
        policies = []
        if provider_id is not None:
            policies = list(SlaPolicy.objects.filter(provider_id=provider_id).order_by("name"))
        choices: list[tuple[Any, Any]] = [(p.pk, p.name) for p in policies]
        recorded = self.instance.pk and self.instance.provider_id == provider_id
        current = self.instance.sla_policy if recorded else None
        kept = current is not None and current.pk in {p.pk for p in policies}
        if current is not None and not kept:
            # An SLA recorded earlier that is not the provider's: shown, so that saving can
            # refuse it with the reason instead of silently choosing another one.
            choices.append((current.pk, current.name))
        if provider_id is None:
            choices.insert(0, ("", _("first choose the provider")))
        elif not policies:
            choices.insert(0, ("", _("no SLA agreed")))
            field.help_text = _("No SLA is agreed with this provider: the problem has no clock.")
        if not self.is_bound and current is None:
            self.initial["sla_policy"] = policies[0].pk if policies else None
        field.widget.choices = choices

    def clean_since(self) -> datetime:
        value: datetime = self.cleaned_data["since"]
        not_in_future(value)
        return value

    def clean_reported_to_provider_at(self) -> datetime:
        value: datetime = self.cleaned_data["reported_to_provider_at"]
        not_in_future(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, reported = data.get("since"), data.get("reported_to_provider_at")
        if since and reported and since > reported:
            self.add_error("since", _("The problem cannot start after it was reported."))
        self._check_sla(data.get("provider"), data.get("sla_policy"), reported)
        if self.instance.pk and reported:
            first = self.instance.events.exclude(kind=EventKind.REPORTED).order_by("occurred_at")
            earliest = first.values_list("occurred_at", flat=True).first()
            if earliest and reported > earliest:
                self.add_error(
                    "reported_to_provider_at",
                    _("There are events before this time; move them first."),
                )
        return data

    def _check_sla(
        self, provider: Provider | None, policy: SlaPolicy | None, reported: datetime | None
    ) -> None:
        if provider is None:
            return
        if policy is None:
            if provider.sla_policies.exists():
                self.add_error(
                    "sla_policy",
                    _("Please choose the SLA agreed with %(provider)s.")
                    % {"provider": provider.name},
                )
            return
        if policy.provider_id != provider.pk:
            self.add_error(
                "sla_policy",
                _(
                    "The SLA “%(policy)s” was not agreed with %(provider)s. "
                    "Please choose one of the SLAs of %(provider)s."
                )
                % {"policy": policy.name, "provider": provider.name},
            )
        elif reported and policy.version_at(reported) is None:
            self.add_error(
                "sla_policy", _("This SLA policy has no version valid on the day of the report.")
            )


def default_provider_id() -> int | None:
    """The provider a new problem most likely concerns: the only one, or the first with an
    SLA."""
    ids = list(Provider.objects.order_by("name").values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return ids[0]
    with_sla = Provider.objects.filter(sla_policies__isnull=False).order_by("name")
    return with_sla.values_list("pk", flat=True).first()


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


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=with_upload_limit(_("Screenshots, logs, PDF or e-mails; at most %(limit)d MB.")),
        validators=[validate_upload_size],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        suffix = name[name.rfind(".") :] if "." in name else ""
        if suffix not in ALLOWED_TYPES:
            raise forms.ValidationError(
                _("This kind of file is not accepted. Allowed: %(types)s")
                % {"types": ", ".join(sorted(ALLOWED_TYPES))}
            )
        upload.content_type = ALLOWED_TYPES[suffix]
        return upload


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
                "For e-mails to the provider: the first contact with at least this level."
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
