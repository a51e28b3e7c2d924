from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordResetRequest(models.Model):
    """A request for a password link, recorded as typed before anyone looks for the account.

    The page answers every request the same way, with the same work (count, insert), whether or
    not the address belongs to an account; the job runner looks the account up later and queues
    the e-mail in the outbox. The rows are also what the rate limits per address and per
    e-mail address count, so an unknown address is limited exactly like a known one.
    """

    email = models.EmailField(_("e-mail"), max_length=254)
    client_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    language = models.CharField(max_length=10)
    # The address of the installation as the requester reached it, for the link in the e-mail.
    site_url = models.CharField(max_length=300)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")
        ordering = ["requested_at", "pk"]
        indexes = [
            models.Index(fields=["email", "requested_at"], name="reset_by_email"),
            models.Index(fields=["client_address", "requested_at"], name="reset_by_address"),
            models.Index(fields=["processed_at", "requested_at"], name="reset_pending"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="reset_email_lower_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.requested_at:%Y-%m-%d %H:%M}"
