"""The OpenAPI 3 schema of the API, for logged-in users and token holders."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated

from vendorwatch.api.authentication import TokenAuthentication
from vendorwatch.api.views.base import ApiBase


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """How the schema describes our tokens: ``Authorization: Bearer vw_…``."""

    target_class = "vendorwatch.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Bearer"
        )


class SchemaView(ApiBase, SpectacularAPIView):
    """YAML by default, JSON with ``?format=json``. The token first, so that a visitor
    without either is told to authenticate (401), not refused (403)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
