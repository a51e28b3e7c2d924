"""Problem attachments are taken by their content, not only their ending, and stored under a
random name inside the problem's folder."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from vendorwatch.problems.models import Attachment
from vendorwatch.problems.tests.factory import make_problem

pytestmark = pytest.mark.django_db
MISMATCH = "Der Inhalt der Datei passt nicht zu ihrer Endung"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def attach(client, problem, name: str, content: bytes):
    url = f"/problems/{problem.pk}/attachments/new/"
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_a_picture_renamed_to_pdf_is_refused_next_to_the_field(client, editor) -> None:
    problem = make_problem()
    client.force_login(editor)
    response = attach(client, problem, "bericht.pdf", png())
    assert MISMATCH + " (.pdf)." in str(response.context["form"].errors["file"])
    assert not Attachment.objects.exists()


def test_a_program_renamed_to_zip_is_refused(client, editor) -> None:
    problem = make_problem()
    client.force_login(editor)
    attach(client, problem, "logs.zip", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56)
    assert not Attachment.objects.exists()


def test_a_real_picture_is_attached_under_a_random_name(client, editor, tmp_path) -> None:
    problem = make_problem()
    client.force_login(editor)
    attach(client, problem, "Fehler Drucker.PNG", png())
    stored = Attachment.objects.get()
    assert (stored.filename, stored.content_type) == ("Fehler Drucker.PNG", "image/png")
    assert re.fullmatch(rf"problems/{problem.pk}/[0-9a-f]{{32}}\.png", stored.file.name)
    assert Path(stored.file.path).read_bytes() == png()


def test_a_disguised_file_among_several_is_named_on_the_report_form(client, editor) -> None:
    client.force_login(editor)
    files = [SimpleUploadedFile("ok.png", png()), SimpleUploadedFile("foto.png", b"GIF89a")]
    response = client.post("/problems/new/", {"title": "Drucker", "attachments": files})
    errors = str(response.context["form"].errors["attachments"])
    assert "foto.png" in errors and "ok.png" not in errors
    assert MISMATCH in errors


@pytest.mark.parametrize("name", ["../../x.txt", "/etc/x.txt", "..\\..\\x.txt", "x\x00.txt"])
def test_a_name_that_climbs_out_is_stored_inside_the_folder(client, editor, tmp_path, name):
    problem = make_problem()
    client.force_login(editor)
    attach(client, problem, name, b"log")
    stored = Attachment.objects.get()
    path = Path(stored.file.path).resolve()
    assert path.parent == (tmp_path / "problems" / str(problem.pk)).resolve()
    assert re.fullmatch(r"[0-9a-f]{32}\.txt", path.name)
