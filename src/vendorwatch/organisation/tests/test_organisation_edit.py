import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.organisation.models import Organisation

pytestmark = pytest.mark.django_db
URL = reverse("organisation-edit")

DATA = {
    "name": "Müller Metallbau GmbH",
    "street": "Industriestraße 12",
    "postcode": "86150",
    "city": "Augsburg",
    "federal_state": "DE-BY",
    "time_zone": "Europe/Berlin",
    "document_language": "de",
}


def test_an_administrator_saves_the_company_details(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    client.post(URL, DATA)
    assert Organisation.load().city == "Augsburg"


def test_an_editor_may_not_change_them(client: Client, editor) -> None:
    client.force_login(editor)
    assert client.post(URL, DATA).status_code == 403


def test_an_unknown_time_zone_is_refused(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(URL, {**DATA, "time_zone": "Mars/Olympus"})
    assert "Mars/Olympus ist keine gültige Auswahl." in response.text


def test_a_zone_stored_by_its_code_stays_chosen() -> None:
    from vendorwatch.organisation.forms import OrganisationForm

    organisation = Organisation(name="Müller Metallbau GmbH", time_zone="CET")
    form = OrganisationForm(instance=organisation)
    assert 'value="CET" selected' in str(form["time_zone"])
