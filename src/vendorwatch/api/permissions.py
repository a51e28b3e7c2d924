"""The API allows exactly what the pages allow the token's user, and writes only with a
read-write token."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from vendorwatch.accounts.roles import may_change
from vendorwatch.api.models import ApiToken

READ_ONLY_TOKEN = _(
    "This token may only read. To change data, create a token with read and write access."
)
READ_ONLY_ROLE = _("Your role may only read: changes are refused, whatever the token allows.")


class RoleAndScope(permissions.DjangoModelPermissions):
    # Reading needs the view permission, as on the pages (DRF's default lets anyone read).
    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if request.method not in permissions.SAFE_METHODS:
            token = request.auth
            if not isinstance(token, ApiToken) or not token.may_write:
                self.message = READ_ONLY_TOKEN
                return False
            if not may_change(user):
                self.message = READ_ONLY_ROLE
                return False
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            # Views without a model (report figures): every role may read them.
            return request.method in permissions.SAFE_METHODS
        return super().has_permission(request, view)
