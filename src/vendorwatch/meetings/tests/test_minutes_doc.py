"""The minutes as text and as PDF."""

from __future__ import annotations

import io
from datetime import date, datetime

import pypdf
import pytest
from django.utils import translation

from vendorwatch.meetings.minutes_doc import minutes_pdf, minutes_text
from vendorwatch.meetings.models import ActionItem, ActionReview, AgendaItem, Decision
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting
from vendorwatch.testing.factory import make_contact, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = make_meeting(title="Jour fixe März")
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Datensicherung")
    item.notes = "Sicherung lief zweimal nicht."
    item.save()
    Decision.objects.create(meeting=meeting, agenda_item=item, text="Rücksicherung jeden Monat")
    contact = make_contact(meeting.provider, name="Max Muster")
    make_action(
        meeting=meeting,
        agenda_item=item,
        title="Testrücksicherung durchführen",
        side=ActionItem.Side.PROVIDER,
        contact=contact,
        due_date=date(2026, 3, 20),
    )
    return meeting


def test_the_text_holds_decisions_and_action_items_with_owner_and_due_date(meeting):
    with translation.override("de"):
        text = minutes_text(meeting)
    assert "Protokoll: Jour fixe März" in text
    assert "03.03.2026, 10:00–11:00" in text
    assert "1. Datensicherung" in text and "Sicherung lief zweimal nicht." in text
    assert "Beschluss: Rücksicherung jeden Monat" in text
    assert "Testrücksicherung durchführen – Der Dienstleister: Max Muster" in text
    assert "20.03.2026" in text
    assert "Version 1, Entwurf" in text


def test_the_text_is_written_in_the_active_language(meeting):
    with translation.override("en"):
        text = minutes_text(meeting)
    assert "Minutes: Jour fixe März" in text and "Decision: Rücksicherung" in text


def test_the_text_lists_the_review_of_earlier_action_items(meeting):
    earlier = make_meeting(meeting.provider, starts_at=datetime(2026, 2, 3, 10, tzinfo=BERLIN))
    action = make_action(meeting=earlier, title="Lizenzen zählen")
    ActionReview.objects.create(meeting=meeting, action=action, outcome="dropped", reason="Zu früh")
    with translation.override("de"):
        text = minutes_text(meeting)
    assert "Lizenzen zählen" in text and "verworfen – Zu früh" in text


def test_the_text_names_the_participants(meeting):
    meeting.participants.add(make_user(first_name="Anna", last_name="Berger"))
    with translation.override("de"):
        assert "Anna Berger" in minutes_text(meeting)


def test_the_pdf_is_a_real_pdf_with_the_decision(meeting):
    content = minutes_pdf(meeting)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Rücksicherung jeden Monat" in text
    assert "Testrücksicherung durchführen" in text


def test_the_pdf_can_be_downloaded(client, viewer, meeting):
    client.force_login(viewer)
    response = client.get(f"/meetings/{meeting.pk}/minutes.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
