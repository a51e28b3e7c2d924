"""The API does what the pages do: the same SLA clocks, the same upload checks and
messages, the same downloads."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.problems.models import Attachment, Problem
from vendorwatch.problems.services import CLOCK_FIELDS
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy

CLOCKS = [name for name in CLOCK_FIELDS if name != "clock_refreshed_at"]


@pytest.fixture
def twins(db: None, time_machine: Any, settings: Any, tmp_path: Any) -> tuple[Problem, Problem]:
    """Two problems alike: one for the page, one for the API."""
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    policy = make_policy()
    return make_problem(sla_policy=policy), make_problem(sla_policy=policy)


def clocks(problem: Problem) -> dict[str, Any]:
    problem.refresh_from_db()
    return {name: getattr(problem, name) for name in CLOCKS}


@pytest.mark.parametrize(
    ("kind", "state"), [("first_response", "on_track"), ("waiting_on_us", "paused")]
)
def test_an_event_moves_the_clocks_as_on_the_page(twins, client, editor, writer, kind, state):
    on_page, by_api = twins
    client.force_login(editor)
    client.post(
        f"/problems/{on_page.pk}/events/new/",
        {"kind": kind, "occurred_at": "23.11.2026 09:30", "text": ""},
    )
    writer.post(
        f"/api/v1/problems/{by_api.pk}/events/",
        {"kind": kind, "occurred_at": "2026-11-23T09:30:00+01:00"},
        format="json",
    )
    assert clocks(by_api) == clocks(on_page)
    assert clocks(by_api)["state"] == state


def test_a_resolution_by_the_api_stops_the_clocks(twins, writer) -> None:
    _on_page, problem = twins
    url = f"/api/v1/problems/{problem.pk}/events/"
    for kind, time in (("first_response", "09:20"), ("resolved", "10:00")):
        writer.post(
            url, {"kind": kind, "occurred_at": f"2026-11-23T{time}:00+01:00"}, format="json"
        )
    body = writer.get(f"/api/v1/problems/{problem.pk}/").json()
    assert (body["status"], body["is_open"], body["state"]) == ("resolved", True, "met")


def test_an_event_before_the_report_is_refused_with_the_page_message(
    twins, client, editor, writer
) -> None:
    on_page, by_api = twins
    client.force_login(editor)
    page = client.post(
        f"/problems/{on_page.pk}/events/new/",
        {"kind": "comment", "occurred_at": "22.11.2026 09:00"},
    )
    response = writer.post(
        f"/api/v1/problems/{by_api.pk}/events/",
        {"kind": "comment", "occurred_at": "2026-11-22T09:00:00+01:00"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["occurred_at"] == page.context["form"].errors["occurred_at"]


def test_a_changed_event_time_keeps_the_reason(twins, writer) -> None:
    _on_page, problem = twins
    event = problem.events.get()
    url = f"/api/v1/problems/{problem.pk}/events/{event.pk}/"
    refused = writer.patch(url, {"occurred_at": "2026-11-23T09:05:00+01:00"}, format="json")
    changed = writer.patch(
        url, {"occurred_at": "2026-11-23T09:05:00+01:00", "reason": "Uhr ging vor"}, format="json"
    )
    assert list(refused.json()["fields"]) == ["reason"]
    assert changed.status_code == 200
    assert event.edits.get().reason == "Uhr ging vor"


def page_error(client: Any, problem: Problem, upload: SimpleUploadedFile) -> list[str]:
    response = client.post(f"/problems/{problem.pk}/attachments/new/", {"file": upload})
    return list(response.context["form"].errors["file"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bericht.html", b"<script>alert(1)</script>"),
        ("rechnung.pdf", b"<html><script>alert(1)</script>"),
        ("leer.txt", b""),
    ],
)
def test_an_upload_is_refused_with_the_page_message(twins, client, editor, writer, name, content):
    on_page, by_api = twins
    client.force_login(editor)
    expected = page_error(client, on_page, SimpleUploadedFile(name, content))
    response = writer.post(
        f"/api/v1/problems/{by_api.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["file"] == expected
    assert Attachment.objects.count() == 0


def test_an_upload_is_stored_as_by_the_page(twins, writer, editor) -> None:
    _on_page, problem = twins
    response = writer.post(
        f"/api/v1/problems/{problem.pk}/attachments/",
        {"file": SimpleUploadedFile("Fehler.PNG", b"\x89PNG\r\n\x1a\n data")},
        format="multipart",
    )
    attachment = Attachment.objects.get()
    assert response.status_code == 201
    assert (attachment.filename, attachment.content_type) == ("Fehler.PNG", "image/png")
    assert attachment.uploaded_by == editor and "Fehler" not in attachment.file.name


def test_an_upload_as_json_is_refused(twins, writer) -> None:
    _on_page, problem = twins
    url = f"/api/v1/problems/{problem.pk}/attachments/"
    response = writer.post(url, {"file": "aGVsbG8="}, format="json")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_a_download_is_an_attachment_that_is_never_sniffed(twins, writer) -> None:
    _on_page, problem = twins
    url = f"/api/v1/problems/{problem.pk}/attachments/"
    writer.post(url, {"file": SimpleUploadedFile("log.txt", b"Fehler 42")}, format="multipart")
    attachment = Attachment.objects.get()
    response = writer.get(f"{url}{attachment.pk}/download/", HTTP_ACCEPT="text/html")
    assert response["Content-Disposition"] == 'attachment; filename="log.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"Fehler 42"


def test_a_download_of_another_problems_file_is_not_found(twins, writer) -> None:
    first, second = twins
    url = f"/api/v1/problems/{first.pk}/attachments/"
    writer.post(url, {"file": SimpleUploadedFile("log.txt", b"x")}, format="multipart")
    attachment = Attachment.objects.get()
    response = writer.get(f"/api/v1/problems/{second.pk}/attachments/{attachment.pk}/download/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_deleted_attachment_takes_its_file_along(twins, writer) -> None:
    _on_page, problem = twins
    url = f"/api/v1/problems/{problem.pk}/attachments/"
    writer.post(url, {"file": SimpleUploadedFile("log.txt", b"x")}, format="multipart")
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    assert writer.delete(f"{url}{attachment.pk}/").status_code == 204
    assert not storage.exists(name) and not Attachment.objects.exists()
