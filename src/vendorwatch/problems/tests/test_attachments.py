import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.problems.models import Attachment
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.problems.uploads import MAX_UPLOAD_BYTES


@pytest.fixture
def problem(db, time_machine, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    return make_problem()


def upload(client, problem, name: str, content: bytes):
    return client.post(
        f"/problems/{problem.pk}/attachments/new/", {"file": SimpleUploadedFile(name, content)}
    )


def test_a_screenshot_is_attached_and_served_as_download(client, editor, problem) -> None:
    client.force_login(editor)
    upload(client, problem, "fehler.png", b"\x89PNG\r\n\x1a\n data")
    attachment = Attachment.objects.get()
    response = client.get(f"/problems/{problem.pk}/attachments/{attachment.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"\x89PNG\r\n\x1a\n data"


def test_an_html_file_is_refused(client, editor, problem) -> None:
    client.force_login(editor)
    response = upload(client, problem, "x.html", b"<script>")
    assert response.status_code == 200
    assert Attachment.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(client, editor, problem) -> None:
    client.force_login(editor)
    upload(client, problem, "big.log", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert Attachment.objects.count() == 0


def test_the_file_is_stored_outside_the_static_files(client, editor, problem, tmp_path) -> None:
    client.force_login(editor)
    upload(client, problem, "log.txt", b"log")
    path = Attachment.objects.get().file.path
    assert path.startswith(str(tmp_path)) and "log.txt" not in path


def test_anonymous_users_cannot_download(client, editor, problem) -> None:
    client.force_login(editor)
    upload(client, problem, "log.txt", b"log")
    client.logout()
    attachment = Attachment.objects.get()
    response = client.get(f"/problems/{problem.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 302
