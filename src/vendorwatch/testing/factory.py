"""A small factory for tests: plain functions with sensible defaults, no fixture files."""

from __future__ import annotations

from itertools import count
from typing import Any

from django.contrib.auth.models import User

from vendorwatch.accounts.roles import Role, set_role, sync_role_permissions
from vendorwatch.organisation.models import Organisation
from vendorwatch.providers.models import Contact, Provider

PASSWORD = "correct horse battery staple"
_sequence = count(1)


def make_user(role: Role | None = Role.EDITOR, **fields: Any) -> User:
    number = next(_sequence)
    fields.setdefault("username", f"user{number}")
    fields.setdefault("email", f"user{number}@example.com")
    fields.setdefault("first_name", f"Vorname{number}")
    user = User(**fields)
    user.set_password(PASSWORD)
    user.save()
    if role is not None:
        sync_role_permissions()
        set_role(user, role)
    return user


def make_organisation(**fields: Any) -> Organisation:
    fields.setdefault("name", "Beispiel GmbH")
    fields.setdefault("city", "Augsburg")
    organisation, _created = Organisation.objects.update_or_create(
        pk=Organisation.SINGLETON_ID, defaults=fields
    )
    return organisation


def make_provider(**fields: Any) -> Provider:
    fields.setdefault("name", f"Systemhaus {next(_sequence)} GmbH")
    return Provider.objects.create(**fields)


def make_contact(provider: Provider | None = None, **fields: Any) -> Contact:
    fields.setdefault("name", f"Ansprechpartner {next(_sequence)}")
    return Contact.objects.create(provider=provider or make_provider(), **fields)


def longest_text(model: type[Any], field: str, wanted: int = 10_000) -> str:
    """The longest text the database keeps in the column, up to ``wanted``: SQLite stores any
    length in a CharField's column (a record written past the form can hold 10,000
    characters), PostgreSQL only up to its ``max_length``."""
    from django.db import connection

    limit = model._meta.get_field(field).max_length
    length = wanted if connection.vendor == "sqlite" or limit is None else min(wanted, limit)
    return "x" * length
