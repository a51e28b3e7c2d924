"""Workflows around users that touch more than one model."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from vendorwatch.accounts.roles import Role, active_administrator_ids, set_role
from vendorwatch.jobs.outbox import outbox_enqueue

# What the user form changes; saved by name so a concurrent (de)activation is not overwritten.
USER_FIELDS = ("username", "first_name", "last_name", "email")


class LastAdministratorError(Exception):
    """The change would leave no active administrator, so nobody could manage users."""


def password_link(*, user: User, site_url: str | None = None) -> str:
    """A one-day link with which the user chooses a new password (Django's reset token)."""
    path = reverse(
        "accounts-password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{site_url or settings.SITE_URL}{path}"


def user_create(
    *,
    username: str,
    email: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    site_url: str | None = None,
    created_by: Any = None,
) -> User:
    """Create a user with one role; without a password the user is invited by e-mail.

    The invitation goes through the outbox in the same transaction as the user, so an SMTP
    outage only delays it: the user is never left without a password and without the e-mail.
    """
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        set_role(user, role)
        if not password:
            user_send_password_link(user=user, site_url=site_url, created_by=created_by)
    return user


def user_send_password_link(
    *, user: User, site_url: str | None = None, created_by: Any = None
) -> None:
    """Queue the invitation: a link to choose a password (the password-reset mechanism)."""
    context = {"user": user, "link": password_link(user=user, site_url=site_url)}
    outbox_enqueue(
        to=[user.email],
        subject=render_to_string("accounts/email/welcome_subject.txt", context).strip(),
        body=render_to_string("accounts/email/welcome.txt", context),
        key=f"accounts-invitation-{user.pk}",
        related=user,
        created_by=created_by,
    )


def _lock_administrators() -> set[int]:
    """Take the lock that every change of an administrator takes first; then who they are.

    Without it two administrators who remove each other at the same moment both still see the
    other one and leave none. On PostgreSQL the Administrator group's row is the lock; the
    query after it is a new statement and so sees what the other transaction committed. On
    SQLite the transaction began IMMEDIATE (settings), which already took the database's write
    lock. Must run inside ``transaction.atomic()``.
    """
    list(Group.objects.select_for_update().filter(name=Role.ADMINISTRATOR.value))
    return active_administrator_ids()


def user_update(*, user: User, role: Role) -> None:
    """Save the user's changed fields and role; refuse to demote the last administrator."""
    with transaction.atomic():
        administrators = _lock_administrators()
        if role != Role.ADMINISTRATOR and administrators == {user.pk}:
            raise LastAdministratorError
        user.save(update_fields=USER_FIELDS)
        set_role(user, role)


def user_set_active(*, user: User, active: bool) -> None:
    """Let the user log in or not; refuse to deactivate the last administrator."""
    with transaction.atomic():
        if not active and _lock_administrators() == {user.pk}:
            raise LastAdministratorError
        user.is_active = active
        user.save(update_fields=["is_active"])
