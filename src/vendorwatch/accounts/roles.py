"""The three roles, kept as Django groups whose permissions follow from the installed apps.

- Viewer: may look at everything, change nothing.
- Editor: may record and change everything in the product parts, not users or company settings.
- Administrator: everything, including users and company settings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission, User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ADMINISTRATOR = "Administrator"
    EDITOR = "Editor"
    VIEWER = "Viewer"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMINISTRATOR: _("Administrator"),
    Role.EDITOR: _("Editor"),
    Role.VIEWER: _("Viewer"),
}
ROLE_HELP = {
    Role.ADMINISTRATOR: _("Everything, including users and company settings."),
    Role.EDITOR: _("Records and changes problems, contracts, meetings and more."),
    Role.VIEWER: _("Looks at everything, changes nothing."),
}

# Apps whose data editors only read; administrators change them.
ADMIN_ONLY_APPS = {"organisation"}
# Apps nobody changes through a role: the audit trail is written only by the application, and
# API tokens are each user's own (managed in their settings, not through permissions).
UNCHANGEABLE_APPS = {"audit", "api"}


def _product_app_labels() -> list[str]:
    return [c.label for c in apps.get_app_configs() if c.name.startswith("vendorwatch.")]


def _permissions(labels: list[str], actions: tuple[str, ...]) -> QuerySet[Permission]:
    query = Q()
    for action in actions:
        query |= Q(codename__startswith=f"{action}_")
    return Permission.objects.filter(query, content_type__app_label__in=labels)


def sync_role_permissions() -> None:
    """Create the role groups and give each exactly the permissions its role implies."""
    labels = [label for label in _product_app_labels() if label != "api"]
    changeable = [label for label in labels if label not in UNCHANGEABLE_APPS]
    editable = [label for label in changeable if label not in ADMIN_ONLY_APPS]
    view = _permissions(labels, ("view",))
    change = _permissions(editable, ("add", "change", "delete"))
    admin_extra = _permissions(changeable, ("add", "change", "delete")) | _permissions(
        ["auth"], ("view", "add", "change")
    ).filter(content_type__model="user")
    wanted = {
        Role.VIEWER: view,
        Role.EDITOR: view | change,
        Role.ADMINISTRATOR: view | admin_extra,
    }
    for role, permissions in wanted.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(permissions.distinct())


def sync_roles_after_migrate(**kwargs: Any) -> None:
    sync_role_permissions()


def role_of(user: AbstractBaseUser | AnonymousUser) -> Role | None:
    """The user's role; superusers count as administrators; no group means no role."""
    if not user.is_authenticated:
        return None
    if getattr(user, "is_superuser", False):
        return Role.ADMINISTRATOR
    # all(), not values_list(): a list of users prefetches their groups.
    names = {group.name for group in user.groups.all()}  # type: ignore[attr-defined]
    for role in (Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER):
        if role.value in names:
            return role
    return None


def set_role(user: Any, role: Role) -> None:
    """Give the user exactly this one role."""
    groups = Group.objects.filter(name__in=[r.value for r in Role])
    user.groups.remove(*groups)
    user.groups.add(Group.objects.get(name=role.value))


def may_change(user: AbstractBaseUser | AnonymousUser) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.EDITOR)


def active_administrator_ids() -> set[int]:
    """Who may manage users now: active members of the Administrator group and superusers."""
    administrators = Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR.value)
    return set(User.objects.filter(administrators, is_active=True).values_list("pk", flat=True))
