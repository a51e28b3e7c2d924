"""Import a provider's ticket export in the browser, the way an office manager does it.

The file is large enough to go through the job runner (IMPORT_INLINE_BYTES = 0), which runs
in a thread of this test. It holds its rounds until the page has shown the progress bar, so
the page is seen waiting, then updating itself to the result.

Service hours Mon–Fri 08–17 without public holidays; tickets of the last full month, in the
second week (never near a change of the clocks). P2 ("hoch"): response within 1 business
hour, resolution within 8; P3 ("mittel"): 4 hours, 3 business days.

    A  P2 Tuesday 08:12, answered 08:40, resolved 11:05             response met, resolved met
    B  P2 Tuesday 09:00, answered 10:30 (due 10:00), resolved 15:00  response missed,
       although the export says "SLA eingehalten: Ja"               resolved met
    C  P3 Wednesday 14:00, answered 14:20, still open                response met
    and three rows refused: a 31 February, no creation date, an unknown priority.

Response: 2 of 3 met = 66,67 %; resolution: 2 of 2 closed met = 100,00 %.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pypdf
import pytest
from django.db import close_old_connections, connection
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.jobs.heartbeat import Heartbeat
from vendorwatch.jobs.runner import run_round
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

State = ImportJob.State


def second_tuesday_of_last_month() -> date:
    first = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    day = first + timedelta(days=7)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def export() -> bytes:
    tuesday = second_tuesday_of_last_month()
    tue, wed = f"{tuesday:%d.%m.%Y}", f"{tuesday + timedelta(days=1):%d.%m.%Y}"
    lines = [
        "Ticketnummer;Betreff;Erstellt am;Erste Reaktion;Gelöst am;Priorität;Status;"
        "SLA eingehalten",
        f"4711;Drucker im Lager;{tue} 08:12;{tue} 08:40;{tue} 11:05;hoch;geschlossen;Ja",
        f"4712;VPN bricht ab;{tue} 09:00;{tue} 10:30;{tue} 15:00;hoch;geschlossen;Ja",
        f"4713;Zugang für neue Kollegin;{wed} 14:00;{wed} 14:20;;mittel;offen;",
        f"4714;Server langsam;31.02.{tuesday.year} 10:00;;;hoch;offen;",
        "4715;Telefon ohne Ton;;;;mittel;offen;",
        f"4716;Kassensystem;{wed} 11:00;{wed} 11:10;;Stufe Gelb;offen;",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


class Runner:
    """`vendorwatch run-jobs --loop` in a thread, with short pauses; its rounds (which read
    and commit waiting imports) run only while ``go`` is set."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self) -> None:
        heartbeat = Heartbeat(interval_seconds=1, name="test runner")
        try:
            while not self.stop.is_set():
                close_old_connections()
                if self.go.is_set():
                    try:
                        run_round(heartbeat)
                    except BaseException as error:  # shown by the test, not lost in a thread
                        self.errors.append(error)
                        return
                else:
                    heartbeat.beat_if_due()
                self.stop.wait(0.2)
        finally:
            connection.close()


@pytest.fixture
def runner(settings: Any, tmp_path: Any) -> Iterator[Runner]:
    settings.IMPORT_INLINE_BYTES = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    background = Runner()
    background.thread.start()
    yield background
    background.stop.set()
    background.thread.join(timeout=30)
    assert not background.errors, background.errors


def brandl() -> None:
    make_organisation(name="Beispiel GmbH")
    provider = make_provider(name="Brandl IT GmbH")
    calendar = make_calendar(name="Mo–Fr 8–17 Uhr", holiday_region="")
    make_policy(name="SLA Brandl", provider=provider, terms=terms(calendar))


def test_upload_preview_commit_report_and_pdf(page: CheckedPage, editor, runner) -> None:
    brandl()
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/reports/imports/new/")
    expect(page.locator("#id_provider option:checked")).to_have_text("Brandl IT GmbH")
    expect(page.locator("#id_sla_policy option:checked")).to_have_text("SLA Brandl")
    page.locator("#id_file").set_input_files(
        files=[{"name": "Tickets Brandl.csv", "mimeType": "text/csv", "buffer": export()}]
    )
    page.locator("main button[type=submit]").click()
    page.check()

    # Waiting for the runner: the progress bar, polled every second.
    expect(page.locator("main h2")).to_have_text("Die Datei wartet darauf, gelesen zu werden")
    expect(page.locator("main progress")).to_be_visible()
    expect(page.locator("main .message-warning")).to_have_count(0)
    runner.go.set()
    answer = "3 Tickets werden importiert: 3 neu, 0 aktualisiert; 3 Zeilen abgelehnt."
    expect(page.locator("#outcome-heading")).to_have_text(answer, timeout=15_000)
    page.check()
    runner.go.clear()

    # The preview: each refused row with its line and reason, and what was assumed.
    rows = page.locator("table.rejections tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("31.02.")
    expect(rows.nth(0).locator("td").first).to_have_text("5")
    expect(rows.nth(1).locator("td").first).to_have_text("6")
    expect(rows.nth(2)).to_contain_text("Stufe Gelb")
    expect(page.locator("#assumed-heading")).to_have_text("Was angenommen wurde")
    expect(page.locator("ul.assumptions li").first).to_be_visible()
    # ... and, before anything is imported, the ticket where the provider judged otherwise.
    expect(page.locator("#outcome-heading ~ p a[href='#disagreements']")).to_be_visible()
    expect(page.locator("table.disagreements tbody tr")).to_have_count(1)
    expect(page.locator("table.disagreements tbody tr")).to_contain_text("4712")

    # Commit: saved by the runner while the page shows it is being saved.
    page.get_by_role("button", name="Importieren").click()
    page.check()
    expect(page.locator("main h2")).to_have_text("Die Tickets werden gespeichert")
    runner.go.set()
    expect(page.locator("#outcome-heading")).to_have_text(
        "3 Tickets wurden importiert: 3 neu, 0 aktualisiert; 3 Zeilen abgelehnt.",
        timeout=15_000,
    )
    page.check()
    assert ExternalTicket.objects.in_force().count() == 3
    expect(page.locator("#disagreements")).to_contain_text("4712")

    # The report of the last full month, and its PDF.
    page.get_by_role("button", name="SLA-Bericht für Brandl IT GmbH").click()
    page.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF herunterladen").click()
    reader = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "66,67 %" in text
    assert "100,00 %" in text


def test_the_import_pages_fit_a_phone(page: CheckedPage, editor, runner) -> None:
    brandl()
    page.set_viewport_size({"width": 375, "height": 800})
    login_in_browser(page, editor.username, PASSWORD)
    runner.go.set()
    page.goto("/reports/imports/")
    page.goto("/reports/imports/new/")
    page.locator("#id_file").set_input_files(
        files=[{"name": "Tickets Brandl.csv", "mimeType": "text/csv", "buffer": export()}]
    )
    page.locator("main button[type=submit]").click()
    expect(page.locator("#outcome-heading")).to_contain_text("3 Tickets", timeout=15_000)
    page.check()
    job = ImportJob.objects.get()
    page.goto(f"/reports/imports/{job.pk}/mapping/")
    page.goto(f"/reports/imports/{job.pk}/discard/")
    page.goto("/reports/imports/")
