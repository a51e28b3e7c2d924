"""Entries as a reader sees them: plain field labels, choices' labels, "yes"/"no", dates as
27.11.2026 14:05 in the local time zone, a related record by its name."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vendorwatch.accounts.roles import Role
from vendorwatch.audit.models import AuditEntry
from vendorwatch.audit.values import HIDDEN

EMPTY = "–"

# Labels for fields whose models give no translatable one.
FIELD_LABELS: dict[str, Any] = {
    "created_by": gettext_lazy("created by"),
    "uploaded_by": gettext_lazy("uploaded by"),
    "recorded_by": gettext_lazy("recorded by"),
    "decided_by": gettext_lazy("decided by"),
    "decided_at": gettext_lazy("decided at"),
    "done_by": gettext_lazy("done by"),
    "closed_at": gettext_lazy("closed at"),
    "rule": gettext_lazy("escalation rule"),
    "kind": gettext_lazy("kind"),
    "message": gettext_lazy("e-mail"),
    "content_type": gettext_lazy("file type"),
    "provider": gettext_lazy("provider"),
    "user": gettext_lazy("user"),
    "problem": gettext_lazy("problem"),
    "contract": gettext_lazy("contract"),
    "action": gettext_lazy("action item"),
    "removed": gettext_lazy("removed from the agenda"),
    "agenda_sent_at": gettext_lazy("agenda sent at"),
    "revision": gettext_lazy("revision of the minutes"),
    "minutes_approved_at": gettext_lazy("minutes approved at"),
    "minutes_approved_by": gettext_lazy("minutes approved by"),
    "minutes_sent_at": gettext_lazy("minutes sent at"),
    "decided_to_stay": gettext_lazy("decided to stay"),
    "dispatch": gettext_lazy("dispatch"),
    "exit_task": gettext_lazy("exit task"),
    "token": gettext_lazy("stored file name"),
    "token_hash": gettext_lazy("access key"),
    "digest": gettext_lazy("access key"),
    "nonce_hash": gettext_lazy("link"),
}
MODEL_FIELD_LABELS: dict[tuple[str, str], Any] = {
    ("auth.user", "groups"): gettext_lazy("role of the user"),
    ("auth.user", "password"): gettext_lazy("password"),
}


@dataclass
class ShownChange:
    label: str
    before: str
    after: str
    hidden: bool = False  # a secret: only that it changed


@dataclass
class ShownEntry:
    entry: AuditEntry
    kind: str
    changes: list[ShownChange] = field(default_factory=list)

    @property
    def history_url(self) -> str:
        kind = self.entry.content_type
        return reverse(
            "audit-history", args=[f"{kind.app_label}.{kind.model}", self.entry.object_id]
        )


def model_of(entry: AuditEntry) -> type[models.Model] | None:
    return entry.content_type.model_class()


def kind_label(model: type[models.Model] | None, fallback: str = "") -> str:
    return capfirst(str(model._meta.verbose_name)) if model is not None else fallback


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # a field removed since: shown by its name
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    label_key = (model._meta.label_lower, name) if model is not None else ("", name)
    if label_key in MODEL_FIELD_LABELS:
        return capfirst(str(MODEL_FIELD_LABELS[label_key]))
    found = _field(model, name)
    verbose = getattr(found, "verbose_name", None)
    if isinstance(verbose, Promise):
        return capfirst(str(verbose))
    return capfirst(str(FIELD_LABELS.get(name, verbose or name.replace("_", " "))))


# --- names of related records -------------------------------------------------------------------


class Names:
    """Names of the related records the entries point to, looked up at once for a page (one
    query per kind of related record), not once per value. A record that still exists is
    named as it is now, in the reader's language; a deleted one by the name stored with the
    entry, or by its number."""

    def __init__(self) -> None:
        self.known: dict[tuple[type[models.Model], str], str] = {}

    def collect(self, entries: Iterable[AuditEntry]) -> None:
        wanted: dict[type[models.Model], set[Any]] = {}
        for entry in entries:
            model = model_of(entry)
            for name, pair in (entry.changes or {}).items():
                related = getattr(_field(model, name), "related_model", None)
                if not isinstance(related, type):
                    continue
                for value in pair if isinstance(pair, list) else ():
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, dict) and "id" in item:
                            wanted.setdefault(related, set()).add(item["id"])
        for related, ids in wanted.items():
            # select_related(): a name made from a related record costs no query of its own.
            for obj in related._base_manager.select_related().filter(pk__in=ids):
                self.known[(related, str(obj.pk))] = str(obj)

    def of(self, related: type[models.Model] | None, item: dict[str, Any]) -> str:
        current = self.known.get((related, str(item.get("id")))) if related else None
        name = current or item.get("name")
        if related is Group and isinstance(name, str) and name in Role._value2member_map_:
            return Role(name).label
        return str(name) if name else f"#{item.get('id')}"


# --- values ------------------------------------------------------------------------------------


def _local(value: dt.datetime) -> str:
    try:
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    except (OverflowError, ValueError):  # the edge of the calendar: shown in UTC
        return formats.date_format(value, "DATETIME_FORMAT") + " UTC"


def when(value: dt.datetime) -> str:
    return _local(value)


def shown_value(model: type[models.Model] | None, name: str, value: Any, names: Names) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    found = _field(model, name)
    related = getattr(found, "related_model", None)
    if isinstance(value, list):
        return ", ".join(names.of(related, v) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict) and "id" in value and set(value) <= {"id", "name"}:
        return names.of(related, value)
    choices = getattr(found, "flatchoices", None)
    if choices:
        for key, label in choices:
            if str(key) == str(value):
                return str(label)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _typed(found, value)


def _typed(found: Any, value: Any) -> str:
    try:
        if isinstance(found, models.DateTimeField):
            return _local(dt.datetime.fromisoformat(value))
        if isinstance(found, models.DateField):
            return formats.date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        if isinstance(found, models.TimeField):
            return formats.time_format(dt.time.fromisoformat(value), "TIME_FORMAT")
        if isinstance(found, models.DecimalField):
            return formats.number_format(
                Decimal(value), decimal_pos=found.decimal_places, use_l10n=True, force_grouping=True
            )
        if isinstance(found, models.FileField):
            return str(value).rsplit("/", 1)[-1]
    except (TypeError, ValueError, InvalidOperation):
        pass
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def shown_changes(entry: AuditEntry, names: Names) -> list[ShownChange]:
    model = model_of(entry)
    shown = []
    for name, pair in (entry.changes or {}).items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        label = field_label(model, name)
        if HIDDEN in (before, after):
            shown.append(ShownChange(label, "", "", hidden=True))
            continue
        shown.append(
            ShownChange(
                label,
                shown_value(model, name, before, names),
                shown_value(model, name, after, names),
            )
        )
    return shown


def shown_entries(entries: Sequence[AuditEntry]) -> list[ShownEntry]:
    names = Names()
    names.collect(entries)
    return [
        ShownEntry(e, kind_label(model_of(e), e.content_type.model), shown_changes(e, names))
        for e in entries
    ]
