"""Calm error pages in the user's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return HttpResponse(render_to_string(template, request=request), status=status)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "web/403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "web/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context processors here: the database may be what failed.
    return HttpResponse(render_to_string("web/500.html"), status=500)
