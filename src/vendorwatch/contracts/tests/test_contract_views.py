from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.contracts.tests.test_terms import form_data

pytestmark = pytest.mark.django_db


def test_the_empty_list_invites_to_enter_a_contract(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert 'class="empty-state-box"' in client.get(reverse("contracts-list")).text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_list_shows_the_deadlines(client: Client, viewer) -> None:
    nrw()
    make_contract(title="Betreuung")
    client.force_login(viewer)
    text = client.get(reverse("contracts-list")).text
    assert "31.12.2026" in text and "30.09.2026" in text and "25.09.2026" in text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_detail_explains_the_deadline_in_german(client: Client, viewer) -> None:
    nrw()
    contract = make_contract()
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "Vertragsbeginn: 01.01.2025" in text
    assert "§ 188" in text
    assert "25.09.2026" in text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_detail_explains_the_deadline_in_english(client: Client, viewer) -> None:
    contract = make_contract()
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "Contract start: 01.01.2025; that day counts in full." in text
    # 15.06. to 30.09.: 15 + 31 + 31 + 30 days
    assert "notice possible until 30.09.2026 for the end 31.12.2026 – 107 days left" in text


@time_machine.travel("2026-09-28 10:00 +0200", tick=False)
def test_too_late_for_the_post_is_shown(client: Client, viewer) -> None:
    nrw()
    contract = make_contract()
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "too late for the post – deliver by hand or courier today" in text


@time_machine.travel("2026-10-01 10:00 +0200", tick=False)
def test_a_missed_deadline_names_the_next_end(client: Client, viewer) -> None:
    contract = make_contract()
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert (
        "deadline for the end 31.12.2026 missed – earliest end now 31.12.2027, notice possible"
        " until 30.09.2027"
    ) in text


def test_an_editor_adds_a_contract_and_sees_it(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("contracts-add"), form_data(fee="1234,50"))
    contract = Contract.objects.get()
    assert response["Location"] == reverse("contracts-detail", args=[contract.pk])
    assert str(contract.fee) == "1234.50"
    assert contract.start_date == date(2025, 1, 1)


def test_an_incomplete_contract_shows_the_error_next_to_the_field(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("contracts-add"), form_data(notice_amount=""))
    assert response.status_code == 200
    assert "Bitte die Kündigungsfrist angeben." in response.text
    assert not Contract.objects.exists()


def test_an_editor_edits_a_contract(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    data = form_data(title="Neuer Titel", provider=contract.provider.pk)
    client.post(reverse("contracts-edit", args=[contract.pk]), data)
    contract.refresh_from_db()
    assert contract.title == "Neuer Titel"


def test_deleting_asks_first(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    assert client.get(reverse("contracts-delete", args=[contract.pk])).status_code == 200
    assert Contract.objects.exists()
    client.post(reverse("contracts-delete", args=[contract.pk]))
    assert not Contract.objects.exists()


def test_a_viewer_cannot_add_edit_or_delete(client: Client, viewer) -> None:
    contract = make_contract()
    client.force_login(viewer)
    assert client.get(reverse("contracts-add")).status_code == 403
    assert (
        client.post(reverse("contracts-edit", args=[contract.pk]), form_data()).status_code == 403
    )
    assert client.post(reverse("contracts-delete", args=[contract.pk])).status_code == 403
    assert Contract.objects.get().title == contract.title


def test_a_viewer_sees_no_change_buttons(client: Client, viewer) -> None:
    contract = make_contract()
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert reverse("contracts-edit", args=[contract.pk]) not in text


def test_an_unknown_contract_is_404(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert client.get(reverse("contracts-detail", args=[999])).status_code == 404
