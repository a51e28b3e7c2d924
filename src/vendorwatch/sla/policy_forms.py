"""The SLA policy form: one page of small forms, validated together, saved as one version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.expectations.models import Service
from vendorwatch.sla.models import (
    Basis,
    BusinessCalendar,
    DayConventionChoice,
    Level,
    SlaPolicy,
    SlaVersion,
    TimeUnit,
    organisation_zone,
)
from vendorwatch.sla.services import DEFAULT_MATRIX, PrioritySpec, VersionTerms
from vendorwatch.sla.states import PausingState, default_pausing_states
from vendorwatch.sla.wording import impact_heading, urgency_heading
from vendorwatch.web.forms import BoundSection, Section
from vendorwatch.web.parsing import PlausibleDateField, StrictDecimalField, StrictIntegerField
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    PolicyModelForm = forms.ModelForm[SlaPolicy]
else:
    PolicyModelForm = forms.ModelForm

CODES = ["P1", "P2", "P3", "P4"]
TARGETS = [
    ("response", _("Response time")),
    ("resolution", _("Resolution time")),
    ("update", _("Status update at least every")),
]
# Response and resolution times are needed for every priority that has a name.
REQUIRED_TARGETS = ("response", "resolution")
DEFAULT_PRIORITIES: list[dict[str, Any]] = [
    {
        "name": _("Critical"),
        "definition": _("Operations stop: many people cannot work or a key system is down."),
        "response": (30, "minutes"),
        "resolution": (4, "hours"),
        "update": (1, "hours"),
    },
    {
        "name": _("High"),
        "definition": _("Important work is blocked for several people; no workaround."),
        "response": (1, "hours"),
        "resolution": (8, "hours"),
        "update": (4, "hours"),
    },
    {
        "name": _("Medium"),
        "definition": _("Work is hampered, but there is a workaround."),
        "response": (4, "hours"),
        "resolution": (3, "days"),
    },
    {
        "name": _("Low"),
        "definition": _("A question, a wish or a minor fault; nobody is held up."),
        "response": (8, "hours"),
        "resolution": (5, "days"),
    },
]
# A promise starts in this century; 01.01.0001 or 31.12.9999 is a typing slip.
VALID_EARLIEST = date(2000, 1, 1)
VALID_LATEST = date(2099, 12, 31)
POSITIVE = {
    "min_value": _("Enter a target greater than zero."),
    "max_value": _("Enter at most 9999."),
    "invalid": _("Enter a number."),
}


def in_minutes(amount: int, unit: str, basis: str, daily_minutes: int) -> int:
    """A rough common scale to compare two targets (a business day = the daily hours)."""
    if unit == TimeUnit.DAYS:
        return amount * (daily_minutes if basis == Basis.BUSINESS else 24 * 60)
    return amount * (60 if unit == TimeUnit.HOURS else 1)


TARGET_PARTS = ("amount", "unit", "basis")


@dataclass(frozen=True)
class TargetGroup:
    """One target of a priority: the amount, its unit and how it is counted, in one row."""

    label: Any
    required: bool
    amount: forms.BoundField
    unit: forms.BoundField
    basis: forms.BoundField

    @property
    def errors(self) -> list[str]:
        return [*self.amount.errors, *self.unit.errors, *self.basis.errors]


class PolicyForm(PolicyModelForm):
    class Meta:
        model = SlaPolicy
        fields = ["name", "provider", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"name": _("Name"), "provider": _("Provider"), "description": _("Description")}
        help_texts = {
            "name": _("How you will find it in lists, e.g. “SLA Brandl IT 2026”."),
            "provider": _(
                "Whose promises these are. Leave it empty while you only write down what you "
                "expect from any provider."
            ),
            "description": _(
                "Where the agreement is written down, e.g. “Framework contract 2026, annex 3”."
            ),
        }


class VersionForm(forms.Form):
    valid_from = PlausibleDateField(
        label=_("Valid from"),
        widget=DateInput(),
        earliest=VALID_EARLIEST,
        latest=VALID_LATEST,
        help_text=_(
            "Problems raised from this day on are measured against these times; earlier "
            "problems keep the times that applied when they were raised."
        ),
    )
    calendar = forms.ModelChoiceField(
        BusinessCalendar.objects.all(),
        label=_("Service hours"),
        empty_label=None,
        help_text=_(
            "When the provider has to work on your problems. Targets in business time count "
            "only within these hours."
        ),
    )
    business_day_convention = forms.ChoiceField(
        label=_("What a day means in a target"),
        choices=DayConventionChoice.choices,
        help_text=_(
            "Only matters for targets given in days. Most contracts mean the first: one day "
            "is as many hours as one day of the service hours."
        ),
    )
    at_risk_percent = StrictIntegerField(
        label=_("Warn when this share of a target is used (%)"),
        min_value=1,
        max_value=99,
        help_text=_(
            "A problem is marked “at risk” once this much of its response or resolution time "
            "has passed, so that you can call the provider before the time is up."
        ),
    )
    pausing_states = forms.MultipleChoiceField(
        label=_("The clock stops in these states"),
        choices=PausingState.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Time in these states does not count against the provider, e.g. while it waits "
            "for an answer from you."
        ),
    )
    credit_percent_per_breach = StrictDecimalField(
        label=_("Service credit per missed target (% of the monthly fee)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
        localize=True,
        help_text=_(
            "What the provider owes you for each response or resolution time it misses; "
            "0 if the contract promises nothing."
        ),
    )
    credit_cap_percent = StrictDecimalField(
        label=_("Service credit cap per month (% of the monthly fee)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
        localize=True,
        help_text=_("The most you get back in one month, however many targets are missed."),
    )
    customer_duties = forms.CharField(
        label=_("Our duties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What you must do so that the provider can keep its promises, one per line, "
            "e.g. “Report problems through the ticket portal”."
        ),
    )
    provider_duties = forms.CharField(
        label=_("The provider's duties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the provider must do besides keeping the times, one per line, "
            "e.g. “Monthly SLA report”."
        ),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A short note for later, e.g. “Response time for P1 cut to 30 minutes”."),
    )

    def __init__(self, *args: Any, latest: SlaVersion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = latest

    def _clean_duties(self, name: str) -> str:
        text: str = self.cleaned_data.get(name, "")
        if any(len(line) > DUTY_LENGTH for line in lines(text)):
            raise forms.ValidationError(
                _("Each duty can have at most %(limit)d characters; split it over several lines."),
                params={"limit": DUTY_LENGTH},
            )
        return text

    def clean_customer_duties(self) -> str:
        return self._clean_duties("customer_duties")

    def clean_provider_duties(self) -> str:
        return self._clean_duties("provider_duties")

    def clean_valid_from(self) -> date:
        day: date = self.cleaned_data["valid_from"]
        today = timezone.localtime(timezone.now(), organisation_zone()).date()
        if self.latest is not None and day < today:
            raise forms.ValidationError(
                _(
                    "A change can start today at the earliest: problems already raised keep "
                    "the promise that held when they were raised."
                ),
                code="past",
            )
        # A version dated 31.12.9999 never applies; it must not block every later change.
        if self.latest is not None and self.latest.is_computable and day <= self.latest.valid_from:
            raise forms.ValidationError(
                _("A new version must start after the latest one (%(date)s)."),
                code="order",
                params={"date": self.latest.valid_from.strftime("%d.%m.%Y")},
            )
        return day

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        per_breach, cap = data.get("credit_percent_per_breach"), data.get("credit_cap_percent")
        if per_breach is not None and cap is not None and cap < per_breach:
            self.add_error(
                "credit_cap_percent", _("The cap must not be lower than the credit per breach.")
            )
        return data


class PriorityForm(forms.Form):
    """One of the fixed priority rows; a row without a name is left out."""

    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    definition = forms.CharField(
        label=_("When a problem gets this priority"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, code: str, **kwargs: Any) -> None:
        kwargs["prefix"] = code.lower()
        super().__init__(*args, **kwargs)
        self.code = code
        for kind, label in TARGETS:
            self.fields[f"{kind}_amount"] = StrictIntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=9999,
                error_messages=POSITIVE,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"{kind}_unit"] = forms.ChoiceField(
                label=_("%(target)s: unit") % {"target": label},
                choices=TimeUnit.choices,
                initial=TimeUnit.HOURS,
            )
            self.fields[f"{kind}_basis"] = forms.ChoiceField(
                label=_("%(target)s: counted in") % {"target": label},
                choices=Basis.choices,
                initial=Basis.BUSINESS,
            )

    @property
    def dropped(self) -> bool:
        return self.is_bound and not self.data.get(self.add_prefix("name"), "").strip()

    def full_clean(self) -> None:
        if self.dropped:
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for kind in ("response", "resolution"):
            if f"{kind}_amount" in data and data[f"{kind}_amount"] is None:
                self.add_error(f"{kind}_amount", _("Enter a target greater than zero."))
        return data

    def target_groups(self) -> list[TargetGroup]:
        return [
            TargetGroup(
                label, kind in REQUIRED_TARGETS, *(self[f"{kind}_{part}"] for part in TARGET_PARTS)
            )
            for kind, label in TARGETS
        ]

    def main_targets(self) -> list[TargetGroup]:
        """Response and resolution time: shown open; the status update is folded away."""
        return [group for group in self.target_groups() if group.required]

    def more(self) -> list[forms.BoundField]:
        """What is folded away: the definition and the status update interval."""
        return [self["definition"], *(self[f"update_{part}"] for part in TARGET_PARTS)]

    @property
    def update_target(self) -> TargetGroup:
        return self.target_groups()[-1]

    @property
    def more_has_errors(self) -> bool:
        return any(bound.errors for bound in self.more())

    def target(self, kind: str) -> tuple[int, str, str] | None:
        amount = self.cleaned_data.get(f"{kind}_amount")
        if amount is None:
            return None
        return (amount, self.cleaned_data[f"{kind}_unit"], self.cleaned_data[f"{kind}_basis"])

    def spec(self) -> PrioritySpec:
        response, resolution = self.target("response"), self.target("resolution")
        assert response is not None and resolution is not None
        return PrioritySpec(
            code=self.code,
            name=self.cleaned_data["name"],
            definition=self.cleaned_data["definition"],
            response=response,
            resolution=resolution,
            update=self.target("update"),
        )


class MatrixForm(forms.Form):
    """Impact × urgency → priority code, one select per cell."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = "matrix"
        super().__init__(*args, **kwargs)
        for impact, impact_label in Level.choices:
            for urgency, urgency_label in Level.choices:
                label = _("Priority at impact %(impact)s and urgency %(urgency)s") % {
                    "impact": impact_label,
                    "urgency": urgency_label,
                }
                self.fields[f"{impact}_{urgency}"] = forms.ChoiceField(
                    label=label,
                    choices=[(code, code) for code in CODES],
                    initial=DEFAULT_MATRIX[(Level(impact), Level(urgency))],
                )

    def header(self) -> list[str]:
        return [urgency_heading(label) for label in Level.labels]

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (impact_heading(label), [self[f"{impact}_{urgency}"] for urgency in Level.values])
            for impact, label in Level.choices
        ]

    def cells(self) -> dict[tuple[str, str], str]:
        return {
            (impact, urgency): self.cleaned_data[f"{impact}_{urgency}"]
            for impact in Level.values
            for urgency in Level.values
        }


class ServiceTargetsForm(forms.Form):
    """One availability target per needed service; empty means no target in this policy."""

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        kwargs["prefix"] = "availability"
        super().__init__(*args, **kwargs)
        self.services = {f"service_{s.pk}": s for s in services}
        for name, service in self.services.items():
            self.fields[name] = StrictDecimalField(
                label=_("%(service)s (%%)") % {"service": service.name},
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("100"),
                decimal_places=2,
                localize=True,
            )

    def targets(self) -> dict[Service, Decimal]:
        return {
            service: self.cleaned_data[name]
            for name, service in self.services.items()
            if self.cleaned_data.get(name) is not None
        }


def initial_from(version: SlaVersion | None) -> dict[str, Any]:
    """Initial data for every part of the page, from the latest version or the defaults."""
    if version is None:
        calendars = list(BusinessCalendar.objects.all()[:2])
        return {
            "version": {
                "valid_from": timezone.localdate(),
                "calendar": calendars[0] if len(calendars) == 1 else None,
                "at_risk_percent": 75,
                "pausing_states": default_pausing_states(),
                "credit_percent_per_breach": Decimal("0"),
                "credit_cap_percent": Decimal("0"),
            },
            "priorities": [priority_initial(p) for p in DEFAULT_PRIORITIES],
            "matrix": {},
            "availability": {},
        }
    priorities = {p.code: p for p in version.priorities.all()}
    return {
        "version": {
            "valid_from": max(timezone.localdate(), version.valid_from + timedelta(days=1))
            if version.is_computable
            else timezone.localdate(),
            "calendar": version.calendar,
            "business_day_convention": version.business_day_convention,
            "at_risk_percent": version.at_risk_percent,
            "pausing_states": version.pausing_states,
            "credit_percent_per_breach": version.credit_percent_per_breach,
            "credit_cap_percent": version.credit_cap_percent,
            "customer_duties": "\n".join(d.text for d in version.duties_of("customer")),
            "provider_duties": "\n".join(d.text for d in version.duties_of("provider")),
        },
        "priorities": [
            {
                field: getattr(priorities[code], field)
                for field in PRIORITY_FIELDS
                if getattr(priorities[code], field) is not None
            }
            if code in priorities
            else {}
            for code in CODES
        ],
        "matrix": {f"{c.impact}_{c.urgency}": c.priority.code for c in version.matrix.all()},
        "availability": {
            f"service_{t.service_id}": t.availability_percent for t in version.service_targets.all()
        },
    }


PRIORITY_FIELDS = ["name", "definition"] + [
    f"{kind}_{part}" for kind, _label in TARGETS for part in ("amount", "unit", "basis")
]


def priority_initial(defaults: dict[str, Any]) -> dict[str, Any]:
    initial = {"name": defaults["name"], "definition": defaults["definition"]}
    for kind in ("response", "resolution", "update"):
        if kind in defaults:
            initial[f"{kind}_amount"], initial[f"{kind}_unit"] = defaults[kind]
    return initial


CLOCK_FIELDS = ("business_day_convention", "at_risk_percent", "pausing_states")
CREDIT_FIELDS = ("credit_percent_per_breach", "credit_cap_percent")
DUTY_FIELDS = ("customer_duties", "provider_duties")
SECTIONS = {
    section.name: section
    for section in (
        Section(_("The agreement"), (), name="essentials"),
        Section(
            _("Response and resolution times"),
            (),
            name="priorities",
            intro=_(
                "Response time: until the provider first gets back to you. Resolution time: "
                "until the problem is solved. Business time counts only within the service "
                "hours, calendar time around the clock. A priority without a name is left out."
            ),
        ),
        Section(
            _("Which priority a problem gets"),
            (),
            name="matrix",
            intro=_(
                "Whoever reports a problem answers two questions: how many people or how much "
                "of the business is affected (impact), and how soon it hurts (urgency). "
                "This grid turns the answers into a priority."
            ),
        ),
        Section(_("How the times are counted"), CLOCK_FIELDS, folded=True, name="clock"),
        Section(_("Service credit"), CREDIT_FIELDS, folded=True, name="credit"),
        Section(_("Duties of both sides"), DUTY_FIELDS, folded=True, name="duties"),
        Section(
            _("Availability targets"),
            (),
            folded=True,
            name="availability",
            intro=_(
                "Per needed service, the share of the service hours in which it must work; "
                "leave empty for no target."
            ),
        ),
        Section(_("Description"), ("description",), folded=True, name="description"),
    )
}


class SlaPolicyEditor:
    """All parts of the policy page; valid only if every part is, and the parts agree."""

    def __init__(
        self, data: Any = None, *, policy: SlaPolicy | None = None, latest: SlaVersion | None = None
    ) -> None:
        initial = initial_from(latest)
        services = list(Service.objects.filter(needed=True).order_by("name"))
        availability = {
            f"service_{s.pk}": s.availability_target
            for s in services
            if s.availability_target is not None
        }
        if latest is None:
            availability.update(initial["availability"])
        else:
            availability = initial["availability"]
        self.policy = PolicyForm(data, instance=policy or SlaPolicy(), prefix="policy")
        self.version = VersionForm(
            data, latest=latest, initial=initial["version"], prefix="version"
        )
        self.priorities = [
            PriorityForm(data, code=code, initial=initial["priorities"][i])
            for i, code in enumerate(CODES)
        ]
        self.matrix = MatrixForm(data, initial=initial["matrix"])
        self.availability = ServiceTargetsForm(data, services=services, initial=availability)

    @property
    def forms(self) -> list[forms.BaseForm]:
        return [self.policy, self.version, *self.priorities, self.matrix, self.availability]

    @property
    def is_new_version(self) -> bool:
        return self.policy.instance.pk is not None

    @property
    def grouped(self) -> list[BoundSection]:
        """The page in sections: what every policy needs first and open, the rest folded."""
        version, policy = self.version, self.policy
        essentials = [policy["name"], policy["provider"], version["valid_from"]]
        essentials += [version["calendar"]]
        if self.is_new_version:
            essentials.append(version["change_note"])
        sections = [
            (SECTIONS["essentials"], essentials),
            (SECTIONS["priorities"], [b for form in self.priorities for b in form]),
            (SECTIONS["matrix"], list(self.matrix)),
            (SECTIONS["clock"], [version[n] for n in CLOCK_FIELDS]),
            (SECTIONS["credit"], [version[n] for n in CREDIT_FIELDS]),
            (SECTIONS["duties"], [version[n] for n in DUTY_FIELDS]),
            (SECTIONS["availability"], list(self.availability)),
            (SECTIONS["description"], [policy["description"]]),
        ]
        return [BoundSection(section, fields) for section, fields in sections]

    @property
    def has_errors(self) -> bool:
        return any(form.is_bound and form.errors for form in self.forms)

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.forms])
        return valid and self._parts_agree()

    def _parts_agree(self) -> bool:
        kept = [form for form in self.priorities if not form.dropped]
        if not kept:
            self.priorities[0].add_error("name", _("Name at least one priority."))
            return False
        calendar: BusinessCalendar = self.version.cleaned_data["calendar"]
        engine = calendar.engine_or_none()
        if engine is None:
            self.version.add_error(
                "calendar",
                _("These service hours cannot be computed — please check them first."),
            )
            return False
        daily_minutes = engine.daily_seconds // 60
        for form in kept:
            response, resolution = form.target("response"), form.target("resolution")
            assert response is not None and resolution is not None
            if in_minutes(*resolution, daily_minutes) < in_minutes(*response, daily_minutes):
                form.add_error(
                    "resolution_amount",
                    _("The resolution time must not be shorter than the response time."),
                )
        codes = {form.code for form in kept}
        for (impact, urgency), code in self.matrix.cells().items():
            if code not in codes:
                self.matrix.add_error(
                    f"{impact}_{urgency}",
                    _("%(code)s has no name and is left out; choose another priority.")
                    % {"code": code},
                )
        return not any(form.errors for form in self.forms)

    def terms(self) -> VersionTerms:
        data = self.version.cleaned_data
        return VersionTerms(
            calendar=data["calendar"],
            pausing_states=data["pausing_states"],
            at_risk_percent=data["at_risk_percent"],
            business_day_convention=data["business_day_convention"],
            credit_percent_per_breach=data["credit_percent_per_breach"],
            credit_cap_percent=data["credit_cap_percent"],
            change_note=data["change_note"],
            matrix=self.matrix.cells(),
            customer_duties=lines(data["customer_duties"]),
            provider_duties=lines(data["provider_duties"]),
            service_targets=self.availability.targets(),
        )

    def priority_specs(self) -> list[PrioritySpec]:
        return [form.spec() for form in self.priorities if not form.dropped]


DUTY_LENGTH = 500


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
