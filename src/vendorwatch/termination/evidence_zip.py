"""The ZIP of the evidence pack: file names every system keeps, one top folder, and the
SHA-256 of every file for the manifest that ``sha256sum -c`` verifies.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import IO

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from vendorwatch.web.files import inside_storage
from vendorwatch.web.pdf import shorten

logger = logging.getLogger(__name__)

# Rows each list of the summary shows; the CSV files hold all of them.
SUMMARY_ROWS = 100
READ_BYTES = 1024 * 1024
# Stored files (attachments, documents, proofs) the pack takes, together.
MAX_FILES_BYTES = 2 * 1024**3
# Compressed already: stored as they are.
STORED_SUFFIXES = {
    ".pdf", ".zip", ".gz", ".7z", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic",
    ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".mp4", ".mov",
}  # fmt: skip


# --- names ------------------------------------------------------------------------------------

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(UMLAUTS))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _clean(text: str) -> str:
    return re.sub(r"\.{2,}", ".", UNSAFE.sub("_", _ascii(text))).strip("._-")


def safe_name(text: str, *, default: str = "file", limit: int = 80) -> str:
    """``text`` as a file name every system keeps and no unzip tool reads as a path: ASCII
    letters, digits, ``.``, ``-`` and ``_`` only (folders become part of the name), no
    leading dot, no ``..``, at most ``limit`` characters with the extension kept
    (``default`` where no name is left)."""
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem.strip(".") or not _clean(suffix) or len(suffix) > 10:
        stem, suffix = text, ""
    stem, suffix = _clean(stem), _clean(suffix)
    room = limit - len(suffix) - 1 if suffix else limit
    stem = stem[:room].rstrip("._-") or default
    if stem.split(".")[0].upper() in RESERVED:  # Windows cannot create these
        stem = f"_{stem}"
    return f"{stem}.{suffix}" if suffix else stem


def slug(text: str, default: str = "provider") -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")[:40].strip("-") or default


def iso(day: date | None) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}" if day else "undated"


def short(text: str | None, chars: int = 300) -> str:
    """A user's text bounded for the summary (the full text is in the records)."""
    part = shorten(text or "", max_chars=chars, max_lines=6)
    return part.text + " …" if part.shortened else part.text


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


# --- the ZIP ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """A file a record names that the pack does not hold, and why."""

    record: str
    path: str
    reason: str


class Pack:
    """A ZIP whose files lie in one top folder, with the SHA-256 of each for the manifest."""

    def __init__(self, handle: IO[bytes], root: str, stamp: datetime) -> None:
        self.zip = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.root = root
        self.stamp = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, 0)
        self.sums: dict[str, str] = {}
        self.taken: set[str] = set()
        self.missing: list[Missing] = []
        self.stored_bytes = 0

    def free(self, stem: str, *suffixes: str) -> str:
        """``stem``, else ``stem-2``, ``stem-3`` …: the first with every ``stem + suffix``
        free; those names are taken from now on. Compared without case: Windows and macOS
        would unpack ``Log.txt`` and ``log.txt`` into one file."""
        candidate, number = stem, 1
        while any((candidate + suffix).lower() in self.taken for suffix in suffixes):
            number += 1
            candidate = f"{stem}-{number}"
        self.taken.update((candidate + suffix).lower() for suffix in suffixes)
        return candidate

    def name(self, folder: str, filename: str, default: str = "file") -> str:
        """A free path in ``folder`` for a file the user named ``filename``."""
        safe = safe_name(filename, default=default)
        stem, dot, suffix = safe.rpartition(".")
        if not dot:
            stem, suffix = safe, ""
        ending = f".{suffix}" if suffix else ""
        return self.free(f"{folder}/{stem}" if folder else stem, ending) + ending

    @contextmanager
    def entry(self, path: str, *, large: bool = False) -> Iterator[Callable[[bytes], object]]:
        self.taken.add(path.lower())  # a fixed name (timeline.csv) is taken as well
        info = zipfile.ZipInfo(f"{self.root}/{path}", self.stamp)
        stored = PurePosixPath(path).suffix.lower() in STORED_SUFFIXES
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        digest = hashlib.sha256()
        with self.zip.open(info, "w", force_zip64=large) as out:

            def write(data: bytes) -> None:
                digest.update(data)
                out.write(data)

            yield write
        self.sums[path] = digest.hexdigest()

    def add_bytes(self, path: str, data: bytes) -> str:
        with self.entry(path) as write:
            write(data)
        return path

    def add_text(self, path: str, text: str) -> str:
        return self.add_bytes(path, text.encode("utf-8"))

    def add_csv(self, path: str, rows: Iterable[Iterable[object]]) -> int:
        """Rows as CSV (";", UTF-8 with the mark Excel needs); the number of rows after the
        header."""
        with self.entry(path) as write:
            return write_csv(write, rows)

    def add_spooled(self, path: str, handle: IO[bytes]) -> str:
        handle.seek(0)
        with self.entry(path) as write:
            while chunk := handle.read(READ_BYTES):
                write(chunk)
        return path

    def add_stored(self, path: str, stored: FieldFile | None, record: str) -> str | None:
        """An uploaded file, copied a piece at a time; ``None`` (and listed as missing) when
        the storage does not have it or the pack is full."""
        if not stored:
            self.missing.append(Missing(record, path, _("no file is stored for this record")))
            return None
        if not inside_storage(stored):
            # Only a changed database or a planted link can cause it: never copy it into the pack.
            logger.error("evidence pack: %s: %r lies outside the storage", record, stored.name)
            self.missing.append(Missing(record, path, _("the file is missing from the storage")))
            return None
        try:
            size = stored.size
            handle = stored.open("rb")
        except OSError:
            logger.warning("evidence pack: %s: file %s is missing", record, stored.name)
            self.missing.append(Missing(record, path, _("the file is missing from the storage")))
            return None
        with handle:
            if self.stored_bytes + size > MAX_FILES_BYTES:
                reason = _("left out: the pack would grow beyond %(size)s GB") % {
                    "size": MAX_FILES_BYTES // 1024**3
                }
                self.missing.append(Missing(record, path, reason))
                return None
            self.stored_bytes += size
            with self.entry(path, large=size > 1024**3) as write:
                while chunk := handle.read(READ_BYTES):
                    write(chunk)
        return path

    def finish(self) -> None:
        """Write the manifest (every file but itself) and close the ZIP."""
        lines = "".join(f"{digest}  {path}\n" for path, digest in sorted(self.sums.items()))
        info = zipfile.ZipInfo(f"{self.root}/SHA256SUMS", self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, lines.encode("ascii"))
        self.zip.close()


def write_csv(write: Callable[[bytes], object], rows: Iterable[Iterable[object]]) -> int:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    buffer.write("\ufeff")  # so that Excel reads the umlauts as UTF-8
    count = -1
    for count, row in enumerate(rows):
        writer.writerow(row)
        if count % 500 == 499:
            write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    write(buffer.getvalue().encode("utf-8"))
    return max(count, 0)


class Spool:
    """A CSV written alongside the ZIP's other entries (a ZIP is written one file at a time),
    kept in a temporary file until it is added."""

    def __init__(self, header: list[str]) -> None:
        self.handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed in add_to
        self.text = io.TextIOWrapper(self.handle, encoding="utf-8", newline="")
        self.text.write("\ufeff")
        self.writer = csv.writer(self.text, delimiter=";")
        self.writer.writerow(header)
        self.rows = 0

    def add(self, row: list[object]) -> None:
        self.writer.writerow(row)
        self.rows += 1

    def add_to(self, pack: Pack, path: str) -> None:
        self.text.flush()
        try:
            pack.add_spooled(path, self.handle)
        finally:
            self.text.close()
