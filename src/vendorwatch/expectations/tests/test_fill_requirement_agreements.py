"""The data migration gives an earlier agreement to the provider it can only have been with."""

from __future__ import annotations

from datetime import date

import pytest

from vendorwatch.testing.migrations import between_migrations

BEFORE = [("expectations", "0005_create_requirement_agreements")]
AFTER = [("expectations", "0006_fill_requirement_agreements")]
AGREED = date(2026, 2, 12)


@pytest.fixture
def old_state(transactional_db):
    """The models as they were before the agreements were moved, and a way to move them."""
    with between_migrations(BEFORE, AFTER) as state:
        yield state


def _agreed(apps, title: str, providers=()):
    Requirement = apps.get_model("expectations", "Requirement")
    requirement = Requirement.objects.create(
        title=title,
        acceptance_criterion="x",
        status="agreed",
        agreed_on=AGREED,
        for_all_providers=not providers,
    )
    requirement.providers.set(providers)
    return requirement


def _provider(apps, name: str, status: str = "active"):
    return apps.get_model("providers", "Provider").objects.create(name=name, status=status)


def _result(apps, title: str) -> tuple[list[tuple[str, date]], date | None]:
    requirement = apps.get_model("expectations", "Requirement").objects.get(title=title)
    agreements = [(a.provider.name, a.agreed_on) for a in requirement.agreements.all()]
    return agreements, requirement.unattributed_agreed_on


def test_a_requirement_for_one_provider_becomes_that_providers_agreement(old_state) -> None:
    apps, run = old_state
    brandl = _provider(apps, "Brandl")
    _provider(apps, "Telecom")
    _agreed(apps, "Nur Brandl", [brandl])
    assert _result(run(), "Nur Brandl") == ([("Brandl", AGREED)], None)


def test_a_requirement_for_all_goes_to_the_only_active_provider(old_state) -> None:
    apps, run = old_state
    _provider(apps, "Brandl")
    _provider(apps, "Schwaben", status="candidate")
    _agreed(apps, "Für alle")
    assert _result(run(), "Für alle") == ([("Brandl", AGREED)], None)


def test_a_requirement_for_all_with_two_active_providers_keeps_its_date_unattributed(
    old_state,
) -> None:
    apps, run = old_state
    _provider(apps, "Brandl")
    _provider(apps, "Telecom")
    _agreed(apps, "Für alle")
    assert _result(run(), "Für alle") == ([], AGREED)


def test_a_requirement_for_two_providers_keeps_its_date_unattributed(old_state) -> None:
    apps, run = old_state
    brandl = _provider(apps, "Brandl")
    telecom = _provider(apps, "Telecom")
    _agreed(apps, "Beide", [brandl, telecom])
    assert _result(run(), "Beide") == ([], AGREED)
