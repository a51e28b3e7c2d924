"""The proof of receipt: the day it arrived, the delivery record and the provider's
confirmation, stored like problem attachments."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.problems.uploads import MAX_UPLOAD_BYTES
from vendorwatch.termination.models import Dispatch, Termination, TerminationFile
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import longest_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatch(time_machine, settings, tmp_path) -> Dispatch:
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-09-01 10:00+02:00", tick=False)
    termination = make_termination()  # the contract ends 31.12.2026, receipt by 30.09.2026
    letter = make_letter(termination)
    found = make_dispatch(letter, sent_on=date(2026, 9, 2))
    termination.status = Termination.Status.SENT
    termination.save()
    time_machine.move_to("2026-09-25 10:00+02:00", tick=False)
    return found


def prove(client, dispatch: Dispatch, **fields):
    data = {
        "sent_on": "02.09.2026",
        "tracking_number": "",
        "received_on": "",
        "confirmed_on": "",
        "confirmed_end": "",
        "notes": "",
        **fields,
    }
    return client.post(f"/exit/dispatches/{dispatch.pk}/edit/", data)


def test_a_proven_receipt_moves_the_termination_to_received(client, editor, dispatch) -> None:
    client.force_login(editor)
    assert prove(client, dispatch, received_on="04.09.2026").status_code == 302
    dispatch.refresh_from_db()
    dispatch.letter.termination.refresh_from_db()
    assert dispatch.received_on == date(2026, 9, 4)
    assert dispatch.letter.termination.status == Termination.Status.RECEIVED


def test_clearing_the_receipt_moves_it_back_to_sent(client, editor, dispatch) -> None:
    client.force_login(editor)
    prove(client, dispatch, received_on="04.09.2026")
    prove(client, dispatch, received_on="")
    dispatch.letter.termination.refresh_from_db()
    assert dispatch.letter.termination.status == Termination.Status.SENT


def test_received_before_it_was_sent_is_refused(client, editor, dispatch) -> None:
    client.force_login(editor)
    response = prove(client, dispatch, received_on="01.09.2026")
    assert response.status_code == 200
    assert "Es kann nicht vor dem Versand eingegangen sein." in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.received_on is None


def test_received_in_the_future_is_refused(client, editor, dispatch) -> None:
    client.force_login(editor)
    assert prove(client, dispatch, received_on="26.09.2026").status_code == 200
    dispatch.refresh_from_db()
    assert dispatch.received_on is None


def test_a_confirmation_before_sending_is_refused(client, editor, dispatch) -> None:
    client.force_login(editor)
    assert prove(client, dispatch, confirmed_on="01.09.2026").status_code == 200


def test_a_confirmation_alone_proves_receipt_by_its_own_day(client, editor, dispatch) -> None:
    client.force_login(editor)
    response = prove(client, dispatch, confirmed_on="10.09.2026")
    dispatch.refresh_from_db()
    assert dispatch.received_on == date(2026, 9, 10)
    infos = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "info"]
    assert "10.09.2026" in infos[0]


def test_the_delivery_record_and_the_confirmation_are_kept(client, editor, dispatch) -> None:
    client.force_login(editor)
    record = SimpleUploadedFile("sendungsverfolgung.pdf", b"%PDF-1.4 record")
    confirmation = SimpleUploadedFile("bestaetigung.eml", b"From: x@example.com\n\nOK")
    response = prove(
        client,
        dispatch,
        received_on="04.09.2026",
        delivery_record=record,
        confirmation=confirmation,
    )
    assert response.status_code == 302
    files = {f.kind: f for f in TerminationFile.objects.all()}
    assert files["delivery_record"].filename == "sendungsverfolgung.pdf"
    assert files["delivery_record"].content_type == "application/pdf"
    assert files["confirmation"].content_type == "message/rfc822"
    assert files["confirmation"].dispatch == dispatch
    assert files["confirmation"].termination == dispatch.letter.termination
    assert files["confirmation"].uploaded_by == editor


def test_a_disallowed_kind_of_file_is_refused_and_nothing_saved(
    client, editor, dispatch, tmp_path
) -> None:
    client.force_login(editor)
    upload = SimpleUploadedFile("beleg.html", b"<script>alert(1)</script>")
    response = prove(client, dispatch, received_on="04.09.2026", delivery_record=upload)
    assert response.status_code == 200
    assert "Diese Dateiart wird nicht angenommen" in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.received_on is None
    assert not TerminationFile.objects.exists()
    assert [p for p in Path(tmp_path).rglob("*") if p.is_file()] == []


def test_a_file_over_the_size_limit_is_refused(client, editor, dispatch) -> None:
    client.force_login(editor)
    upload = SimpleUploadedFile("gross.pdf", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert prove(client, dispatch, confirmation=upload).status_code == 200
    assert not TerminationFile.objects.exists()


def test_the_stored_name_is_random_and_stays_in_the_folder(
    client, editor, dispatch, tmp_path
) -> None:
    client.force_login(editor)
    upload = SimpleUploadedFile("../../../etc/passwd.pdf", b"%PDF")
    prove(client, dispatch, delivery_record=upload)
    stored = TerminationFile.objects.get()
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(Path(tmp_path) / "termination" / str(stored.termination_id))
    assert path.name == f"{stored.token}.pdf"
    assert "passwd" not in stored.file.name


def test_a_confirmed_end_that_differs_from_ours_gets_a_note(client, editor, dispatch) -> None:
    client.force_login(editor)
    response = prove(
        client,
        dispatch,
        received_on="04.09.2026",
        confirmed_on="05.09.2026",
        confirmed_end="31.03.2027",
    )
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        "Der Dienstleister hat das Vertragsende zum 31.03.2027 bestätigt, nach den "
        "Vertragsbedingungen endet der Vertrag aber am 31.12.2026. Klären Sie das schriftlich "
        "mit dem Dienstleister."
    ]


def test_a_confirmed_end_that_matches_ours_needs_no_note(client, editor, dispatch) -> None:
    client.force_login(editor)
    response = prove(
        client,
        dispatch,
        received_on="04.09.2026",
        confirmed_on="05.09.2026",
        confirmed_end="31.12.2026",
    )
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_a_viewer_cannot_change_the_proof(client, viewer, dispatch) -> None:
    client.force_login(viewer)
    assert client.get(f"/exit/dispatches/{dispatch.pk}/edit/").status_code == 403
    upload = SimpleUploadedFile("beleg.pdf", b"%PDF")
    response = prove(client, dispatch, received_on="04.09.2026", delivery_record=upload)
    assert response.status_code == 403
    dispatch.refresh_from_db()
    assert dispatch.received_on is None
    assert not TerminationFile.objects.exists()


def test_the_page_lists_the_files_kept(client, editor, dispatch) -> None:
    client.force_login(editor)
    prove(client, dispatch, delivery_record=SimpleUploadedFile("beleg.pdf", b"%PDF"))
    page = client.get(f"/exit/dispatches/{dispatch.pk}/edit/").content.decode()
    stored = TerminationFile.objects.get()
    assert f'href="/exit/files/{stored.pk}/"' in page
    assert "Zustellnachweis: beleg.pdf" in page


def test_the_page_copes_with_the_longest_texts_and_the_year_9999(client, editor, dispatch) -> None:
    Dispatch.objects.filter(pk=dispatch.pk).update(
        sent_on=date(9999, 12, 30),
        received_on=date(9999, 12, 31),
        confirmed_end=date(9999, 12, 31),
        notes="n" * 5_000,
        tracking_number=longest_text(Dispatch, "tracking_number"),
    )
    client.force_login(editor)
    response = client.get(f"/exit/dispatches/{dispatch.pk}/edit/")
    assert response.status_code == 200
    assert "versandt am 30.12.9999" in response.content.decode()
