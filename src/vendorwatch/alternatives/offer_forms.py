"""The forms of an offer: its terms, its prices per service, its answers per requirement."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.forms import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.alternatives.models import Offer, OfferAnswer, OfferPrice, OfferRequest
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.providers.models import Provider
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import StrictDecimalField, strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    OfferBase = forms.ModelForm[Offer]
else:
    OfferBase = forms.ModelForm

# The largest amount a price column holds (12 digits, 2 after the point).
MAX_MONEY = Decimal("9999999999.99")

NEGATIVE_MONEY = _("An amount cannot be negative. Enter 0 if there is no charge.")
NEGATIVE_HOURS = _("Hours cannot be negative.")

# Whole numbers of an offer: the range a person can mean, and what to say outside it.
RANGES = {
    "minimum_term_months": (
        1,
        120,
        _("The minimum term must be between 1 and 120 months (10 years)."),
    ),
    "notice_months": (0, 36, _("The notice period must be between 0 and 36 months (3 years).")),
    "parallel_run_months": (0, 24, _("Parallel running must be between 0 and 24 months.")),
    "reference_count": (0, 1000, _("Enter a number of references from 0 to 1000.")),
}


class OfferForm(SectionedForm, OfferBase):
    sections = (
        Section(_("The offer"), ["provider", "request", "title", "received_on", "valid_until"]),
        Section(_("Term"), ["minimum_term_months", "notice_months"]),
        Section(
            _("Response times and availability offered"),
            ["response_hours", "resolution_hours", "availability_percent"],
        ),
        Section(
            _("References, security and data protection"),
            [
                "reference_count",
                "references",
                "iso27001",
                "certificates",
                "dpa_available",
                "data_location",
            ],
        ),
        Section(
            _("Cost of the switch"),
            ["migration_cost", "parallel_run_months", "internal_effort_hours"],
            folded=True,
            intro=_("Counted in the total cost when offers are compared."),
        ),
        Section(_("Notes"), ["notes"], folded=True),
    )

    class Meta:
        model = Offer
        fields = [
            "provider",
            "request",
            "title",
            "received_on",
            "valid_until",
            "minimum_term_months",
            "notice_months",
            "response_hours",
            "resolution_hours",
            "availability_percent",
            "reference_count",
            "references",
            "iso27001",
            "certificates",
            "dpa_available",
            "data_location",
            "migration_cost",
            "parallel_run_months",
            "internal_effort_hours",
            "notes",
        ]
        formfield_callback = strict_formfield
        widgets = {
            "received_on": DateInput(),
            "valid_until": DateInput(),
            "references": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "provider": _("Provider"),
            "request": _("Answers the request for offers"),
            "title": _("Title"),
            "received_on": _("Received on"),
            "valid_until": _("Valid until"),
            "minimum_term_months": _("Minimum term (months)"),
            "notice_months": _("Notice period (months)"),
            "response_hours": _("Response time offered (hours)"),
            "resolution_hours": _("Resolution time offered (hours)"),
            "availability_percent": _("Availability offered (%)"),
            "reference_count": _("Number of comparable references"),
            "references": _("References"),
            "iso27001": _("ISO 27001 certified"),
            "certificates": _("Other certificates"),
            "dpa_available": _("Data processing agreement (AVV) offered"),
            "data_location": _("Where the data is held"),
            "migration_cost": _("One-off cost of the switch (EUR)"),
            "parallel_run_months": _("Months of parallel running"),
            "internal_effort_hours": _("Our own effort for the switch (hours)"),
            "notes": _("Notes"),
        }
        help_texts = {
            "title": _("E.g. “Offer 2026-114” or how the provider names it."),
            "minimum_term_months": _("How long the contract runs at least: 1 to 120 months."),
            "notice_months": _("How long before the end notice must be given: 0 to 36 months."),
            "response_hours": _("For the most urgent problems, in service hours."),
            "resolution_hours": _("For the most urgent problems, in service hours."),
            "availability_percent": _("E.g. 99,5."),
            "references": _("Comparable customers the provider names, with a contact if given."),
            "certificates": _("E.g. ISO 9001, BSI C5."),
            "migration_cost": _("What the provider charges once for taking over, e.g. 2.500,00."),
            "internal_effort_hours": _("Hours your own staff will spend on the switch."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = Provider.objects.exclude(status=Provider.Status.FORMER).order_by("name")
        request = self.fields["request"]
        assert isinstance(request, forms.ModelChoiceField)
        request.queryset = OfferRequest.objects.order_by("-deadline", "title")
        for name, (_low, _high, message) in RANGES.items():
            self.fields[name].error_messages.update(min_value=message, max_value=message)

    def _range(self, name: str) -> int | None:
        value = self.cleaned_data.get(name)
        low, high, message = RANGES[name]
        if value is not None and not low <= value <= high:
            raise ValidationError(str(message))
        return value

    def clean_minimum_term_months(self) -> int | None:
        return self._range("minimum_term_months")

    def clean_notice_months(self) -> int | None:
        return self._range("notice_months")

    def clean_parallel_run_months(self) -> int | None:
        return self._range("parallel_run_months")

    def clean_reference_count(self) -> int | None:
        return self._range("reference_count")

    def _not_negative(self, name: str, message: Any) -> Decimal | None:
        value = self.cleaned_data.get(name)
        if value is not None and value < 0:
            raise ValidationError(str(message))
        return value

    def clean_response_hours(self) -> Decimal | None:
        return self._not_negative("response_hours", NEGATIVE_HOURS)

    def clean_resolution_hours(self) -> Decimal | None:
        return self._not_negative("resolution_hours", NEGATIVE_HOURS)

    def clean_internal_effort_hours(self) -> Decimal | None:
        return self._not_negative("internal_effort_hours", NEGATIVE_HOURS)

    def clean_migration_cost(self) -> Decimal | None:
        return self._not_negative("migration_cost", NEGATIVE_MONEY)

    def clean_availability_percent(self) -> Decimal | None:
        value = self.cleaned_data.get("availability_percent")
        if value is not None and not Decimal("0") <= value <= Decimal("100"):
            raise ValidationError(gettext("Availability is a share between 0 and 100 %."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        received, valid = cleaned.get("received_on"), cleaned.get("valid_until")
        if received and valid and valid < received:
            self.add_error(
                "valid_until", gettext("An offer cannot end before the day it was received.")
            )
        return cleaned


def money_field(label: Any) -> StrictDecimalField:
    return StrictDecimalField(
        label=label,
        required=False,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "max_digits": gettext("This amount is too large."),
            "max_whole_digits": gettext("This amount is too large."),
            "max_decimal_places": gettext("Enter at most 2 digits after the comma."),
        },
    )


@dataclass
class PriceRow:
    service: Service
    one_off: BoundField
    monthly: BoundField
    errors: bool


class PricesForm(forms.Form):
    """One row per needed service (and per service the offer already prices): one-off and
    monthly. A row left empty means the offer does not price that service."""

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.existing = {price.service_id: price for price in offer.prices.all()}
        self.services = list(
            Service.objects.filter(Q(needed=True) | Q(pk__in=list(self.existing))).order_by(
                "name", "pk"
            )
        )
        for service in self.services:
            price = self.existing.get(service.pk)
            one_off = money_field(gettext("One-off for %(service)s") % {"service": service.name})
            monthly = money_field(gettext("Monthly for %(service)s") % {"service": service.name})
            if price is not None:
                one_off.initial, monthly.initial = price.one_off, price.monthly
            self.fields[f"one_off_{service.pk}"] = one_off
            self.fields[f"monthly_{service.pk}"] = monthly

    @property
    def rows(self) -> list[PriceRow]:
        rows = []
        for service in self.services:
            one_off, monthly = self[f"one_off_{service.pk}"], self[f"monthly_{service.pk}"]
            rows.append(PriceRow(service, one_off, monthly, bool(one_off.errors or monthly.errors)))
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            if value is None:
                continue
            if value < 0:
                self.add_error(name, str(NEGATIVE_MONEY))
            elif value > MAX_MONEY:
                self.add_error(name, gettext("This amount is too large."))
        return cleaned

    def save(self) -> None:
        with transaction.atomic():
            for service in self.services:
                one_off = self.cleaned_data.get(f"one_off_{service.pk}")
                monthly = self.cleaned_data.get(f"monthly_{service.pk}")
                if one_off is None and monthly is None:
                    OfferPrice.objects.filter(offer=self.offer, service=service).delete()
                    continue
                OfferPrice.objects.update_or_create(
                    offer=self.offer,
                    service=service,
                    defaults={
                        "one_off": one_off or Decimal("0"),
                        "monthly": monthly or Decimal("0"),
                    },
                )


@dataclass
class AnswerRow:
    requirement: Requirement
    answer: BoundField
    note: BoundField
    is_must: bool
    errors: bool


class AnswersForm(forms.Form):
    """One row per requirement: fulfilled, partly or not, with a note. Empty: not answered."""

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.existing = {answer.requirement_id: answer for answer in offer.answers.all()}
        self.requirements = list(Requirement.objects.order_by("category", "title", "pk"))
        choices = [("", gettext("not answered")), *OfferAnswer.Answer.choices]
        for requirement in self.requirements:
            existing = self.existing.get(requirement.pk)
            answer = forms.ChoiceField(
                label=gettext("Answer to %(requirement)s") % {"requirement": requirement.title},
                choices=choices,
                required=False,
                initial=existing.answer if existing else "",
            )
            note = forms.CharField(
                label=gettext("Note on %(requirement)s") % {"requirement": requirement.title},
                required=False,
                max_length=500,
                initial=existing.note if existing else "",
            )
            self.fields[f"answer_{requirement.pk}"] = answer
            self.fields[f"note_{requirement.pk}"] = note

    @property
    def rows(self) -> list[AnswerRow]:
        rows = []
        for requirement in self.requirements:
            answer, note = self[f"answer_{requirement.pk}"], self[f"note_{requirement.pk}"]
            is_must = requirement.priority == Requirement.Priority.MUST
            rows.append(
                AnswerRow(requirement, answer, note, is_must, bool(answer.errors or note.errors))
            )
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for requirement in self.requirements:
            answer = cleaned.get(f"answer_{requirement.pk}")
            if not answer and cleaned.get(f"note_{requirement.pk}"):
                self.add_error(
                    f"answer_{requirement.pk}",
                    gettext("Choose an answer for the note, or leave both empty."),
                )
        return cleaned

    def save(self) -> None:
        with transaction.atomic():
            for requirement in self.requirements:
                answer = self.cleaned_data.get(f"answer_{requirement.pk}")
                note = self.cleaned_data.get(f"note_{requirement.pk}") or ""
                if not answer:
                    OfferAnswer.objects.filter(offer=self.offer, requirement=requirement).delete()
                    continue
                OfferAnswer.objects.update_or_create(
                    offer=self.offer,
                    requirement=requirement,
                    defaults={"answer": answer, "note": note},
                )
