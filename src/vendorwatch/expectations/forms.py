from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.expectations.models import Party, Requirement, Service, Task
from vendorwatch.providers.models import Provider
from vendorwatch.web.parsing import PlausibleDateField, StrictDecimalField, strict_formfield

if TYPE_CHECKING:
    RequirementBase = forms.ModelForm[Requirement]
    ServiceBase = forms.ModelForm[Service]
    TaskBase = forms.ModelForm[Task]
    PartyBase = forms.ModelForm[Party]
else:
    RequirementBase = ServiceBase = TaskBase = PartyBase = forms.ModelForm

DATE_INPUT = forms.DateInput(attrs={"placeholder": _("DD.MM.YYYY")}, format="%d.%m.%Y")
# An agreement with a provider is made in this working life, not in year 1 or 9999.
AGREED_EARLIEST = date(1990, 1, 1)
AGREED_LATEST = date(2099, 12, 31)
FOR_ALL_CHOICES = [
    (True, _("all providers")),
    (False, _("only the providers ticked below")),
]


def _to_bool(value: Any) -> bool:
    return str(value) == "True"


class RequirementForm(RequirementBase):
    """A requirement, and with which provider it was agreed on which day.

    One date field per provider: an agreement holds between us and that provider only, so
    that one provider's document never claims what another agreed to.
    """

    for_all_providers = forms.TypedChoiceField(
        label=_("applies to"),
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


class ServiceForm(ServiceBase):
    quantity = StrictDecimalField(
        label=_("quantity"),
        initial=Decimal("1"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    price = _amount_field(_("price (EUR)"), max_digits=12)
    availability_target = _amount_field(
        _("availability target (%)"),
        max_digits=5,
        max_value=Decimal("100"),
        help_text=_("Share of the service hours in which it must work, e.g. 99.5."),
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
            "needed": _("We need this service."),
            "contracted": _("A contract obliges a provider to deliver it."),
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


class PartyForm(PartyBase):
    class Meta:
        model = Party
        fields = ["name", "side", "provider"]

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
