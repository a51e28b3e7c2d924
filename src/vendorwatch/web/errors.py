"""Calm error pages in the product's layout and the user's language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from vendorwatch.web.files import MissingFile
from vendorwatch.web.middleware import language_for
from vendorwatch.web.uploads import max_upload_mb


def _page(
    request: HttpRequest, template: str, status: int, context: dict[str, Any] | None = None
) -> HttpResponse:
    # A bad Host header is refused before the language middleware has run: read the choice
    # here too, so that every error page speaks the user's language.
    with translation.override(language_for(request)):
        return HttpResponse(render_to_string(template, context, request=request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # More form text than DATA_UPLOAD_MAX_MEMORY_SIZE: a log pasted into a description.
        return too_large(request, text=True)
    return _page(request, "web/400.html", 400)


def too_large(request: HttpRequest, *, text: bool = False) -> HttpResponse:
    return _page(request, "web/413.html", 413, {"limit": max_upload_mb(), "text": text})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "web/403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "web/404.html", 404, {"missing_file": isinstance(exception, MissingFile)})


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context processors here: the database may be what failed.
    return HttpResponse(render_to_string("web/500.html"), status=500)
