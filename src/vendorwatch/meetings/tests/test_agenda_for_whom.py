"""In which language the agenda is written, and what the provider's copy leaves out."""

from datetime import date, datetime

import pytest
from django.utils import translation

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.meetings.agenda import agenda_refresh, agenda_text
from vendorwatch.meetings.models import AgendaItem
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(time_machine):
    time_machine.move_to("2026-11-30 12:00+01:00", tick=False)
    provider = make_provider()
    return make_meeting(provider, starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN))


def test_the_agenda_is_written_in_the_language_of_the_documents(meeting) -> None:
    make_organisation(document_language="de")
    make_action(meeting.provider, title="Lizenzen zählen", due_date=date(2026, 11, 20))
    with translation.override("en"):
        agenda_refresh(meeting)
    item = meeting.agenda_items.get(kind=AgendaItem.Kind.ACTION)
    assert "überfällig" in item.details


def test_the_providers_copy_leaves_out_contract_deadlines(meeting) -> None:
    make_contract(provider=meeting.provider, title="Wartung", start_date=date(2025, 4, 1))
    agenda_refresh(meeting)
    deadline = meeting.agenda_items.get(kind=AgendaItem.Kind.DEADLINE)
    assert deadline.title in agenda_text(meeting)
    assert deadline.title not in agenda_text(meeting, internal=False)


def test_the_providers_copy_keeps_the_free_items(meeting) -> None:
    AgendaItem.objects.create(meeting=meeting, position=1, title="Urlaubsvertretung")
    assert "Urlaubsvertretung" in agenda_text(meeting, internal=False)
