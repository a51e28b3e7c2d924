"""The application's own upload limit, ``VENDORWATCH_MAX_UPLOAD_MB``, for every file field.

The web server in front may have a limit too, but it answers with its own bare page; this one
is checked in the form, so the user reads it next to the field, in their language, and keeps
what they typed. A body far above the limit is refused earlier by
``web.middleware.RequestSizeMiddleware``.
"""

from __future__ import annotations

from typing import Any, TypeVar

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


def upload_store(record: Stored, upload: Any, user: Any, *, default_name: str = "file") -> Stored:
    """Save ``upload`` into ``record.file`` (under the name its ``upload_to`` gives) together
    with the record's ``filename``, ``content_type``, ``size`` and ``uploaded_by``; a file whose
    record cannot be saved is removed again, so storage never keeps an orphan."""
    name = upload.name or default_name
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
