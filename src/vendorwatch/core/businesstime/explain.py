"""Explanations: which windows counted, which holidays, closures and pauses were skipped.

:func:`explain` returns structured steps; :func:`render` turns them into lines of text in
the user's language. Every template is marked with :func:`gettext_noop` for makemessages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from .calendar import BusinessCalendar, DayKind, Provenance
from .clock import PauseLike, pause_arrays
from .days import day_span
from .i18n import Translate, gettext_noop, identity
from .instants import from_epoch, to_epoch
from .sla import KIND_LABELS, STATE_LABELS, SlaPolicy, TargetKind, Ticket, evaluate, ticket_pauses
from .table import local_date, table_for
from .vector import merge_pauses


class StepKind(Enum):
    COUNTED = "counted"
    PAUSED = "paused"
    HOLIDAY = "holiday"
    CLOSURE = "closure"
    OVERRIDE = "override"


MESSAGES = {
    StepKind.COUNTED: gettext_noop("Counted {date}: {start}-{end} ({duration})"),
    StepKind.PAUSED: gettext_noop("Not counted {date}: {start}-{end} paused ({duration})"),
    StepKind.HOLIDAY: gettext_noop("Skipped {date}: public holiday '{name}'"),
    StepKind.CLOSURE: gettext_noop("Skipped {date}: company closure"),
    StepKind.OVERRIDE: gettext_noop("Special hours on {date}: {windows}"),
}
CLOSED = gettext_noop("closed")
HEADER = gettext_noop("Business time from {start} to {end} (time zone {tz})")
TOTAL = gettext_noop("Total business time: {duration}")
SOURCE = gettext_noop("Calendar {calendar}, holiday data version {version}")
TARGET = gettext_noop("{kind}: target {target}, due {due}, elapsed {elapsed}, state: {state}")


@dataclass(frozen=True)
class Step:
    kind: StepKind
    date: date
    start: datetime | None = None
    end: datetime | None = None
    seconds: int = 0
    name: str = ""


@dataclass(frozen=True)
class Explanation:
    start: datetime
    end: datetime
    tz: str
    steps: tuple[Step, ...]
    total_seconds: int
    provenance: Provenance
    summary: tuple[tuple[str, dict[str, str]], ...] = field(default=())


def explain(
    calendar: BusinessCalendar,
    start: datetime,
    end: datetime,
    pauses: Iterable[PauseLike] = (),
    language: str = "de",
) -> Explanation:
    """Day-by-day account of the business time in ``[start, end)`` minus ``pauses``."""
    s, e = to_epoch(start, "start"), to_epoch(end, "end")
    zone = calendar.zone
    merged: list[tuple[int, int]] = []
    arrays = pause_arrays(pauses)
    if arrays is not None:
        _, p_start, p_end = merge_pauses(*arrays)
        merged = [(int(a), int(b)) for a, b in zip(p_start, p_end, strict=True)]
    steps: list[Step] = []
    total = 0
    day = local_date(zone, s)
    while e > s and day <= local_date(zone, e - 1):
        rule = calendar.day_rule(day, language)
        if rule.kind is DayKind.HOLIDAY and calendar.weekly[day.weekday()]:
            steps.append(Step(StepKind.HOLIDAY, day, name=rule.holiday or ""))
        elif rule.kind is DayKind.CLOSURE and calendar.weekly[day.weekday()]:
            steps.append(Step(StepKind.CLOSURE, day))
        elif rule.kind is DayKind.OVERRIDE:
            windows = ", ".join(str(w) for w in rule.windows)
            steps.append(Step(StepKind.OVERRIDE, day, name=windows))
        lo, hi = day_span(calendar, day)
        for a, b in table_for(calendar, lo, hi).intervals_between(max(lo, s), min(hi, e)):
            for kind, x, y in _split(a, b, merged):
                steps.append(Step(kind, day, from_epoch(x, zone), from_epoch(y, zone), y - x))
                total += (y - x) if kind is StepKind.COUNTED else 0
        day += timedelta(days=1)
    return Explanation(start, end, calendar.tz, tuple(steps), total, calendar.provenance())


def _split(a: int, b: int, pauses: list[tuple[int, int]]) -> list[tuple[StepKind, int, int]]:
    """Cut ``[a, b)`` into counted and paused pieces."""
    pieces: list[tuple[StepKind, int, int]] = []
    cursor = a
    for p, q in pauses:
        if q <= cursor or p >= b:
            continue
        if p > cursor:
            pieces.append((StepKind.COUNTED, cursor, p))
        pieces.append((StepKind.PAUSED, max(p, cursor), min(q, b)))
        cursor = min(q, b)
    if cursor < b:
        pieces.append((StepKind.COUNTED, cursor, b))
    return pieces


def explain_ticket(
    policy: SlaPolicy,
    ticket: Ticket,
    now: datetime,
    kind: TargetKind = TargetKind.RESOLUTION,
    language: str = "de",
) -> Explanation:
    """Explanation of one target of one ticket, with a summary line (target, due, state)."""
    sla = evaluate(policy, ticket, now)
    if kind not in sla.results:
        raise ValueError(f"ticket has no {kind.value} clock")
    result = sla.results[kind]
    target = policy.targets_for(ticket.priority).get(kind)
    assert target is not None  # evaluate() only reports targets that exist
    calendar = policy.clock_calendar(target)
    end = result.stop or now
    base = explain(calendar, result.start, end, ticket_pauses(policy, ticket, now), language)
    zone = calendar.zone
    values = {
        "kind": KIND_LABELS[kind],
        "target": format_target(result.target_seconds, language),
        "due": format_instant(result.due.astimezone(zone), language),
        "elapsed": format_duration(result.elapsed_seconds),
        "state": STATE_LABELS[result.state],
    }
    return Explanation(
        base.start,
        base.end,
        base.tz,
        base.steps,
        base.total_seconds,
        base.provenance,
        ((TARGET, values),),
    )


def format_duration(seconds: int) -> str:
    """``H:MM h`` (``H:MM:SS h`` when there are seconds) — the same in German and English."""
    sign = "-" if seconds < 0 else ""
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}" + (f":{s:02d}" if s else "") + " h"


# A target's hours and minutes; "8:00 h" would read like a time of day.
TARGET_UNITS = {"de": ("Std.", "Min."), "en": ("h", "min")}


def format_target(seconds: int, language: str) -> str:
    """``8 Std.``, ``4 Std. 30 Min.``, ``30 Min.`` (English ``8 h``, ``4 h 30 min``)."""
    hour_unit, minute_unit = TARGET_UNITS.get(language, TARGET_UNITS["en"])
    hours, minutes = divmod(seconds // 60, 60)
    parts = [f"{hours} {hour_unit}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} {minute_unit}")
    return " ".join(parts)


def format_instant(value: datetime, language: str) -> str:
    return value.strftime("%d.%m.%Y %H:%M" + (":%S" if value.second else ""))


def format_date(value: date, language: str) -> str:
    return value.strftime("%d.%m.%Y")


def render(
    explanation: Explanation,
    translate: Translate = identity,
    language: str = "de",
    zone_name: Callable[[str], str] = str,
) -> list[str]:
    """Lines of text; ``translate`` maps each English template to the user's language, and
    ``zone_name`` the time zone's code to its name ("Europe/Berlin" → "Deutschland (Berlin)").

    Summary values that are themselves message ids (kind, state) are translated too.
    """
    zone = BusinessCalendar.always_open(explanation.tz).zone
    lines = [
        translate(HEADER).format(
            start=format_instant(explanation.start.astimezone(zone), language),
            end=format_instant(explanation.end.astimezone(zone), language),
            tz=zone_name(explanation.tz),
        )
    ]
    for template, values in explanation.summary:
        translated = {k: translate(v) if k in ("kind", "state") else v for k, v in values.items()}
        lines.append(translate(template).format(**translated))
    for step in explanation.steps:
        fields = {
            "date": format_date(step.date, language),
            "name": step.name,
            "windows": step.name or translate(CLOSED),
            "duration": format_duration(step.seconds),
        }
        if step.start is not None and step.end is not None:
            fields["start"] = step.start.strftime("%H:%M:%S" if step.start.second else "%H:%M")
            end_text = step.end.strftime("%H:%M:%S" if step.end.second else "%H:%M")
            fields["end"] = (
                "24:00" if end_text == "00:00" and step.end.date() > step.date else end_text
            )
        lines.append(translate(MESSAGES[step.kind]).format(**fields))
    lines.append(translate(TOTAL).format(duration=format_duration(explanation.total_seconds)))
    lines.append(
        translate(SOURCE).format(
            calendar=explanation.provenance.calendar_name
            or explanation.provenance.calendar_fingerprint,
            version=explanation.provenance.holidays_version,
        )
    )
    return lines
