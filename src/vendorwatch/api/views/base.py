"""What every API view shares: keys in paths, the language of its messages, errors as JSON,
deletion of records in use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Model, ProtectedError
from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from vendorwatch.api.errors import InUse
from vendorwatch.api.filters import Ordering


def api_language(request: HttpRequest) -> str:
    """The language of the answer: the one chosen in the browser (cookie), else the one the
    program asks for (``Accept-Language``), else the installation's."""
    return translation.get_language_from_request(request)


class ApiBase:
    """Messages in the language the client asks for (DRF's way, with Django's locale
    handling; the pages keep the user's or the company's language), errors always as JSON,
    numeric keys in the paths."""

    lookup_value_converter = "int"
    # JSON only; the file uploads say so themselves (multipart).
    parser_classes: Sequence[type[BaseParser]] = [JSONParser]
    filter_backends: Any = [DjangoFilterBackend, Ordering]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        language = api_language(request)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
            if isinstance(response, Response):
                # Rendered here, while the language is active (lazy texts in the data).
                response.render()
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def handle_exception(self, exc: Exception) -> Any:
        response = super().handle_exception(exc)  # type: ignore[misc]
        # Also where the answer would be a file or a schema in YAML: an error is JSON.
        request = self.request  # type: ignore[attr-defined]
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
        return response


class DeleteUnlessInUse:
    """Delete as the pages do: a record still in use elsewhere is kept, with their message."""

    def perform_destroy(self, instance: Model) -> None:
        label = str(instance)
        try:
            instance.delete()
        except ProtectedError:
            raise InUse(
                gettext("“%(name)s” is still in use elsewhere and was not deleted.")
                % {"name": label}
            ) from None
