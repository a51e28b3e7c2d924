"""Workflows around users that touch more than one model."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from vendorwatch.accounts.roles import Role, set_role


def user_create(
    *,
    username: str,
    email: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> User:
    """Create a user with one role; without a password the account cannot log in yet."""
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        set_role(user, role)
    return user


def user_send_password_link(*, user: User, site_url: str | None = None) -> None:
    """E-mail a new user a link to choose a password (the password-reset mechanism).

    Django's reset form skips users without a usable password, which is exactly what a new
    user invited this way has, so the message is built here with the same token generator.
    """
    path = reverse(
        "accounts-password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": f"{site_url or settings.SITE_URL}{path}"}
    subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
    body = render_to_string("accounts/email/welcome.txt", context)
    send_mail(subject, body, None, [user.email])
