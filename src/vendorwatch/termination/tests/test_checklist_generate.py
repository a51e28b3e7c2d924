"""The exit checklist generated from the contract and its services: complete, once only, in
the organisation's document language, due relative to the end of the contract."""

from __future__ import annotations

from datetime import date

import pytest

from vendorwatch.contracts.tests.factory import make_contract, make_service
from vendorwatch.termination.checklist import STANDARD_ITEMS, checklist_generate
from vendorwatch.termination.models import ExitTask, Termination
from vendorwatch.termination.services import termination_start
from vendorwatch.termination.tests.factory import make_termination
from vendorwatch.testing.factory import make_organisation

pytestmark = pytest.mark.django_db


def keys(termination: Termination) -> set[str]:
    return set(termination.exit_tasks.values_list("source_key", flat=True))


def test_starting_a_termination_generates_the_checklist(editor) -> None:
    termination = termination_start(contract=make_contract(), kind="ordinary", user=editor)
    assert termination.exit_tasks.count() == len(STANDARD_ITEMS) + 1  # + the deletion


def test_every_area_of_the_issue_is_on_the_checklist() -> None:
    termination = make_termination()
    checklist_generate(termination)
    areas = set(termination.exit_tasks.values_list("category", flat=True))
    assert areas == set(ExitTask.Category.values) - {ExitTask.Category.OTHER}
    wanted = {
        "credentials-handover",  # admin credentials and passwords handed over …
        "credentials-changed",  # … and changed
        "documentation",
        "data-export",
        "backup-restore",  # backups checked by a test restore
        "licences",
        "domains",  # domains and DNS
        "certificates",
        "remote-access",  # remote-access tools and monitoring agents removed
        "hardware",
        "knowledge-transfer",
        "deletion",  # deletion confirmation under the data-processing agreement
    }
    assert keys(termination) == wanted


def test_generating_again_adds_nothing() -> None:
    termination = make_termination()
    first = checklist_generate(termination)
    assert (first, checklist_generate(termination)) == (12, 0)
    assert termination.exit_tasks.count() == 12


def test_generating_again_adds_back_a_deleted_standard_item_only() -> None:
    termination = make_termination()
    checklist_generate(termination)
    termination.exit_tasks.get(source_key="hardware").delete()
    assert checklist_generate(termination) == 1
    assert "hardware" in keys(termination)


def test_each_contracted_service_gets_a_handover_item() -> None:
    contract = make_contract()
    mail = make_service(contract, name="E-Mail-Hosting")
    backup = make_service(contract, name="Datensicherung")
    termination = make_termination(contract)
    checklist_generate(termination)
    items = termination.exit_tasks.filter(source_key__startswith="service:").order_by("-title")
    assert [(t.source_key, t.service) for t in items] == [
        (f"service:{mail.pk}", mail),
        (f"service:{backup.pk}", backup),
    ]
    assert items[0].title == "„E-Mail-Hosting“ übergeben: Konfiguration, Zugänge, Dokumentation"


def test_a_service_added_to_the_contract_later_is_added_on_the_next_generation() -> None:
    contract = make_contract()
    termination = make_termination(contract)
    checklist_generate(termination)
    service = make_service(contract, name="Telefonanlage")
    assert checklist_generate(termination) == 1
    assert termination.exit_tasks.get(service=service).source_key == f"service:{service.pk}"


def test_the_due_dates_lie_around_the_end_of_the_contract_in_handover_order() -> None:
    termination = make_termination()
    checklist_generate(termination)
    days = dict(termination.exit_tasks.values_list("source_key", "days_from_end"))
    assert days["knowledge-transfer"] < days["documentation"] < days["backup-restore"]
    assert days["backup-restore"] < days["licences"] < days["credentials-changed"] == 0
    assert 0 < days["remote-access"] < days["hardware"] < days["deletion"]
    assert days["credentials-handover"] < 0 and days["data-export"] < 0


def test_the_person_who_started_the_termination_is_responsible(editor) -> None:
    termination = make_termination(created_by=editor)
    checklist_generate(termination)
    assert set(termination.exit_tasks.values_list("owner", flat=True)) == {editor.pk}


def test_the_texts_are_written_in_the_document_language() -> None:
    make_organisation(document_language="en")
    termination = make_termination()
    checklist_generate(termination)
    titles = set(termination.exit_tasks.values_list("title", flat=True))
    assert "Check the backups with a test restore" in titles


def test_the_texts_are_german_by_default() -> None:
    termination = make_termination()
    checklist_generate(termination)
    task = termination.exit_tasks.get(source_key="backup-restore")
    assert "Wiederherstellung" in task.title


def test_the_deletion_item_names_the_signed_avv() -> None:
    make_organisation(document_language="en")
    contract = make_contract(avv_present=True, avv_signed_on=date(2025, 2, 3))
    termination = make_termination(contract)
    checklist_generate(termination)
    details = termination.exit_tasks.get(source_key="deletion").details
    assert "data-processing agreement (AVV) signed on 03.02.2025" in details
    assert "Art. 28 (3) (g) GDPR" in details


def test_without_an_avv_the_deletion_item_says_none_is_recorded() -> None:
    make_organisation(document_language="en")
    termination = make_termination(make_contract(avv_present=False))
    checklist_generate(termination)
    details = termination.exit_tasks.get(source_key="deletion").details
    assert "No data-processing agreement (AVV) is recorded" in details


def test_an_item_added_by_hand_is_kept_and_not_counted_as_generated() -> None:
    termination = make_termination()
    ExitTask.objects.create(termination=termination, title="Schlüssel zurückgeben")
    assert checklist_generate(termination) == 12
    assert termination.exit_tasks.count() == 13
