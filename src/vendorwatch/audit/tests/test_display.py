"""Stored values as a German reader sees them: labels of choices, "ja"/"nein", amounts with a
decimal comma, times in local time, related records by name."""

from __future__ import annotations

import pytest
from django.utils import translation

from vendorwatch.audit.display import Names, field_label, shown_value
from vendorwatch.audit.models import AuditEntry
from vendorwatch.contracts.models import Contract
from vendorwatch.problems.models import Problem
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.testing.factory import make_contact, make_provider


@pytest.fixture(autouse=True)
def german() -> None:
    translation.activate("de")


def shown(model: type, name: str, value: object) -> str:
    return shown_value(model, name, value, Names())


def test_a_choice_shows_its_label() -> None:
    assert shown(Provider, "status", "candidate") == "Kandidat"


def test_yes_and_no() -> None:
    assert (shown(Contract, "avv_present", True), shown(Contract, "avv_present", False)) == (
        "ja",
        "nein",
    )


def test_an_amount_has_a_decimal_comma() -> None:
    assert shown(Contract, "fee", "1234.50") == "1.234,50"


def test_a_time_is_shown_in_local_time() -> None:
    assert shown(Problem, "since", "2026-11-27T13:05:00+00:00") == "27.11.2026 14:05"


def test_the_last_moment_of_the_calendar_is_shown_in_utc() -> None:
    assert shown(Problem, "since", "9999-12-31T23:59:00+00:00") == "31.12.9999 23:59 UTC"


def test_a_date_of_the_year_9999() -> None:
    assert shown(Contract, "start_date", "9999-12-31") == "31.12.9999"


def test_no_value_is_a_dash() -> None:
    assert shown(Provider, "city", "") == "–"


@pytest.mark.django_db
def test_a_related_record_is_named_as_it_is_now() -> None:
    contact = make_contact(make_provider(name="Alter Name GmbH"))
    Provider.objects.filter(pk=contact.provider_id).update(name="Neuer Name GmbH")
    entry = AuditEntry.objects.get(content_type__model="contact", object_id=str(contact.pk))
    names = Names()
    names.collect([entry])
    assert names.of(Provider, entry.changes["provider"][1]) == "Neuer Name GmbH"


def test_a_deleted_related_record_keeps_its_stored_name_or_number() -> None:
    names = Names()
    assert names.of(Provider, {"id": 999, "name": "Weg GmbH"}) == "Weg GmbH"
    assert names.of(Provider, {"id": 999}) == "#999"


def test_a_field_is_labelled_by_its_verbose_name() -> None:
    assert field_label(Contact, "escalation_level") == "Eskalationsstufe"
