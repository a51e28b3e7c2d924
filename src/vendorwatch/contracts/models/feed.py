from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedToken(models.Model):
    """A secret calendar address for one user. Only the hash is stored: a leaked database
    does not leak working feed addresses, and the address is shown once, when created."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_tokens",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2, default="de")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, *, user: object, language: str) -> tuple[CalendarFeedToken, str]:
        token = secrets.token_urlsafe(32)
        feed = cls.objects.create(user=user, token_hash=hash_token(token), language=language)
        return feed, token

    @classmethod
    def find(cls, token: str) -> CalendarFeedToken | None:
        # A lookup by the hash of the presented token: timing reveals nothing about stored
        # tokens, since the attacker does not control the hash.
        return (
            cls.objects.select_related("user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
