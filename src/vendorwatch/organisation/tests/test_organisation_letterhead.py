"""The letterhead of letters (phone, e-mail, website, who signs, footer) on the company page."""

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
    "phone": "0821 123456",
    "email": "info@mueller-metallbau.de",
    "website": "www.mueller-metallbau.de",
    "signatory": "Anna Keller, Geschäftsführerin",
    "letter_footer": "Geschäftsführerin: Anna Keller\nAmtsgericht Augsburg HRB 12345",
}


def test_an_administrator_saves_the_letterhead(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    client.post(URL, DATA)
    organisation = Organisation.load()
    assert (organisation.phone, organisation.email, organisation.website) == (
        "0821 123456",
        "info@mueller-metallbau.de",
        "www.mueller-metallbau.de",
    )
    assert organisation.signatory == "Anna Keller, Geschäftsführerin"
    assert organisation.letter_footer.endswith("HRB 12345")


def test_the_letterhead_is_optional(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    empty = {name: "" for name in ("phone", "email", "website", "signatory", "letter_footer")}
    client.post(URL, {**DATA, **empty})
    assert Organisation.load().phone == ""


def test_the_page_shows_the_letterhead_as_its_own_section(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.get(URL)
    assert "<legend>Briefkopf</legend>" in response.text
    assert 'name="letter_footer"' in response.text


def test_a_wrong_email_address_is_refused(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(URL, {**DATA, "email": "kein Mail"})
    assert "gültige E-Mail-Adresse" in response.text
    assert Organisation.load() is None


def test_an_editor_may_not_change_the_letterhead(client: Client, editor) -> None:
    client.force_login(editor)
    assert client.post(URL, DATA).status_code == 403
