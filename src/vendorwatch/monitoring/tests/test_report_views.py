"""The report pages: who may see and change what, periods, empty states, odd records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from vendorwatch.monitoring.models import ReportRecipient
from vendorwatch.monitoring.report import forget_counted_months
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db

MET = {"response_met": True, "resolved": "2026-11-20 10:00", "resolution_met": True}
# Friday 04.12.2026: the last full month is November.
TODAY = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def provider() -> Any:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", 1, ticket_id="A-1", **MET)
    make_ticket(job, "2026-11-03 09:00", 1, ticket_id="A-2", **MET)
    make_ticket(job, "2026-11-04 09:00", 2, ticket_id="A-3", **(MET | {"response_met": False}))
    return provider


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user: Any, url: str) -> str:
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(provider: Any) -> None:
    for url in ("/reports/", f"/reports/{provider.pk}/", f"/reports/{provider.pk}/recipients/"):
        response = Client().get(url)
        assert response["Location"].startswith("/login/?next=")


def test_a_viewer_reads_the_report(provider: Any, viewer: Any) -> None:
    assert "66,67" in page(viewer, f"/reports/{provider.pk}/")  # 2 of 3 responses


def test_the_index_leads_with_each_providers_last_month(provider: Any, viewer: Any) -> None:
    text = page(viewer, "/reports/")
    assert "Brandl IT GmbH" in text and "66,67" in text and "November 2026" in text


def test_the_index_asks_the_database_the_same_few_times_for_many_providers(
    viewer: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(14):
        _provider, _policy, job = make_setup(f"Dienstleister {number}", name=f"SLA {number}")
        make_ticket(job, "2026-11-02 09:00", 1, **MET)
    client = client_for(viewer)
    forget_counted_months()  # the months are counted, not read from the cache
    with django_assert_max_num_queries(12):
        response = client.get("/reports/")
    assert response.content.decode().count("answer-headline") == 14


def test_the_index_counts_each_provider_on_its_own(viewer: Any) -> None:
    _first, _policy, job = make_setup("Erste GmbH", name="SLA Erste")
    make_ticket(job, "2026-11-02 09:00", 1, **MET)
    _second, _policy, job = make_setup("Zweite GmbH", name="SLA Zweite")
    make_ticket(job, "2026-11-02 09:00", 1, **(MET | {"response_met": False}))
    make_ticket(job, "2026-11-03 09:00", 1, **MET)
    forget_counted_months()
    text = page(viewer, "/reports/")
    first, second = text.split("Erste GmbH", 1)[1].split("Zweite GmbH", 1)
    assert "100,00" in first and "50,00" in second and "50,00" not in first


def test_the_index_explains_what_to_do_before_the_first_import(viewer: Any) -> None:
    assert "empty-state-box" in page(viewer, "/reports/")


def test_the_navigation_leads_to_the_reports(viewer: Any) -> None:
    assert 'href="/reports/"' in page(viewer, "/")


def test_the_report_shows_the_last_full_month_by_default(provider: Any, viewer: Any) -> None:
    text = page(viewer, f"/reports/{provider.pk}/")
    assert 'value="01.11.2026"' in text and 'value="30.11.2026"' in text


def test_any_period_can_be_asked_for(provider: Any, viewer: Any) -> None:
    text = page(viewer, f"/reports/{provider.pk}/?from=2026-11-03&to=03.11.2026")
    assert "100,00" in text and "A-3" not in text


def test_impossible_dates_say_so_and_show_the_last_month(provider: Any, viewer: Any) -> None:
    text = page(viewer, f"/reports/{provider.pk}/?from=31.02.2026&to=9999-12-31")
    assert 'role="alert"' in text and 'value="01.11.2026"' in text


def test_a_period_backwards_says_so(provider: Any, viewer: Any) -> None:
    assert 'role="alert"' in page(viewer, f"/reports/{provider.pk}/?from=30.11.2026&to=01.11.2026")


def test_an_empty_period_shows_dashes_not_zero_percent(provider: Any, viewer: Any) -> None:
    text = page(viewer, f"/reports/{provider.pk}/?from=01.01.2026&to=31.01.2026")
    assert "answer-empty" in text and "0,00&nbsp;%" not in text


def test_the_chart_is_an_svg_of_its_own(provider: Any, viewer: Any) -> None:
    response = client_for(viewer).get(f"/reports/{provider.pk}/chart.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content


def test_the_page_shows_the_chart_as_an_image(provider: Any, viewer: Any) -> None:
    assert f'<img src="/reports/{provider.pk}/chart.svg?' in page(
        viewer, f"/reports/{provider.pk}/"
    )


def test_a_missing_provider_is_not_found(viewer: Any) -> None:
    assert client_for(viewer).get("/reports/999999/").status_code == 404


def test_the_breached_tickets_are_paginated(provider: Any, viewer: Any, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    job = provider.ticket_imports.get()
    for day in (5, 6, 7):
        make_ticket(job, f"2026-11-0{day} 09:00", ticket_id=f"B-{day}", response_met=False)
    first = page(viewer, f"/reports/{provider.pk}/")
    second = page(viewer, f"/reports/{provider.pk}/?from=01.11.2026&to=30.11.2026&page=2")
    assert ("B-5" in first, "B-7" in first, "B-7" in second) == (True, False, True)


def test_a_huge_title_and_the_year_9999_do_not_break_the_lists(provider: Any, viewer: Any) -> None:
    job = provider.ticket_imports.get()
    far = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    make_ticket(
        job,
        "2026-11-10 09:00",
        title="X" * 300,
        category="Y" * 200,
        response_met=False,
        first_response=far,
        response_due=far,
        resolved=far,
        resolution_due=far,
        resolution_met=False,
        provider_met=True,
        disagrees=True,
    )
    make_ticket(job, far, ticket_id="far", sla_version=None)
    text = page(viewer, f"/reports/{provider.pk}/")
    assert "X" * 300 in text and "31.12.9999 23:59 UTC" in text


def test_the_year_9999_is_no_period(provider: Any, viewer: Any) -> None:
    text = page(viewer, f"/reports/{provider.pk}/?from=01.12.9999&to=31.12.9999")
    assert 'role="alert"' in text


# --- recipients --------------------------------------------------------------------------


def test_the_reports_import_link_chooses_its_provider(provider: Any, editor: Any) -> None:
    text = page(editor, f"/reports/{provider.pk}/")
    assert f'href="/reports/imports/new/?provider={provider.pk}"' in text


def test_each_index_card_imports_for_its_provider(provider: Any, editor: Any) -> None:
    text = page(editor, "/reports/")
    assert f'href="/reports/imports/new/?provider={provider.pk}"' in text


def test_the_import_form_opens_with_the_provider_of_the_link(provider: Any, editor: Any) -> None:
    text = page(editor, f"/reports/imports/new/?provider={provider.pk}")
    assert f'<option value="{provider.pk}" selected>' in text


def test_a_viewer_sees_the_recipients_but_cannot_change_them(provider: Any, viewer: Any) -> None:
    ReportRecipient.objects.create(provider=provider, user=viewer)
    text = page(viewer, f"/reports/{provider.pk}/recipients/")
    assert viewer.email in text and '<form method="post" novalidate>' not in text


def test_a_viewer_cannot_post_recipients(provider: Any, viewer: Any) -> None:
    response = client_for(viewer).post(
        f"/reports/{provider.pk}/recipients/", {"users": [viewer.pk]}
    )
    assert response.status_code == 403
    assert not ReportRecipient.objects.exists()


def test_an_editor_chooses_who_gets_the_monthly_email(provider: Any, editor: Any) -> None:
    colleague = make_user(email="chef@example.com")
    ReportRecipient.objects.create(provider=provider, user=editor)
    response = client_for(editor).post(
        f"/reports/{provider.pk}/recipients/", {"users": [colleague.pk]}
    )
    assert response.status_code == 302
    assert list(ReportRecipient.objects.values_list("user", flat=True)) == [colleague.pk]


def test_a_user_without_email_cannot_be_chosen(provider: Any, editor: Any) -> None:
    silent = make_user(email="")
    response = client_for(editor).post(
        f"/reports/{provider.pk}/recipients/", {"users": [silent.pk]}
    )
    assert response.status_code == 200
    assert not ReportRecipient.objects.exists()


def test_an_impossible_user_key_is_refused(provider: Any, editor: Any) -> None:
    response = client_for(editor).post(
        f"/reports/{provider.pk}/recipients/", {"users": ["10" * 20]}
    )
    assert response.status_code == 200
    assert not ReportRecipient.objects.exists()
