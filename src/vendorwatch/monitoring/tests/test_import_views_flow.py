"""Real exports through the pages: upload, preview, commit, undo, mapping, saved formats.

The export is what German Excel writes for a provider's ticket list (";" separated, dates as
02.03.2026 08:12 in Berlin time). The SLA (sla.tests.factory): Mon–Fri 08:00–17:00, P2 =
response within 1 business hour, resolution within 8; P3 = 4 hours and 3 business days.

    line 2  4711  P2 created Mon 02.03. 08:12, answered 08:40, resolved 11:05: met
    line 3  4712  P2 created 09:00, answered 10:30 (due 10:00): response missed, although
                  the export says "SLA eingehalten: Ja"
    line 4  4713  P3 created Tue 03.03. 14:00, answered 14:20, still open
    line 5  4714  created "31.02.2026 10:00": a day that does not exist
    line 6  4715  no creation date
    line 7  4716  resolved before it was created
    line 8  4717  priority "Stufe Gelb": not one of the SLA's
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportPreset
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db

State = ImportJob.State

HEADER = (
    "Ticketnummer;Betreff;Erstellt am;Erste Reaktion;Gelöst am;Priorität;Status;SLA eingehalten"
)
ROWS = [
    "4711;Drucker im Lager druckt nicht;02.03.2026 08:12;02.03.2026 08:40;02.03.2026 11:05;"
    "hoch;geschlossen;Ja",
    "4712;VPN bricht ab;02.03.2026 09:00;02.03.2026 10:30;02.03.2026 15:00;hoch;geschlossen;Ja",
    "4713;Neuer Mitarbeiter braucht Zugang;03.03.2026 14:00;03.03.2026 14:20;;mittel;offen;",
    "4714;Server langsam;31.02.2026 10:00;;;hoch;offen;",
    "4715;Telefon ohne Ton;;;;mittel;offen;",
    "4716;Scanner;04.03.2026 10:00;04.03.2026 10:10;04.03.2026 09:00;mittel;geschlossen;Ja",
    "4717;Kassensystem;04.03.2026 11:00;04.03.2026 11:10;;Stufe Gelb;offen;",
]


def export(rows: list[str] | None = None, header: str = HEADER) -> str:
    return "\r\n".join([header, *(ROWS if rows is None else rows)]) + "\r\n"


def upload(content: str, name: str = "Tickets März 2026.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def brandl() -> tuple[Any, Any]:
    make_organisation(name="Beispiel GmbH", federal_state="DE-BY")
    provider = make_provider(name="Brandl IT GmbH")
    calendar = make_calendar(name="Mo–Fr 8–17 Uhr", holiday_region="DE-BY")
    return provider, make_policy(name="SLA Brandl", provider=provider, terms=terms(calendar))


def send(client: Any, brandl: tuple[Any, Any], content: str, **fields: Any) -> ImportJob:
    provider, policy = brandl
    data = {"provider": provider.pk, "sla_policy": policy.pk, "preset": "auto"}
    data |= {"file": upload(content), **fields}
    response = client.post("/reports/imports/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    return ImportJob.objects.latest("pk")


def text(response: Any) -> str:
    return " ".join(response.content.decode().split())


def test_the_preview_shows_what_will_be_imported_and_each_refused_row(
    client, editor, brandl
) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.get(f"/reports/imports/{job.pk}/")
    page = text(response)
    assert job.state == State.PREVIEW
    assert "3 Tickets werden importiert: 3 neu, 0 aktualisiert; 4 Zeilen abgelehnt." in page
    refused = {row["row"]: row["reason"] for row in response.context["rejection_rows"]}
    assert sorted(refused) == [5, 6, 7, 8]
    assert "31.02.2026 10:00" in refused[5]
    assert "Stufe Gelb" in refused[8]
    assert response.context["assumptions"]
    assert ExternalTicket.objects.in_force().count() == 0


def test_importing_makes_the_tickets_current(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.post(f"/reports/imports/{job.pk}/commit/", follow=True)
    job.refresh_from_db()
    assert job.state == State.DONE
    current = ExternalTicket.objects.in_force()
    assert sorted(current.values_list("ticket_id", flat=True)) == ["4711", "4712", "4713"]
    assert "3 Tickets wurden importiert" in text(response)


def test_a_done_import_lists_where_the_provider_judged_otherwise(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    client.post(f"/reports/imports/{job.pk}/commit/")
    response = client.get(f"/reports/imports/{job.pk}/")
    listed = [item["ticket"].ticket_id for item in response.context["disagreements"]]
    assert listed == ["4712"]
    assert "fällig 02.03.2026 10:00" in text(response)


def test_the_preview_lists_where_the_provider_judged_otherwise(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.get(f"/reports/imports/{job.pk}/")
    listed = [item["ticket"].ticket_id for item in response.context["disagreements"]]
    assert job.state == State.PREVIEW and listed == ["4712"]
    assert response.context["disagreements_count"] == job.disagreements == 1


def test_importing_the_same_file_again_updates_instead_of_doubling(client, editor, brandl) -> None:
    client.force_login(editor)
    first = send(client, brandl, export())
    client.post(f"/reports/imports/{first.pk}/commit/")
    second = send(client, brandl, export())
    client.post(f"/reports/imports/{second.pk}/commit/")
    second.refresh_from_db()
    assert (second.imported, second.updated) == (0, 3)
    assert ExternalTicket.objects.in_force().count() == 3


def test_undo_after_confirmation_takes_the_tickets_back(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    client.post(f"/reports/imports/{job.pk}/commit/")
    assert "Import rückgängig machen?" in text(client.get(f"/reports/imports/{job.pk}/undo/"))
    response = client.post(f"/reports/imports/{job.pk}/undo/", follow=True)
    job.refresh_from_db()
    assert job.state == State.UNDONE and job.undone_by == editor
    assert ExternalTicket.objects.in_force().count() == 0
    assert "Dieser Import wurde rückgängig gemacht" in text(response)


def test_discarding_after_confirmation_imports_nothing(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    client.post(f"/reports/imports/{job.pk}/discard/")
    job.refresh_from_db()
    assert job.state == State.DISCARDED
    assert not ExternalTicket.objects.filter(job=job).exists()


def test_the_history_lists_the_import_with_its_counts(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    client.post(f"/reports/imports/{job.pk}/commit/")
    response = client.get("/reports/imports/")
    row = response.context["rows"][0]
    assert row["job"] == job
    assert row["format"] == "CSV-Datei aus deutschem Excel"
    assert "Tickets März 2026.csv" in text(response)


# --- a big file goes through the job runner ------------------------------------------------


def test_a_large_file_shows_progress_until_the_runner_has_read_it(
    client, editor, brandl, settings
) -> None:
    from vendorwatch.monitoring import pipeline

    settings.IMPORT_INLINE_BYTES = 0
    client.force_login(editor)
    job = send(client, brandl, export())
    assert job.state == State.QUEUED
    assert "<progress" in text(client.get(f"/reports/imports/{job.pk}/"))
    pipeline.job_analyse(job)
    response = client.get(f"/reports/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    client.post(f"/reports/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.state == State.COMMITTING
    assert "werden gespeichert" in text(client.get(f"/reports/imports/{job.pk}/"))
    pipeline.job_commit(job)
    job.refresh_from_db()
    assert job.state == State.DONE


# --- the mapping -----------------------------------------------------------------------------


MISLEADING = "Ticketnummer;Betreff;Erstellt am;Meldezeitpunkt;Erste Reaktion;Gelöst am;Priorität"
MISLEADING_ROWS = [
    "4711;Drucker;;02.03.2026 08:12;02.03.2026 08:40;02.03.2026 11:05;hoch",
    "4712;VPN;;02.03.2026 09:00;02.03.2026 10:30;02.03.2026 15:00;hoch",
]


def mapping_data(response: Any, **changes: Any) -> dict[str, Any]:
    """What the mapping page sends as shown, with ``changes``."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if k != "save_as_preset"}
    return data | changes


def test_the_mapping_shows_the_files_columns_chosen_as_detected(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    form = response.context["form"]
    assert response.context["headers"][:3] == ["Ticketnummer", "Betreff", "Erstellt am"]
    assert form["column_id"].value() == "Ticketnummer"
    assert form["column_created"].value() == "Erstellt am"
    assert "Stufe Gelb" in form.priority_values


def test_choosing_the_right_creation_column_turns_refusals_into_imports(
    client, editor, brandl
) -> None:
    client.force_login(editor)
    job = send(client, brandl, export(MISLEADING_ROWS, MISLEADING))
    job.refresh_from_db()
    assert job.rejected == 2 and job.imported == 0
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    data = mapping_data(response, column_created="Meldezeitpunkt")
    response = client.post(f"/reports/imports/{job.pk}/mapping/", data)
    assert response["Location"] == f"/reports/imports/{job.pk}/"
    job.refresh_from_db()
    assert (job.state, job.imported, job.rejected) == (State.PREVIEW, 2, 0)


def test_an_unknown_priority_can_be_assigned_one_of_the_slas(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    index = response.context["form"].priority_values.index("Stufe Gelb")
    client.post(
        f"/reports/imports/{job.pk}/mapping/", mapping_data(response, **{f"priority_{index}": "1"})
    )
    job.refresh_from_db()
    assert job.imported == 4 and job.rejected == 3
    assert ExternalTicket.objects.get(job=job, ticket_id="4717").priority_rank == 1


def test_a_mapping_saved_as_a_format_is_offered_at_the_next_import(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export(MISLEADING_ROWS, MISLEADING))
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    data = mapping_data(
        response, column_created="Meldezeitpunkt", save_as_preset="on", preset_name="Brandl"
    )
    client.post(f"/reports/imports/{job.pk}/mapping/", data)
    saved = ImportPreset.objects.get(name="Brandl")
    assert saved.options["columns"]["created"] == "Meldezeitpunkt"
    page = client.get("/reports/imports/new/").content.decode()
    assert f'<option value="saved:{saved.pk}">Brandl</option>' in page
    second = send(client, brandl, export(MISLEADING_ROWS, MISLEADING), preset=f"saved:{saved.pk}")
    assert (second.imported, second.rejected) == (2, 0)


def test_a_format_name_in_use_is_refused_next_to_the_field(client, editor, brandl) -> None:
    ImportPreset.objects.create(name="Brandl", options={})
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    data = mapping_data(response, save_as_preset="on", preset_name="brandl")
    response = client.post(f"/reports/imports/{job.pk}/mapping/", data)
    assert "gibt es schon" in str(response.context["form"].errors["preset_name"])
    assert ImportPreset.objects.count() == 1


def test_a_mapping_without_the_ticket_number_is_refused(client, editor, brandl) -> None:
    client.force_login(editor)
    job = send(client, brandl, export())
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    response = client.post(
        f"/reports/imports/{job.pk}/mapping/", mapping_data(response, column_id="")
    )
    assert "column_id" in response.context["form"].errors


# --- odd content -----------------------------------------------------------------------------


def test_a_ticket_in_the_year_9999_and_a_huge_title_keep_the_pages_working(
    client, editor, brandl
) -> None:
    rows = [
        ROWS[0],
        "4720;Jahr 9999;31.12.9999 10:00;;;hoch;offen;",
        "4721;" + "Sehr langer Titel " * 400 + ";02.03.2026 09:00;02.03.2026 09:30;;hoch;offen;",
    ]
    client.force_login(editor)
    job = send(client, brandl, export(rows))
    assert client.get(f"/reports/imports/{job.pk}/").status_code == 200
    client.post(f"/reports/imports/{job.pk}/commit/")
    assert client.get(f"/reports/imports/{job.pk}/").status_code == 200
    assert client.get("/reports/imports/").status_code == 200
    assert client.get(f"/reports/imports/{job.pk}/undo/").status_code == 200


def test_an_excel_file_names_the_sheet_rows_of_its_refused_rows(client, editor, brandl) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ticketliste Brandl IT GmbH, März 2026"])
    sheet.append([])
    sheet.append(["Ticketnummer", "Betreff", "Erstellt am", "Erste Reaktion", "Priorität"])
    sheet.append(
        ["4711", "Drucker", datetime(2026, 3, 2, 8, 12), datetime(2026, 3, 2, 8, 40), "hoch"]
    )
    sheet.append(["4712", "VPN", None, None, "hoch"])
    content = io.BytesIO()
    book.save(content)
    provider, policy = brandl
    client.force_login(editor)
    file = SimpleUploadedFile("Tickets.xlsx", content.getvalue())
    data = {"provider": provider.pk, "sla_policy": policy.pk, "preset": "auto", "file": file}
    client.post("/reports/imports/new/", data)
    job = ImportJob.objects.get()
    response = client.get(f"/reports/imports/{job.pk}/")
    assert [row["row"] for row in response.context["rejection_rows"]] == [5]
    assert job.imported == 1


def test_a_file_whose_columns_are_not_recognised_can_be_mapped_by_hand(
    client, editor, brandl
) -> None:
    content = export(
        ["A-1;02.03.2026 08:12;02.03.2026 08:40;hoch", "A-2;02.03.2026 09:00;;hoch"],
        header="Vorgangsschlüssel;Zeitpunkt der Meldung;Rückmeldung;Wichtigkeit",
    )
    client.force_login(editor)
    job = send(client, brandl, content)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert job.state == State.FAILED
    assert f'href="/reports/imports/{job.pk}/mapping/"' in page
    response = client.get(f"/reports/imports/{job.pk}/mapping/")
    data = mapping_data(
        response,
        column_id="Vorgangsschlüssel",
        column_created="Zeitpunkt der Meldung",
        column_first_response="Rückmeldung",
        column_priority="Wichtigkeit",
    )
    client.post(f"/reports/imports/{job.pk}/mapping/", data)
    job.refresh_from_db()
    assert (job.state, job.imported, job.rejected) == (State.PREVIEW, 2, 0)
