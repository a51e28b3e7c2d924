"""Acceptance in a real browser: service hours Mon–Fri 08:00–17:00 in Bavaria, then an SLA."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from vendorwatch.sla.models import BusinessCalendar, SlaPolicy
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def create_calendar(page: CheckedPage) -> None:
    page.goto("/expectations/service-hours/new/")
    page.locator("#id_name").fill("Mo–Fr 8–17 Uhr Bayern")
    expect(page.locator("#id_region")).to_have_value("DE-BY")
    page.locator("#id_day_0").fill("17:00-08:00")
    page.get_by_role("button", name="Speichern").click()
    page.check()
    # The message stands next to Monday, in German, and nothing was saved.
    expect(page.locator(".field", has=page.locator("#id_day_0"))).to_contain_text(
        "Das Zeitfenster 17:00–08:00 endet nicht nach seinem Beginn."
    )
    assert not BusinessCalendar.objects.exists()
    page.locator("#id_day_0").fill("08:00-17:00")
    page.submit(page.get_by_role("button", name="Speichern"))


def test_it_creates_service_hours_and_an_sla_policy(page: CheckedPage, editor) -> None:
    make_organisation(federal_state="DE-BY")
    login_in_browser(page, editor.username, PASSWORD)
    create_calendar(page)
    calendar = BusinessCalendar.objects.get()
    assert calendar.weekly == [["08:00-17:00"]] * 5 + [[], []]
    assert calendar.holiday_region == "DE-BY"
    page.goto(f"/expectations/service-hours/{calendar.pk}/")
    expect(page.locator("table.preview tbody tr")).to_have_count(14)

    page.goto("/expectations/sla/new/")
    page.locator("#id_policy-name").fill("SLA Systemhaus")
    page.locator("#id_version-calendar").select_option(str(calendar.pk))
    page.locator("#id_p1-response_amount").fill("-5")
    page.get_by_role("button", name="Speichern").click()
    page.check()
    response_time = page.locator("fieldset.target", has=page.locator("#id_p1-response_amount"))
    expect(response_time).to_contain_text("Geben Sie eine Zeit größer als null ein.")
    page.locator("#id_p1-response_amount").fill("30")
    page.submit(page.get_by_role("button", name="Speichern"))
    version = SlaPolicy.objects.get().versions.get()
    assert version.calendar == calendar
    assert version.priority_for("high", "high").response_amount == 30
    expect(page.get_by_role("heading", level=1)).to_have_text("SLA Systemhaus")


def test_the_policy_form_fits_a_phone(page: CheckedPage, editor) -> None:
    BusinessCalendar.objects.create(name="Büro")
    page.set_viewport_size({"width": 375, "height": 740})
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/sla/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto("/expectations/service-hours/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_every_sla_page_passes_the_accessibility_check(page: CheckedPage, admin_user) -> None:
    from vendorwatch.demo import DemoContext
    from vendorwatch.providers.demo import load_providers
    from vendorwatch.sla.demo import load_sla, load_sla_policy

    context = DemoContext()
    load_providers(context)
    load_sla(context)
    load_sla_policy(context)
    policy, calendar = context.objects["sla_policy"], context.objects["sla_calendar"]
    login_in_browser(page, admin_user.username, PASSWORD)
    for path in [
        "/expectations/service-hours/",
        f"/expectations/service-hours/{calendar.pk}/",
        f"/expectations/service-hours/{calendar.pk}/edit/",
        f"/expectations/service-hours/{calendar.pk}/days/new/",
        f"/expectations/service-hours/{calendar.pk}/delete/",
        "/expectations/sla/",
        f"/expectations/sla/{policy.pk}/",
        f"/expectations/sla/{policy.pk}/?version=1",
        f"/expectations/sla/{policy.pk}/versions/new/",
        f"/expectations/sla/{policy.pk}/delete/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path


def test_augsburg_chooses_its_local_holidays_and_sees_them_closed(
    page: CheckedPage, editor
) -> None:
    make_organisation(federal_state="DE-BY")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/service-hours/new/")
    page.locator("#id_name").fill("Mo–Fr 8–17 Uhr Augsburg")
    page.get_by_label(re.compile("Augsburger Hohes Friedensfest")).check()
    page.submit(page.get_by_role("button", name="Speichern"))
    calendar = BusinessCalendar.objects.get()
    assert calendar.holiday_region == "DE-Augsburg"
    page.goto(f"/expectations/service-hours/{calendar.pk}/?year=2025")
    page.check()
    peace = page.get_by_role("row", name=re.compile("Freitag, 08.08.2025"))
    expect(peace).to_contain_text("Augsburger Hohes Friedensfest")
    expect(peace).to_contain_text("geschlossen")
    expect(page.get_by_role("row", name=re.compile("Freitag, 15.08.2025"))).to_contain_text(
        "Mariä Himmelfahrt"
    )
