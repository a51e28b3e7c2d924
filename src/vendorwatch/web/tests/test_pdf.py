import fcntl
import http.server
import io
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.test import RequestFactory
from django.utils import translation

from vendorwatch.web import pdf
from vendorwatch.web.pdf import PdfAttachment, PdfUnavailable, render_pdf, shorten

# About 6 s of layout work: many lines in one table cell that has to break across pages.
SLOW_HTML = "<table><tr><th>a</th><td>" + "Zeile<br>" * 3000 + "</td></tr></table>"


def text_of(document: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(document)).pages)


@pytest.fixture
def one_slot(settings: Any) -> Any:
    settings.PDF_SLOTS = 1
    settings.PDF_WAIT = 0
    settings.PDF_TIMEOUT = 20
    return settings


@contextmanager
def slot_taken_elsewhere(settings: Any, number: int = 0) -> Iterator[None]:
    """Hold a slot as another worker process would: its own open file, locked."""
    folder = Path(settings.DATA_DIR) / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"slot-{number}.lock", "ab") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


# --- text ------------------------------------------------------------------------------------


def test_short_text_stays_as_it_is() -> None:
    part = shorten("Drucker offline.\nSeit 9 Uhr.")
    assert (part.text, part.shortened, part.shown, part.length) == (
        "Drucker offline.\nSeit 9 Uhr.",
        False,
        28,
        28,
    )


def test_text_is_cut_after_the_last_line_that_fits() -> None:
    part = shorten("eins\nzwei\ndrei\nvier", max_lines=2)
    assert (part.text, part.shortened, part.shown, part.length) == ("eins\nzwei", True, 9, 19)


def test_text_is_cut_at_a_word_boundary() -> None:
    # 40 characters allowed; the last space within them is the one after "und" (index 38).
    part = shorten("Der Drucker im Büro meldet Offline und druckt nichts mehr", max_chars=40)
    assert part.text == "Der Drucker im Büro meldet Offline und"
    assert part.shortened


def test_a_very_long_word_gets_invisible_break_points() -> None:
    part = shorten("x" * 130)
    assert part.text == "x" * 60 + "\u200b" + "x" * 60 + "\u200b" + "x" * 10
    assert not part.shortened and part.shown == 130


def test_e_mail_text_keeps_long_words_whole() -> None:
    link = "https://example.com/" + "a" * 100
    assert shorten(link, break_words=False).text == link


def test_two_megabytes_are_cut_to_a_document_s_worth() -> None:
    part = shorten(("Fehlerzeile im Protokoll 0x0042 " * 40 + "\n") * 1600)
    assert part.shortened and part.length == 1281 * 1600 - 2  # trailing " \n" dropped
    assert part.shown <= pdf.MAX_CHARS and part.text.count("\n") < pdf.MAX_LINES


# --- rendering -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_renders_a_pdf_with_the_text(one_slot: Any) -> None:
    document = render_pdf("<h1>Störungsmeldung</h1><p>Reaktion fällig: 25.11.2026 13:00</p>")
    assert document.startswith(b"%PDF")
    assert "Reaktion fällig: 25.11.2026 13:00" in text_of(document)


@pytest.mark.django_db
def test_an_attachment_travels_inside_the_pdf(one_slot: Any) -> None:
    full = ("Zeile\n" * 400_000).encode()
    document = render_pdf("<p>gekürzt</p>", attachments=[PdfAttachment("voll.txt", full)])
    assert pypdf.PdfReader(io.BytesIO(document)).attachments["voll.txt"] == [full]


@pytest.mark.django_db
def test_the_document_fetches_nothing_from_the_network(one_slot: Any) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        render_pdf(f'<img src="{url}/bild.png"><link rel="stylesheet" href="{url}/a.css">')
    finally:
        server.shutdown()
    assert hits == []


# --- bounds ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_busy_when_every_slot_is_taken(one_slot: Any) -> None:
    with slot_taken_elsewhere(one_slot), pytest.raises(PdfUnavailable) as caught:
        render_pdf("<p>x</p>")
    assert caught.value.reason == PdfUnavailable.BUSY


@pytest.mark.django_db
def test_waits_for_a_slot_that_comes_free(one_slot: Any) -> None:
    one_slot.PDF_WAIT = 5
    taken = threading.Event()

    def hold_for_a_second() -> None:
        with slot_taken_elsewhere(one_slot):
            taken.set()
            time.sleep(1)

    holder = threading.Thread(target=hold_for_a_second)
    holder.start()
    taken.wait(5)
    started = time.monotonic()
    try:
        assert render_pdf("<p>x</p>").startswith(b"%PDF")
    finally:
        holder.join()
    assert time.monotonic() - started > 0.8


@pytest.mark.django_db
def test_a_slot_taken_before_preparing_is_used_for_the_rendering(one_slot: Any) -> None:
    with pdf.pdf_slot():
        assert render_pdf("<p>x</p>").startswith(b"%PDF")
    assert render_pdf("<p>x</p>").startswith(b"%PDF")  # and given back afterwards


@pytest.mark.django_db
def test_uses_a_second_slot_when_the_first_is_taken(one_slot: Any) -> None:
    one_slot.PDF_SLOTS = 2
    with slot_taken_elsewhere(one_slot, number=0):
        assert render_pdf("<p>x</p>").startswith(b"%PDF")


@pytest.mark.django_db
def test_a_worker_process_takes_no_more_than_its_share(one_slot: Any) -> None:
    one_slot.PDF_SLOTS = 5
    for _ in range(pdf.PER_PROCESS):
        assert pdf._process_gate.acquire(blocking=False)
    try:
        with pytest.raises(PdfUnavailable) as caught:
            render_pdf("<p>x</p>")
    finally:
        for _ in range(pdf.PER_PROCESS):
            pdf._process_gate.release()
    assert caught.value.reason == PdfUnavailable.BUSY


@pytest.mark.django_db
def test_rendering_is_stopped_when_time_runs_out_and_the_slot_is_free_again(
    one_slot: Any,
) -> None:
    one_slot.PDF_TIMEOUT = 1
    started = time.monotonic()
    with pytest.raises(PdfUnavailable) as caught:
        render_pdf(SLOW_HTML)
    assert caught.value.reason == PdfUnavailable.TIMEOUT
    assert time.monotonic() - started < 3
    one_slot.PDF_TIMEOUT = 20
    assert render_pdf("<p>x</p>").startswith(b"%PDF")


def test_the_rendering_process_stops_itself_at_its_cpu_limit() -> None:
    # Even when the worker that waits for it has died, nobody else has to stop it.
    context = pdf._context()
    reader, writer = context.Pipe(duplex=False)
    job = {"html": SLOW_HTML, "stylesheets": [], "attachments": [], "cpu_seconds": 1}
    child = context.Process(target=pdf._render_child, args=(writer, job), daemon=True)
    started = time.monotonic()
    child.start()
    writer.close()
    child.join(30)
    assert child.exitcode == -signal.SIGXCPU
    assert time.monotonic() - started < 4
    with pytest.raises(EOFError):
        reader.recv_bytes()


@pytest.mark.django_db
def test_a_crash_while_rendering_is_reported_as_failed(one_slot: Any) -> None:
    with pytest.raises(PdfUnavailable) as caught:
        render_pdf("<p>x</p>", stylesheets=[], attachments=[PdfAttachment("a", "no bytes")])  # type: ignore[arg-type]
    assert caught.value.reason == PdfUnavailable.FAILED


# --- the page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_busy_page_is_calm_and_in_german(rf: RequestFactory, viewer: Any) -> None:
    request = rf.get("/problems/1/report.pdf")
    request.user = viewer
    with translation.override("de"):
        response = pdf.unavailable_response(request, PdfUnavailable(PdfUnavailable.BUSY))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "zu vielen Personen gleichzeitig erstellt" in response.content.decode()


@pytest.mark.django_db
def test_a_view_whose_service_makes_a_pdf_answers_calmly(rf: RequestFactory, viewer: Any) -> None:
    @pdf.calm_when_unavailable
    def view(request: Any) -> Any:
        raise PdfUnavailable(PdfUnavailable.TIMEOUT)

    request = rf.post("/expectations/document/")
    request.user = viewer
    with translation.override("en"):
        response = view(request)
    assert response.status_code == 503
    assert "took too long and was stopped" in response.content.decode()
