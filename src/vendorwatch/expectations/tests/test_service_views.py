import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations import starter
from vendorwatch.expectations.models import Service
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def form(**overrides: str) -> dict[str, str]:
    data = {"name": "Helpdesk", "needed": "on", "quantity": "1", "price_period": "month"}
    data.update(overrides)
    return data


def test_the_starter_set_covers_the_typical_services() -> None:
    keys = {s.key for s in starter.SERVICES}
    assert {"helpdesk", "backup", "patching", "firewall", "email", "telephony"} <= keys


def test_a_needed_service_without_contract_is_shown_as_a_gap(client: Client, viewer) -> None:
    Service.objects.create(name="Sicherheitsschulung", needed=True, contracted=False)
    client.force_login(viewer)
    text = client.get(reverse("expectations-services")).text
    assert "Lücke: benötigt, nicht vertraglich vereinbart" in text


def test_a_contracted_service_is_no_gap(client: Client, viewer) -> None:
    Service.objects.create(name="Helpdesk", contracted=True, provider=make_provider())
    client.force_login(viewer)
    assert "Lücke" not in client.get(reverse("expectations-services")).text


def test_contracted_needs_a_provider(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("expectations-services-add"), form(contracted="on"))
    assert "Nennen Sie den Dienstleister" in response.text


def test_a_negative_price_is_refused(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("expectations-services-add"), form(price="-5"))
    assert not Service.objects.exists()
    assert "größer oder gleich 0" in response.text


def test_an_availability_over_100_percent_is_refused(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("expectations-services-add"), form(availability_target="100.5"))
    assert not Service.objects.exists()
    assert "kleiner oder gleich 100" in response.text


def test_services_from_the_starter_set_start_as_gaps(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-services-starter"), {"keys": ["backup"]})
    assert Service.objects.get().is_gap


def test_a_provider_still_covering_services_is_not_deleted(client: Client, editor) -> None:
    provider = make_provider()
    Service.objects.create(name="Helpdesk", contracted=True, provider=provider)
    client.force_login(editor)
    client.post(reverse("providers-delete", args=[provider.pk]))
    assert Service.objects.get().provider == provider


@pytest.mark.parametrize(
    ("field", "typed"), [("quantity", "²"), ("price", "sNaN"), ("availability_target", "Infinity")]
)
def test_an_absurd_number_is_refused_next_to_the_field(
    client: Client, editor, field: str, typed: str
) -> None:
    client.force_login(editor)
    response = client.post(reverse("expectations-services-add"), form(**{field: typed}))
    assert response.status_code == 200
    assert "Geben Sie eine Zahl ein." in response.text
    assert not Service.objects.exists()


def test_a_price_with_a_german_decimal_comma_is_read(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-services-add"), form(price="1234,50"))
    assert str(Service.objects.get().price) == "1234.50"
