"""Providers and their contacts, changed through the provider pages' forms."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from vendorwatch.api.serializers.base import FormSerializer
from vendorwatch.providers.forms import ContactForm, ProviderForm
from vendorwatch.providers.models import Contact, Provider


class ProviderSerializer(FormSerializer):
    form_class = ProviderForm
    # Text, not a URL: the page's form accepts "example.com" and adds https:// itself.
    website = serializers.CharField(max_length=200, required=False, allow_blank=True)

    class Meta:
        model = Provider
        fields = [
            "id",
            "name",
            "status",
            "customer_number",
            "street",
            "postcode",
            "city",
            "website",
            "notes",
        ]


class ContactSerializer(FormSerializer):
    form_class = ContactForm

    class Meta:
        model = Contact
        fields = ["id", "provider", "name", "role", "email", "phone", "escalation_level"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            # As on the pages: a contact is added to a provider and stays with it.
            self.fields["provider"].read_only = True

    def new_instance(self, attrs: dict[str, Any]) -> Contact:
        return Contact(provider=attrs.pop("provider"))
