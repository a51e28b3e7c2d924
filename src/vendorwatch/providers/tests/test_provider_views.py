import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.providers.models import Contact, Provider
from vendorwatch.testing.factory import make_contact, make_provider

pytestmark = pytest.mark.django_db


def test_the_list_shows_providers_with_their_status(client: Client, viewer) -> None:
    make_provider(name="Brandl IT", status=Provider.Status.CANDIDATE)
    client.force_login(viewer)
    response = client.get(reverse("providers-list"))
    assert "Brandl IT" in response.text
    assert "Kandidat" in response.text


def test_the_list_filters_by_status(client: Client, viewer) -> None:
    make_provider(name="Aktiv GmbH")
    make_provider(name="Alt GmbH", status=Provider.Status.FORMER)
    client.force_login(viewer)
    response = client.get(reverse("providers-list"), {"status": "former"})
    assert "Alt GmbH" in response.text
    assert "Aktiv GmbH" not in response.text


def test_an_empty_list_explains_what_to_do(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert "Es ist noch kein Dienstleister erfasst" in client.get(reverse("providers-list")).text


def test_an_editor_adds_a_provider(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("providers-add"), {"name": "Neu IT", "status": "active"})
    assert Provider.objects.filter(name="Neu IT").exists()


def test_a_provider_name_is_required_in_german(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("providers-add"), {"name": "", "status": "active"})
    assert "Dieses Feld ist zwingend erforderlich." in response.text


def test_a_duplicate_name_is_refused(client: Client, editor) -> None:
    make_provider(name="Doppelt GmbH")
    client.force_login(editor)
    response = client.post(reverse("providers-add"), {"name": "Doppelt GmbH", "status": "active"})
    assert Provider.objects.filter(name="Doppelt GmbH").count() == 1
    assert response.status_code == 200


def test_delete_asks_first(client: Client, editor) -> None:
    provider = make_provider()
    client.force_login(editor)
    response = client.get(reverse("providers-delete", args=[provider.pk]))
    assert "Das kann nicht rückgängig gemacht werden." in response.text
    assert Provider.objects.filter(pk=provider.pk).exists()


def test_delete_removes_the_provider_and_its_contacts(client: Client, editor) -> None:
    contact = make_contact()
    client.force_login(editor)
    client.post(reverse("providers-delete", args=[contact.provider_id]))
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_a_contact_is_added_with_its_escalation_level(client: Client, editor) -> None:
    provider = make_provider()
    client.force_login(editor)
    client.post(
        reverse("providers-contact-add", args=[provider.pk]),
        {"name": "Jonas Huber", "escalation_level": "2", "email": "j@example.com"},
    )
    assert provider.contacts.get().escalation_level == 2


def test_an_escalation_level_of_zero_is_refused(client: Client, editor) -> None:
    provider = make_provider()
    client.force_login(editor)
    response = client.post(
        reverse("providers-contact-add", args=[provider.pk]),
        {"name": "X", "escalation_level": "0"},
    )
    assert not provider.contacts.exists()
    assert response.status_code == 200


def test_the_detail_page_lists_contacts_by_level(client: Client, viewer) -> None:
    provider = make_provider()
    make_contact(provider, name="Chefin", escalation_level=3)
    make_contact(provider, name="Hotline", escalation_level=1)
    client.force_login(viewer)
    text = client.get(reverse("providers-detail", args=[provider.pk])).text
    assert text.index("Hotline") < text.index("Chefin")


def test_an_escalation_level_above_nine_is_refused_next_to_the_field(
    client: Client, editor
) -> None:
    provider = make_provider()
    client.force_login(editor)
    response = client.post(
        reverse("providers-contact-add", args=[provider.pk]),
        {"name": "X", "escalation_level": "10"},
    )
    assert "kleiner oder gleich 9" in response.text
    assert not provider.contacts.exists()


def test_the_provider_page_links_its_expectations_document(client: Client, viewer) -> None:
    provider = make_provider(name="Brandl IT")
    client.force_login(viewer)
    response = client.get(reverse("providers-detail", args=[provider.pk]))
    assert reverse("expectations-document", args=[provider.pk]) in response.text
