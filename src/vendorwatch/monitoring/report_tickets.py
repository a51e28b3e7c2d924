"""The tickets the report lists one by one: those that missed a time, and those where the
provider's own verdict differs from ours, each with the engine's account of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from vendorwatch.core.businesstime.explain import format_duration
from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.sla.models import Priority


def verdict_text(value: bool | None) -> str:
    if value is None:
        return gettext("no verdict yet")
    return gettext("met") if value else gettext("missed")


def provider_verdict_text(value: bool | None) -> str:
    if value is None:
        return "–"
    return gettext("met") if value else gettext("missed")


@dataclass(frozen=True)
class TicketRow:
    ticket: ExternalTicket
    priority: str
    created: str
    missed: str  # "response", "resolution", "response and resolution" in words
    lines: list[str] = field(default_factory=list)  # the engine's account, one per target
    provider_says: str = ""
    we_say: str = ""


def explain_target(ticket: ExternalTicket, kind: str, priority: Priority | None) -> str:
    """ "P2 resolution: 8 h business time → due 26.10.2026 15:00, resolved 26.10.2026 10:00
    (6:00 h business time): met" — built from what the engine stored for the ticket."""
    due = getattr(ticket, f"{kind}_due")
    seconds = getattr(ticket, f"{kind}_seconds")
    met = getattr(ticket, f"{kind}_met")
    stop = ticket.first_response if kind == "response" else ticket.resolved
    # Without a recorded first response the import counts the resolution as one.
    from_resolution = kind == "response" and stop is None and ticket.resolved is not None
    if from_resolution:
        stop = ticket.resolved
    values = {
        "priority": priority.code if priority else str(ticket.priority_rank),
        "target": priority.describe(kind) if priority else "–",
        "due": when(due) if due else "–",
        "stop": when(stop) if stop else "–",
        "elapsed": format_duration(seconds) if seconds is not None else "–",
        "verdict": verdict_text(met),
    }
    if from_resolution:
        text = gettext(
            "%(priority)s response: %(target)s → due %(due)s, no first response recorded, the "
            "resolution %(stop)s counts as one (%(elapsed)s business time): %(verdict)s"
        )
    elif kind == "response":
        if stop is None:
            text = gettext(
                "%(priority)s response: %(target)s → due %(due)s, no first response yet: "
                "%(verdict)s"
            )
        else:
            text = gettext(
                "%(priority)s response: %(target)s → due %(due)s, first response %(stop)s "
                "(%(elapsed)s business time): %(verdict)s"
            )
    elif stop is None:
        text = gettext(
            "%(priority)s resolution: %(target)s → due %(due)s, not resolved yet: %(verdict)s"
        )
    else:
        text = gettext(
            "%(priority)s resolution: %(target)s → due %(due)s, resolved %(stop)s "
            "(%(elapsed)s business time): %(verdict)s"
        )
    return text % values


def missed_text(ticket: ExternalTicket) -> str:
    response = ticket.response_met is False
    resolution = ticket.resolution_met is False
    if resolution and ticket.resolved is None:
        if response:
            return gettext("response, and still open past the resolution time")
        return gettext("still open past the resolution time")
    if response and resolution:
        return gettext("response and resolution")
    return gettext("response") if response else gettext("resolution")


class Priorities:
    """The priority of each (SLA version, rank), loaded once for the tickets of a page."""

    def __init__(self, fallback: dict[int, Priority]) -> None:
        self.fallback = fallback
        self.by_version: dict[int, dict[int, Priority]] = {}

    def load(self, version_ids: set[int]) -> None:
        missing = version_ids - set(self.by_version)
        for priority in Priority.objects.filter(version_id__in=missing):
            self.by_version.setdefault(priority.version_id, {})[priority.rank] = priority
        for version_id in missing:
            self.by_version.setdefault(version_id, {})

    def of(self, ticket: ExternalTicket) -> Priority | None:
        found = self.by_version.get(ticket.sla_version_id or 0, {}).get(ticket.priority_rank)
        return found or self.fallback.get(ticket.priority_rank)


def ticket_rows(tickets: Any, priorities: Priorities, *, explain: bool) -> list[TicketRow]:
    """Rows for the listed tickets (a page of them, or the PDF's first ones)."""
    tickets = list(tickets)
    priorities.load({t.sla_version_id for t in tickets if t.sla_version_id})
    rows = []
    for ticket in tickets:
        priority = priorities.of(ticket)
        lines = []
        if explain:
            lines = [explain_target(ticket, kind, priority) for kind in disagreeing(ticket)]
        rows.append(
            TicketRow(
                ticket=ticket,
                priority=priority.code if priority else str(ticket.priority_rank),
                created=when(ticket.created),
                missed=missed_text(ticket) if ticket_breached(ticket) else "",
                lines=lines,
                provider_says=provider_verdict_text(provider_overall(ticket)),
                we_say=verdict_text(our_overall(ticket)),
            )
        )
    return rows


def ticket_breached(ticket: ExternalTicket) -> bool:
    return ticket.response_met is False or ticket.resolution_met is False


def disagreeing(ticket: ExternalTicket) -> list[str]:
    """The targets on which the provider's verdict differs from ours (both, for an overall
    verdict that differs)."""
    kinds = []
    if ticket.provider_response_met is not None and ticket.provider_response_met != (
        ticket.response_met
    ):
        kinds.append("response")
    if ticket.provider_resolution_met is not None and ticket.provider_resolution_met != (
        ticket.resolution_met
    ):
        kinds.append("resolution")
    if not kinds:
        kinds = ["response", "resolution"]
    return kinds


def both_verdicts(response: bool | None, resolution: bool | None) -> bool | None:
    """One overall verdict, by the import's own rule (evaluation.overall): missed when either
    was missed, kept when both were kept, else none yet."""
    if response is False or resolution is False:
        return False
    return True if response is True and resolution is True else None


def our_overall(ticket: ExternalTicket) -> bool | None:
    return both_verdicts(ticket.response_met, ticket.resolution_met)


def provider_overall(ticket: ExternalTicket) -> bool | None:
    if ticket.provider_met is not None:
        return ticket.provider_met
    return both_verdicts(ticket.provider_response_met, ticket.provider_resolution_met)
