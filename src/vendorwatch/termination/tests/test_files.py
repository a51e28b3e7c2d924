"""Proof files: handed out as downloads the browser may not open in the page, deleted only
after asking, never by a viewer."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from vendorwatch.termination.models import TerminationFile
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)

pytestmark = pytest.mark.django_db


def stored(termination, content: bytes = b"%PDF-1.4", **fields) -> TerminationFile:
    fields.setdefault("kind", "delivery_record")
    fields.setdefault("filename", "Zustellnachweis 04.09.pdf")
    record = TerminationFile(
        termination=termination, content_type="application/pdf", size=len(content), **fields
    )
    record.file.save(fields["filename"], ContentFile(content), save=True)
    return record


@pytest.fixture
def record(settings, tmp_path) -> TerminationFile:
    settings.MEDIA_ROOT = tmp_path
    termination = make_termination()
    return stored(termination, dispatch=make_dispatch(make_letter(termination)))


def test_the_file_is_a_download_that_is_not_sniffed(client, viewer, record) -> None:
    client.force_login(viewer)
    response = client.get(f"/exit/files/{record.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "Zustellnachweis" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_the_stored_name_is_random_not_the_users(record, tmp_path) -> None:
    path = Path(record.file.path)
    assert path.parent == Path(tmp_path) / "termination" / str(record.termination_id)
    assert path.name == f"{record.token}.pdf"


def test_a_name_that_climbs_out_of_the_folder_stays_in_it(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    record = stored(make_termination(), filename="../../../../etc/cron.d/x.pdf")
    path = Path(record.file.path).resolve()
    assert path.is_relative_to(Path(tmp_path) / "termination" / str(record.termination_id))


def test_a_missing_file_is_not_found_not_an_error(client, viewer, record) -> None:
    Path(record.file.path).unlink()
    client.force_login(viewer)
    assert client.get(f"/exit/files/{record.pk}/").status_code == 404


def test_anonymous_visitors_cannot_download(client, record) -> None:
    response = client.get(f"/exit/files/{record.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_deleting_asks_first(client, editor, record) -> None:
    client.force_login(editor)
    response = client.get(f"/exit/files/{record.pk}/delete/")
    assert response.status_code == 200
    assert "„Zustellnachweis 04.09.pdf“ löschen?" in response.content.decode()


def test_deleting_removes_the_record_and_the_file(
    client, editor, record, django_capture_on_commit_callbacks
) -> None:
    path = Path(record.file.path)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/exit/files/{record.pk}/delete/")
    assert response["Location"] == f"/exit/{record.termination_id}/"
    assert not TerminationFile.objects.exists()
    assert not path.exists()


def test_a_tasks_evidence_leads_back_to_the_checklist(client, editor, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    termination = make_termination()
    record = stored(termination, kind="evidence", exit_task=make_task(termination))
    client.force_login(editor)
    response = client.post(f"/exit/files/{record.pk}/delete/")
    assert response["Location"] == f"/exit/{termination.pk}/checklist/"


def test_a_viewer_cannot_delete_a_file(client, viewer, record) -> None:
    client.force_login(viewer)
    assert client.get(f"/exit/files/{record.pk}/delete/").status_code == 403
    assert client.post(f"/exit/files/{record.pk}/delete/").status_code == 403
    assert TerminationFile.objects.exists()
    assert Path(record.file.path).exists()
