"""Two administrators who remove each other at the same moment must not leave none."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.roles import Role
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db(transaction=True)
TRIES = 10


def active_administrators() -> int:
    admins = Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR.value)
    return User.objects.filter(admins, is_active=True).distinct().count()


def deactivate(client: Client, target: User) -> None:
    client.post(reverse("accounts-users-deactivate", args=[target.pk]))


def demote(client: Client, target: User) -> None:
    data = {
        "username": target.username,
        "first_name": target.first_name,
        "last_name": target.last_name,
        "email": target.email,
        "role": Role.EDITOR.value,
    }
    client.post(reverse("accounts-users-edit", args=[target.pk]), data)


def race(action: Callable[[Client, User], None], first: User, second: User) -> None:
    """Both administrators act at once, each against the other."""
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def act(actor: User, target: User) -> None:
        try:
            client = Client()
            client.force_login(actor)
            start.wait(timeout=10)
            action(client, target)
        except BaseException as error:  # reported in the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(first, second)),
        threading.Thread(target=act, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


@pytest.mark.parametrize("action", [deactivate, demote], ids=["deactivate", "demote"])
def test_racing_administrators_leave_one_active_administrator(action) -> None:
    survived = 0
    for attempt in range(TRIES):
        first = make_user(Role.ADMINISTRATOR, username=f"anna{attempt}")
        second = make_user(Role.ADMINISTRATOR, username=f"bernd{attempt}")
        race(action, first, second)
        if active_administrators() >= 1:
            survived += 1
        User.objects.filter(pk__in=[first.pk, second.pk]).delete()
    assert survived == TRIES
