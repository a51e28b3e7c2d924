from decimal import Decimal

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


def test_a_price_with_a_thousands_dot_is_read(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-services-add"), form(price="1.234,50"))
    assert str(Service.objects.get().price) == "1234.50"


def test_the_form_shows_a_price_grouped_and_a_quantity_without_decimals(
    client: Client, editor
) -> None:
    service = Service.objects.create(
        name="Arbeitsplätze", quantity=Decimal("28"), price=Decimal("1234.50")
    )
    client.force_login(editor)
    text = client.get(reverse("expectations-services-edit", args=[service.pk])).text
    assert 'name="price" value="1.234,50"' in text
    assert 'name="quantity" value="28"' in text


def test_the_form_says_the_price_is_per_unit(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(reverse("expectations-services-add")).text
    assert "Preis je Einheit (EUR)" in text
    assert "Menge × Preis je Einheit" in text


def test_the_form_is_grouped_in_sections(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(reverse("expectations-services-add")).text
    for title in ("Die Leistung", "Menge und Preis", "Servicezeiten und Verfügbarkeit"):
        assert f"<legend>{title}</legend>" in text


def _list(client: Client, viewer) -> str:
    client.force_login(viewer)
    return client.get(reverse("expectations-services")).text


def test_the_list_shows_price_per_unit_and_the_total(client: Client, viewer) -> None:
    Service.objects.create(
        name="Arbeitsplatzbetreuung", quantity=12, unit="Arbeitsplätze", price=45
    )
    text = _list(client, viewer)
    assert ">Preis je Einheit</th>" in text
    assert ">Gesamtpreis</th>" in text
    assert "12\xa0Arbeitsplätze" in text
    assert "<small>12 × 45,00" in text
    assert '<span class="number">540,00' in text
    assert "pro Monat" in text


def test_a_large_total_is_grouped(client: Client, viewer) -> None:
    Service.objects.create(
        name="Server", quantity=28, price=Decimal("1234.50"), price_period="year"
    )
    text = _list(client, viewer)
    assert "34.566,00" in text
    assert "pro Jahr" in text


def test_a_service_without_price_shows_no_total(client: Client, viewer) -> None:
    Service.objects.create(name="Helpdesk", quantity=1, unit="Pauschale")
    text = _list(client, viewer)
    assert " × " not in text


@pytest.mark.parametrize(("quantity", "shown"), [(1, "1\xa0Vorgang"), (2, "2\xa0Vorgänge")])
def test_the_unit_is_in_the_right_number(client: Client, viewer, quantity, shown) -> None:
    Service.objects.create(name="Ein- und Austritt", quantity=quantity, unit="Vorgänge")
    assert shown in _list(client, viewer)


def test_the_whole_scope_typed_on_a_service_is_in_its_row(client: Client, viewer) -> None:
    scope = " ".join(f"Wort{n}" for n in range(40)) + "\nZweite Zeile"
    Service.objects.create(name="Helpdesk", scope=scope)
    text = _list(client, viewer)
    assert "Wort39<br>Zweite Zeile" in text


@pytest.mark.parametrize("gaps", [1, 2])
def test_the_gap_warning_counts_in_the_right_number(client: Client, viewer, gaps: int) -> None:
    for number in range(gaps):
        Service.objects.create(name=f"Lücke {number}", needed=True)
    text = _list(client, viewer)
    expected = (
        "1 Leistung wird benötigt, ist aber nicht vertraglich vereinbart."
        if gaps == 1
        else "2 Leistungen werden benötigt, sind aber nicht vertraglich vereinbart."
    )
    assert expected in text
    assert "Niemand ist verpflichtet, sie zu erbringen." in text


def test_the_edit_and_delete_links_name_their_service(client: Client, editor) -> None:
    service = Service.objects.create(name="Helpdesk")
    client.force_login(editor)
    text = client.get(reverse("expectations-services")).text
    edit = reverse("expectations-services-edit", args=[service.pk])
    delete = reverse("expectations-services-delete", args=[service.pk])
    assert f'<a href="{edit}" aria-label="Helpdesk bearbeiten">Bearbeiten</a>' in text
    assert f'<a href="{delete}" aria-label="Helpdesk löschen">Löschen</a>' in text
