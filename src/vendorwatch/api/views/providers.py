"""Providers and their contacts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from vendorwatch.api.filters import ContactFilter, ProviderFilter
from vendorwatch.api.serializers.providers import ContactSerializer, ProviderSerializer
from vendorwatch.api.views.base import ApiBase, DeleteUnlessInUse
from vendorwatch.providers.models import Contact, Provider


@extend_schema(
    tags=["providers"],
    description=_(
        "The providers: the one under contract, candidates and former ones. Deleting one "
        "deletes its contacts; a provider with contracts or problems is kept."
    ),
)
class ProviderViewSet(ApiBase, DeleteUnlessInUse, viewsets.ModelViewSet):  # type: ignore[type-arg]
    queryset = Provider.objects.all()
    serializer_class = ProviderSerializer
    filterset_class = ProviderFilter
    ordering_fields = ["name", "status", "id"]


@extend_schema(
    tags=["contacts"],
    description=_(
        "The people at the providers, with their escalation level; a contact stays with "
        "the provider it was added to."
    ),
)
class ContactViewSet(ApiBase, DeleteUnlessInUse, viewsets.ModelViewSet):  # type: ignore[type-arg]
    queryset = Contact.objects.select_related("provider")
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    ordering_fields = ["name", "escalation_level", "id"]
