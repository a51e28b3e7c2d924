"""Saves, changes and deletes of records of different parts become entries with the values
before and after; a save that changes nothing writes none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models

from vendorwatch.accounts.roles import Role, set_role
from vendorwatch.audit.models import AuditEntry
from vendorwatch.contracts.tests.factory import make_contract, make_invoice, make_service
from vendorwatch.expectations.models import Requirement
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_contact, make_provider, make_user

pytestmark = pytest.mark.django_db


def entries_of(record: models.Model) -> list[AuditEntry]:
    kind = ContentType.objects.get_for_model(record)
    return list(
        AuditEntry.objects.filter(content_type=kind, object_id=str(record.pk)).order_by("pk")
    )


def last_of(record: models.Model) -> AuditEntry:
    return entries_of(record)[-1]


def test_a_new_record_lists_its_filled_in_fields() -> None:
    provider = make_provider(name="Brandl IT", city="Augsburg")
    entry = last_of(provider)
    assert entry.action == "create"
    assert entry.object_repr == "Brandl IT"
    assert entry.changes["name"] == [None, "Brandl IT"]
    assert entry.changes["city"] == [None, "Augsburg"]
    assert "street" not in entry.changes  # left empty


def test_a_change_keeps_before_and_after_of_the_changed_fields_only() -> None:
    provider = make_provider(name="Brandl IT", city="Augsburg")
    provider.city = "München"
    provider.save()
    entry = last_of(provider)
    assert entry.action == "update"
    assert entry.changes == {"city": ["Augsburg", "München"]}


def test_saving_without_a_change_writes_no_entry() -> None:
    provider = make_provider()
    count = AuditEntry.objects.count()
    provider.save()
    Provider.objects.get(pk=provider.pk).save()
    assert AuditEntry.objects.count() == count


def test_a_save_reads_the_stored_row_once_and_writes_one_entry(
    django_assert_num_queries: Any,
) -> None:
    provider = make_provider()
    provider.notes = "neu"
    with django_assert_num_queries(3):  # the row before, the UPDATE, the entry
        provider.save()


def test_a_save_of_fields_the_trail_ignores_reads_nothing(django_assert_num_queries: Any) -> None:
    problem = make_problem()
    with django_assert_num_queries(1):  # the SLA clocks, recomputed by the job: no entry
        problem.save(update_fields=["state", "next_due", "clock_refreshed_at"])


def test_a_deleted_record_keeps_its_last_values() -> None:
    contact = make_contact(name="Max Muster", email="max@example.com")
    pk = contact.pk
    contact.delete()
    entry = AuditEntry.objects.get(object_id=str(pk), action="delete")
    assert entry.object_repr.startswith("Max Muster")
    assert entry.changes["email"] == ["max@example.com", None]


def test_amounts_dates_and_foreign_keys_are_stored_as_json() -> None:
    contract = make_contract(fee=Decimal("1234.50"), start_date=date(2026, 1, 1))
    contract.fee = Decimal("1300.00")
    contract.start_date = date(2026, 2, 1)
    contract.save()
    changes = last_of(contract).changes
    assert changes["fee"] == ["1234.50", "1300.00"]
    assert changes["start_date"] == ["2026-01-01", "2026-02-01"]
    created = entries_of(contract)[0].changes
    assert created["provider"][1] == {"id": contract.provider_id, "name": contract.provider.name}


def test_a_part_is_filed_under_the_record_it_belongs_to() -> None:
    contract = make_contract()
    invoice = make_invoice(contract, number="RE-7")
    entry = last_of(invoice)
    assert entry.parent_type == ContentType.objects.get_for_model(contract)
    assert entry.parent_id == str(contract.pk)


def test_an_event_of_a_problem_is_recorded_with_the_problem_as_its_whole() -> None:
    problem = make_problem()
    event = add_event(problem, "comment", "2026-11-23T10:00+01:00", "Rückruf vereinbart")
    entry = last_of(event)
    assert entry.action == "create"
    assert entry.changes["text"] == [None, "Rückruf vereinbart"]
    assert entry.parent_id == str(problem.pk)


def test_many_to_many_changes_list_the_records_before_and_after() -> None:
    contract = make_contract()
    service = make_service(contract, name="Backup")
    requirement = Requirement.objects.create(title="Tägliche Sicherung", priority="must")
    requirement.services.add(service)
    entry = last_of(requirement)
    assert entry.changes == {"services": [[], [{"id": service.pk, "name": "Backup"}]]}


def test_a_role_change_is_recorded_on_the_user() -> None:
    user = make_user(Role.VIEWER)
    set_role(user, Role.EDITOR)
    groups = [e.changes["groups"] for e in entries_of(user) if "groups" in e.changes]
    assert [g["name"] for g in groups[-1][1]] == ["Editor"]
    assert [g["name"] for g in groups[-2][0]] == ["Viewer"]


def test_loading_records_raw_writes_no_entry() -> None:
    provider = make_provider()
    count = AuditEntry.objects.count()
    provider.name = "Anders"
    provider.save_base(raw=True)
    assert AuditEntry.objects.count() == count
