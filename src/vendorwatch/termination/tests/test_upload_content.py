"""The proof of receipt and the evidence for an exit task are taken by their content, not
only their ending."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from vendorwatch.termination.models import Termination, TerminationFile
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
MISMATCH = "Der Inhalt der Datei passt nicht zu ihrer Endung"


def picture(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_and_clock(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(datetime(2026, 9, 25, 10, tzinfo=BERLIN), tick=False):
        yield


@pytest.fixture
def termination() -> Termination:
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=BERLIN), tick=False):
        return make_termination()


def prove(client, termination: Termination, **files):
    dispatch = make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2))
    data = {"sent_on": "02.09.2026", "received_on": "04.09.2026", **files}
    return client.post(f"/exit/dispatches/{dispatch.pk}/edit/", data)


def test_a_picture_renamed_to_pdf_is_refused_as_delivery_record(client, editor, termination):
    client.force_login(editor)
    upload = SimpleUploadedFile("sendung.pdf", picture("PNG"))
    response = prove(client, termination, delivery_record=upload)
    assert MISMATCH + " (.pdf)." in str(response.context["form"].errors["delivery_record"])
    assert not TerminationFile.objects.exists()


def test_a_text_renamed_to_eml_is_refused_as_confirmation(client, editor, termination):
    client.force_login(editor)
    upload = SimpleUploadedFile("antwort.eml", b"Hallo,\nwir bestaetigen.\n")
    response = prove(client, termination, confirmation=upload)
    assert MISMATCH + " (.eml)." in str(response.context["form"].errors["confirmation"])


def test_a_saved_email_is_taken_as_confirmation(client, editor, termination) -> None:
    client.force_login(editor)
    mail = b"From: vertrieb@brandl.example\r\nSubject: Ihre Kuendigung\r\n\r\nBestaetigt."
    prove(client, termination, confirmation=SimpleUploadedFile("antwort.eml", mail))
    stored = TerminationFile.objects.get()
    assert (stored.kind, stored.content_type) == ("confirmation", "message/rfc822")


def test_a_program_renamed_to_zip_is_refused_as_evidence(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    upload = SimpleUploadedFile("schluessel.zip", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56)
    response = client.post(
        f"/exit/tasks/{task.pk}/done/", {"done_on": "25.09.2026", "file": upload}
    )
    assert MISMATCH + " (.zip)." in str(response.context["form"].errors["file"])
    assert not TerminationFile.objects.exists()


def test_a_real_picture_is_taken_as_evidence(client, editor, termination) -> None:
    task = make_task(termination)
    client.force_login(editor)
    upload = SimpleUploadedFile("quittung.jpg", picture("JPEG"))
    client.post(f"/exit/tasks/{task.pk}/done/", {"done_on": "25.09.2026", "file": upload})
    assert TerminationFile.objects.get().content_type == "image/jpeg"
