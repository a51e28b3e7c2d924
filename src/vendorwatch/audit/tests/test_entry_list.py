"""The full list of changes: administrators only, filtered by kind, user, action, way and
dates, searched by the record's name, a page at a time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vendorwatch.audit.context import acting
from vendorwatch.audit.models import AuditEntry
from vendorwatch.contracts.models import Certificate
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import longest_text, make_contact, make_provider

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
LIST = reverse("audit-list")


def listed(client: Client, **filters: str) -> str:
    response = client.get(LIST, filters)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("who", ["editor", "viewer"])
def test_only_administrators_see_the_list(client: Client, who: str, request) -> None:
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("audit-export")).status_code == 403


def test_an_administrator_sees_every_change(client: Client, admin_user) -> None:
    make_provider(name="Brandl IT")
    client.force_login(admin_user)
    page = listed(client)
    assert "Brandl IT" in page and "Dienstleister" in page


def test_the_settings_lead_administrators_to_the_list(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    assert f'href="{LIST}"' in client.get(reverse("web-settings")).text


def test_filter_by_kind_of_record(client: Client, admin_user) -> None:
    provider = make_provider(name="Brandl IT")
    make_contact(provider, name="Eva Brandl")
    client.force_login(admin_user)
    page = listed(client, kind="providers.contact")
    assert "Eva Brandl" in page and ">Brandl IT</a>" not in page


def test_filter_by_user_and_way(client: Client, admin_user, editor) -> None:
    with acting(editor, "web"):
        make_provider(name="Von Erik")
    make_provider(name="Von der Kommandozeile")
    client.force_login(admin_user)
    page = listed(client, user=str(editor.pk))
    assert "Von Erik" in page and "Von der Kommandozeile" not in page
    page = listed(client, channel="command", kind="providers.provider")
    assert "Von der Kommandozeile" in page and "Von Erik" not in page


def test_filter_by_action(client: Client, admin_user) -> None:
    make_provider(name="Bleibt")
    make_provider(name="Geht").delete()
    client.force_login(admin_user)
    page = listed(client, action="delete")
    assert "Geht" in page and "Bleibt" not in page


def test_filter_by_dates(client: Client, admin_user, time_machine: Any) -> None:
    time_machine.move_to(datetime(2026, 11, 26, 23, 30, tzinfo=BERLIN), tick=False)
    make_provider(name="Am Mittwoch")
    time_machine.move_to(datetime(2026, 11, 27, 0, 30, tzinfo=BERLIN), tick=False)
    make_provider(name="Am Donnerstag")
    client.force_login(admin_user)
    page = listed(client, date_from="27.11.2026", date_to="27.11.2026")
    assert "Am Donnerstag" in page and "Am Mittwoch" not in page
    page = listed(client, date_to="26.11.2026")
    assert "Am Mittwoch" in page and "Am Donnerstag" not in page


def test_dates_the_wrong_way_round_are_explained(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    page = listed(client, date_from="27.11.2026", date_to="01.11.2026")
    assert "Das Ende liegt vor dem Anfang." in page


def test_search_by_the_records_name(client: Client, admin_user) -> None:
    make_provider(name="Brandl IT")
    make_provider(name="Huber Systemhaus")
    client.force_login(admin_user)
    page = listed(client, q="huber")
    assert "Huber Systemhaus" in page and "Brandl IT" not in page


def test_no_match_says_so(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    assert "Keine Änderung passt zu diesen Filtern." in listed(client, q="gibt es nicht")


def test_an_empty_trail_says_so(client: Client, admin_user) -> None:
    AuditEntry.objects.all().delete()  # as on the day the trail began
    client.force_login(admin_user)
    assert "Es sind noch keine Änderungen erfasst." in listed(client)


def test_the_list_comes_a_page_at_a_time(client: Client, admin_user, settings) -> None:
    settings.PAGE_SIZE = 5
    for number in range(7):
        make_provider(name=f"Firma {number}")
    client.force_login(admin_user)
    first = listed(client, kind="providers.provider")
    assert "Firma 6" in first and "Firma 1" not in first
    assert "page=2" in first and "kind=providers.provider" in first
    assert "Firma 1" in listed(client, kind="providers.provider", page="2")


def test_the_list_cannot_be_changed(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    for url in (LIST, reverse("audit-export")):
        assert client.post(url).status_code == 405
        assert client.delete(url).status_code == 405


def test_extreme_values_are_listed(client: Client, admin_user) -> None:
    contract = make_contract()
    contract.notes = longest_text(Provider, "notes", 5_000)
    contract.save()
    Certificate.objects.create(contract=contract, name="ISO", valid_until=date(9999, 12, 31))
    client.force_login(admin_user)
    page = listed(client)
    assert "31.12.9999" in page and contract.notes in page


def queries_for(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        listed(client, kind="providers.provider")
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_entries(client: Client, admin_user) -> None:
    make_provider(name="Erste")
    client.force_login(admin_user)
    one = queries_for(client)
    for number in range(29):
        provider = make_provider(name=f"Firma {number}")
        provider.city = "Augsburg"
        provider.save()
    assert queries_for(client) == one
