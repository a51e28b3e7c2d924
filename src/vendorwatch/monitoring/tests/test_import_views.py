"""The import pages in each state of an import, for each role (the jobs are made by hand here;
test_import_views_flow.py runs real files through the pipeline)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportPreset, ImportRejection
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

State = ImportJob.State


def make_job(state: str = State.PREVIEW, **fields: Any) -> ImportJob:
    if "provider" not in fields:
        fields["provider"] = make_provider(name="Brandl IT GmbH")
    if "sla_policy" not in fields:
        fields["sla_policy"] = make_policy(name="SLA Standard", provider=fields["provider"])
    fields.setdefault("file_name", "tickets-2026-03.csv")
    return ImportJob.objects.create(state=state, **fields)


def reject(job: ImportJob, row: int, reason: str, field: str = "", value: str = "") -> None:
    ImportRejection.objects.create(job=job, row=row, reason=reason, field=field, value=value)


def ticket(job: ImportJob, ticket_id: str, **fields: Any) -> ExternalTicket:
    fields.setdefault("row", 2)
    fields.setdefault("priority_rank", 2)
    fields.setdefault("created", datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    return ExternalTicket.objects.create(
        provider=job.provider, job=job, ticket_id=ticket_id, **fields
    )


def text(response: Any) -> str:
    return " ".join(response.content.decode().split())


# --- who may see what ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/reports/imports/", "/reports/imports/new/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_viewer_sees_the_history_without_the_upload_button(client, viewer) -> None:
    make_job()
    client.force_login(viewer)
    response = client.get("/reports/imports/")
    assert response.status_code == 200
    assert "tickets-2026-03.csv" in text(response)
    assert "/reports/imports/new/" not in text(response)


def test_a_viewer_may_not_upload(client, viewer) -> None:
    client.force_login(viewer)
    assert client.get("/reports/imports/new/").status_code == 403


def test_a_viewer_sees_a_preview_without_import_and_discard(client, viewer) -> None:
    job = make_job(imported=3, rows_read=3)
    client.force_login(viewer)
    response = client.get(f"/reports/imports/{job.pk}/")
    assert response.status_code == 200
    assert f"/reports/imports/{job.pk}/commit/" not in text(response)
    assert f"/reports/imports/{job.pk}/discard/" not in text(response)


def test_a_viewer_cannot_commit(client, viewer) -> None:
    job = make_job(imported=3, rows_read=3)
    client.force_login(viewer)
    assert client.post(f"/reports/imports/{job.pk}/commit/").status_code == 403
    job.refresh_from_db()
    assert job.state == State.PREVIEW


def test_a_viewer_sees_a_done_import_without_undo(client, viewer) -> None:
    job = make_job(State.DONE, imported=3, rows_read=3)
    client.force_login(viewer)
    response = client.get(f"/reports/imports/{job.pk}/")
    assert f"/reports/imports/{job.pk}/undo/" not in text(response)


def test_a_viewer_may_not_open_the_undo_confirmation(client, viewer) -> None:
    job = make_job(State.DONE, imported=3, rows_read=3)
    client.force_login(viewer)
    assert client.get(f"/reports/imports/{job.pk}/undo/").status_code == 403


def test_a_viewer_may_not_change_the_mapping(client, viewer) -> None:
    job = make_job(imported=3, rows_read=3, file="imports/2026/03/x.csv")
    client.force_login(viewer)
    assert client.get(f"/reports/imports/{job.pk}/mapping/").status_code == 403


def test_a_viewer_may_not_discard(client, viewer) -> None:
    job = make_job(imported=3, rows_read=3)
    client.force_login(viewer)
    assert client.get(f"/reports/imports/{job.pk}/discard/").status_code == 403
    assert client.post(f"/reports/imports/{job.pk}/discard/").status_code == 403
    job.refresh_from_db()
    assert job.state == State.PREVIEW


def test_an_editor_sees_import_mapping_and_discard_on_a_preview(client, editor) -> None:
    job = make_job(imported=3, rows_read=3, file="imports/2026/03/x.csv")
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    for action in ("commit", "mapping", "discard"):
        assert f"/reports/imports/{job.pk}/{action}/" in page


# --- history ---------------------------------------------------------------------------------


def test_the_empty_history_offers_the_first_import(client, editor) -> None:
    client.force_login(editor)
    page = text(client.get("/reports/imports/"))
    assert "Noch kein Ticket-Export importiert" in page
    assert 'href="/reports/imports/new/"' in page


def test_the_history_shows_who_what_and_the_counts(client, editor) -> None:
    job = make_job(
        State.DONE,
        created_by=editor,
        preset_used="auto",
        rows_read=1234,
        imported=1200,
        updated=20,
        superseded=2,
        rejected=12,
    )
    client.force_login(editor)
    page = text(client.get("/reports/imports/"))
    assert f'href="/reports/imports/{job.pk}/"' in page
    assert "Brandl IT GmbH" in page and editor.get_full_name() in page
    assert "1.234" in page and "1.200" in page and "importiert" in page


def test_the_history_names_a_saved_format(client, editor) -> None:
    preset = ImportPreset.objects.create(name="Brandl Jira-Export", options={})
    make_job(State.DONE, preset_used=f"saved:{preset.pk}")
    client.force_login(editor)
    assert "Brandl Jira-Export" in text(client.get("/reports/imports/"))


GERMAN_STATES = {
    State.QUEUED: "wartet darauf, gelesen zu werden",
    State.ANALYSING: "wird gelesen",
    State.PREVIEW: "bereit zur Prüfung",
    State.COMMITTING: "wird gespeichert",
    State.DONE: "importiert",
    State.FAILED: "fehlgeschlagen",
    State.DISCARDED: "verworfen",
    State.UNDONE: "rückgängig gemacht",
}


@pytest.mark.parametrize("state", list(State))
def test_the_history_names_each_state_in_german(client, editor, state) -> None:
    make_job(state)
    client.force_login(editor)
    page = text(client.get("/reports/imports/"))
    assert f'<span class="badge import-{state.value}">{GERMAN_STATES[state]}</span>' in page


def test_the_history_names_a_built_in_format_in_german(client, editor) -> None:
    make_job(State.DONE, preset_used="zammad")
    client.force_login(editor)
    assert "Zammad (Bericht als XLSX)" in text(client.get("/reports/imports/"))


def test_the_history_shows_25_imports_a_page(client, editor) -> None:
    first = make_job()
    for _number in range(25):
        make_job(provider=first.provider, sla_policy=first.sla_policy)
    client.force_login(editor)
    response = client.get("/reports/imports/?page=2")
    assert len(response.context["rows"]) == 1
    assert client.get("/reports/imports/?page=x").status_code == 200


# --- progress --------------------------------------------------------------------------------


def test_a_running_import_shows_its_progress(client, editor) -> None:
    job = make_job(State.ANALYSING, progress_done=12000, progress_total=1_000_000)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert 'value="12000" max="1000000"' in page
    assert "12.000 von 1.000.000 Zeilen" in page
    assert f'hx-get="/reports/imports/{job.pk}/progress/"' in page


def test_the_progress_partial_shows_the_bar_alone(client, editor) -> None:
    job = make_job(State.COMMITTING, progress_done=5, progress_total=10)
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert text(response).startswith('<section id="import-progress"')
    assert "gespeichert" in text(response)


def test_the_progress_partial_reloads_the_page_when_the_import_moved_on(client, editor) -> None:
    job = make_job(State.PREVIEW)
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_a_queued_import_without_a_total_says_it_is_starting(client, editor) -> None:
    job = make_job(State.QUEUED)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert '<progress id="import-progress-bar"></progress>' in page


# --- preview ---------------------------------------------------------------------------------


def test_the_preview_leads_with_the_answer(client, editor) -> None:
    job = make_job(rows_read=1246, imported=1200, updated=34, rejected=12)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "1.234 Tickets werden importiert: 1.200 neu, 34 aktualisiert; 12 Zeilen abgelehnt." in (
        page
    )


def test_the_preview_shows_each_refused_row_with_number_field_and_reason(client, editor) -> None:
    job = make_job(rows_read=3, imported=1, rejected=2)
    reject(job, 7, "bad_date", "created", "31.02.2026 10:00")
    reject(job, 9, "unknown_priority", "priority", "Blocker")
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert '<td data-row="7">7</td>' in page and '<td data-row="9">9</td>' in page
    assert "„31.02.2026 10:00“" in page or "“31.02.2026 10:00”" in page
    assert "Blocker" in page


def test_a_refused_rows_reason_starts_with_a_capital_letter(client, editor) -> None:
    job = make_job(rows_read=1, rejected=1)
    reject(job, 7, "bad_date", "created", "31.02.2026 10:00")
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert '<td class="long-text">Erstellt: „31.02.2026 10:00“' in page


def test_the_refused_rows_come_50_to_a_page(client, editor) -> None:
    job = make_job(rows_read=61, rejected=60)
    for row in range(2, 62):
        reject(job, row, "empty_created", "created")
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/?page=2")
    assert [r["row"] for r in response.context["rejection_rows"]] == list(range(52, 62))


def test_the_preview_lists_what_was_assumed(client, editor) -> None:
    assumptions = [
        {"code": "delimiter", "params": {"delimiter": ";"}},
        {"code": "time_zone", "params": {"zone": "Europe/Berlin"}},
    ]
    job = make_job(rows_read=1, imported=1, assumptions=assumptions)
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/")
    assert len(response.context["assumptions"]) == 2
    assert "Deutschland (Berlin)" in text(response)


def test_a_preview_with_nothing_to_import_offers_no_import_button(client, editor) -> None:
    job = make_job(rows_read=2, rejected=2)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert f"/reports/imports/{job.pk}/commit/" not in page
    assert "0 Tickets werden importiert" in page


def test_the_preview_lists_where_the_verdicts_differ_leading_with_the_count(client, editor) -> None:
    job = make_job(rows_read=2, imported=2, disagreements=1)
    ticket(job, "INC-4711", response_met=False, provider_met=True, disagrees=True)
    ticket(job, "INC-4712", response_met=True, provider_met=True)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    count = "Bei 1 Ticket sagt der Export des Dienstleisters über das SLA etwas anderes"
    assert f'<p><a href="#disagreements">{count}' in page
    section = page[page.index('<section id="disagreements"') :]
    assert section.index(count) < section.index("<table")
    assert "INC-4711" in section and "INC-4712" not in section


def test_a_preview_without_differing_verdicts_has_no_such_list(client, editor) -> None:
    job = make_job(rows_read=1, imported=1)
    ticket(job, "INC-4712", response_met=True, provider_met=True)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert 'id="disagreements"' not in page and 'href="#disagreements"' not in page


@pytest.mark.parametrize("state", [State.PREVIEW, State.DONE])
def test_the_differing_verdicts_come_50_to_a_page(client, editor, state) -> None:
    job = make_job(state, rows_read=60, imported=60, disagreements=60)
    for number in range(60):
        created = datetime(2026, 3, 2, 8, number, tzinfo=UTC)
        ticket(job, f"T{number:02}", created=created, response_met=False, disagrees=True)
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/?differ=2")
    listed = [item["ticket"].ticket_id for item in response.context["disagreements"]]
    assert listed == [f"T{number:02}" for number in range(50, 60)]
    assert "Seite 2 von 2" in text(response)


@pytest.mark.parametrize("state", [State.PREVIEW, State.DONE])
def test_the_page_reads_the_imports_tickets_at_most_twice(client, editor, state) -> None:
    """No COUNT over a large import's rows: the job knows how many verdicts differ. The DONE
    page finds the first and last creation date in one aggregate."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    job = make_job(state, rows_read=2, imported=2, disagreements=1)
    ticket(job, "INC-4711", response_met=False, provider_met=True, disagrees=True)
    ticket(job, "INC-4712", response_met=True, provider_met=True)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/reports/imports/{job.pk}/")
    table = ExternalTicket._meta.db_table
    reads = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert not any("COUNT(" in sql for sql in reads)
    assert len(reads) == (2 if state == State.DONE else 1)


def test_discarding_asks_first(client, editor) -> None:
    job = make_job(rows_read=1, imported=1)
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/discard/")
    assert response.status_code == 200
    assert "Import verwerfen?" in text(response)
    job.refresh_from_db()
    assert job.state == State.PREVIEW


def test_committing_a_done_import_again_changes_nothing(client, editor) -> None:
    job = make_job(State.DONE, rows_read=1, imported=1)
    client.force_login(editor)
    response = client.post(f"/reports/imports/{job.pk}/commit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/reports/imports/{job.pk}/"
    job.refresh_from_db()
    assert job.state == State.DONE


# --- done ------------------------------------------------------------------------------------


def test_a_done_import_links_to_the_report_and_offers_undo(client, editor) -> None:
    job = make_job(State.DONE, rows_read=2, imported=2)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "2 Tickets wurden importiert" in page
    assert f'href="/reports/{job.provider_id}/"' in page
    assert f'href="/reports/imports/{job.pk}/undo/"' in page


def test_undo_asks_first(client, editor) -> None:
    job = make_job(State.DONE, rows_read=2, imported=2)
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/undo/")
    assert "Import rückgängig machen?" in text(response)
    job.refresh_from_db()
    assert job.state == State.DONE


def test_a_done_import_lists_where_the_verdicts_differ(client, editor) -> None:
    job = make_job(State.DONE, rows_read=2, imported=2, disagreements=1)
    ticket(
        job,
        "INC-4711",
        title="Drucker im Lager druckt nicht",
        response_due=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        first_response=datetime(2026, 3, 2, 10, 15, tzinfo=UTC),
        response_met=False,
        provider_met=True,
        provider_verdict="SLA erfüllt",
        disagrees=True,
    )
    ticket(job, "INC-4712", response_met=True, provider_met=True)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "INC-4711" in page and "INC-4712" not in page
    assert "SLA eingehalten<br><small>im Export: „SLA erfüllt“</small>" in page
    assert "fällig 02.03.2026 10:00" in page and "11:15" in page


def our_check(page: str, ticket_id: str) -> str:
    """The "Unsere Prüfung" cell of a ticket's row in the list of differing verdicts."""
    row = page[page.index(f'<td class="long-text">{ticket_id}') :]
    return row.split("<td")[3].split("</td>")[0]


def test_an_open_ticket_whose_response_was_met_is_not_called_met(client, editor) -> None:
    job = make_job(State.DONE, rows_read=1, imported=1, disagreements=1)
    ticket(
        job,
        "INC-5000",
        response_due=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        first_response=datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
        response_met=True,
        resolution_due=datetime(2026, 3, 3, 17, 0, tzinfo=UTC),
        resolution_met=None,
        provider_response_met=False,
        disagrees=True,
    )
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "noch offen" in our_check(page, "INC-5000")
    assert "eingehalten" not in our_check(page, "INC-5000")


def test_the_provider_verdict_per_target_is_shown_where_the_export_has_one(client, editor) -> None:
    job = make_job(State.DONE, rows_read=1, imported=1, disagreements=1)
    ticket(job, "INC-5001", response_met=True, provider_response_met=False, disagrees=True)
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "<li><small>Reaktion: verletzt</small></li>" in page


@pytest.mark.parametrize("response", [True, False, None])
@pytest.mark.parametrize("resolution", [True, False, None])
def test_our_overall_verdict_on_the_page_is_the_pipelines(response, resolution) -> None:
    import numpy as np

    from vendorwatch.monitoring import evaluation
    from vendorwatch.monitoring.views.imports import verdicts

    def code(verdict: bool | None) -> int:
        return evaluation.NONE if verdict is None else int(verdict)

    pipeline = evaluation.overall(
        np.array([code(response)], dtype=np.int8), np.array([code(resolution)], dtype=np.int8)
    )[0]
    [shown] = verdicts([ExternalTicket(response_met=response, resolution_met=resolution)])
    assert code(shown["ours"]) == pipeline


def test_a_ticket_in_the_year_9999_and_a_huge_title_do_not_break_the_page(client, editor) -> None:
    job = make_job(State.DONE, rows_read=1, imported=1, disagreements=1)
    ticket(
        job,
        "X" * 100,
        title="Sehr langer Titel " * 16,
        created=datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
        response_due=datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
        response_met=False,
        provider_met=True,
        disagrees=True,
    )
    client.force_login(editor)
    response = client.get(f"/reports/imports/{job.pk}/")
    assert response.status_code == 200
    assert "31.12.9999 23:30" in text(response)


# --- ended -----------------------------------------------------------------------------------


def test_a_failed_import_says_why_and_offers_to_try_again(client, editor) -> None:
    job = make_job(State.FAILED, message="Die Datei ist leer.")
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "Die Datei ist leer." in page
    assert f'href="/reports/imports/new/?provider={job.provider_id}"' in page


def test_an_undone_import_says_by_whom_and_when(client, editor) -> None:
    job = make_job(
        State.UNDONE, undone_by=editor, undone_at=datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
    )
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    assert "05.03.2026 10:30" in page
    assert editor.get_full_name() in page


def test_a_discarded_import_says_nothing_was_imported(client, editor) -> None:
    job = make_job(State.DISCARDED)
    client.force_login(editor)
    assert "wurde nichts importiert" in text(client.get(f"/reports/imports/{job.pk}/"))


def test_a_missing_import_is_not_found(client, editor) -> None:
    client.force_login(editor)
    assert client.get("/reports/imports/999/").status_code == 404


def test_a_done_import_links_to_the_report_of_its_tickets_months(
    client, editor, time_machine
) -> None:
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    job = make_job(State.DONE, rows_read=2, imported=2)
    ticket(job, "1", created=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    ticket(job, "2", created=datetime(2026, 4, 30, 22, 30, tzinfo=UTC))  # 1 May in Berlin
    client.force_login(editor)
    page = text(client.get(f"/reports/imports/{job.pk}/"))
    print(page[page.find("outcome-heading") :][:1500])
    assert f'href="/reports/{job.provider_id}/?from=01.03.2026&amp;to=31.05.2026"' in page


def test_no_second_report_link_when_the_tickets_are_of_last_month(
    client, editor, time_machine
) -> None:
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    job = make_job(State.DONE, rows_read=1, imported=1)
    ticket(job, "1", created=datetime(2026, 10, 5, 8, 0, tzinfo=UTC))
    client.force_login(editor)
    assert "?from=" not in text(client.get(f"/reports/imports/{job.pk}/"))


def test_a_waiting_import_says_when_no_job_runner_is_running(client, editor) -> None:
    job = make_job(State.QUEUED)
    client.force_login(editor)
    assert "Hintergrunddienst" in text(client.get(f"/reports/imports/{job.pk}/"))


def test_a_waiting_import_says_nothing_of_a_running_job_runner(client, editor) -> None:
    from vendorwatch.jobs.heartbeat import Heartbeat

    Heartbeat(interval_seconds=30).beat()
    job = make_job(State.QUEUED)
    client.force_login(editor)
    assert "Hintergrunddienst" not in text(client.get(f"/reports/imports/{job.pk}/"))


def test_the_mapping_page_keeps_its_address_in_its_own_module() -> None:
    from django.urls import resolve, reverse

    from vendorwatch.monitoring.views import import_mapping

    path = reverse("monitoring-import-mapping", args=[7])
    assert path == "/reports/imports/7/mapping/"
    assert resolve(path).func is import_mapping.import_mapping
