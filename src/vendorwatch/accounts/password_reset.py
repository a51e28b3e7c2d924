"""Forgotten passwords: record the request now, look for the account and e-mail it later.

The page does the same work and gives the same answer whether or not an account has the
address, so neither its answer nor its timing tells a stranger who has an account here. The
job runner turns the recorded requests into e-mails through the outbox, so an SMTP outage only
delays them. Requests are limited per client address and per e-mail address, counted on the
recorded requests, so an unknown address is limited exactly like a known one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from vendorwatch.accounts.models import PasswordResetRequest
from vendorwatch.accounts.services import password_link
from vendorwatch.jobs.outbox import outbox_enqueue

WINDOW = timedelta(hours=1)
# Enough for a typo and a second try from a shared office address, too few to flood a mailbox
# or to try many addresses.
LIMIT_PER_ADDRESS = 10
LIMIT_PER_EMAIL = 3
# Requests are kept a day after the window for the rate limits and to trace abuse.
KEEP = timedelta(days=1)


@dataclass(frozen=True)
class ResetRequest:
    email: str
    client_address: str | None
    language: str
    site_url: str


def password_reset_request(*, request: ResetRequest, now: datetime | None = None) -> bool:
    """Record the request unless a limit is reached; False means: ask again later."""
    now = now or timezone.now()
    email = request.email.strip().lower()
    recent = PasswordResetRequest.objects.filter(requested_at__gt=now - WINDOW)
    # Both counts run whatever the outcome, so a limited answer takes as long as any other.
    by_address = recent.filter(client_address=request.client_address).count()
    by_email = recent.filter(email=email).count()
    if by_address >= LIMIT_PER_ADDRESS or by_email >= LIMIT_PER_EMAIL:
        return False
    PasswordResetRequest.objects.create(
        email=email,
        client_address=request.client_address,
        language=request.language,
        site_url=request.site_url,
        requested_at=now,
    )
    return True


def _queue_links(reset: PasswordResetRequest) -> int:
    # Users invited by e-mail who lost the invitation have no usable password yet; they may
    # use this to choose one as well. Deactivated users get nothing.
    users = User.objects.filter(email__iexact=reset.email, is_active=True)
    with translation.override(reset.language):
        for user in users:
            context = {"user": user, "link": password_link(user=user, site_url=reset.site_url)}
            outbox_enqueue(
                to=[user.email],
                subject=render_to_string(
                    "accounts/email/password_reset_subject.txt", context
                ).strip(),
                body=render_to_string("accounts/email/password_reset.txt", context),
                key=f"accounts-password-reset-{reset.pk}-{user.pk}",
                related=user,
            )
    return len(users)


def password_reset_requests_process(*, now: datetime | None = None) -> int:
    """Queue a link for every pending request whose address has an account; returns how many."""
    now = now or timezone.now()
    queued = 0
    pending = PasswordResetRequest.objects.filter(processed_at__isnull=True)
    for pk in list(pending.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            # The conditional UPDATE lets one runner take each request; if queuing fails, the
            # claim is rolled back with it and the next round tries again.
            taken = PasswordResetRequest.objects.filter(pk=pk, processed_at__isnull=True).update(
                processed_at=now
            )
            if taken:
                queued += _queue_links(PasswordResetRequest.objects.get(pk=pk))
    PasswordResetRequest.objects.filter(requested_at__lt=now - WINDOW - KEEP).delete()
    return queued
