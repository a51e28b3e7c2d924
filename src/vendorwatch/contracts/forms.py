"""The smaller forms of the contracts part: documents, certificates, budgets, prepaid hours.

The contract form is in :mod:`vendorwatch.contracts.contract_form`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.form_fields import BUDGET_YEARS
from vendorwatch.contracts.models import Budget, Certificate, ContractDocument, HoursQuota
from vendorwatch.web.parsing import StrictIntegerField, strict_formfield
from vendorwatch.web.uploads import validate_upload_kind, validate_upload_size, with_upload_limit
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    CertificateBase = forms.ModelForm[Certificate]
    BudgetBase = forms.ModelForm[Budget]
    QuotaBase = forms.ModelForm[HoursQuota]
else:
    CertificateBase = BudgetBase = QuotaBase = forms.ModelForm

DATE_INPUT = DateInput()


def validate_pdf(upload: Any) -> Any:
    """Contract documents and invoices: PDF files only, by their ending and their content."""
    validate_upload_size(upload)
    validate_upload_kind(upload, [".pdf"], not_accepted=gettext("Only PDF files can be uploaded."))
    return upload


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=ContractDocument.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Use the title of an existing document to upload a new version of it."),
    )
    file = forms.FileField(
        label=_("File (PDF)"),
        help_text=with_upload_limit(_("PDF, at most %(limit)d MB.")),
        validators=[validate_pdf],
    )


class CertificateForm(CertificateBase):
    class Meta:
        model = Certificate
        fields = ["name", "issuer", "valid_until"]
        formfield_callback = strict_formfield
        widgets = {"valid_until": DATE_INPUT}
        help_texts = {
            "name": _("E.g. “ISO/IEC 27001” or “Liability insurance”."),
            "issuer": _("Who issued it, e.g. TÜV Süd or the insurer."),
            "valid_until": _("The dashboard reminds you when this day comes near."),
        }


class BudgetForm(BudgetBase):
    year = StrictIntegerField(label=_("Year"), min_value=BUDGET_YEARS[0], max_value=BUDGET_YEARS[1])

    class Meta:
        model = Budget
        fields = ["year", "provider", "contract", "amount"]
        formfield_callback = strict_formfield
        labels = {"amount": _("Budget for the whole year (EUR)")}
        help_texts = {
            "provider": _(
                "A budget for all contracts with this provider – or choose one contract "
                "below instead, not both."
            ),
            "contract": _("A budget for this one contract only."),
            "amount": _(
                "The most you plan to spend in that year, in total, e.g. 30.000,00. The "
                "invoices of the year are added up against it."
            ),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("provider")) == bool(cleaned.get("contract")):
            self.add_error("provider", gettext("Choose either a provider or a contract."))
        return cleaned


class QuotaForm(QuotaBase):
    class Meta:
        model = HoursQuota
        fields = ["name", "hours_bought", "hours_used", "bought_on", "expires_on", "price"]
        formfield_callback = strict_formfield
        widgets = {"bought_on": DATE_INPUT, "expires_on": DATE_INPUT}
        labels = {
            "hours_bought": _("Hours bought"),
            "hours_used": _("Hours used so far"),
            "price": _("Total price of the hours (EUR)"),
        }
        help_texts = {
            "name": _("E.g. “Hours package 2026”, as the provider calls it."),
            "hours_bought": _("How many hours the package contains, e.g. 20 or 7,5."),
            "hours_used": _("The hours the provider has counted against it so far."),
            "bought_on": _("The day the hours were bought or invoiced."),
            "expires_on": _("The day unused hours lapse, if the contract says so; else empty."),
            "price": _(
                "What all these hours cost together, not the price per hour: 20 hours at "
                "95,00 per hour are 1.900,00. The page shows the price per hour as well."
            ),
        }
