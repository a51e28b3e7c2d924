from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.providers.models import Contact, Provider
from vendorwatch.web.parsing import strict_formfield

if TYPE_CHECKING:
    ProviderModelForm = forms.ModelForm[Provider]
    ContactModelForm = forms.ModelForm[Contact]
else:
    ProviderModelForm = ContactModelForm = forms.ModelForm


class ProviderForm(ProviderModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("The provider's own web address; the provider's page links to it."),
    )

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
        formfield_callback = strict_formfield
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": _("The company name as on its letters and invoices."),
            "status": _(
                "Active: under contract today. Candidate: a provider you are considering. "
                "Former: no longer under contract."
            ),
            "customer_number": _(
                "The number the provider gave your company; letters to the provider name it."
            ),
            "street": _("The address notices and letters to the provider are sent to."),
            "notes": _(
                "Anything worth knowing about this provider, e.g. how its hotline works. "
                "Shown on the provider's page."
            ),
        }


class ContactForm(ContactModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "escalation_level"]
        formfield_callback = strict_formfield
        widgets = {"escalation_level": forms.NumberInput(attrs={"min": 1, "max": 9})}
        help_texts = {
            "role": _("E.g. service desk, account manager or managing director."),
            "phone": _("The number to call when something is urgent."),
            "escalation_level": _(
                "Whom to turn to when: 1 = service desk, the first contact; 2 = team lead or "
                "account manager, when level 1 does not solve a problem in time; 3 = managing "
                "director."
            ),
        }
