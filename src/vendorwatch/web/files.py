"""Uploaded files handed out by a view that has checked the permission, never by the web server.

Every such file is a download (``Content-Disposition: attachment``) that the browser may not
sniff into another type (``nosniff``) nor run in a page (a sandboxing policy of its own), and
it is read only from inside the storage's folder, whatever name its row holds.
"""

from __future__ import annotations

import logging
import os

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


class MissingFile(Http404):
    """The record is there but its file is not: a backup restored without the media
    directory, or a file removed by hand. The 404 page says so instead of a server error."""


def inside_storage(field: FieldFile) -> bool:
    """Whether the stored name leads to a file inside the storage's folder, also after
    following links (a name like ``../../etc/passwd`` or ``/etc/passwd`` written into the
    row, or a link placed in the folder, does not)."""
    storage = field.storage
    if not isinstance(storage, FileSystemStorage):
        return True  # no folder on this machine: the storage maps names to objects itself
    try:
        path = os.path.realpath(storage.path(field.name or ""))
    except (SuspiciousFileOperation, ValueError):  # ValueError: a NUL in the name
        return False
    return path.startswith(os.path.realpath(storage.location) + os.sep)


def private_file_response(field: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The file as a download that the browser may not open or run in the page."""
    owner = f"{type(field.instance).__name__} {field.instance.pk}"
    if not field:
        logger.warning("%s has no file", owner)
        raise MissingFile
    if not inside_storage(field):
        # Only a changed database or a planted link can cause it: said to the operator,
        # while the user sees the same page as for any file that is not there.
        logger.error("%s: refused to serve %r, which lies outside the storage", owner, field.name)
        raise MissingFile
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        logger.warning("%s: file %s is missing from the storage", owner, field.name)
        raise MissingFile from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
