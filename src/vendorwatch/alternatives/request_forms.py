"""The request for offers and the candidate: the forms of step 5 that are not about offers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.alternatives.models import TEXT_LIMIT, OfferRequest
from vendorwatch.providers.forms import ProviderForm
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.web.parsing import strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    RequestBase = forms.ModelForm[OfferRequest]
else:
    RequestBase = forms.ModelForm


class OfferRequestForm(RequestBase):
    class Meta:
        model = OfferRequest
        fields = [
            "title",
            "deadline",
            "introduction",
            "sla_policy",
            "contact_name",
            "contact_email",
        ]
        formfield_callback = strict_formfield
        widgets = {"deadline": DateInput(), "introduction": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "title": _("Title"),
            "deadline": _("Offers by"),
            "introduction": _("Introduction"),
            "sla_policy": _("Response times wanted"),
            "contact_name": _("Contact person for questions"),
            "contact_email": _("E-mail for questions and offers"),
        }
        help_texts = {
            "title": _("E.g. “IT support from 2027”. It is the heading of the document."),
            "deadline": _("The last day on which offers must have arrived, e.g. 15.01.2027."),
            "introduction": _(
                "A few sentences about your company and why you ask, e.g. “We are a tax office "
                "with 25 workplaces and are looking for a new IT provider from July.”"
            ),
            "sla_policy": _(
                "The SLA whose response and resolution times the offers should meet; the "
                "document lists them. Empty: the candidates state their own."
            ),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        policy = self.fields["sla_policy"]
        assert isinstance(policy, forms.ModelChoiceField)
        policy.queryset = SlaPolicy.objects.order_by("name")


class CandidateForm(ProviderForm):
    """A provider you are considering: saved with the status "candidate"."""

    notes = forms.CharField(
        label=_("Notes from first talks"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What you learned in first talks, e.g. whom you spoke to, their impression, "
            "what they said about prices."
        ),
    )

    class Meta(ProviderForm.Meta):
        fields = ["name", "street", "postcode", "city", "website", "notes"]

    def save(self, commit: bool = True) -> Provider:
        self.instance.status = Provider.Status.CANDIDATE
        return super().save(commit=commit)
