"""Contracts and invoices, changed through the contract pages' forms."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vendorwatch.api.serializers.base import FormSerializer, form_errors, form_value
from vendorwatch.contracts.clause_types import TERM_FIELDS, ClauseType, clause_type_of
from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.deadlines import contract_deadline
from vendorwatch.contracts.invoice_forms import InvoiceForm, InvoiceLineFormSet
from vendorwatch.contracts.models import Contract, Invoice, InvoiceLine
from vendorwatch.core.deadlines import Status


class ClauseTypeField(serializers.ChoiceField):
    """The kind of notice clause, as the contract form asks for it; read from the stored
    terms (``clause_type_of``), so that it always describes them."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["source"] = "*"
        super().__init__(ClauseType.choices, **kwargs)

    def to_representation(self, value: Contract) -> str:  # type: ignore[override]
        return str(clause_type_of(value).value)

    def to_internal_value(self, data: Any) -> dict[str, str]:  # type: ignore[override]
        return {"clause_type": super().to_internal_value(data)}


class DeadlineSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # The notice deadline as of today (empty dates where the terms give none).

    status = serializers.ChoiceField(choices=[s.value for s in Status], allow_null=True)
    status_text = serializers.CharField()
    next_possible_end = serializers.DateField(allow_null=True)
    receipt_deadline = serializers.DateField(allow_null=True)
    recommended_send_date = serializers.DateField(allow_null=True)


class ContractSerializer(FormSerializer):
    form_class = ContractForm
    clause_type = ClauseTypeField(help_text=ContractForm.base_fields["clause_type"].help_text)
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "provider",
            "title",
            "number",
            "kind",
            "start_date",
            "fee",
            "fee_period",
            "clause_type",
            *TERM_FIELDS,
            "after_minimum_term",
            "service_contract",
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
            "deadline",
            "created_at",
            "updated_at",
        ]
        # Set by the clause type, as on the page.
        read_only_fields = ["after_minimum_term", "service_contract", "created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            # A stored contract's clause type is known: a change may leave it out.
            self.fields["clause_type"].required = False

    @extend_schema_field(DeadlineSerializer)
    def get_deadline(self, contract: Contract) -> dict[str, Any]:
        deadline = contract_deadline(contract, timezone.localdate())
        result = deadline.result
        return {
            "status": result.status.value if result else None,
            "status_text": deadline.status_text,
            "next_possible_end": result.next_possible_end if result else None,
            "receipt_deadline": result.receipt_deadline if result else None,
            "recommended_send_date": result.recommended_send_date if result else None,
        }


class InvoiceLineSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # Given for a line that is kept or changed; a new line has none.
    id = serializers.IntegerField(required=False)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = InvoiceLine
        fields = ["id", "service", "description", "quantity", "unit_price", "amount"]


LINE_FIELDS = ("service", "description", "quantity", "unit_price")
PREFIX = "lines"


class InvoiceSerializer(FormSerializer):
    # An invoice with its lines. ``lines`` lists every line the invoice is to have: a line
    # with its ``id`` is kept (and changed), one without is added, one left out is deleted.

    form_class = InvoiceForm
    lines = InvoiceLineSerializer(many=True, required=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = [
            "id",
            "contract",
            "number",
            "invoice_date",
            "period_start",
            "period_end",
            "notes",
            "lines",
            "total",
            "pdf",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["contract"].read_only = True
            self.fields["lines"].required = False

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf(self, invoice: Invoice) -> str | None:
        # Where the invoice's PDF is downloaded; empty without one.
        if not invoice.pdf:
            return None
        path = reverse("api-invoices-pdf", kwargs={"pk": invoice.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def new_instance(self, attrs: dict[str, Any]) -> Invoice:
        return Invoice(contract=attrs.pop("contract"))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        lines = attrs.pop("lines", None)
        attrs = super().validate(attrs)
        invoice: Invoice = self._form.instance  # type: ignore[attr-defined]
        data, positions = lines_form_data(invoice, lines)
        formset = InvoiceLineFormSet(
            data, instance=invoice, prefix=PREFIX, form_kwargs={"contract": invoice.contract}
        )
        if not formset.is_valid():
            raise serializers.ValidationError({"lines": formset_errors(formset, positions)})
        self._lines = formset
        return attrs

    def save_form(self, form: Any) -> Invoice:
        # As the page saves an invoice and its lines.
        with transaction.atomic():
            saved: Invoice = form.save()
            self._lines.instance = saved
            self._lines.save()
        return saved


def lines_form_data(
    invoice: Invoice, lines: list[dict[str, Any]] | None
) -> tuple[dict[str, Any], list[int | None]]:
    """The line formset's data for the lines asked for (``None``: keep them as they are),
    and for each of its forms the position of its line in the request."""
    stored = list(invoice.lines.order_by("pk")) if invoice.pk else []
    if lines is None:
        lines = [{"id": line.pk} for line in stored]
    wanted = {line["id"]: index for index, line in enumerate(lines) if line.get("id")}
    unknown = set(wanted) - {stored_line.pk for stored_line in stored}
    if unknown:
        raise serializers.ValidationError(
            {"lines": [_unknown_line(index) for index in sorted(wanted[i] for i in unknown)]}
        )
    rows: list[dict[str, Any]] = []
    positions: list[int | None] = []
    for stored_line in stored:
        row: dict[str, Any] = {name: getattr(stored_line, name) for name in LINE_FIELDS}
        row["id"] = stored_line.pk
        index = wanted.get(stored_line.pk)
        if index is None:
            row["DELETE"] = "on"
        else:
            row.update({k: v for k, v in lines[index].items() if k in LINE_FIELDS})
        rows.append(row)
        positions.append(index)
    # A new line starts from what the page's empty line shows (a quantity of 1).
    defaults = model_to_dict(InvoiceLine(), fields=LINE_FIELDS)
    for index, line in enumerate(lines):
        if not line.get("id"):
            rows.append({**defaults, **{k: v for k, v in line.items() if k in LINE_FIELDS}})
            positions.append(index)
    data: dict[str, Any] = {
        f"{PREFIX}-TOTAL_FORMS": len(rows),
        f"{PREFIX}-INITIAL_FORMS": len(stored),
        f"{PREFIX}-MIN_NUM_FORMS": 0,
        f"{PREFIX}-MAX_NUM_FORMS": 1000,
    }
    for number, row in enumerate(rows):
        for name, value in row.items():
            if value is not None:
                data[f"{PREFIX}-{number}-{name}"] = form_value(value)
    return data, positions


def _unknown_line(index: int) -> str:
    return gettext("Line %(number)s: this invoice has no line with this id.") % {
        "number": index + 1
    }


def formset_errors(formset: Any, positions: list[int | None]) -> Any:
    """The formset's messages: a list with an entry per line of the request, or the
    messages about the lines as a whole."""
    if formset.non_form_errors():
        return [str(message) for message in formset.non_form_errors()]
    count = max((p for p in positions if p is not None), default=-1) + 1
    errors: list[dict[str, list[str]]] = [{} for _ in range(count)]
    for form, position in zip(formset.forms, positions, strict=True):
        if position is not None and form.errors:
            errors[position] = form_errors(form)
    return errors
