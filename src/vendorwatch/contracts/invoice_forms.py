from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.forms import DATE_INPUT, validate_pdf
from vendorwatch.contracts.models import Contract, Invoice, InvoiceLine
from vendorwatch.expectations.models import Service
from vendorwatch.web.parsing import strict_formfield
from vendorwatch.web.uploads import with_upload_limit

if TYPE_CHECKING:
    InvoiceBase = forms.ModelForm[Invoice]
    LineBase = forms.ModelForm[InvoiceLine]
else:
    InvoiceBase = LineBase = forms.ModelForm


class InvoiceForm(InvoiceBase):
    class Meta:
        model = Invoice
        fields = ["number", "invoice_date", "period_start", "period_end", "pdf", "notes"]
        formfield_callback = strict_formfield
        widgets = {
            "invoice_date": DATE_INPUT,
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "number": _("As printed on the invoice; each invoice of a contract has its own."),
            "invoice_date": _(
                "The date printed on the invoice: the costs page counts it in this month."
            ),
            "period_start": _("Optional: the first day of the period the invoice bills."),
            "period_end": _("Optional: the last day of that period."),
            "pdf": with_upload_limit(_("Optional: PDF, at most %(limit)d MB.")),
            "notes": _(
                "E.g. what you queried with the provider about this invoice. Shown on the "
                "invoice's page."
            ),
        }

    def clean_pdf(self) -> Any:
        upload = self.cleaned_data.get("pdf")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_pdf(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", gettext("The period cannot end before it starts."))
        return cleaned

    def validate_unique(self) -> None:
        # The contract is set by the view, not a form field: check the number per contract.
        contract_id = self.instance.contract_id
        number = self.cleaned_data.get("number")
        others = Invoice.objects.filter(contract_id=contract_id, number=number)
        if contract_id and number and others.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "number", gettext("This contract already has an invoice with this number.")
            )


class InvoiceLineForm(LineBase):
    class Meta:
        model = InvoiceLine
        fields = ["service", "description", "quantity", "unit_price"]
        formfield_callback = strict_formfield
        labels = {"unit_price": _("Price per unit (EUR)")}
        help_texts = {
            "service": _("Its contracted price is compared with the price per unit."),
            "quantity": _("How many units the line bills, e.g. 28 hours; 1 for a flat fee."),
            "unit_price": _("The price of one unit as on the invoice, not the line total."),
        }

    def __init__(self, *args: Any, contract: Contract | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        if contract is not None:
            service.queryset = Service.objects.filter(provider=contract.provider) | (
                contract.services.all()
            )
            service.queryset = service.queryset.distinct()
        service.empty_label = gettext("– other (not a contracted service) –")
        if self.prefix and not self.prefix.endswith("-0"):
            # The lines are alike: the first one explains its fields, the others need not.
            for field in self.fields.values():
                field.help_text = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.has_changed() and not cleaned.get("service") and not cleaned.get("description"):
            self.add_error("description", gettext("Describe the item or choose a service."))
        return cleaned


MAX_INVOICE_LINES = 100

InvoiceLineFormSet = forms.inlineformset_factory(
    Invoice,
    InvoiceLine,
    form=InvoiceLineForm,
    extra=3,
    can_delete=True,
    min_num=1,
    validate_min=True,
    # An invoice has a handful of lines; a posted count of thousands must not make the page
    # build thousands of forms.
    max_num=MAX_INVOICE_LINES,
    absolute_max=MAX_INVOICE_LINES,
    validate_max=True,
)
