from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.expectations.models import Party, Requirement, Service, Task

if TYPE_CHECKING:
    RequirementBase = forms.ModelForm[Requirement]
    ServiceBase = forms.ModelForm[Service]
    TaskBase = forms.ModelForm[Task]
    PartyBase = forms.ModelForm[Party]
else:
    RequirementBase = ServiceBase = TaskBase = PartyBase = forms.ModelForm

DATE_INPUT = forms.DateInput(attrs={"placeholder": _("DD.MM.YYYY")}, format="%d.%m.%Y")


class RequirementForm(RequirementBase):
    class Meta:
        model = Requirement
        fields = [
            "title",
            "category",
            "priority",
            "description",
            "acceptance_criterion",
            "services",
            "status",
            "agreed_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "acceptance_criterion": forms.Textarea(attrs={"rows": 3}),
            "services": forms.CheckboxSelectMultiple,
            "priority": forms.RadioSelect,
            "agreed_on": DATE_INPUT,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == Requirement.Status.AGREED and not cleaned.get("agreed_on"):
            self.add_error(
                "agreed_on", _("Enter the date on which you agreed it with the provider.")
            )
        if cleaned.get("status") == Requirement.Status.DRAFT:
            cleaned["agreed_on"] = None
        return cleaned


class ServiceForm(ServiceBase):
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
            "availability_target": _(
                "Share of the service hours in which it must work, e.g. 99.5."
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


class PartyForm(PartyBase):
    class Meta:
        model = Party
        fields = ["name", "side"]


class StarterPickForm(forms.Form):
    keys = forms.MultipleChoiceField(label=_("Pick"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["keys"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        self.fields["keys"].error_messages["required"] = _("Pick at least one entry.")
