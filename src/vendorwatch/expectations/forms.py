from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.expectations.models import Party, Requirement, Service, Task
from vendorwatch.providers.models import Provider
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import PlausibleDateField, StrictDecimalField, strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    RequirementBase = forms.ModelForm[Requirement]
    ServiceBase = forms.ModelForm[Service]
    TaskBase = forms.ModelForm[Task]
    PartyBase = forms.ModelForm[Party]
else:
    RequirementBase = ServiceBase = TaskBase = PartyBase = forms.ModelForm

DATE_INPUT = DateInput()
# An agreement with a provider is made in this working life, not in year 1 or 9999.
AGREED_EARLIEST = date(1990, 1, 1)
AGREED_LATEST = date(2099, 12, 31)
FOR_ALL_CHOICES = [
    (True, _("all providers")),
    (False, _("only the providers ticked below")),
]


def _to_bool(value: Any) -> bool:
    return str(value) == "True"


class RequirementForm(SectionedForm, RequirementBase):
    """A requirement, and with which provider it was agreed on which day.

    One date field per provider: an agreement holds between us and that provider only, so
    that one provider's document never claims what another agreed to.
    """

    for_all_providers = forms.TypedChoiceField(
        label=_("Applies to"),
        choices=FOR_ALL_CHOICES,
        coerce=_to_bool,
        required=False,
        initial=True,
        widget=forms.RadioSelect,
        help_text=_("Decides in which provider's expectations document the requirement appears."),
    )

    class Meta:
        model = Requirement
        formfield_callback = strict_formfield
        fields = [
            "title",
            "category",
            "priority",
            "description",
            "acceptance_criterion",
            "services",
            "for_all_providers",
            "providers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "acceptance_criterion": forms.Textarea(attrs={"rows": 3}),
            "services": forms.CheckboxSelectMultiple,
            "providers": forms.CheckboxSelectMultiple,
            "priority": forms.RadioSelect,
        }
        help_texts = {
            "title": _("A short name, e.g. “Daily backup of all servers”."),
            "category": _(
                "Groups related requirements in the list and in the document, e.g. “Backup”."
            ),
            "priority": _(
                "Must: without it the service is not acceptable. Should: important, but "
                "open to discussion. Could: welcome if it costs little."
            ),
            "description": _(
                "Background or details the provider should know. It appears in the list and "
                "in the document."
            ),
            "services": _("The services this requirement is about; you may leave them empty."),
            "providers": _("Only needed when “only the providers ticked below” is chosen above."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreed: dict[int, date] = {}
        if self.instance.pk:
            agreed = dict(self.instance.agreements.values_list("provider_id", "agreed_on"))
        # Former providers only where something was agreed with them, so it can be corrected.
        self.agreement_providers = list(
            Provider.objects.filter(~Q(status=Provider.Status.FORMER) | Q(pk__in=agreed))
        )
        for provider in self.agreement_providers:
            self.fields[self._agreement_field(provider)] = PlausibleDateField(
                label=_("Agreed with %(provider)s on") % {"provider": provider.name},
                required=False,
                widget=DATE_INPUT,
                earliest=AGREED_EARLIEST,
                latest=AGREED_LATEST,
                initial=agreed.get(provider.pk),
                help_text=_("Leave empty while it is not agreed with this provider."),
            )
        self.sections = (
            Section(
                _("The requirement"),
                ["title", "priority", "acceptance_criterion", "description", "category"],
            ),
            Section(_("Services and providers"), ["services", "for_all_providers", "providers"]),
            # Folded while nothing is agreed: a new requirement is rarely agreed yet.
            Section(
                _("Agreed with the provider"),
                [self._agreement_field(provider) for provider in self.agreement_providers],
                folded=not agreed,
                intro=_(
                    "The day on which a provider accepted this requirement. The provider's "
                    "document then shows it as agreed."
                ),
            ),
        )

    @staticmethod
    def _agreement_field(provider: Provider) -> str:
        return f"agreed_with_{provider.pk}"

    def agreement_dates(self) -> dict[Provider, date | None]:
        """Each provider offered in the form, with the day agreed or None (not agreed)."""
        return {
            provider: self.cleaned_data.get(self._agreement_field(provider))
            for provider in self.agreement_providers
        }

    def clean_for_all_providers(self) -> bool:
        # Nothing chosen keeps the default of every requirement: for all providers.
        return self.cleaned_data.get("for_all_providers") is not False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("for_all_providers") is True:
            cleaned["providers"] = []
        elif cleaned.get("for_all_providers") is False and not cleaned.get("providers"):
            self.add_error(
                "providers",
                _("Tick at least one provider, or choose “all providers” above."),
            )
        if cleaned.get("for_all_providers") is False:
            ticked = set(cleaned.get("providers") or [])
            for provider in self.agreement_providers:
                field = self._agreement_field(provider)
                if cleaned.get(field) and provider not in ticked:
                    self.add_error(
                        field,
                        _(
                            "This requirement is not for this provider. Tick the provider "
                            "above, or leave the date empty."
                        ),
                    )
        return cleaned


def _amount_field(label: Any, **kwargs: Any) -> StrictDecimalField:
    return StrictDecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        decimal_places=2,
        localize=True,
        **kwargs,
    )


class QuantityField(StrictDecimalField):
    """A quantity shown as typed: 28, not 28,00."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return super().prepare_value(value)


class ServiceForm(SectionedForm, ServiceBase):
    quantity = QuantityField(
        label=_("quantity"),
        initial=Decimal("1"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        help_text=_("How many units, e.g. 28 for 28 workplaces; 1 for a flat rate."),
    )
    price = _amount_field(
        _("Price per unit (EUR)"),
        max_digits=12,
        help_text=_(
            "What one unit costs, e.g. 45.00 for one workplace. Leave it empty if you do not "
            "know it yet."
        ),
    )
    availability_target = _amount_field(
        _("availability target (%)"),
        max_digits=5,
        max_value=Decimal("100"),
        help_text=_(
            "Share of the service hours in which the service must work, e.g. 99.5. Leave it "
            "empty if none is agreed."
        ),
    )

    sections = (
        Section(_("The service"), ["name", "scope", "needed", "contracted", "provider"]),
        Section(
            _("Quantity and price"),
            ["quantity", "unit", "price", "price_period"],
            intro=_(
                "The total is quantity × price per unit, e.g. 28 workplaces × 45.00 € = "
                "1,260.00 € per month."
            ),
        ),
        Section(_("Service hours and availability"), ["calendar", "availability_target"]),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "scope",
            "needed",
            "contracted",
            "provider",
            "quantity",
            "unit",
            "price",
            "price_period",
            "calendar",
            "availability_target",
        ]
        widgets = {"scope": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name": _("e.g. “Helpdesk” or “Server operation”."),
            "scope": _(
                "What belongs to it, e.g. which devices, sites or tasks. It appears in the list "
                "and in the document."
            ),
            "needed": _("Untick for a service you list but do not need."),
            "contracted": _(
                "Tick when a contract obliges the provider to deliver it. A needed service "
                "without a contract is shown as a gap."
            ),
            "provider": _("Who delivers the service, or is to deliver it."),
            "unit": _(
                "What is counted, written as after a number above one, e.g. “workplaces”, "
                "“users” or “flat rate”."
            ),
            "price_period": _("Whether the price is paid every month, every year or once."),
            "calendar": _(
                "The hours in which the provider must deliver this service. You set them up "
                "under “Service hours”."
            ),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("contracted") and not cleaned.get("provider"):
            self.add_error("provider", _("Name the provider who is contracted to deliver it."))
        return cleaned


class TaskForm(TaskBase):
    class Meta:
        model = Task
        fields = ["title", "category"]
        help_texts = {
            "title": _("What has to be done, e.g. “Test a restore”."),
            "category": _("Groups related tasks, e.g. “Backup”. Shown under the task in the grid."),
        }


class PartyForm(PartyBase):
    class Meta:
        model = Party
        fields = ["name", "side", "provider"]
        help_texts = {
            "name": _("A role rather than a person, e.g. “Office manager”: people change."),
            "side": _("Whether the role is in your company or at a provider."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("side") == Party.Side.INTERNAL and cleaned.get("provider"):
            self.add_error(
                "provider", _("A role in our company is not at a provider; leave this empty.")
            )
        return cleaned


class StarterPickForm(forms.Form):
    keys = forms.MultipleChoiceField(label=_("Pick"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["keys"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        self.fields["keys"].error_messages["required"] = _("Pick at least one entry.")
