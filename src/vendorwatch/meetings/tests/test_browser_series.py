"""A meeting series in a real browser, in German: create it through the form, find the next
meeting on the overview, prepare it, and find a missed problem deadline and an overdue action
item on the generated agenda; then reorder the agenda and check the page on a phone.

Selectors use ids and roles; the texts checked are the German ones the pages start with.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.tests.factory import make_action
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_contact, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def german(text: str) -> str:
    with translation.override("de"):
        return gettext(text)


def follow(page: CheckedPage, target: Any) -> None:
    """Click a link and check the page it opens."""
    with page.expect_navigation():
        target.click()
    page.check()


def test_create_a_series_prepare_the_next_meeting_and_see_its_agenda(
    page: CheckedPage, editor
) -> None:
    provider = make_provider(name="Brandl IT")
    make_contact(provider, name="Herr Brandl", email="brandl@example.com")
    policy = make_policy(provider=provider)
    make_problem(
        timezone.now() - timedelta(days=10), sla_policy=policy, title="Server startet nicht neu"
    )
    make_action(
        provider,
        title="Sicherung prüfen",
        due_date=timezone.localdate() - timedelta(days=5),
    )
    first = timezone.localdate() + timedelta(days=7)

    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/meetings/")
    expect(page.get_by_text("Noch keine Besprechungen")).to_be_visible()
    follow(page, page.get_by_role("button", name="Erste Besprechungsreihe anlegen"))

    page.locator("#id_provider").select_option(str(provider.pk))
    page.locator("#id_title").fill("Jour fixe")
    page.locator("#id_first_date").fill(first.strftime("%d.%m.%Y"))
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_duration_minutes").fill("60")
    expect(page.locator("#section-rule")).to_be_hidden()
    page.locator("#id_preset").select_option("custom")
    expect(page.locator("#section-rule")).to_be_visible()
    page.locator("#id_rule").fill("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    page.locator("#id_location").fill("Besprechungsraum 1")
    page.get_by_label("Herr Brandl").check()
    page.check()
    page.submit(page.get_by_role("button", name="Speichern"))
    never = german("This rule never gives a meeting date. Please check it.")
    expect(page.locator("#id_rule_error")).to_contain_text(never)
    assert not MeetingSeries.objects.exists()

    page.locator("#id_preset").select_option("monthly_weekday")
    page.submit(page.get_by_role("button", name="Speichern"))
    series = MeetingSeries.objects.get()
    assert page.url.endswith(f"/meetings/series/{series.pk}/")
    expect(page.locator(".lead")).to_contain_text("im Monat")

    page.goto("/meetings/")
    next_meeting = page.locator(".next-meeting a")
    expect(next_meeting).to_contain_text("Nächste Besprechung:")
    expect(next_meeting).to_contain_text(first.strftime("%d.%m.%Y") + " 10:00")
    expect(next_meeting).to_contain_text("mit Brandl IT")
    follow(page, next_meeting)

    page.submit(page.get_by_role("button", name="Diese Besprechung vorbereiten"))
    meeting = Meeting.objects.get()
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    agenda = page.locator("#agenda .agenda")
    expect(agenda).to_contain_text("Server startet nicht neu")
    expect(agenda).to_contain_text("Sicherung prüfen")

    titles = page.locator("#agenda .agenda-title")
    last = titles.last.inner_text()
    page.submit(page.locator("#agenda li").last.get_by_role("button", name="Nach oben"))
    assert titles.nth(titles.count() - 2).inner_text() == last

    page.set_viewport_size({"width": 375, "height": 740})
    page.check()
    for path in (
        "/meetings/",
        f"/meetings/series/{series.pk}/",
        f"/meetings/series/{series.pk}/edit/",
        f"/meetings/{meeting.pk}/edit/",
        f"/meetings/{meeting.pk}/cancel/",
        f"/meetings/{meeting.pk}/agenda/new/",
    ):
        page.goto(path)
