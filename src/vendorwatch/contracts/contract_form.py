"""The contract form: the essentials open, the terms of the chosen clause type only, the
rarer things folded away.

Which fields a clause type uses, and how the others are cleared, is in
:mod:`vendorwatch.contracts.clause_types`: a field of another type that the page hides never
makes the form invalid and never reaches the deadline engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.clause_types import (
    CONTINUATION,
    MINIMUM,
    NOTICE,
    RENEWAL,
    REQUIRED,
    TERM_FIELDS,
    USES,
    WORKING_DAY,
    ClauseType,
    represented,
    saved_terms,
    shown_terms,
)
from vendorwatch.contracts.form_fields import MAX_NOTICE_YEARS, MAX_TERM_YEARS, period_too_long
from vendorwatch.contracts.forms import DATE_INPUT
from vendorwatch.contracts.models import Contract, PeriodUnit
from vendorwatch.core.deadlines import TermsError
from vendorwatch.core.deadlines.terms import NEEDS_NOTICE, NEEDS_RENEWAL
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import parse_int, strict_formfield

if TYPE_CHECKING:
    ContractBase = forms.ModelForm[Contract]
else:
    ContractBase = forms.ModelForm

C = ClauseType
NOTICE_TYPES = tuple(c.value for c in C if c != C.FIXED)

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

# What a clause type cannot do without, said the way the engine says it.
MISSING = {
    "minimum_term_amount": gettext_noop("Enter the minimum term."),
    "renewal_term_amount": NEEDS_RENEWAL,
    "notice_amount": NEEDS_NOTICE,
    "continuation_notice_amount": gettext_noop("Enter the notice period after the minimum term."),
    "working_day_nth": gettext_noop("Enter the working day, e.g. 3."),
    "pay_period": gettext_noop("Choose how the pay is measured."),
}

# Fields only types that need them show: the page marks them as required.
ONLY_REQUIRED = (
    "renewal_term_amount",
    "continuation_notice_amount",
    "working_day_nth",
    "notice_anchor",
    "continuation_notice_anchor",
    "pay_period",
)

LABELS = {
    "kind": _("Kind of contract"),
    "fee": _("Regular fee (EUR)"),
    "fee_period": _("The fee is charged"),
    "minimum_term_amount": _("Minimum term"),
    "minimum_term_unit": _("Unit"),
    "renewal_term_amount": _("Renews each time by"),
    "renewal_term_unit": _("Unit"),
    "notice_amount": _("Notice period"),
    "notice_unit": _("Unit"),
    "notice_anchor": _("Notice can be given to"),
    "continuation_notice_amount": _("Notice period after the minimum term"),
    "continuation_notice_unit": _("Unit"),
    "continuation_notice_anchor": _("After the minimum term, notice can be given to"),
    "working_day_nth": _("Working day of the month"),
    "working_day_months_after": _("Months after that month"),
    "pay_period": _("The pay is measured"),
    "postal_days": _("Business days for the post"),
    "reminder_days": _("Reminders (days before the send date)"),
    "review_interval_months": _("Review every … months"),
}

HELP_TEXTS = {
    "title": _("A name you recognise the contract by, e.g. “IT support” or “Telephone system”."),
    "number": _(
        "The provider's number for this contract, as on the contract or its invoices; it is "
        "named in the notice letter."
    ),
    "start_date": _(
        "The day the contract began (not the day it was signed): its terms are counted from "
        "this day."
    ),
    "fee": _(
        "What the contract costs in total for a month or a year (choose which below), as the "
        "contract states it, e.g. 2.250,00."
    ),
    "minimum_term_amount": _(
        "How long the contract runs at least, counted from its start, e.g. 24 months. With a "
        "fixed term: how long it runs. Empty if the contract has no minimum term."
    ),
    "renewal_term_amount": _(
        "How long the contract runs on each time nobody gives notice in time, e.g. 12 months."
    ),
    "notice_amount": _(
        "How long before the end the notice must have reached the provider, e.g. 3 months. "
        "With a minimum term that continues open-ended: the notice period to the end of the "
        "minimum term; leave it empty if the period below applies then too."
    ),
    "notice_anchor": _(
        "The days on which the contract can end, e.g. “to the end of a month”: then it can "
        "end on the last day of any month."
    ),
    "continuation_notice_amount": _(
        "Once the minimum term is over: how long before an end the notice must have reached "
        "the provider, e.g. 1 month."
    ),
    "continuation_notice_anchor": _(
        "The days on which the contract can end after the minimum term, e.g. “to the end of "
        "a month”."
    ),
    "working_day_nth": _(
        "For a clause such as “notice by the 3rd working day of a month”, enter 3. Saturdays "
        "count as working days, Sundays and public holidays do not."
    ),
    "working_day_months_after": _(
        "When the contract then ends: 0 – at the end of that same month; 2 – at the end of "
        "the month after next. Empty counts as 0."
    ),
    "pay_period": _(
        "Without an agreed notice period, § 621 BGB sets the notice by how the pay is "
        "measured. By the month, for example: notice received by the 15th ends the contract "
        "at the end of that month."
    ),
    "required_form": _(
        "What the contract requires. Written form: a letter signed by hand. Text form: an "
        "e-mail or fax is enough, no signature needed."
    ),
    "services": _(
        "The services this contract covers. Invoice lines are checked against their prices."
    ),
    "sla_policy": _(
        "The service levels agreed in this contract; reviews measure the provider against them."
    ),
    "avv_present": _(
        "Needed under Art. 28 GDPR when the provider can see personal data, e.g. e-mails or "
        "customer files."
    ),
    "postal_days": _(
        "How many business days a letter may take. The send date lies this many business "
        "days before the day the notice must arrive; 3 leaves a margin."
    ),
    "reminder_days": _(
        "E.g. “90, 30, 7”: an e-mail 90, 30 and 7 days before the day the notice should be sent."
    ),
    "reminder_recipients": _(
        "E-mail addresses, one per line. Empty: all administrators and editors are reminded."
    ),
    "review_interval_months": _(
        "How often you check whether the provider delivers what the contract promises; 3 is "
        "every quarter."
    ),
    "notes": _(
        "Anything else worth knowing, e.g. side agreements or whom you dealt with. Shown on "
        "the contract's page."
    ),
}


class ContractForm(SectionedForm, ContractBase):
    clause_type = forms.ChoiceField(
        label=_("How the contract ends"),
        choices=ClauseType.choices,
        widget=forms.Select(attrs={"data-sections": ""}),
        help_text=_(
            "Choose what the contract says about its term and notice; only the fields for "
            "that kind of clause are shown. “Statutory” is for a service contract that agrees "
            "no notice period at all; “working day” for a clause such as “notice by the 3rd "
            "working day of a month”."
        ),
    )

    class Meta:
        model = Contract
        fields = [
            "provider",
            "title",
            "number",
            "kind",
            "start_date",
            "fee",
            "fee_period",
            *TERM_FIELDS,
            "required_form",
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
        widgets = {
            "start_date": DATE_INPUT,
            "avv_signed_on": DATE_INPUT,
            "services": forms.CheckboxSelectMultiple,
            "reminder_recipients": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = LABELS
        help_texts = HELP_TEXTS

    sections = (
        Section(
            _("Contract"),
            ("provider", "title", "number", "kind", "start_date", "fee", "fee_period"),
        ),
        Section(
            _("Term and notice"),
            ("clause_type",),
            intro=_("Vendorwatch computes the notice deadlines from these terms (German law)."),
        ),
        Section(
            _("Minimum term"),
            MINIMUM,
            shown_for=(C.RENEWS, C.MINIMUM_THEN_OPEN, C.STATUTORY, C.WORKING_DAY, C.FIXED),
        ),
        Section(_("Renewal"), RENEWAL, shown_for=(C.RENEWS,)),
        Section(
            _("Notice period"),
            NOTICE,
            shown_for=(C.RENEWS, C.MINIMUM_THEN_OPEN, C.OPEN_ENDED, C.STATUTORY),
        ),
        Section(_("Possible ends of the contract"), ("notice_anchor",), shown_for=(C.OPEN_ENDED,)),
        Section(_("After the minimum term"), CONTINUATION, shown_for=(C.MINIMUM_THEN_OPEN,)),
        Section(_("Working-day clause"), WORKING_DAY, shown_for=(C.WORKING_DAY,)),
        Section(_("Statutory notice (§ 621 BGB)"), ("pay_period",), shown_for=(C.STATUTORY,)),
        Section(_("Form of notice"), ("required_form",), shown_for=NOTICE_TYPES),
        Section(_("Services and SLA"), ("services", "sla_policy"), folded=True),
        Section(
            _("Data protection agreement (AVV)"), ("avv_present", "avv_signed_on"), folded=True
        ),
        Section(
            _("Reminders and reviews"),
            ("postal_days", "reminder_days", "reminder_recipients", "review_interval_months"),
            folded=True,
        ),
        Section(_("Notes"), ("notes",), folded=True),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Terms no clause type's fields can say are kept as stored until the user changes them.
        self.keeps_stored_terms = not represented(self.instance)
        given = kwargs.get("initial") or {}
        for name, value in shown_terms(self.instance).items():
            if name not in given:
                self.initial[name] = value
        services = self.fields["services"]
        assert isinstance(services, forms.ModelMultipleChoiceField)
        services.queryset = services.queryset.filter(contracted=True)  # type: ignore[union-attr]
        anchors = Contract.ContinuationAnchor.choices  # neither a term end nor a working day
        for name in ("notice_anchor", "continuation_notice_anchor"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = anchors
        provider = self.fields["provider"]
        sla = self.fields["sla_policy"]
        assert isinstance(provider, forms.ModelChoiceField)
        assert isinstance(sla, forms.ModelChoiceField)
        provider.empty_label = gettext("– please choose –")
        sla.empty_label = gettext("– no SLA agreed –")
        pay = self.fields["pay_period"]
        assert isinstance(pay, forms.ChoiceField)
        pay.choices = [("", gettext("– please choose –")), *Contract.PayPeriod.choices]
        # Marked as required where every type that shows the field needs it.
        # Needed for some types only: marked while one of those is chosen (app.js).
        for name in TERM_FIELDS:
            types = [str(clause) for clause, needed in REQUIRED.items() if name in needed]
            if types and name not in ONLY_REQUIRED:
                self.fields[name].required_for = " ".join(types)  # type: ignore[attr-defined]
        for name in ONLY_REQUIRED:
            self.fields[name].required = True
            if name in MISSING:
                self.fields[name].error_messages["required"] = _(MISSING[name])
        self.fields["clause_type"].required = True

    def clean_reminder_days(self) -> str:
        value: str = self.cleaned_data["reminder_days"]
        parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        numbers = [parse_int(p, minimum=1, maximum=730) for p in parts]
        days = {n for n in numbers if n is not None}
        if len(days) != len(set(numbers)):  # "²", "0" or "9999" among them
            raise forms.ValidationError(gettext("Enter whole numbers of days between 1 and 730."))
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

    def _check_lengths(self, cleaned: dict[str, Any], used: tuple[str, ...]) -> None:
        for amount, unit, years in self.PERIODS:
            if amount not in used:
                continue
            unit_value = cleaned.get(unit) or ""
            label = str(dict(PeriodUnit.choices).get(unit_value, unit_value))
            message = period_too_long(
                cleaned.get(amount), unit_value, years=years, unit_label=label
            )
            if message:
                self.add_error(amount, message)

    def _terms_of_clause(self, cleaned: dict[str, Any], clause: str) -> dict[str, Any]:
        """Forget what the fields of other clause types hold (hidden on the page, they may
        keep values typed before another type was chosen); require the type's own."""
        used = USES[clause]
        for name in TERM_FIELDS:
            if name not in used and name in self.errors:
                del self.errors[name]
        for name in REQUIRED[clause]:
            if name not in self.errors and cleaned.get(name) in (None, ""):
                required = self.fields[name].error_messages["required"]
                message = gettext(MISSING[name]) if name in MISSING else str(required)
                self.add_error(name, message)
        self._check_lengths(cleaned, used)
        terms = saved_terms(clause, cleaned)
        cleaned.update({name: terms[name] for name in TERM_FIELDS if name not in self.errors})
        return terms

    def _check_avv(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("avv_present") and not cleaned.get("avv_signed_on"):
            self.add_error("avv_signed_on", gettext("Enter the date the AVV was signed."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        clause = cleaned.get("clause_type")
        if not clause:
            return cleaned
        if self.keeps_stored_terms and not set(self.changed_data) & {"clause_type", *TERM_FIELDS}:
            for name in TERM_FIELDS:
                self.errors.pop(name, None)
                cleaned[name] = getattr(self.instance, name)
            self._check_avv(cleaned)
            return cleaned
        terms = self._terms_of_clause(cleaned, clause)
        self.instance.after_minimum_term = terms["after_minimum_term"]
        self.instance.service_contract = terms["service_contract"]
        if self.errors:
            return cleaned
        self._check_avv(cleaned)
        others = {k: v for k, v in cleaned.items() if k not in ("services", "clause_type")}
        candidate = Contract(**{**others, **terms})
        try:
            candidate.to_terms()
        except TermsError as error:
            field = TERMS_FIELDS.get(error.field)
            self.add_error(field if field in USES[clause] else None, gettext(error.message))
        return cleaned
