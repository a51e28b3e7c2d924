"""The checklist as PDF: every item with its due date, who is responsible, its state and its
evidence; the longest texts and the year 9999 do not break it."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.test import Client

from vendorwatch.termination.checklist import checklist_generate
from vendorwatch.termination.models import ExitTask, Termination
from vendorwatch.termination.tests.factory import make_task, make_termination
from vendorwatch.testing.factory import longest_text, make_contact

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def pdf_reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in pdf_reader(content).pages)
    # WeasyPrint breaks lines only at spaces and real hyphens (it does not hyphenate).
    return " ".join(text.replace("-\n", "-").split())


def download(user, termination: Termination) -> bytes:
    client = Client()
    client.force_login(user)
    with time_machine.travel(datetime(2026, 3, 10, 9, tzinfo=BERLIN), tick=False):
        response = client.get(f"/exit/{termination.pk}/checklist/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def termination(editor) -> Termination:
    """Started on 01.03.2026: the contract ends on 31.12.2026."""
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=BERLIN), tick=False):
        termination = make_termination(created_by=editor)
    checklist_generate(termination)
    return termination


def test_the_pdf_holds_every_item_and_its_due_date(viewer, termination) -> None:
    text = pdf_text(download(viewer, termination))
    assert "Die Fälligkeiten richten sich nach dem Vertragsende am 31.12.2026." in text
    for task in termination.exit_tasks.all():
        assert " ".join(task.title.split()) in text, task.title
        assert f"{task.due_date(date(2026, 12, 31)):%d.%m.%Y}" in text


def test_the_pdf_shows_owner_state_and_evidence(viewer, editor, termination) -> None:
    contact = make_contact(termination.contract.provider, name="Max Muster")
    make_task(
        termination,
        title="Firewall-Zugang übergeben",
        provider_contact=contact,
        owner=editor,
        done_on=date(2026, 3, 5),
        evidence="Übergabeprotokoll vom 05.03.2026",
    )
    make_task(termination, title="Altes Projekt", days_from_end=-300)  # overdue since 05.03.
    text = pdf_text(download(viewer, termination))
    assert "beim Dienstleister: Max Muster" in text
    assert "Erledigt am 05.03.2026" in text
    assert "Übergabeprotokoll vom 05.03.2026" in text
    assert "Überfällig" in text


def test_the_longest_texts_and_the_year_9999_make_a_pdf(viewer) -> None:
    termination = make_termination(
        kind=Termination.Kind.FOR_CAUSE, effective_date=date(9999, 12, 31)
    )
    checklist_generate(termination)
    make_task(
        termination,
        title=longest_text(ExitTask, "title"),
        details="Wort " * 1_000,
        evidence="e" * 5_000,
    )
    content = download(viewer, termination)
    text = pdf_text(content)
    assert "31.12.9999" in text and "16.11.9999" in text
    attachments = pdf_reader(content).attachments
    assert list(attachments) == [f"exit-checkliste-{termination.pk}.txt"]
    full = attachments[f"exit-checkliste-{termination.pk}.txt"][0].decode()
    assert "e" * 5_000 in full and "Wort " * 999 in full


def test_the_pdf_of_an_empty_checklist_says_so(viewer) -> None:
    termination = make_termination()
    text = pdf_text(download(viewer, termination))
    assert "Die Checkliste ist leer." in text
