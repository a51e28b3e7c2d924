"""Checklist items on their own forms: add, change, mark done with evidence, reopen, delete;
a viewer changes nothing, a withdrawn termination's checklist stays as it was."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.models import ExitTask, Termination, TerminationFile
from vendorwatch.termination.tests.factory import make_task, make_termination

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _files_and_clock(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=BERLIN), tick=False):
        yield


@pytest.fixture
def termination() -> Termination:
    """An ordinary termination started on 01.03.2026: the contract ends on 31.12.2026."""
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=BERLIN), tick=False):
        return make_termination()


def test_an_item_is_added_with_its_due_day(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.post(
        f"/exit/{termination.pk}/checklist/new/",
        {"category": "hardware", "title": "Schlüssel zurückgeben", "due_on": "15.12.2026"},
    )
    task = ExitTask.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/exit/{termination.pk}/checklist/#task-{task.pk}"
    assert (task.title, task.days_from_end, task.source_key) == ("Schlüssel zurückgeben", -16, "")


def test_the_new_item_form_offers_the_end_of_the_contract_as_its_day(
    client, editor, termination
) -> None:
    client.force_login(editor)
    response = client.get(f"/exit/{termination.pk}/checklist/new/")
    assert response.context["form"].fields["due_on"].initial == date(2026, 12, 31)
    assert "31.12.2026" in response.content.decode()


def test_without_a_known_end_the_form_asks_for_days(client, editor) -> None:
    termination = make_termination(make_contract(notice_amount=None))
    client.force_login(editor)
    client.post(
        f"/exit/{termination.pk}/checklist/new/",
        {"category": "other", "title": "Schlüssel", "days_from_end": "-7"},
    )
    assert ExitTask.objects.get().days_from_end == -7


def test_a_day_too_far_from_the_end_is_refused(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.post(
        f"/exit/{termination.pk}/checklist/new/",
        {"category": "other", "title": "Zu früh", "due_on": "01.01.2020"},
    )
    assert "due_on" in response.context["form"].errors
    assert not ExitTask.objects.exists()


def test_a_title_and_details_beyond_their_limits_are_refused(client, editor, termination) -> None:
    client.force_login(editor)
    response = client.post(
        f"/exit/{termination.pk}/checklist/new/",
        {"category": "other", "title": "x" * 301, "details": "x" * 5_001, "due_on": "31.12.2026"},
    )
    assert {"title", "details"} <= set(response.context["form"].errors)


def test_an_item_is_changed_and_its_owner_chosen(client, editor, termination) -> None:
    task = make_task(termination, days_from_end=-30)
    client.force_login(editor)
    client.post(
        f"/exit/tasks/{task.pk}/edit/",
        {
            "category": "credentials",
            "title": "Passwörter",
            "due_on": "24.12.2026",
            "owner": editor.pk,
        },
    )
    task.refresh_from_db()
    assert (task.title, task.days_from_end, task.owner) == ("Passwörter", -7, editor)


def test_the_edit_form_shows_the_items_own_due_day(client, editor, termination) -> None:
    task = make_task(termination, days_from_end=-30)
    client.force_login(editor)
    response = client.get(f"/exit/tasks/{task.pk}/edit/")
    assert response.context["form"].fields["due_on"].initial == date(2026, 12, 1)


def test_a_contact_of_another_provider_is_refused(client, editor, termination) -> None:
    from vendorwatch.testing.factory import make_contact

    task = make_task(termination)
    stranger = make_contact()
    client.force_login(editor)
    response = client.post(
        f"/exit/tasks/{task.pk}/edit/",
        {
            "category": "other",
            "title": "x",
            "due_on": "31.12.2026",
            "provider_contact": stranger.pk,
        },
    )
    assert "provider_contact" in response.context["form"].errors


def test_an_item_is_marked_done_with_a_note_and_a_file(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    response = client.post(
        f"/exit/tasks/{task.pk}/done/",
        {
            "done_on": "02.03.2026",
            "evidence": "Im Passwortmanager abgelegt",
            "file": SimpleUploadedFile("uebergabe.pdf", b"%PDF-1.4 Protokoll"),
        },
    )
    task.refresh_from_db()
    stored = TerminationFile.objects.get()
    assert response.status_code == 302
    assert (task.done_on, task.done_by, task.evidence) == (
        date(2026, 3, 2),
        editor,
        "Im Passwortmanager abgelegt",
    )
    assert (stored.exit_task, stored.termination, stored.kind) == (task, termination, "evidence")
    assert (stored.filename, stored.content_type) == ("uebergabe.pdf", "application/pdf")


def test_the_evidence_file_is_linked_on_the_checklist(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    client.post(
        f"/exit/tasks/{task.pk}/done/",
        {"done_on": "02.03.2026", "file": SimpleUploadedFile("quittung.png", b"\x89PNG\r\n\x1a\n")},
    )
    stored = TerminationFile.objects.get()
    html = client.get(f"/exit/{termination.pk}/checklist/").content.decode()
    assert f'href="/exit/files/{stored.pk}/"' in html and "quittung.png" in html


def test_an_item_is_marked_done_without_evidence(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    client.post(f"/exit/tasks/{task.pk}/done/", {"done_on": "01.03.2026"})
    task.refresh_from_db()
    assert task.done_on == date(2026, 3, 1) and not TerminationFile.objects.exists()


def test_a_file_of_a_refused_kind_is_not_stored(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    response = client.post(
        f"/exit/tasks/{task.pk}/done/",
        {"done_on": "02.03.2026", "file": SimpleUploadedFile("x.html", b"<script>")},
    )
    task.refresh_from_db()
    assert "file" in response.context["form"].errors
    assert task.done_on is None and not TerminationFile.objects.exists()


def test_a_done_day_in_the_future_is_refused(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    response = client.post(f"/exit/tasks/{task.pk}/done/", {"done_on": "03.03.2026"})
    assert "done_on" in response.context["form"].errors


def test_a_done_item_is_reopened_and_keeps_its_evidence(client, editor, termination) -> None:
    task = make_task(termination, done_on=date(2026, 3, 1), done_by=editor, evidence="Protokoll")
    client.force_login(editor)
    client.post(f"/exit/tasks/{task.pk}/done/", {"reopen": "1"})
    task.refresh_from_db()
    assert (task.done_on, task.done_by, task.evidence) == (None, None, "Protokoll")


def test_an_item_is_deleted_after_confirming_with_its_files(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    client.post(
        f"/exit/tasks/{task.pk}/done/",
        {"done_on": "02.03.2026", "file": SimpleUploadedFile("a.txt", b"a")},
    )
    path = Path(TerminationFile.objects.get().file.path)
    response = client.post(f"/exit/tasks/{task.pk}/delete/")
    assert response["Location"] == f"/exit/{termination.pk}/checklist/"
    assert not ExitTask.objects.exists() and not TerminationFile.objects.exists()
    assert not path.exists()


def test_the_delete_page_asks_first(client, editor, termination) -> None:
    task = make_task(termination, title="Router zurückgeben")
    client.force_login(editor)
    html = client.get(f"/exit/tasks/{task.pk}/delete/").content.decode()
    assert "„Router zurückgeben“ löschen?" in html
    assert ExitTask.objects.exists()


def test_the_standard_items_are_added_by_the_button(client, editor, termination) -> None:
    client.force_login(editor)
    client.post(f"/exit/{termination.pk}/checklist/generate/")
    client.post(f"/exit/{termination.pk}/checklist/generate/")
    assert termination.exit_tasks.count() == 12


def routes(termination: Termination, task: ExitTask) -> list[str]:
    return [
        f"/exit/{termination.pk}/checklist/generate/",
        f"/exit/{termination.pk}/checklist/new/",
        f"/exit/tasks/{task.pk}/edit/",
        f"/exit/tasks/{task.pk}/done/",
        f"/exit/tasks/{task.pk}/delete/",
    ]


def test_a_viewer_is_refused_on_every_post(client, viewer, termination) -> None:
    task = make_task(termination)
    client.force_login(viewer)
    data = {"category": "other", "title": "x", "due_on": "01.12.2026", "done_on": "01.03.2026"}
    for path in routes(termination, task):
        assert client.post(path, data).status_code == 403, path
    assert client.post(f"/exit/tasks/{task.pk}/done/", {"reopen": "1"}).status_code == 403
    task.refresh_from_db()
    assert ExitTask.objects.count() == 1
    assert (task.title, task.done_on) == ("Zugangsdaten übergeben", None)


def test_a_viewer_cannot_open_the_forms(client, viewer, termination) -> None:
    task = make_task(termination)
    client.force_login(viewer)
    for path in routes(termination, task)[1:]:
        assert client.get(path).status_code == 403, path


def test_a_withdrawn_terminations_checklist_cannot_be_changed(client, editor) -> None:
    termination = make_termination(status=Termination.Status.WITHDRAWN)
    task = make_task(termination)
    client.force_login(editor)
    for path in routes(termination, task):
        response = client.post(path, {"category": "other", "title": "x", "done_on": "01.03.2026"})
        assert response.status_code == 302, path
    task.refresh_from_db()
    assert ExitTask.objects.count() == 1
    assert (task.title, task.done_on) == ("Zugangsdaten übergeben", None)
