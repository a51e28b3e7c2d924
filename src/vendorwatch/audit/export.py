"""The filtered list of changes as CSV: one line per changed field, read a chunk at a time so
memory stays the same however long the trail is."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vendorwatch.audit.display import shown_entries, when
from vendorwatch.audit.models import AuditEntry
from vendorwatch.problems.export import neutralise

CHUNK = 500


def header() -> list[str]:
    return [
        _("Changed at"),
        _("User"),
        _("Via"),
        _("Action"),
        _("Kind of record"),
        _("Record"),
        _("Record number"),
        _("Field"),
        _("Before"),
        _("After"),
    ]


def rows(entries: QuerySet[AuditEntry]) -> Iterator[list[str]]:
    yield header()
    hidden = _("changed, not shown")
    last = None
    while True:
        # Keyset pages (newest first) rather than OFFSET: each chunk costs the same.
        chunk_query = entries.order_by("-at", "-pk")
        if last is not None:
            chunk_query = chunk_query.filter(at__lte=last.at).exclude(at=last.at, pk__gte=last.pk)
        chunk = list(chunk_query[:CHUNK])
        if not chunk:
            return
        for shown in shown_entries(chunk):
            entry = shown.entry
            start = [
                when(entry.at),
                entry.actor_name,
                capfirst(entry.get_channel_display()),
                capfirst(entry.get_action_display()),
                shown.kind,
                entry.object_repr,
                entry.object_id,
            ]
            if not shown.changes:
                yield [neutralise(v) for v in [*start, "", "", ""]]
            for change in shown.changes:
                values = [hidden, hidden] if change.hidden else [change.before, change.after]
                yield [neutralise(v) for v in [*start, change.label, *values]]
        last = chunk[-1]


def csv_lines(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    buffer.write("\ufeff")  # so that Excel reads the umlauts as UTF-8
    for number, row in enumerate(rows(entries), start=1):
        writer.writerow(row)
        if number % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
