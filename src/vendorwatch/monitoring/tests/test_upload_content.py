"""A ticket export is taken only when its content is what its ending says (CSV text or an
Excel workbook), and stored under a random name; the user's file name stays on the import."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from vendorwatch.monitoring.models import ImportJob
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db
CSV = b"Ticket;Erstellt;Titel\r\n4711;02.03.2026 08:12;VPN bricht ab\r\n"
MISMATCH = "Der Inhalt der Datei passt nicht zu ihrer Endung"


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["Ticket", "Erstellt", "Titel"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def post(client, name: str, content: bytes):
    provider = make_provider(name="Brandl IT GmbH")
    policy = make_policy(name="SLA Brandl", provider=provider)
    data = {
        "provider": provider.pk,
        "sla_policy": policy.pk,
        "preset": "auto",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post("/reports/imports/new/", data)


@pytest.mark.parametrize(
    ("name", "content"),
    [("tickets.csv", "workbook"), ("tickets.xlsx", CSV), ("tickets.csv", b"MZ\x90\x00\x03")],
    ids=["workbook named csv", "csv named xlsx", "program named csv"],
)
def test_a_file_whose_content_does_not_match_is_refused(client, editor, name, content):
    client.force_login(editor)
    response = post(client, name, workbook() if content == "workbook" else content)
    assert MISMATCH in str(response.context["form"].errors["file"])
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("März.csv", CSV), ("März.XLSX", "workbook")])
def test_an_export_is_stored_under_a_random_name(client, editor, name, content) -> None:
    client.force_login(editor)
    post(client, name, workbook() if content == "workbook" else content)
    job = ImportJob.objects.get()
    suffix = name.rsplit(".", 1)[1].lower()
    assert re.fullmatch(rf"imports/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{suffix}", job.file.name)
    assert job.file_name == name
