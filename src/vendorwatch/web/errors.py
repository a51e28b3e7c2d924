"""Calm error pages in the product's layout and the user's language; JSON under /api/.

A database that cannot be reached (restarted, connection lost) is not a fault of the
application: it gets its own page (503, "try again in a moment") instead of the 500 page.
Django's persistent connections are checked before reuse (``CONN_HEALTH_CHECKS``), so the
next request after the database is back simply works.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from rest_framework import exceptions as api_exceptions

from vendorwatch.web.files import MissingFile
from vendorwatch.web.middleware import language_for
from vendorwatch.web.uploads import max_upload_mb

API_PREFIX = "/api/"
# Seconds after which a client may ask again while the database is away.
RETRY_AFTER = 30


class DatabaseUnavailable(api_exceptions.APIException):
    status_code = 503
    default_code = "service_unavailable"
    default_detail = gettext_lazy(
        "Vendorwatch cannot reach its database right now. Please try again in a moment."
    )


def _page(
    request: HttpRequest, template: str, status: int, context: dict[str, Any] | None = None
) -> HttpResponse:
    # A bad Host header is refused before the language middleware has run: read the choice
    # here too, so that every error page speaks the user's language.
    with translation.override(language_for(request)):
        return HttpResponse(render_to_string(template, context, request=request), status=status)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(request: HttpRequest, status: int, code: str, detail: Any) -> JsonResponse:
    """An error in the API's shape (vendorwatch.api.errors): programs read the code."""
    with translation.override(language_for(request)):
        body = {"status": status, "code": code, "detail": str(detail)}
    return JsonResponse(body, status=status)


def _api_error(request: HttpRequest, error: api_exceptions.APIException) -> JsonResponse:
    status = int(error.status_code)
    return _json(request, status, str(error.default_code), error.default_detail)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # More form text than DATA_UPLOAD_MAX_MEMORY_SIZE: a log pasted into a description.
        return too_large(request, text=True)
    if _is_api(request):
        return _api_error(request, api_exceptions.ParseError())
    return _page(request, "web/400.html", 400)


def too_large(request: HttpRequest, *, text: bool = False) -> HttpResponse:
    if _is_api(request):
        with translation.override(language_for(request)):
            detail = gettext("The request is too large: at most %(limit)s MB are accepted.") % {
                "limit": max_upload_mb()
            }
        return _json(request, 413, "too_large", detail)
    return _page(request, "web/413.html", 413, {"limit": max_upload_mb(), "text": text})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, api_exceptions.PermissionDenied())
    return _page(request, "web/403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, api_exceptions.NotFound())
    return _page(request, "web/404.html", 404, {"missing_file": isinstance(exception, MissingFile)})


def database_unavailable(error: BaseException | None) -> bool:
    """The database could not be reached or the connection to it was lost."""
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while it handles the exception, so it is still at hand.
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if _is_api(request):
        return _api_error(request, api_exceptions.APIException())
    # No request context processors here: the database may be what failed.
    return HttpResponse(render_to_string("web/500.html"), status=500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database is away: rendered without the database (no context processors,
    no session, no user), and never stored by a cache."""
    if _is_api(request):
        response: HttpResponse = _api_error(request, DatabaseUnavailable())
    else:
        with translation.override(language_for(request)):
            response = HttpResponse(render_to_string("web/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    # Set here so that NoStoreMiddleware need not ask whether someone is logged in: that
    # would read the session from the database again.
    response["Cache-Control"] = "no-store"
    return response
