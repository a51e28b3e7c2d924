"""The evidence pack's problem records: per problem its description, timeline and attachments
and, for each missed deadline, the engine's day-by-day account of it; every missed deadline
also as a row of ``problems/breaches.csv`` and (the first ones) in the summary.

Problems are read, computed and written a batch at a time, so memory stays flat however many
there are; the clocks are computed as the periodic job computes them
(:func:`~vendorwatch.problems.clock.summarise_many`), as of the moment the pack is made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.utils import translation
from django.utils.translation import gettext as _

from vendorwatch.core import businesstime as bt
from vendorwatch.problems.clock import (
    UNCOMPUTABLE,
    Clocked,
    ClockInput,
    EngineCache,
    summarise_many,
    timeline,
)
from vendorwatch.problems.durations import business_duration, day_of, day_seconds, target_duration
from vendorwatch.problems.export import neutralise
from vendorwatch.problems.export import rows as problem_rows
from vendorwatch.problems.models import (
    Attachment,
    Channel,
    EventEdit,
    EventKind,
    Problem,
    ProblemEvent,
    Status,
)
from vendorwatch.problems.report import TEXT_FIELDS
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.sla.models import Level
from vendorwatch.termination.evidence_zip import SUMMARY_ROWS, Pack, Spool, short
from vendorwatch.web.zones import zone_label

# Problems read, computed and written together.
BATCH = 500
# Problems whose missed deadlines get the day-by-day account (about 4 ms each): the pack of
# a provider with tens of thousands of them is made in minutes, not in the best part of an
# hour. Every missed deadline is in breaches.csv all the same; the problem's page shows the
# account of any of them.
MAX_CALCULATIONS = 2000
BREACHED = bt.SlaState.BREACHED


class EventRow(NamedTuple):
    problem_id: int
    pk: int
    kind: str
    occurred_at: datetime
    text: str
    author: str | None
    created_at: datetime


@dataclass(frozen=True)
class Breach:
    number: int
    title: str
    priority: str
    kind: str
    target: str
    reported: str
    due: str
    stopped: str
    measured: str
    missed_by: str
    sla: str

    @property
    def shown_title(self) -> str:
        return short(self.title, 120)

    def row(self) -> list[object]:
        return [
            self.number,
            neutralise(self.title),
            neutralise(self.priority),
            self.kind,
            self.target,
            self.reported,
            self.due,
            self.stopped,
            self.measured,
            self.missed_by,
            neutralise(self.sla),
        ]


def breach_header() -> list[str]:
    return [
        _("Problem number"),
        _("Title"),
        _("Priority"),
        _("Deadline"),
        _("Agreed time"),
        _("Reported to the provider"),
        _("Due"),
        _("Answered or resolved at"),
        _("Measured"),
        _("Missed by"),
        _("SLA"),
    ]


def kind_label(kind: bt.TargetKind) -> str:
    return _("Response time") if kind is bt.TargetKind.FIRST_RESPONSE else _("Resolution time")


PROBLEM_FIELDS = (
    "pk",
    "title",
    "since",
    "reported_to_provider_at",
    "channel",
    "provider_ticket_number",
    "service__name",
    "impact",
    "urgency",
    "priority__code",
    "priority__name",
    "sla_version_id",
    "sla_version__number",
    "sla_version__policy__name",
    "sla_policy_id",
    "status",
    *TEXT_FIELDS,
)


def problem_batches(provider: Any) -> Iterator[list[dict[str, Any]]]:
    """The provider's problems, a batch at a time in the order of their numbers."""
    problems = Problem.objects.filter(provider=provider).order_by("pk")
    last = 0
    while batch := list(problems.filter(pk__gt=last).values(*PROBLEM_FIELDS)[:BATCH]):
        yield batch
        last = batch[-1]["pk"]


class Problems:
    """Writes each problem's records and collects the missed deadlines."""

    def __init__(self, pack: Pack, now: datetime) -> None:
        self.pack = pack
        self.now = now
        self.cache = EngineCache()
        self.days: dict[int, int] = {}
        self.breaches: list[Breach] = []
        self.breach_count = 0
        self.breached_problems = 0
        self.max_calculations = MAX_CALCULATIONS
        self.problems = 0
        self.spool = Spool(breach_header())
        self.language = translation.get_language() or "de"
        self.labels = {
            "status": dict(Status.choices),
            "channel": dict(Channel.choices),
            "level": dict(Level.choices),
            "event": dict(EventKind.choices),
        }

    def write(self, provider: Any) -> None:
        try:
            for batch in problem_batches(provider):
                self.batch(batch)
            self.spool.add_to(self.pack, "problems/breaches.csv")
        finally:
            self.spool.text.close()
        # The problem list's own export: the same columns as the list page.
        self.pack.add_csv(
            "problems/problems.csv", problem_rows(Problem.objects.filter(provider=provider))
        )

    def batch(self, batch: list[dict[str, Any]]) -> None:
        ids = [row["pk"] for row in batch]
        events = self.events(ids)
        edits = self.edits(ids)
        attachments: dict[int, list[Attachment]] = defaultdict(list)
        for attachment in Attachment.objects.filter(problem_id__in=ids).order_by("pk"):
            attachments[attachment.problem_id].append(attachment)
        versions = self.cache.versions({r["sla_version_id"] for r in batch if r["sla_version_id"]})
        items = [
            ClockInput(
                pk=row["pk"],
                reported=row["reported_to_provider_at"],
                priority=row["priority__code"],
                version=versions.get(row["sla_version_id"] or 0),
                policy_id=row["sla_policy_id"],
                events=events[row["pk"]],
            )
            for row in batch
        ]
        clocked = summarise_many(items, now=self.now, cache=self.cache)
        for row, item, clock in zip(batch, items, clocked, strict=True):
            self.problems += 1
            folder = f"problems/{row['pk']}"
            self.pack.add_text(f"{folder}/description.txt", self.description(row))
            self.pack.add_csv(
                f"{folder}/timeline.csv", self.timeline_rows(events[row["pk"]], edits)
            )
            self.computation(row, item, clock, folder)
            for attachment in attachments[row["pk"]]:
                path = self.pack.name(f"{folder}/attachments", attachment.filename)
                record = _("Attachment “%(name)s” of problem #%(number)s") % {
                    "name": short(attachment.filename, 200),
                    "number": row["pk"],
                }
                self.pack.add_stored(path, attachment.file, record)

    def events(self, ids: list[int]) -> dict[int, list[EventRow]]:
        found: dict[int, list[EventRow]] = {pk: [] for pk in ids}
        rows = (
            ProblemEvent.objects.filter(problem_id__in=ids)
            .order_by("problem_id", "occurred_at", "pk")
            .values_list(
                "problem_id", "pk", "kind", "occurred_at", "text", "author__username", "created_at"
            )
        )
        for values in rows:
            found[values[0]].append(EventRow(*values))
        return found

    def edits(self, ids: list[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = defaultdict(list)
        rows = (
            EventEdit.objects.filter(event__problem_id__in=ids)
            .order_by("created_at", "pk")
            .values_list(
                "event_id", "old_occurred_at", "new_occurred_at", "reason", "user__username"
            )
        )
        for event, old, new, reason, user in rows:
            found[event].append(
                _("%(old)s → %(new)s (reason: %(reason)s; by %(user)s)")
                % {"old": when(old), "new": when(new), "reason": reason, "user": user or "–"}
            )
        return found

    def timeline_rows(
        self, events: list[EventRow], edits: dict[int, list[str]]
    ) -> Iterator[list[object]]:
        yield [
            _("When"),
            _("What happened"),
            _("Note"),
            _("Entered by"),
            _("Entered at"),
            _("Time changed"),
        ]
        for event in events:
            yield [
                when(event.occurred_at),
                self.labels["event"].get(event.kind, event.kind),
                neutralise(event.text),
                neutralise(event.author or ""),
                when(event.created_at),
                neutralise(" | ".join(edits.get(event.pk, []))),
            ]

    def description(self, row: dict[str, Any]) -> str:
        labels = self.labels
        priority = f"{row['priority__code'] or ''} {row['priority__name'] or ''}".strip()
        facts = [
            (_("Problem number"), str(row["pk"])),
            (_("Title"), row["title"]),
            (_("Since when"), when(row["since"])),
            (_("Reported to the provider"), when(row["reported_to_provider_at"])),
            (_("Reported by"), str(labels["channel"].get(row["channel"], row["channel"]))),
            (_("Provider's ticket number"), row["provider_ticket_number"] or "–"),
            (_("Affected service"), row["service__name"] or "–"),
            (_("Impact"), str(labels["level"].get(row["impact"], row["impact"]))),
            (_("Urgency"), str(labels["level"].get(row["urgency"], row["urgency"]))),
            (_("Priority"), priority or "–"),
            (_("SLA"), self.sla_name(row) or _("no SLA agreed")),
            (_("Status"), str(labels["status"].get(row["status"], row["status"]))),
        ]
        lines = [f"{label}: {value}" for label, value in facts]
        for name, label in TEXT_FIELDS.items():
            if row[name]:
                lines += ["", f"{label}:", row[name]]
        return "\n".join(lines) + "\n"

    def sla_name(self, row: dict[str, Any]) -> str:
        if row["sla_version_id"] is None:
            return ""
        return _("%(policy)s, version %(version)s") % {
            "policy": row["sla_version__policy__name"],
            "version": row["sla_version__number"],
        }

    def day(self, item: ClockInput) -> int:
        version = item.version
        if version is None:
            return 0
        if version.pk not in self.days:
            self.days[version.pk] = day_seconds(version)
        return self.days[version.pk]

    def computation(
        self, row: dict[str, Any], item: ClockInput, clock: Clocked, folder: str
    ) -> None:
        """The missed deadlines of one problem: a row each, and the day-by-day account."""
        missed = [r for r in clock.summary.results if r.state is BREACHED]
        if not missed or clock.policy is None:
            return
        self.breached_problems += 1
        priority = f"{row['priority__code'] or ''} {row['priority__name'] or ''}".strip()
        day = self.day(item)
        for result in missed:
            length = day_of(result, day)
            breach = Breach(
                number=row["pk"],
                title=row["title"],
                priority=priority,
                kind=kind_label(result.kind),
                target=target_duration(result.target_seconds, length),
                reported=when(row["reported_to_provider_at"]),
                due=when(result.due),
                stopped=when(result.stop) if result.stop else _("not yet"),
                measured=business_duration(result.elapsed_seconds, length),
                missed_by=business_duration(-result.margin_seconds, length),
                sla=self.sla_name(row),
            )
            self.breach_count += 1
            self.spool.add(breach.row())
            if len(self.breaches) < SUMMARY_ROWS:
                self.breaches.append(breach)
        if self.breached_problems <= self.max_calculations:
            text = self.calculation(row, item, clock.policy, missed)
            self.pack.add_text(f"{folder}/sla_calculation.txt", text)

    def calculation(
        self,
        row: dict[str, Any],
        item: ClockInput,
        policy: bt.SlaPolicy,
        missed: list[bt.TargetResult],
    ) -> str:
        line = timeline(
            created=item.reported,
            priority=item.priority or "",
            events=item.events,
            now=self.now,
            in_order=True,
        )
        lines = [
            _("How the SLA clock of problem #%(number)s was calculated (as of %(now)s)")
            % {"number": row["pk"], "now": when(self.now)},
            "",
        ]
        for result in missed:
            lines.append(kind_label(result.kind))
            try:
                explanation = bt.explain_ticket(
                    policy, line.ticket, self.now, result.kind, self.language
                )
                lines += bt.render(explanation, _, self.language, lambda tz: str(zone_label(tz)))
            except UNCOMPUTABLE:
                lines.append(_("cannot be computed — please check"))
            lines.append("")
        return "\n".join(lines)
