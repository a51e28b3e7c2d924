"""What each API list can be filtered by (django-filter); the names are the query
parameters, e.g. ``/api/v1/problems/?provider=3&is_open=true``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework.filters import OrderingFilter

from vendorwatch.contracts.models import Contract, Invoice
from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.problems.models import Problem, ProblemEvent
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.sla.models import SlaPolicy


class ProviderFilter(filters.FilterSet):  # type: ignore[misc]
    q = filters.CharFilter(
        method="search", label=_("Name, city or notes contain this text"), max_length=100
    )

    class Meta:
        model = Provider
        fields = ["status"]

    def search(self, queryset: QuerySet[Provider], name: str, value: str) -> QuerySet[Provider]:
        # As the provider list's search field.
        return queryset.filter(
            Q(name__icontains=value) | Q(city__icontains=value) | Q(notes__icontains=value)
        )


class ContactFilter(filters.FilterSet):  # type: ignore[misc]
    class Meta:
        model = Contact
        fields = ["provider", "escalation_level"]


class SlaPolicyFilter(filters.FilterSet):  # type: ignore[misc]
    class Meta:
        model = SlaPolicy
        fields = ["provider"]


class ProblemFilter(filters.FilterSet):  # type: ignore[misc]
    reported_after = filters.IsoDateTimeFilter(
        field_name="reported_to_provider_at",
        lookup_expr="gte",
        label=_("Reported to the provider at or after this time"),
    )
    reported_before = filters.IsoDateTimeFilter(
        field_name="reported_to_provider_at",
        lookup_expr="lt",
        label=_("Reported to the provider before this time"),
    )
    priority = filters.CharFilter(
        field_name="priority__code", label=_("Priority code, e.g. P1"), max_length=10
    )

    class Meta:
        model = Problem
        fields = [
            "provider",
            "service",
            "sla_policy",
            "status",
            "state",
            "is_open",
            "breached",
            "owner",
            "reporter",
        ]


class EventFilter(filters.FilterSet):  # type: ignore[misc]
    class Meta:
        model = ProblemEvent
        fields = ["kind"]


class ContractFilter(filters.FilterSet):  # type: ignore[misc]
    started_after = filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Started on or after this day")
    )
    started_before = filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Started on or before this day")
    )

    class Meta:
        model = Contract
        fields = ["provider", "kind", "sla_policy"]


class InvoiceFilter(filters.FilterSet):  # type: ignore[misc]
    provider = filters.ModelChoiceFilter(
        field_name="contract__provider", queryset=Provider.objects.all(), label=_("Provider")
    )
    dated_after = filters.DateFilter(
        field_name="invoice_date", lookup_expr="gte", label=_("Invoice date on or after this day")
    )
    dated_before = filters.DateFilter(
        field_name="invoice_date", lookup_expr="lte", label=_("Invoice date on or before this day")
    )

    class Meta:
        model = Invoice
        fields = ["contract"]


class TicketFilter(filters.FilterSet):  # type: ignore[misc]
    created_after = filters.IsoDateTimeFilter(
        field_name="created", lookup_expr="gte", label=_("Created at or after this time")
    )
    created_before = filters.IsoDateTimeFilter(
        field_name="created", lookup_expr="lt", label=_("Created before this time")
    )

    class Meta:
        model = ExternalTicket
        fields = ["provider", "ticket_id", "priority_rank", "disagrees"]


class Ordering(OrderingFilter):
    """``?ordering=`` with the allowed values named in the schema."""

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = list(getattr(view, "ordering_fields", None) or [])
        if not fields:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": ORDERING_HELP,
                "schema": {
                    "type": "string",
                    "enum": [value for name in fields for value in (name, f"-{name}")],
                },
            }
        ]


ORDERING_HELP = _("How the list is sorted; a minus sign first sorts in descending order.")
