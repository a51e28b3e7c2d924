"""Deleting a dispatch: asked first, then its proof files go too and the status follows."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from vendorwatch.termination.models import Dispatch, Termination, TerminationFile
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatch(time_machine, settings, tmp_path) -> Dispatch:
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-09-25 10:00+02:00", tick=False)
    termination = make_termination(status=Termination.Status.RECEIVED)
    found = make_dispatch(make_letter(termination), received_on=date(2026, 9, 4))
    record = TerminationFile(
        termination=termination,
        dispatch=found,
        kind="delivery_record",
        filename="beleg.pdf",
        content_type="application/pdf",
        size=4,
    )
    record.file.save("beleg.pdf", ContentFile(b"%PDF"), save=True)
    return found


def test_the_page_asks_first(client, editor, dispatch) -> None:
    client.force_login(editor)
    response = client.get(f"/exit/dispatches/{dispatch.pk}/delete/")
    assert response.status_code == 200
    assert "Versand löschen?" in response.content.decode()
    assert Dispatch.objects.exists()


def test_deleting_removes_the_dispatch_its_files_and_the_status(
    client, editor, dispatch, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/exit/dispatches/{dispatch.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/exit/{dispatch.letter.termination_id}/"
    assert not Dispatch.objects.exists() and not TerminationFile.objects.exists()
    assert [p for p in Path(tmp_path).rglob("*") if p.is_file()] == []
    termination = Termination.objects.get()
    assert termination.status == Termination.Status.PREPARING


def test_a_viewer_cannot_delete_a_dispatch(client, viewer, dispatch) -> None:
    client.force_login(viewer)
    assert client.get(f"/exit/dispatches/{dispatch.pk}/delete/").status_code == 403
    assert client.post(f"/exit/dispatches/{dispatch.pk}/delete/").status_code == 403
    assert Dispatch.objects.exists()
