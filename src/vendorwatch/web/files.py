"""Uploaded files handed out by a view that has checked the permission, never by the web server."""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


class MissingFile(Http404):
    """The record is there but its file is not: a backup restored without the media
    directory, or a file removed by hand. The 404 page says so instead of a server error."""


def private_file_response(field: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The file as a download that the browser may not open or run in the page."""
    owner = f"{type(field.instance).__name__} {field.instance.pk}"
    if not field:
        logger.warning("%s has no file", owner)
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
