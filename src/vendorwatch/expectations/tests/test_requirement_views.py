from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations import starter
from vendorwatch.expectations.models import Requirement, RequirementAgreement
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def form(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Backup",
        "priority": "must",
        "acceptance_criterion": "Täglich",
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


def test_an_agreement_is_recorded_for_its_provider(client: Client, editor) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    make_provider(name="Schwaben Telecom GmbH")
    client.force_login(editor)
    data = form(**{f"agreed_with_{brandl.pk}": "12.02.2026"})
    client.post(reverse("expectations-requirements-add"), data)
    agreement = RequirementAgreement.objects.get()
    assert (agreement.provider, agreement.agreed_on) == (brandl, date(2026, 2, 12))


def test_an_agreement_with_a_provider_not_ticked_is_refused(client: Client, editor) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    telecom = make_provider(name="Schwaben Telecom GmbH")
    client.force_login(editor)
    data = form(
        for_all_providers="False",
        providers=str(brandl.pk),
        **{f"agreed_with_{telecom.pk}": "12.02.2026"},
    )
    response = client.post(reverse("expectations-requirements-add"), data)
    assert "Diese Anforderung gilt nicht für diesen Dienstleister." in response.text
    assert not Requirement.objects.exists()


def test_emptying_the_date_removes_the_agreement(client: Client, editor) -> None:
    brandl = make_provider()
    requirement = Requirement.objects.create(title="Backup", acceptance_criterion="Täglich")
    RequirementAgreement.objects.create(
        requirement=requirement, provider=brandl, agreed_on=date(2026, 2, 12)
    )
    client.force_login(editor)
    url = reverse("expectations-requirements-edit", args=[requirement.pk])
    client.post(url, form(**{f"agreed_with_{brandl.pk}": ""}))
    assert not RequirementAgreement.objects.exists()


def test_an_agreement_naming_its_provider_replaces_the_note_without_one(
    client: Client, editor
) -> None:
    brandl = make_provider()
    requirement = Requirement.objects.create(
        title="Backup", acceptance_criterion="Täglich", unattributed_agreed_on=date(2026, 2, 12)
    )
    client.force_login(editor)
    url = reverse("expectations-requirements-edit", args=[requirement.pk])
    assert "Früher als vereinbart am 12.02.2026 erfasst" in client.get(url).text
    client.post(url, form(**{f"agreed_with_{brandl.pk}": "12.02.2026"}))
    requirement.refresh_from_db()
    assert requirement.unattributed_agreed_on is None
    assert requirement.agreements.get().provider == brandl


def test_the_list_says_with_whom_and_when_it_was_agreed(client: Client, viewer) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    agreed = Requirement.objects.create(title="Backup", acceptance_criterion="x")
    RequirementAgreement.objects.create(
        requirement=agreed, provider=brandl, agreed_on=date(2026, 2, 12)
    )
    Requirement.objects.create(title="Offen", acceptance_criterion="x")
    client.force_login(viewer)
    text = client.get(reverse("expectations-requirements")).text
    assert "mit Brandl IT-Systemhaus GmbH am 12.02.2026" in text
    assert "noch nicht vereinbart" in text


@pytest.mark.parametrize(
    ("status", "shown", "hidden"), [("agreed", "Backup", "Offen"), ("open", "Offen", "Backup")]
)
def test_the_list_filters_by_agreement(
    client: Client, viewer, status: str, shown: str, hidden: str
) -> None:
    agreed = Requirement.objects.create(title="Backup", acceptance_criterion="x")
    RequirementAgreement.objects.create(
        requirement=agreed, provider=make_provider(), agreed_on=date(2026, 2, 12)
    )
    Requirement.objects.create(title="Offen", acceptance_criterion="x")
    client.force_login(viewer)
    text = client.get(reverse("expectations-requirements"), {"status": status}).text
    assert f"<strong>{shown}</strong>" in text
    assert f"<strong>{hidden}</strong>" not in text


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
    brandl = make_provider()
    client.force_login(editor)
    data = form(**{f"agreed_with_{brandl.pk}": typed})
    response = client.post(reverse("expectations-requirements-add"), data)
    assert response.status_code == 200
    assert "Bitte ein Datum zwischen 01.01.1990 und 31.12.2099 eingeben." in response.text
    assert not Requirement.objects.exists()


@pytest.mark.parametrize("field", ["services", "providers"])
def test_a_choice_no_record_can_have_is_refused_not_a_crash(
    client: Client, editor, field: str
) -> None:
    client.force_login(editor)
    data = form(for_all_providers="False", **{field: "99999999999999999999"})
    response = client.post(reverse("expectations-requirements-add"), data)
    assert response.status_code == 200
    assert not Requirement.objects.exists()


def _list(client: Client, viewer, query: str = "") -> str:
    client.force_login(viewer)
    return client.get(reverse("expectations-requirements") + query).text


def test_the_description_typed_on_a_requirement_is_in_its_row(client: Client, viewer) -> None:
    Requirement.objects.create(
        title="Backup", acceptance_criterion="täglich", description="Auch der Laptop\nder Chefin"
    )
    assert "Auch der Laptop<br>der Chefin" in _list(client, viewer)


@pytest.mark.parametrize(("count", "shown"), [(1, "1 Anforderung<"), (2, "2 Anforderungen<")])
def test_the_list_counts_its_requirements(client: Client, viewer, count: int, shown: str) -> None:
    for number in range(count):
        Requirement.objects.create(title=f"Anforderung {number}", acceptance_criterion="geprüft")
    assert shown in _list(client, viewer)


@pytest.mark.parametrize(
    ("count", "shown"),
    [(1, "1 Anforderung passt zum Filter."), (2, "2 Anforderungen passen zum Filter.")],
)
def test_a_filtered_list_counts_its_matches(client: Client, viewer, count: int, shown: str) -> None:
    for number in range(count):
        Requirement.objects.create(title=f"Backup {number}", acceptance_criterion="geprüft")
    Requirement.objects.create(title="Telefon", acceptance_criterion="erreichbar")
    assert shown in _list(client, viewer, "?q=Backup")


def test_the_form_is_grouped_with_the_agreements_folded_while_none_is_made(
    client: Client, editor
) -> None:
    make_provider(name="Brandl IT-Systemhaus GmbH")
    client.force_login(editor)
    text = client.get(reverse("expectations-requirements-add")).text
    assert "<legend>Die Anforderung</legend>" in text
    assert "<legend>Leistungen und Dienstleister</legend>" in text
    assert "<summary>Mit dem Dienstleister vereinbart</summary>" in text


def test_the_agreements_are_open_where_one_is_made(client: Client, editor) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    requirement = Requirement.objects.create(title="Backup", acceptance_criterion="täglich")
    RequirementAgreement.objects.create(
        requirement=requirement, provider=brandl, agreed_on=date(2026, 2, 12)
    )
    client.force_login(editor)
    text = client.get(reverse("expectations-requirements-edit", args=[requirement.pk])).text
    assert "<legend>Mit dem Dienstleister vereinbart</legend>" in text
    assert 'value="12.02.2026"' in text


def test_the_help_texts_explain_the_priorities(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(reverse("expectations-requirements-add")).text
    assert "Muss: ohne sie ist die Leistung nicht annehmbar." in text
