"""Every PDF the app makes goes through here: bounded text, bounded time, few at once.

WeasyPrint lays out pages in pure Python. A problem report with a megabyte of pasted log took
over a minute, and while it ran it held its gunicorn worker's interpreter lock, so the other
threads of that worker (other people's pages) stood still; eight such requests stopped the site.
Hence three bounds, all here:

- Text: :func:`shorten` cuts a long text (characters, lines, unbroken words) before it goes
  into a document; the caller attaches the full text to the PDF as a file instead.
- Time: the PDF is rendered in a separate process of lower priority, forked from a server
  process that has WeasyPrint loaded. The request thread only waits on a pipe (it holds no
  lock, the worker's other threads run on) and kills the process when
  ``VENDORWATCH_PDF_TIMEOUT`` seconds have passed; the process limits its own CPU time and
  memory, so it ends even if the worker that waits for it has died.
- Count: at most ``VENDORWATCH_PDF_SLOTS`` renderings run at once on the machine, counted
  with locked slot files in the data directory (shared by all gunicorn workers, released by
  the kernel when a worker dies), and at most :data:`PER_PROCESS` requests of one worker
  process wait for or hold a slot, so a worker always keeps threads for other pages.

When a bound is hit the caller gets :class:`PdfUnavailable`; views answer with
:func:`unavailable_response` (a calm page, 503), never with a hung worker.
"""

from __future__ import annotations

import functools
import io
import logging
import multiprocessing
import multiprocessing.context
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

# Requests of one worker process that may wait for or hold a slot at the same time. A worker
# serves one request at a time unless started with threads (``vendorwatch serve --threads``);
# with 4 threads, 2 stay for pages.
PER_PROCESS = 2
# Text that goes into a document, per field: about two pages. Layout time grows with lines.
MAX_CHARS = 4000
MAX_LINES = 80
# WeasyPrint breaks an unbroken word by trying ever shorter pieces (quadratic): give it places.
MAX_WORD = 60
ZERO_WIDTH_SPACE = "\u200b"
# Niceness of the rendering process (0 = as important as pages, 19 = only when idle).
NICE = 5
# Address space the rendering process may use; a report of bounded text peaks at ~220 MB.
MEMORY_BYTES = 1024**3
POLL_SECONDS = 0.1

_process_gate = threading.BoundedSemaphore(PER_PROCESS)
_held = threading.local()


class PdfUnavailable(Exception):
    """No PDF now: all slots busy, rendering took too long, or it failed."""

    BUSY = "busy"
    TIMEOUT = "timeout"
    FAILED = "failed"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class PdfAttachment:
    """A file inside the PDF (e.g. the full text that was shortened in the document)."""

    filename: str
    content: bytes
    description: str = ""


@dataclass(frozen=True)
class Shortened:
    text: str
    shortened: bool
    shown: int  # characters of the full text that ``text`` holds
    length: int  # characters of the full text


def slots() -> int:
    from django.conf import settings

    return int(settings.PDF_SLOTS)


def timeout_seconds() -> int:
    from django.conf import settings

    return int(settings.PDF_TIMEOUT)


def wait_seconds() -> int:
    from django.conf import settings

    return int(settings.PDF_WAIT)


def _break_long_words(line: str) -> str:
    words = line.split(" ")
    return " ".join(
        ZERO_WIDTH_SPACE.join(w[i : i + MAX_WORD] for i in range(0, len(w), MAX_WORD))
        if len(w) > MAX_WORD
        else w
        for w in words
    )


def shorten(
    text: str, *, max_chars: int = MAX_CHARS, max_lines: int = MAX_LINES, break_words: bool = True
) -> Shortened:
    """The beginning of ``text`` that a document can lay out quickly.

    At most ``max_lines`` lines and ``max_chars`` characters, cut at a line or word boundary
    where there is one nearby; words longer than :data:`MAX_WORD` get invisible break points
    (not for e-mail text, where they would break links).
    """
    full = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    kept = "\n".join(full.split("\n", max_lines)[:max_lines])
    if len(kept) > max_chars:
        cut = kept[:max_chars]
        boundary = max(cut.rfind("\n"), cut.rfind(" "))
        kept = cut[:boundary] if boundary > max_chars * 3 // 4 else cut
    kept = kept.rstrip()
    shown = len(kept)
    if break_words:
        kept = "\n".join(_break_long_words(line) for line in kept.split("\n"))
    return Shortened(kept, shown < len(full), shown, len(full))


def _slot_dir() -> Path:
    from django.conf import settings

    folder = Path(settings.DATA_DIR) / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _try_slots(folder: Path, count: int) -> IO[bytes] | None:
    import fcntl

    for number in range(count):
        handle = open(folder / f"slot-{number}.lock", "ab")  # noqa: SIM115 - held past return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        return handle
    return None


@contextmanager
def pdf_slot() -> Iterator[IO[bytes]]:
    """A rendering slot, shared by all processes; :class:`PdfUnavailable` if none comes free.

    :func:`render_pdf` takes one itself. A caller that prepares a large document first takes
    it around the preparation, so that a request that will not get a slot costs nothing.
    """
    held = getattr(_held, "handle", None)
    if held is not None:  # this thread has its slot already
        yield held
        return
    if not _process_gate.acquire(blocking=False):
        raise PdfUnavailable(PdfUnavailable.BUSY, "this worker already renders")
    try:
        folder, count = _slot_dir(), slots()
        deadline = time.monotonic() + wait_seconds()
        while (handle := _try_slots(folder, count)) is None:
            if time.monotonic() >= deadline:
                raise PdfUnavailable(PdfUnavailable.BUSY, f"all {count} slots taken")
            time.sleep(POLL_SECONDS)
        _held.handle = handle
        try:
            yield handle
        finally:
            _held.handle = None
            handle.close()
    finally:
        _process_gate.release()


def static_path(name: str) -> Path:
    """The file of the static asset ``name`` (e.g. "problems/report.css")."""
    from django.contrib.staticfiles import finders

    found = finders.find(name)
    if not isinstance(found, str):
        raise FileNotFoundError(f"static file {name!r} is missing")
    return Path(found)


def render_pdf(
    html: str,
    *,
    stylesheets: Sequence[str | Path] = (),
    static_css: Sequence[str] = (),
    attachments: Sequence[PdfAttachment] = (),
) -> bytes:
    """The PDF of ``html``, rendered in a separate process within the bounds above.

    The document may load nothing from outside (no URLs, no files) except ``data:`` URLs;
    stylesheets (files, or static assets named in ``static_css``) are read here and handed
    over as text.
    """
    stylesheets = [*stylesheets, *(static_path(name) for name in static_css)]
    job = {
        "html": html,
        "stylesheets": [Path(sheet).read_text(encoding="utf-8") for sheet in stylesheets],
        "attachments": [(a.filename, a.content, a.description) for a in attachments],
        "cpu_seconds": timeout_seconds() + 1,
    }
    with pdf_slot():
        return _run(job)


def _context() -> multiprocessing.context.ForkServerContext:
    """Rendering processes are forked from a server that has imported WeasyPrint once.

    Importing WeasyPrint costs about a second of CPU, more than laying out a bounded report;
    forking from a clean, single-threaded server process (not from a worker with threads and
    database connections) keeps that to once per worker process.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "weasyprint"])
    return context


def _run(job: dict[str, Any]) -> bytes:
    seconds = timeout_seconds()
    started = time.monotonic()
    context = _context()
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_render_child, args=(writer, job), daemon=True)
    process.start()
    writer.close()
    try:
        if not reader.poll(seconds):
            process.kill()
            process.join()
            logger.warning("PDF rendering stopped after %d s (%d chars)", seconds, len(job["html"]))
            raise PdfUnavailable(PdfUnavailable.TIMEOUT, f"after {seconds} s")
        try:
            out = reader.recv_bytes()
        except EOFError:  # it died: its CPU or memory limit, or a crash
            out = b""
    finally:
        reader.close()
    process.join(5)
    if not out.startswith(b"%PDF"):
        detail = out.decode("utf-8", "replace")[-2000:]
        logger.error("PDF rendering failed (exit %s): %s", process.exitcode, detail)
        raise PdfUnavailable(PdfUnavailable.FAILED, f"exit {process.exitcode}")
    logger.info("PDF rendered in %.1f s (%d bytes)", time.monotonic() - started, len(out))
    return out


# --- the views' side -------------------------------------------------------------------------


def unavailable_response(
    request: HttpRequest, error: PdfUnavailable, *, back_url: str = ""
) -> HttpResponse:
    """A calm page in the user's language: try again in a minute (503), or it failed (500)."""
    from django.shortcuts import render

    status = 500 if error.reason == PdfUnavailable.FAILED else 503
    context = {"reason": error.reason, "back_url": back_url}
    response = render(request, "web/pdf_unavailable.html", context, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


def pdf_download(
    request: HttpRequest, *, filename: str, render: Callable[[], bytes], back_url: str = ""
) -> HttpResponse:
    """The PDF as a download, or the calm page when it cannot be made now."""
    from django.http import HttpResponse

    try:
        pdf = render()
    except PdfUnavailable as error:
        return unavailable_response(request, error, back_url=back_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calm_when_unavailable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views whose service makes a PDF: the calm page instead of an error."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PdfUnavailable as error:
            return unavailable_response(request, error)

    return wrapper


# --- the rendering process -------------------------------------------------------------------


def _render_here(job: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML, Attachment
    from weasyprint.urls import URLFetcher

    # Everything the document needs is in the job; nothing is fetched from a network or disk.
    fetcher = URLFetcher(allowed_protocols={"data"})
    sheets = [CSS(string=text, url_fetcher=fetcher) for text in job["stylesheets"]]
    files = [
        Attachment(file_obj=io.BytesIO(content), name=name, description=description or None)
        for name, content, description in job["attachments"]
    ]
    document = HTML(string=job["html"], url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=sheets, attachments=files)
    return pdf


def _limit_this_process(cpu_seconds: int) -> None:
    import resource

    # Pages first: a PDF can wait a moment, a person clicking cannot. Not lower than this,
    # though: on a busy machine a PDF at the lowest priority would never finish in time.
    os.nice(NICE)
    # The CPU limit ends the process even if the worker that waits for it has died.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _render_child(connection: Connection, job: dict[str, Any]) -> None:
    try:
        _limit_this_process(int(job["cpu_seconds"]))
        connection.send_bytes(_render_here(job))
    except Exception:  # reported to the waiting worker, which logs it
        connection.send_bytes(traceback.format_exc().encode("utf-8"))
    finally:
        connection.close()
