from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.providers.models import Contact, Provider

if TYPE_CHECKING:
    ProviderModelForm = forms.ModelForm[Provider]
    ContactModelForm = forms.ModelForm[Contact]
else:
    ProviderModelForm = ContactModelForm = forms.ModelForm


class ProviderForm(ProviderModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Provider
        fields = [
            "name",
            "status",
            "customer_number",
            "street",
            "postcode",
            "city",
            "website",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class ContactForm(ContactModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "escalation_level"]
        widgets = {"escalation_level": forms.NumberInput(attrs={"min": 1, "max": 9})}
