from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vendorwatch.accounts.roles import Role, set_role
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db


def fresh(user: Any) -> Any:
    """The user as the next request reads it (nothing cached on the object)."""
    return type(user).objects.get(pk=user.pk)


def test_a_request_reads_the_permissions_in_one_query(editor) -> None:
    fresh(editor).has_perm("providers.view_provider")  # the role's permissions are now kept
    user = fresh(editor)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("providers.change_provider")
        assert not user.has_perm("auth.change_user")
    assert len(queries) == 1


def test_a_changed_role_counts_on_the_next_request(editor) -> None:
    assert fresh(editor).has_perm("providers.change_provider")
    set_role(editor, Role.VIEWER)
    user = fresh(editor)
    assert user.has_perm("providers.view_provider")
    assert not user.has_perm("providers.change_provider")


def test_a_permission_taken_from_a_role_counts_at_once(viewer) -> None:
    assert fresh(viewer).has_perm("providers.view_provider")
    permission = Permission.objects.get(codename="view_provider")
    Group.objects.get(name=Role.VIEWER.value).permissions.remove(permission)
    assert not fresh(viewer).has_perm("providers.view_provider")


def test_a_permission_given_to_the_user_counts_beside_the_role(viewer) -> None:
    viewer.user_permissions.add(Permission.objects.get(codename="change_provider"))
    user = fresh(viewer)
    assert user.has_perm("providers.change_provider")
    assert user.has_perm("providers.view_provider")


def test_an_inactive_user_may_do_nothing(editor) -> None:
    editor.is_active = False
    editor.save()
    assert not fresh(editor).has_perm("providers.view_provider")


def test_a_superuser_may_do_everything() -> None:
    boss = make_user(role=None, username="boss")
    boss.is_superuser = True
    boss.save()
    assert fresh(boss).has_perm("auth.delete_user")


def test_a_session_logged_in_through_the_earlier_backend_stays_logged_in(editor) -> None:
    from importlib import import_module

    migration = import_module(
        "vendorwatch.accounts.migrations.0002_sessions_log_in_through_the_role_backend"
    )
    from django.apps import apps

    session = SessionStore()
    session.update(
        {
            "_auth_user_id": str(editor.pk),
            "_auth_user_backend": migration.MODEL_BACKEND,
            "_auth_user_hash": editor.get_session_auth_hash(),
        }
    )
    session.create()
    migration.forwards(apps, None)
    client = Client()
    client.cookies["sessionid"] = session.session_key
    assert client.get("/problems/").status_code == 200
