"""Minutes in Chromium: review, notes, a decision, an action item, approval, correction, and
the list of action items; every page checked by axe-core, also with errors shown."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from vendorwatch.meetings.models import ActionItem, AgendaItem, Meeting
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.browser import login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_minutes_from_review_to_correction(page, editor) -> None:
    earlier = make_meeting(starts_at=datetime(2026, 2, 3, 10, tzinfo=BERLIN))
    meeting = make_meeting(earlier.provider, starts_at=datetime(2026, 3, 3, 10, tzinfo=BERLIN))
    problem = make_problem(provider=meeting.provider)
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Backup", problem=problem)
    old = make_action(meeting=earlier, title="Lizenzen zählen")
    make_action(meeting.provider, title="x" * 300, due_date=date(9999, 12, 31), problem=problem)
    login_in_browser(page, editor.username, PASSWORD)

    page.goto(f"/meetings/{meeting.pk}/minutes/")
    page.locator(f"input[name=review-{old.pk}-outcome][value=dropped]").check()
    page.submit(page.get_by_role("button", name="Ergebnisse speichern"))
    assert "Bitte sagen Sie, warum" in page.content()
    page.locator(f"input[name=review-{old.pk}-outcome][value=done]").check()
    page.submit(page.get_by_role("button", name="Ergebnisse speichern"))

    page.fill(f"textarea[name=notes-{item.pk}-notes]", "Sicherung lief zweimal nicht.")
    page.submit(page.get_by_role("button", name="Notizen speichern"))
    page.locator(f"#item-{item.pk} summary", has_text="Beschluss hinzufügen").click()
    page.fill(f"textarea[name=decision-{item.pk}-text]", "Rücksicherung jeden Monat")
    page.submit(page.locator(f"#item-{item.pk} button", has_text="Beschluss hinzufügen"))
    page.locator(f"#item-{item.pk} summary", has_text="Aufgabe oder offene Frage").click()
    page.fill(f"input[name=action-{item.pk}-due_date]", "31.12.9999")
    page.submit(page.locator(f"#item-{item.pk} details.minutes-add-action button[type=submit]"))
    page.fill(f"input[name=action-{item.pk}-title]", "Testrücksicherung")
    page.fill(f"input[name=action-{item.pk}-due_date]", "20.03.2026")
    page.submit(page.locator(f"#item-{item.pk} details.minutes-add-action button[type=submit]"))
    assert ActionItem.objects.filter(title="Testrücksicherung", problem=problem).exists()

    page.submit(page.get_by_role("button", name="Protokoll freigeben und sperren"))
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.APPROVED
    page.goto(f"/meetings/{meeting.pk}/minutes/correct/")
    page.fill("input[name=reason]", "Datum berichtigt")
    page.submit(page.get_by_role("button", name="Korrektur beginnen"))
    assert "Datum berichtigt" in page.content()

    page.goto("/actions/?status=all")
    page.goto("/actions/?who=mine")
    action = ActionItem.objects.get(title="Testrücksicherung")
    page.goto(f"/actions/{action.pk}/")
    page.goto(f"/actions/{action.pk}/close/")
    page.locator("input[name=outcome][value=dropped]").check()
    page.submit(page.get_by_role("button", name="Speichern"))
    page.goto(f"/actions/{action.pk}/edit/")
    page.goto(f"/actions/new/?problem={problem.pk}")
    page.goto(f"/problems/{problem.pk}/")
    page.goto(f"/actions/{ActionItem.objects.get(due_date=date(9999, 12, 31)).pk}/")
