"""Field values as the trail stores them: JSON that reads the same in ten years.

Dates and times are ISO 8601, amounts strings (exact), a foreign key ``{"id": 3, "name":
"…"}`` (the name when the related record is at hand, else only the id), files their stored
name, many-to-many fields a list of such pairs. A secret is stored as :data:`HIDDEN`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile

HIDDEN: dict[str, bool] = {"hidden": True}
NAME_LENGTH = 200


def name_of(obj: object) -> str:
    try:
        return str(obj)[:NAME_LENGTH]
    except Exception:  # a record's own __str__ must never stop the change it describes
        pk = getattr(obj, "pk", None)
        return f"{type(obj).__name__} #{pk}"[:NAME_LENGTH]


def comparable(field: models.Field[Any, Any], value: Any) -> Any:
    """The value in one form for the stored row and the instance, so that "1.5" and
    Decimal("1.50") or a file and its name compare equal."""
    if isinstance(field, models.FileField):
        return (value.name if isinstance(value, FieldFile) else value) or ""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    try:
        return field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return value


def plain(value: Any) -> Any:
    """A Python value as JSON."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return None  # binary content is never copied into the trail
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return str(value)


def stored(field: models.Field[Any, Any], value: Any, instance: models.Model | None = None) -> Any:
    """``value`` (the field's ``attname`` value) as the trail keeps it."""
    if value is None:
        return None
    if isinstance(field, models.ForeignKey):
        item: dict[str, Any] = {"id": plain(value)}
        if instance is not None and field.is_cached(instance):
            related = field.get_cached_value(instance)
            if related is not None and related.pk == value:
                item["name"] = name_of(related)
        return item
    return plain(comparable(field, value))


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
