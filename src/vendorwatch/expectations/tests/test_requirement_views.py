import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations import starter
from vendorwatch.expectations.models import Requirement
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Backup",
        "priority": "must",
        "acceptance_criterion": "Täglich",
        "status": "draft",
        "agreed_on": "",
    }
    data.update(overrides)
    return data


def test_the_starter_set_has_at_least_25_entries_in_both_languages() -> None:
    assert len(starter.REQUIREMENTS) >= 25
    assert all(r.title.de and r.title.en and r.criterion.de for r in starter.REQUIREMENTS)


def test_picking_from_the_starter_set_adds_german_requirements(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-requirements-starter"), {"keys": ["restore-test", "avv"]})
    titles = set(Requirement.objects.values_list("title", flat=True))
    assert titles == {
        "Wiederherstellung regelmäßig getestet",
        "Vertrag zur Auftragsverarbeitung (AVV)",
    }


def test_picking_twice_adds_nothing_twice(client: Client, editor) -> None:
    client.force_login(editor)
    url = reverse("expectations-requirements-starter")
    client.post(url, {"keys": ["avv"]})
    client.post(url, {"keys": ["avv"]})
    assert Requirement.objects.count() == 1


def test_picking_nothing_says_so(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("expectations-requirements-starter"), {})
    assert "Wählen Sie mindestens einen Eintrag." in response.text


def test_agreed_needs_a_date(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("expectations-requirements-add"), form(status="agreed"))
    assert "Geben Sie das Datum an" in response.text
    assert not Requirement.objects.exists()


def test_agreed_date_is_read_in_german_format(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(
        reverse("expectations-requirements-add"), form(status="agreed", agreed_on="12.02.2026")
    )
    assert Requirement.objects.get().agreed_on.isoformat() == "2026-02-12"


def test_the_list_filters_by_priority(client: Client, viewer) -> None:
    Requirement.objects.create(title="Muss", priority="must", acceptance_criterion="x")
    Requirement.objects.create(title="Kann", priority="could", acceptance_criterion="x")
    client.force_login(viewer)
    text = client.get(reverse("expectations-requirements"), {"priority": "could"}).text
    assert "Kann" in text
    assert "<strong>Muss</strong>" not in text


def test_a_new_requirement_is_for_all_providers(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-requirements-add"), form())
    assert Requirement.objects.get().for_all_providers is True


def test_a_requirement_can_be_for_one_provider_only(client: Client, editor) -> None:
    brandl = make_provider()
    client.force_login(editor)
    data = form(for_all_providers="False", providers=str(brandl.pk))
    client.post(reverse("expectations-requirements-add"), data)
    requirement = Requirement.objects.get()
    assert (requirement.for_all_providers, list(requirement.providers.all())) == (False, [brandl])


def test_only_some_providers_needs_one_ticked(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(
        reverse("expectations-requirements-add"), form(for_all_providers="False")
    )
    assert "Haken Sie mindestens einen Dienstleister an" in response.text
    assert not Requirement.objects.exists()


def test_the_list_says_for_whom_a_requirement_is(client: Client, viewer) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    Requirement.objects.create(title="Alle", acceptance_criterion="x")
    only = Requirement.objects.create(
        title="Nur", acceptance_criterion="x", for_all_providers=False
    )
    only.providers.add(brandl)
    client.force_login(viewer)
    text = client.get(reverse("expectations-requirements")).text
    assert "für alle Dienstleister" in text
    assert "nur für Brandl IT-Systemhaus GmbH" in text


@pytest.mark.parametrize("typed", ["31.12.9999", "01.01.0001"])
def test_an_absurd_agreement_date_is_refused(client: Client, editor, typed: str) -> None:
    client.force_login(editor)
    data = form(status="agreed", agreed_on=typed)
    response = client.post(reverse("expectations-requirements-add"), data)
    assert response.status_code == 200
    assert "Bitte ein Datum zwischen 01.01.1990 und 31.12.2099 eingeben." in response.text
    assert not Requirement.objects.exists()
