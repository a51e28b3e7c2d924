"""Permissions for every page in one small query.

Every page asks what the user may do. Django's model backend answers with two queries that
read all of the role's permissions (about 300 rows, turned into strings) on each request: a
tenth of the time of a typical page. Here the role's permissions are read once per process
and kept; each request reads only which groups the user is in and the user's own permissions,
in one query.

A role's permissions change only when the database is migrated (``sync_role_permissions``);
the kept copy is dropped when that happens in this process, and the server processes are
restarted after a migration anyway (see the README).
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_migrate

_lock = threading.Lock()
_by_group: dict[int, frozenset[str]] = {}
_names: dict[int, str] = {}


def forget(**_kwargs: Any) -> None:
    """Drop the kept permissions (a role's permissions changed, or the tables were rebuilt)."""
    with _lock:
        _by_group.clear()
        _names.clear()


# A user's own permissions are read with each request; only the roles' are kept.
m2m_changed.connect(forget, sender=Group.permissions.through, dispatch_uid="vw-role-perms")
post_migrate.connect(forget, dispatch_uid="vw-perms-after-migrate")


def _label(app_label: str, codename: str) -> str:
    return f"{app_label}.{codename}"


def _group_permissions(group_ids: set[int]) -> set[str]:
    known = {pk: _by_group.get(pk) for pk in group_ids}
    missing = [pk for pk, names in known.items() if names is None]
    if missing:
        found: dict[int, set[str]] = {pk: set() for pk in missing}
        rows = Group.permissions.through.objects.filter(group_id__in=missing).values_list(
            "group_id", "permission__content_type__app_label", "permission__codename"
        )
        for group_id, app_label, codename in rows:
            found[group_id].add(_label(app_label, codename))
        fresh = {pk: frozenset(names) for pk, names in found.items()}
        known |= fresh
        with _lock:
            _by_group.update(fresh)
    return set().union(*(names for names in known.values() if names is not None))


def _all_names(wanted: Collection[int] = ()) -> dict[int, str]:
    """Every permission's name by id, read again when one asked for is not known yet."""
    if not _names or any(pk not in _names for pk in wanted):
        rows = Permission.objects.values_list("pk", "content_type__app_label", "codename")
        with _lock:
            _names.update((pk, _label(app_label, codename)) for pk, app_label, codename in rows)
    return dict(_names)  # a copy: another thread may drop the kept one meanwhile


class RoleBackend(ModelBackend):
    """Django's model backend (log-in, active users, the same answers), permissions kept."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                user_obj._perm_cache = set(_all_names().values())
            else:
                pairs = (
                    get_user_model()
                    .objects.filter(pk=user_obj.pk)
                    .values_list("groups", "user_permissions")
                )
                groups = {group for group, _own in pairs if group is not None}
                own = {permission for _group, permission in pairs if permission is not None}
                names = _all_names(own) if own else {}
                user_obj._perm_cache = _group_permissions(groups) | {
                    names[pk] for pk in own if pk in names
                }
        cached: set[str] = user_obj._perm_cache
        return cached
