"""What is only read through the API: SLA policies, the provider's imported tickets and the
SLA report's figures."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.sla.models import Priority, SlaPolicy, SlaVersion


class PrioritySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Priority
        fields = [
            "rank",
            "code",
            "name",
            "definition",
            "response_amount",
            "response_unit",
            "response_basis",
            "resolution_amount",
            "resolution_unit",
            "resolution_basis",
            "update_amount",
            "update_unit",
            "update_basis",
        ]


class SlaVersionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    calendar: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    priorities = PrioritySerializer(many=True)

    class Meta:
        model = SlaVersion
        fields = [
            "number",
            "valid_from",
            "calendar",
            "at_risk_percent",
            "business_day_convention",
            "credit_percent_per_breach",
            "credit_cap_percent",
            "change_note",
            "priorities",
        ]


class SlaPolicySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    versions = SlaVersionSerializer(many=True)

    class Meta:
        model = SlaPolicy
        fields = ["id", "name", "provider", "description", "versions"]


class TicketSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # The version of a ticket in force (of the latest completed import), with our verdicts
    # (``null``: no verdict yet, or no target applies) and the provider's own.

    class Meta:
        model = ExternalTicket
        fields = [
            "id",
            "provider",
            "ticket_id",
            "title",
            "category",
            "status",
            "priority_value",
            "priority_rank",
            "created",
            "first_response",
            "resolved",
            "updated",
            "response_due",
            "response_met",
            "resolution_due",
            "resolution_met",
            "provider_response_met",
            "provider_resolution_met",
            "disagrees",
        ]


class FiguresSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # The counts of one priority (or of all of them: ``rank`` empty).

    rank = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    name = serializers.CharField()
    tickets = serializers.IntegerField()
    response_met = serializers.IntegerField()
    response_decided = serializers.IntegerField()
    response_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    closed = serializers.IntegerField()
    resolution_met = serializers.IntegerField()
    resolution_decided = serializers.IntegerField()
    resolution_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    breached = serializers.IntegerField()
    open_overdue = serializers.IntegerField()
    disagreements = serializers.IntegerField()


class SlaReportSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # The SLA report of a provider for a month, as its page counts it.

    provider = serializers.IntegerField(source="provider.pk")
    start = serializers.DateField()
    end = serializers.DateField()
    state = serializers.ChoiceField(choices=["empty", "open", "green", "amber", "red"])
    headline = serializers.CharField()
    total = FiguresSerializer()
    priorities = FiguresSerializer(many=True)
    service_credit = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, source="credits.total"
    )
