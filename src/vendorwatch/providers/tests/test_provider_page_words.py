"""A provider's page shows what was typed about it and counts its contracts in the right
number; the provider and contact forms explain their fields."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.providers.forms import ContactForm, ProviderForm
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def test_provider_notes_are_shown_with_their_line_breaks(client: Client, viewer) -> None:
    provider = make_provider(notes="Hotline 8–17 Uhr\nNotfall: 0171 1234567")
    client.force_login(viewer)
    text = client.get(reverse("providers-detail", args=[provider.pk])).text
    assert '<dd class="notes">Hotline 8–17 Uhr<br>Notfall: 0171 1234567</dd>' in text
    assert "providers/providers.css" in text


@pytest.mark.parametrize(("count", "words"), [(1, "1 Vertrag mit"), (2, "2 Verträge mit")])
def test_the_contracts_of_a_provider_are_counted_in_the_right_number(
    client: Client, viewer, count: int, words: str
) -> None:
    provider = make_provider()
    for number in range(count):
        make_contract(provider=provider, title=f"Vertrag {number}")
    client.force_login(viewer)
    text = client.get(reverse("providers-detail", args=[provider.pk])).text
    assert words in text
    assert "Vertrag 0" in text


@pytest.mark.parametrize(
    ("form_class", "name"),
    [
        (ProviderForm, "name"),
        (ProviderForm, "status"),
        (ProviderForm, "customer_number"),
        (ProviderForm, "street"),
        (ProviderForm, "website"),
        (ProviderForm, "notes"),
        (ContactForm, "role"),
        (ContactForm, "phone"),
        (ContactForm, "escalation_level"),
    ],
)
def test_the_help_text_explains_more_than_the_label(form_class, name: str) -> None:  # type: ignore[no-untyped-def]
    with translation.override("de"):
        field = form_class().fields[name]
        help_text, label = str(field.help_text), str(field.label)
    assert help_text.lower().rstrip(".") != label.lower()
    assert len(help_text) > len(label) + 15


def test_the_escalation_level_says_when_to_turn_to_whom() -> None:
    with translation.override("de"):
        help_text = str(ContactForm().fields["escalation_level"].help_text)
    assert "wenn Stufe 1 ein Problem nicht rechtzeitig löst" in help_text


def test_the_escalation_level_refuses_unicode_digits() -> None:
    form = ContactForm({"name": "Frau Lang", "escalation_level": "²"})
    assert "escalation_level" in form.errors
