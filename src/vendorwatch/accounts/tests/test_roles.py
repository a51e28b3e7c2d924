import pytest
from django.contrib.auth.models import Group

from vendorwatch.accounts.roles import Role, role_of, set_role, sync_role_permissions
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db


def test_the_three_roles_exist_after_migrate() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_a_viewer_may_view_but_not_change_providers(viewer) -> None:
    assert viewer.has_perm("providers.view_provider")
    assert not viewer.has_perm("providers.change_provider")


def test_an_editor_may_change_providers_but_not_users(editor) -> None:
    assert editor.has_perm("providers.change_provider")
    assert not editor.has_perm("auth.change_user")


def test_an_editor_only_reads_the_company_settings(editor) -> None:
    assert editor.has_perm("organisation.view_organisation")
    assert not editor.has_perm("organisation.change_organisation")


def test_an_administrator_manages_users(admin_user) -> None:
    assert admin_user.has_perm("auth.change_user")


def test_set_role_replaces_the_previous_role(editor) -> None:
    set_role(editor, Role.VIEWER)
    assert role_of(editor) == Role.VIEWER
    assert editor.groups.count() == 1


def test_a_user_without_a_group_has_no_role() -> None:
    assert role_of(make_user(role=None)) is None


def test_sync_is_idempotent(viewer) -> None:
    sync_role_permissions()
    sync_role_permissions()
    assert Group.objects.get(name="Viewer").permissions.filter(codename="view_provider").exists()
