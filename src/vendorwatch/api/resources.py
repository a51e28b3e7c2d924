"""The API's resources under /api/v1/ and their URL names (``api-<resource>-list``, …)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from vendorwatch.api.views.contracts import ContractViewSet, InvoiceViewSet
from vendorwatch.api.views.monitoring import SlaPolicyViewSet, TicketViewSet
from vendorwatch.api.views.problems import AttachmentViewSet, EventViewSet, ProblemViewSet
from vendorwatch.api.views.providers import ContactViewSet, ProviderViewSet


class Router(DefaultRouter):
    # ?format=json is enough; no second set of URLs ending in ".json".
    include_format_suffixes = False


router = Router(trailing_slash=True, use_regex_path=False)
router.register("providers", ProviderViewSet, basename="api-providers")
router.register("contacts", ContactViewSet, basename="api-contacts")
router.register("sla-policies", SlaPolicyViewSet, basename="api-sla-policies")
router.register("problems", ProblemViewSet, basename="api-problems")
router.register("problems/<int:problem_pk>/events", EventViewSet, basename="api-problem-events")
router.register(
    "problems/<int:problem_pk>/attachments", AttachmentViewSet, basename="api-problem-attachments"
)
router.register("contracts", ContractViewSet, basename="api-contracts")
router.register("invoices", InvoiceViewSet, basename="api-invoices")
router.register("tickets", TicketViewSet, basename="api-tickets")
