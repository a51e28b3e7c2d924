"""Files chosen while reporting a problem are attached to it; all or nothing."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.problems.models import Attachment, Problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    return tmp_path


@pytest.fixture
def policy():
    return make_policy(provider=make_provider())


def report(client, policy, *files):
    data = {
        "title": "Drucker druckt nicht",
        "what_happened": "Fehlermeldung „Offline“",
        "since": "23.11.2026 08:30",
        "impact": "high",
        "urgency": "medium",
        "provider": policy.provider_id,
        "sla_policy": policy.pk,
        "reported_to_provider_at": "23.11.2026 09:00",
        "channel": "phone",
        "attachments": list(files),
    }
    return client.post("/problems/new/", data)


def stored_files(media) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def test_it_attaches_several_files_to_the_new_problem(client, editor, media, policy) -> None:
    client.force_login(editor)
    response = report(
        client,
        policy,
        SimpleUploadedFile("fehler.png", b"\x89PNG\r\n\x1a\n data"),
        SimpleUploadedFile("protokoll.txt", b"log"),
    )
    problem = Problem.objects.get()
    assert response.status_code == 302
    names = sorted(a.filename for a in problem.attachments.all())
    assert names == ["fehler.png", "protokoll.txt"]
    assert problem.attachments.get(filename="fehler.png").content_type == "image/png"
    assert len(stored_files(media)) == 2


def test_the_form_is_sent_as_multipart(client, editor, media, policy) -> None:
    client.force_login(editor)
    page = client.get("/problems/new/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="attachments" multiple' in page


def test_a_refused_file_keeps_nothing_and_names_the_file(client, editor, media, policy) -> None:
    client.force_login(editor)
    response = report(
        client,
        policy,
        SimpleUploadedFile("fehler.png", b"\x89PNG\r\n\x1a\n data"),
        SimpleUploadedFile("seite.html", b"<script>"),
    )
    assert response.status_code == 200
    assert "„seite.html“: Diese Dateiart wird nicht angenommen" in response.content.decode()
    assert not Problem.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_when_a_file_cannot_be_stored_nothing_is_kept(
    client, editor, media, policy, monkeypatch
) -> None:
    """The first file is written, the second fails (a full disk): the first is removed again
    and the problem is not recorded; the form says so and keeps what was typed."""
    real_save = FileSystemStorage._save
    calls = []

    def save(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save)
    client.force_login(editor)
    response = report(
        client,
        policy,
        SimpleUploadedFile("eins.png", b"\x89PNG\r\n\x1a\n 1"),
        SimpleUploadedFile("zwei.png", b"\x89PNG\r\n\x1a\n 2"),
    )
    assert len(calls) == 2
    assert response.status_code == 200
    page = response.content.decode()
    assert "Die Dateien konnten nicht gespeichert werden" in page
    assert "Drucker druckt nicht" in page
    assert not Problem.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_when_the_form_comes_back_with_errors_it_asks_for_the_files_again(
    client, editor, media, policy
) -> None:
    client.force_login(editor)
    response = client.post(
        "/problems/new/",
        {"title": "", "attachments": [SimpleUploadedFile("fehler.png", b"\x89PNG\r\n\x1a\n data")]},
    )
    assert "Bitte wählen Sie die Dateien noch einmal" in response.content.decode()
    assert stored_files(media) == []


def test_the_edit_form_has_no_file_field(client, editor, media, policy) -> None:
    client.force_login(editor)
    report(client, policy)
    problem = Problem.objects.get()
    page = client.get(f"/problems/{problem.pk}/edit/").content.decode()
    assert 'name="attachments"' not in page
