"""What every file field checks, and how every uploaded file is stored.

The size: the application's own upload limit, ``VENDORWATCH_MAX_UPLOAD_MB``. The web server in
front may have a limit too, but it answers with its own bare page; this one is checked in the
form, so the user reads it next to the field, in their language, and keeps what they typed. A
body far above the limit is refused earlier by ``web.middleware.RequestSizeMiddleware``.

The kind: :func:`validate_upload_kind` accepts a file only when its ending is one the field
takes *and* its content is of that kind (a picture renamed to ``.pdf``, a program renamed to
``.zip`` are refused). Formats with a signature are recognised by puremagic; those without
one (text, CSV, e-mail, Excel workbooks) by the small checks below.

The name: a stored file never carries the user's name (:func:`random_name`); the name the user
chose is kept in the row, for the page and for the download.
"""

from __future__ import annotations

import codecs
import re
import secrets
import zipfile
from collections.abc import Callable, Collection
from pathlib import PurePosixPath
from typing import Any, TypeVar

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
# A model row with ``file``, ``filename``, ``content_type``, ``size`` and ``uploaded_by``.
Stored = TypeVar("Stored")


def max_upload_mb() -> int:
    return int(settings.MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return max_upload_mb() * MB


def max_request_bytes() -> int:
    """Twice the file limit, so that a file a little too large still gets the message next to
    the field, plus the most form text Django reads (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    return 2 * max_upload_bytes() + int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def validate_upload_size(upload: Any) -> None:
    if upload is not None and (upload.size or 0) > max_upload_bytes():
        raise ValidationError(
            _("The file is larger than %(limit)d MB. Please choose a smaller file."),
            code="file_too_large",
            params={"limit": max_upload_mb()},
        )


def _with_limit(text: str | Promise) -> str:
    return str(text) % {"limit": max_upload_mb()}


# A help text naming the limit, worked out when the form is shown: in the user's language,
# with the limit configured now (the form class is built once, at import).
with_upload_limit = lazy(_with_limit, str)


def display_name(name: str | None) -> str:
    """The name the user gave the file, as shown and offered for download: without folders
    and without characters that cannot be printed (a NUL cannot even be stored in
    PostgreSQL). Forms get it so already; a file from elsewhere may not."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in base if char.isprintable()).strip()


def upload_store(record: Stored, upload: Any, user: Any, *, default_name: str = "file") -> Stored:
    """Save ``upload`` into ``record.file`` (under the name its ``upload_to`` gives) together
    with the record's ``filename``, ``content_type``, ``size`` and ``uploaded_by``; a file whose
    record cannot be saved is removed again, so storage never keeps an orphan."""
    name = display_name(upload.name) or default_name
    row: Any = record
    row.filename = name[:200]
    row.content_type = upload.content_type or "application/octet-stream"
    row.size = upload.size or 0
    row.uploaded_by = user if getattr(user, "pk", None) else None
    row.file.save(name, upload, save=False)
    try:
        row.save()
    except BaseException:
        row.file.delete(save=False)
        raise
    return record


def upload_suffix(name: str | None) -> str:
    """The file's ending in lower case (``".pdf"``), or ``""``."""
    return PurePosixPath(display_name(name)).suffix.lower()


def random_name(folder: str, filename: str) -> str:
    """``folder/<32 random hex digits><ending>``: the name a file is stored under.

    Nothing of the user's name but a plain ending (letters and digits) is kept, so a stored
    name cannot collide, climb out of ``folder`` or carry characters the file system or a
    download header would mishandle.
    """
    suffix = upload_suffix(filename)
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", suffix):
        suffix = ""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


# --- the kind of a file, from its content ---------------------------------------------------

# Text is checked to its end, a piece of this size at a time (the first piece also decides
# whether it is a web page).
_CHUNK = 64 * 1024
# The header block of an e-mail that is looked at.
_EML_HEAD = 64 * 1024
# A header field (RFC 5322: printable ASCII but the colon, then a colon) or its continuation.
_HEADER_FIELD = re.compile(rb"[!-9;-~]+[ \t]*:")
# A web page or a picture with scripts, whatever its ending says.
_ACTIVE_MARKUP = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|script|svg)\b", re.IGNORECASE)
# What puremagic must find in a file with this ending (any of these extensions).
_SIGNATURES: dict[str, frozenset[str]] = {
    ".pdf": frozenset({".pdf"}),
    ".png": frozenset({".png"}),
    ".jpg": frozenset({".jpg", ".jpeg"}),
    ".jpeg": frozenset({".jpg", ".jpeg"}),
    ".gif": frozenset({".gif"}),
    ".zip": frozenset({".zip"}),
}


def _rewound(upload: Any) -> Any:
    upload.seek(0)
    return upload


def _has_signature(upload: Any, extensions: frozenset[str]) -> bool:
    try:
        found = puremagic.magic_stream(_rewound(upload))
    except (puremagic.PureError, ValueError):
        return False
    finally:
        upload.seek(0)
    return any(match.extension in extensions and match.offset == 0 for match in found)


def _is_text(upload: Any) -> bool:
    """UTF-8 (with or without BOM) or Windows-1252, or UTF-16 with its BOM (Excel's
    "Unicode text"); no NUL character; and not a web page under another name."""
    head = _rewound(upload).read(_CHUNK)
    upload.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec_names: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in head:
        return False
    else:
        codec_names = ("utf-8-sig", "cp1252")
    if _ACTIVE_MARKUP.match(head.decode(codec_names[0], errors="replace").lstrip("\ufeff")):
        return False
    return any(_decodes(upload, name) for name in codec_names)


def _decodes(upload: Any, codec_name: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec_name)()
    try:
        for chunk in upload.chunks(_CHUNK):
            if "\x00" in decoder.decode(chunk):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def _is_email(upload: Any) -> bool:
    """An e-mail as saved by a mail program (RFC 822/5322): header fields up to the first
    empty line, at least one of them; a leading mbox "From " line is allowed."""
    head = _rewound(upload).read(_EML_HEAD)
    upload.seek(0)
    if b"\x00" in head:
        return False
    lines = head.splitlines()
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    fields = 0
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and fields:
            continue
        if not _HEADER_FIELD.match(line):
            return False
        fields += 1
    return fields > 0


def _is_xlsx(upload: Any) -> bool:
    """An Excel workbook: a ZIP archive holding ``[Content_Types].xml`` and the ``xl/``
    folder (Office Open XML)."""
    if not _has_signature(upload, _SIGNATURES[".zip"]):
        return False
    try:
        with zipfile.ZipFile(_rewound(upload)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _signature_check(extensions: frozenset[str]) -> Callable[[Any], bool]:
    return lambda upload: _has_signature(upload, extensions)


# Every ending a field may accept, and how its content is recognised. A CSV file has no
# signature and no structure that every helpdesk keeps to: it is checked as text (the
# import then explains what it cannot read in it).
CONTENT_CHECKS: dict[str, Callable[[Any], bool]] = {
    **{suffix: _signature_check(found) for suffix, found in _SIGNATURES.items()},
    ".txt": _is_text,
    ".log": _is_text,
    ".csv": _is_text,
    ".tsv": _is_text,
    ".eml": _is_email,
    ".xlsx": _is_xlsx,
}


def validate_upload_kind(
    upload: Any, accepted: Collection[str], *, not_accepted: str | None = None
) -> str:
    """The upload's ending (``".pdf"``) when it is one of ``accepted`` and the content is of
    that kind; otherwise a ``ValidationError`` for the field (``not_accepted``: the message
    for an ending the field does not take, by default a list of those it does)."""
    unknown = set(accepted) - set(CONTENT_CHECKS)
    if unknown:
        raise ValueError(f"no content check for {sorted(unknown)}")
    suffix = upload_suffix(getattr(upload, "name", ""))
    if suffix not in accepted:
        raise ValidationError(
            not_accepted
            or _("This kind of file is not accepted. Allowed: %(types)s")
            % {"types": ", ".join(sorted(accepted))},
            code="file_kind",
        )
    if not CONTENT_CHECKS[suffix](upload):
        raise ValidationError(
            _(
                "The content of the file does not match its ending (%(suffix)s). Renaming a "
                "file does not change its kind: please save or export it in that format."
            ),
            code="file_content",
            params={"suffix": suffix},
        )
    return suffix
