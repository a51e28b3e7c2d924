"""Personal tokens in the ``Authorization`` header: ``Bearer vw_…`` (or ``Token vw_…``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from vendorwatch.api.models import ApiToken, token_hash
from vendorwatch.audit.context import set_actor

KEYWORDS = {b"bearer", b"token"}
# "Last used" is written at most this often, so that reading through the API does not turn
# every request into a write.
LAST_USED_STEP = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as 'Authorization: Bearer <token>'.")
            )
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_hash(token), revoked_at__isnull=True)
            .first()
        )
        if row is None or not row.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid or was revoked."))
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_STEP:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        set_actor(row.user, "api")
        return row.user, row

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
