"""Every API error as JSON: ``{"status": 400, "code": "invalid", "detail": "…", "fields": {…}}``.

``code`` is for programs (stable, English), ``detail`` for people (in the request's language);
``fields`` only for invalid input: the messages per field, those about the whole record under
``non_field_errors``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


class InUse(exceptions.APIException):
    """A record the pages would not delete either, because others still refer to it."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "in_use"
    default_detail = _("The record is still in use elsewhere and was not deleted.")


INVALID = _("Some values cannot be accepted: the messages per field say why.")


def as_api_exception(exc: Exception) -> Exception:
    # The conversions DRF's own handler makes, done first so that the code is right.
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def json_error(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    body: dict[str, Any] = {
        "status": response.status_code,
        "code": getattr(exc, "default_code", "error"),
    }
    if isinstance(exc, exceptions.ValidationError):
        body["detail"] = str(INVALID)
        if not isinstance(data, dict):
            data = {api_settings.NON_FIELD_ERRORS_KEY: data}
        body["fields"] = data
    elif isinstance(data, dict) and "detail" in data:
        body["detail"] = data["detail"]
    else:
        body["detail"] = str(getattr(exc, "default_detail", ""))
    response.data = body
    return response
