from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.form_fields import (
    BUDGET_YEARS,
    MAX_NOTICE_YEARS,
    MAX_TERM_YEARS,
    period_too_long,
)
from vendorwatch.contracts.models import (
    Budget,
    Certificate,
    Contract,
    ContractDocument,
    HoursQuota,
    PeriodUnit,
)
from vendorwatch.core.deadlines import TermsError
from vendorwatch.web.parsing import StrictIntegerField, parse_int, strict_formfield
from vendorwatch.web.uploads import validate_upload_size, with_upload_limit

if TYPE_CHECKING:
    ContractBase = forms.ModelForm[Contract]
    CertificateBase = forms.ModelForm[Certificate]
    BudgetBase = forms.ModelForm[Budget]
    QuotaBase = forms.ModelForm[HoursQuota]
else:
    ContractBase = CertificateBase = BudgetBase = QuotaBase = forms.ModelForm

DATE_INPUT = forms.DateInput(attrs={"placeholder": _("DD.MM.YYYY")}, format="%d.%m.%Y")

# The engine names the part of the terms it cannot compute; this is the form field for it.
TERMS_FIELDS = {
    "minimum_term": "minimum_term_amount",
    "renewal_term": "renewal_term_amount",
    "notice_period": "notice_amount",
    "notice_anchor": "notice_anchor",
    "continuation_notice_period": "continuation_notice_amount",
    "continuation_notice_anchor": "continuation_notice_anchor",
    "working_day_clause": "working_day_nth",
    "pay_period": "pay_period",
}


class ContractForm(ContractBase):
    class Meta:
        model = Contract
        fields = [
            "provider",
            "title",
            "number",
            "kind",
            "start_date",
            "minimum_term_amount",
            "minimum_term_unit",
            "after_minimum_term",
            "renewal_term_amount",
            "renewal_term_unit",
            "notice_amount",
            "notice_unit",
            "notice_anchor",
            "working_day_nth",
            "working_day_months_after",
            "continuation_notice_amount",
            "continuation_notice_unit",
            "continuation_notice_anchor",
            "service_contract",
            "pay_period",
            "required_form",
            "fee",
            "fee_period",
            "services",
            "sla_policy",
            "avv_present",
            "avv_signed_on",
            "postal_days",
            "reminder_days",
            "reminder_recipients",
            "review_interval_months",
            "notes",
        ]
        formfield_callback = strict_formfield
        localized_fields = ["fee"]
        widgets = {
            "start_date": DATE_INPUT,
            "avv_signed_on": DATE_INPUT,
            "services": forms.CheckboxSelectMultiple,
            "reminder_recipients": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "minimum_term_amount": _("Minimum term; leave empty for a contract without one."),
            "notice_amount": _("Notice period."),
            "working_day_nth": _(
                "Only for “by the N-th working day of a month”; Saturdays count as working days."
            ),
            "working_day_months_after": _("0: the contract ends at the end of that same month."),
            "continuation_notice_amount": _(
                "For contracts that continue open-ended: e.g. 1 month to the end of a month."
            ),
            "service_contract": _(
                "Without an agreed notice period, § 621 BGB applies according to how the pay "
                "is measured."
            ),
            "postal_days": _("Business days allowed for the post before the receipt deadline."),
            "reminder_days": _("Days before the send date, separated by commas."),
        }

    GROUPS = (
        (_("Contract"), ("provider", "title", "number", "kind", "start_date")),
        (
            _("Term"),
            (
                "minimum_term_amount",
                "minimum_term_unit",
                "after_minimum_term",
                "renewal_term_amount",
                "renewal_term_unit",
            ),
        ),
        (
            _("Notice"),
            (
                "notice_amount",
                "notice_unit",
                "notice_anchor",
                "working_day_nth",
                "working_day_months_after",
                "continuation_notice_amount",
                "continuation_notice_unit",
                "continuation_notice_anchor",
                "service_contract",
                "pay_period",
                "required_form",
            ),
        ),
        (_("Fees and services"), ("fee", "fee_period", "services", "sla_policy")),
        (_("Data protection"), ("avv_present", "avv_signed_on")),
        (
            _("Reminders and reviews"),
            ("postal_days", "reminder_days", "reminder_recipients", "review_interval_months"),
        ),
        (_("Notes"), ("notes",)),
    )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(legend), [self[name] for name in names]) for legend, names in self.GROUPS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = self.fields["services"]
        assert isinstance(services, forms.ModelMultipleChoiceField)
        services.queryset = services.queryset.filter(contracted=True)  # type: ignore[union-attr]

    def clean_reminder_days(self) -> str:
        value: str = self.cleaned_data["reminder_days"]
        parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        numbers = [parse_int(p, minimum=1, maximum=730) for p in parts]
        days = {n for n in numbers if n is not None}
        if len(days) != len(set(numbers)):  # "²", "0" or "9999" among them
            raise ValidationError(gettext("Enter whole numbers of days between 1 and 730."))
        return ", ".join(str(n) for n in sorted(days, reverse=True))

    def clean_reminder_recipients(self) -> str:
        value: str = self.cleaned_data["reminder_recipients"]
        validator = forms.EmailField()
        addresses = [p for p in value.replace(",", "\n").split() if p]
        for address in addresses:
            validator.clean(address)
        return "\n".join(addresses)

    # (amount field, unit field, the most years it can cover)
    PERIODS = (
        ("minimum_term_amount", "minimum_term_unit", MAX_TERM_YEARS),
        ("renewal_term_amount", "renewal_term_unit", MAX_TERM_YEARS),
        ("notice_amount", "notice_unit", MAX_NOTICE_YEARS),
        ("continuation_notice_amount", "continuation_notice_unit", MAX_NOTICE_YEARS),
    )

    def _check_lengths(self, cleaned: dict[str, Any]) -> None:
        for amount, unit, years in self.PERIODS:
            unit_value = cleaned.get(unit) or ""
            label = str(dict(PeriodUnit.choices).get(unit_value, unit_value))
            message = period_too_long(
                cleaned.get(amount), unit_value, years=years, unit_label=label
            )
            if message:
                self.add_error(amount, message)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_lengths(cleaned)
        if self.errors:
            return cleaned
        if cleaned.get("avv_present") and not cleaned.get("avv_signed_on"):
            self.add_error("avv_signed_on", gettext("Enter the date the AVV was signed."))
        candidate = Contract(**{k: v for k, v in cleaned.items() if k != "services"})
        try:
            candidate.to_terms()
        except TermsError as error:
            self.add_error(TERMS_FIELDS.get(error.field), gettext(error.message))
        return cleaned


def validate_pdf(upload: Any) -> Any:
    validate_upload_size(upload)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-" or not upload.name.lower().endswith(".pdf"):
        raise ValidationError(gettext("Only PDF files can be uploaded."))
    return upload


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ContractDocument.Kind.choices)
    title = forms.CharField(
        label=_("title"),
        max_length=200,
        help_text=_("Use the title of an existing document to upload a new version of it."),
    )
    file = forms.FileField(
        label=_("file (PDF)"),
        help_text=with_upload_limit(_("PDF, at most %(limit)d MB.")),
        validators=[validate_pdf],
    )


class CertificateForm(CertificateBase):
    class Meta:
        model = Certificate
        fields = ["name", "issuer", "valid_until"]
        formfield_callback = strict_formfield
        widgets = {"valid_until": DATE_INPUT}


class BudgetForm(BudgetBase):
    year = StrictIntegerField(label=_("year"), min_value=BUDGET_YEARS[0], max_value=BUDGET_YEARS[1])

    class Meta:
        model = Budget
        fields = ["year", "provider", "contract", "amount"]
        formfield_callback = strict_formfield
        localized_fields = ["amount"]
        help_texts = {"provider": _("Either a provider or a contract.")}

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
        localized_fields = ["hours_bought", "hours_used", "price"]
        widgets = {"bought_on": DATE_INPUT, "expires_on": DATE_INPUT}
