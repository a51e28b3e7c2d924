"""One record's history: reachable from its page for whoever may see the record, newest first,
who, when and what, before and after in plain words; never changeable."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.audit.models import AuditEntry
from vendorwatch.audit.templatetags.audit_tags import history_url
from vendorwatch.contracts.models import Certificate
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import longest_text, make_contact, make_provider, make_user

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def history_of(record: Any) -> str:
    return history_url(record)


@pytest.fixture
def changed(time_machine: Any) -> Provider:
    """A provider created, then moved to another city by the command line on 27.11.2026."""
    time_machine.move_to(datetime(2026, 11, 27, 9, 0, tzinfo=BERLIN), tick=False)
    provider = make_provider(name="Brandl IT", city="Augsburg", status="candidate")
    time_machine.move_to(datetime(2026, 11, 27, 14, 5, tzinfo=BERLIN), tick=False)
    provider.city = "München"
    provider.status = "active"
    provider.save()
    return provider


def test_the_record_page_links_to_its_history(client: Client, viewer, changed) -> None:
    client.force_login(viewer)
    page = client.get(reverse("providers-detail", args=[changed.pk])).text
    assert f'href="{history_of(changed)}?back=' in page
    assert ">Verlauf</a>" in page


def test_a_viewer_sees_before_and_after_in_plain_words(client: Client, viewer, changed) -> None:
    client.force_login(viewer)
    page = client.get(history_of(changed)).text
    assert "27.11.2026 14:05" in page
    assert "Augsburg" in page and "München" in page
    assert "Kandidat" in page  # the label of the choice, not "candidate"
    assert "Kommandozeile" in page


def test_the_newest_change_comes_first(client: Client, viewer, changed) -> None:
    client.force_login(viewer)
    page = client.get(history_of(changed)).text
    assert page.index("27.11.2026 14:05") < page.index("27.11.2026 09:00")


def test_the_history_shows_the_changes_of_the_records_parts(client: Client, viewer) -> None:
    provider = make_provider()
    make_contact(provider, name="Eva Brandl")
    client.force_login(viewer)
    assert "Eva Brandl" in client.get(history_of(provider)).text


def test_a_deleted_record_keeps_its_history(client: Client, viewer) -> None:
    provider = make_provider(name="Weg GmbH")
    url = history_of(provider)
    provider.delete()
    client.force_login(viewer)
    page = client.get(url).text
    assert "Weg GmbH" in page and "gelöscht" in page


def test_a_record_without_entries_says_so(client: Client, viewer) -> None:
    provider = make_provider()
    AuditEntry.objects.filter(object_id=str(provider.pk)).delete()  # as before the trail began
    client.force_login(viewer)
    assert "noch keine Änderungen erfasst" in client.get(history_of(provider)).text


def test_someone_who_may_not_see_the_kind_of_record_is_refused(client: Client) -> None:
    provider = make_provider()
    client.force_login(make_user(role=None))
    assert client.get(history_of(provider)).status_code == 403


def test_a_viewer_may_not_see_a_users_history(client: Client, viewer, editor) -> None:
    client.force_login(viewer)
    assert client.get(history_of(editor)).status_code == 403


def test_a_kind_the_trail_leaves_out_has_no_history(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    url = reverse("audit-history", args=["feedback.surveyresponse", "x"])
    assert client.get(url).status_code == 404


def test_an_unknown_record_is_not_found(client: Client, viewer) -> None:
    client.force_login(viewer)
    url = reverse("audit-history", args=["providers.provider", "999999"])
    assert client.get(url).status_code == 404


def test_the_history_cannot_be_changed(client: Client, admin_user, changed) -> None:
    client.force_login(admin_user)
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(history_of(changed)).status_code == 405


def test_extreme_values_are_shown(client: Client, viewer) -> None:
    contract = make_contract()
    long_notes = longest_text(Provider, "notes", 5_000)
    contract.notes = long_notes
    contract.save()
    certificate = Certificate.objects.create(
        contract=contract, name="ISO 27001", valid_until=date(9999, 12, 31)
    )
    client.force_login(viewer)
    page = client.get(history_of(contract)).text
    assert "31.12.9999" in page and certificate.name in page
    assert long_notes in page
    assert "Langer Text (5000 Zeichen)" in page


def test_a_link_back_leads_only_to_this_site(client: Client, viewer, changed) -> None:
    client.force_login(viewer)
    page = client.get(history_of(changed), {"back": "//example.com/x"}).text
    assert 'href="//example.com/x"' not in page
    own = reverse("providers-detail", args=[changed.pk])
    assert f'href="{own}"' in client.get(history_of(changed), {"back": own}).text
