"""What is only read: SLA policies, the provider's imported tickets, the SLA report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request
from rest_framework.response import Response

from vendorwatch.api.filters import SlaPolicyFilter, TicketFilter
from vendorwatch.api.serializers.monitoring import (
    SlaPolicySerializer,
    SlaReportSerializer,
    TicketSerializer,
)
from vendorwatch.api.views.base import ApiBase
from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE


@extend_schema(
    tags=["sla-policies"],
    description=_(
        "The SLA policies with their versions and priorities (changed on the pages only: "
        "a change is a new version, made with the policy form)."
    ),
)
class SlaPolicyViewSet(ApiBase, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    queryset = SlaPolicy.objects.prefetch_related("versions__priorities", "versions__calendar")
    serializer_class = SlaPolicySerializer
    filterset_class = SlaPolicyFilter
    ordering_fields = ["name", "id"]


@extend_schema(
    tags=["tickets"],
    description=_(
        "The provider's own tickets as imported from its helpdesk's exports (the version "
        "of each ticket in force), with Vendorwatch's verdicts on the agreed times."
    ),
)
class TicketViewSet(ApiBase, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    queryset = ExternalTicket.objects.in_force()
    serializer_class = TicketSerializer
    filterset_class = TicketFilter
    ordering_fields = ["created", "priority_rank", "id"]


MONTH = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)
MONTH_HELP = _("The month as YYYY-MM, e.g. 2026-10; without it the last full month.")


class MonthSerializer(serializers.Serializer):  # type: ignore[type-arg]
    month = serializers.CharField(required=False, help_text=MONTH_HELP)

    def validate_month(self, value: str) -> date:
        found = MONTH.fullmatch(value.strip())
        month = int(found.group(2)) if found else 0
        if not found or not 1 <= month <= 12:
            raise serializers.ValidationError(_("Enter the month as YYYY-MM, e.g. 2026-10."))
        first = date(int(found.group(1)), month, 1)
        if not EARLIEST_DATE <= first <= LATEST_DATE:
            raise serializers.ValidationError(_("Enter a month between 1900 and 2199."))
        return first


@extend_schema(
    tags=["reports"],
    description=_("The SLA report of a provider for one month, counted as on the report page."),
)
class SlaReportView(ApiBase, generics.GenericAPIView):  # type: ignore[type-arg]
    # The report page's permission: who may see the imported tickets.
    queryset = ExternalTicket.objects.all()
    serializer_class = SlaReportSerializer
    filter_backends: Sequence[type[BaseFilterBackend]] = []
    pagination_class = None

    @extend_schema(parameters=[OpenApiParameter("month", str, description=MONTH_HELP)])
    def get(self, request: Request, provider_pk: int) -> Response:
        provider = get_object_or_404(Provider, pk=provider_pk)
        query = MonthSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        first = query.validated_data.get("month")
        if first is None:
            first, _last = figures.last_full_month()
        last = figures.month_start(first.year, first.month + 1) - timedelta(days=1)
        report = figures.sla_report(provider, first, last)
        return Response(self.get_serializer(report).data)
