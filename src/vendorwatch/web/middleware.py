"""Middleware for the shell: language choice, caching, upload size and the security headers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from vendorwatch.organisation.models import read_once
from vendorwatch.web.uploads import max_request_bytes

logger = logging.getLogger(__name__)

# No inline scripts or styles anywhere: every script and stylesheet is a vendored file.
# data: images are needed for the icons embedded in the CSS framework.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def language_for(request: HttpRequest) -> str:
    """The language the user chose with the switcher, else the installation's default."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    available = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in available else settings.LANGUAGE_CODE


class OrganisationOnceMiddleware:
    """The organisation row is read at most once per request (see ``read_once``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with read_once():
            return self.get_response(request)


class LanguageMiddleware:
    """German unless the user chose otherwise with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; our users
    expect the company's language (German by default) whatever their browser says.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's language goes back afterwards, so nothing done
        # later on the same thread (another request's middleware, a job, a test) inherits it.
        with translation.override(language):
            response = self.get_response(request)
        if isinstance(response, StreamingHttpResponse) and not (
            response.is_async or isinstance(response, FileResponse)
        ):
            # A streamed body is written after this returns: in the same language.
            response.streaming_content = _in_language(response.streaming_content, language)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def _in_language(content: Iterable[bytes], language: str) -> Iterator[bytes]:
    with translation.override(language):
        yield from content


class NoStoreMiddleware:
    """``Cache-Control: no-store`` unless a response may safely be kept by a browser or proxy.

    Pages, exports and PDFs hold the company's contracts and problems: neither the browser's
    disk cache nor a proxy may keep them once the user has logged out. So every response to a
    logged-in user gets ``no-store``, whatever the view said, and every other response gets it
    unless the view chose a policy of its own: the calendar feed (its secret address is the
    key, and calendar programs may keep it for a quarter of an hour) and ``/healthz``
    (``never_cache``). Static files are cacheable by design (hashed names); WhiteNoise answers
    them before this middleware, and the prefix check keeps them out should that change.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        policy = response.headers.get("Cache-Control", "")
        if "no-store" in policy:
            # Checked first so that /healthz never needs the session (or the database).
            return response
        if not policy or _is_logged_in(request):
            response.headers["Cache-Control"] = "no-store"
        return response


def _is_logged_in(request: HttpRequest) -> bool:
    # No user when an outer middleware answered first (a bad Host header, say).
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class RequestSizeMiddleware:
    """Refuse a request body far above the upload limit before anything reads it.

    A file a little over ``VENDORWATCH_MAX_UPLOAD_MB`` reaches the form, which says so next to
    the field. A body of more than twice the limit (plus the form text Django accepts) would
    only fill the disk with a temporary file, so it gets a calm page (413) at once. Placed after
    the authentication middleware so that the page shows the user's navigation.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Imported here: the error pages use this module's language_for.
        from vendorwatch.web.errors import too_large

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_request_bytes()
        if length > limit:
            logger.warning("body of %d bytes refused (limit %d): %s", length, limit, request.path)
            return too_large(request)
        return self.get_response(request)
