"""Presets: how the helpdesks that small-business providers run write their ticket exports.

Each preset names, per field (``options.FIELDS``), the column headers that tool writes (in
English and German where the tool is localised), the date formats, the time zone of its times
and its priority values. ``detect`` picks the preset whose columns match the file's header
best; the generic preset matches common header names of any tool.

What the import pipeline uses from here:

- :func:`detect` — which preset fits a header row;
- :func:`resolve_columns` — field -> column index, with the user's overrides;
- :func:`resolve_durations` — fields a tool writes only as "minutes after creation";
- :func:`map_priority` — a priority cell -> our rank (1 = most urgent), or ``None``;
- :func:`read_verdict` / :meth:`Preset.verdict` — a provider's SLA verdict cell -> bool/None;
- :func:`known_headers` — every header name any preset knows (helps find the header row).

Priority values are compared after :func:`normalise`. Several tools number their priorities
the other way round from an SLA (Zammad "3 high", Znuny "5 very high"), so a preset's own map
always wins over the general rules of :func:`map_priority`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext, gettext_noop

from vendorwatch.monitoring import options as f


@dataclass(frozen=True)
class Preset:
    key: str  # "zammad", "znuny", "glpi", "jira", "freshdesk", "zendesk", "autotask",
    # "connectwise", "halopsa", "atera", "excel_de", "generic"
    label: str  # English, e.g. "Zammad (report XLSX)"; show display_label to the user
    # field -> header names this tool writes, compared case- and space-insensitively; the
    # first name that the file has wins, so the most specific name comes first
    columns: Mapping[str, Sequence[str]]
    # strptime formats tried in order; empty: detect (see instants.detect_format)
    date_formats: Sequence[str] = ()
    # "UTC" when the tool exports UTC, "" when it writes the user's local time
    time_zone: str = ""
    # normalised value (casefolded, spaces collapsed) -> our priority rank (1 = most urgent)
    priority_map: Mapping[str, int] = field(default_factory=dict)
    file_types: Sequence[str] = ("csv",)  # "csv" and/or "xlsx"
    # True: 1/2/2026 is 1 February; False: 2 January; None: decide from the data
    day_first: bool | None = None
    delimiter: str = ""  # the tool's usual delimiter; "" = detect
    # header names whose yes/no answers "was the target MISSED?" (GLPI "Time to resolve
    # exceeded": "Yes" means breached); compared normalised
    negated: Sequence[str] = ()
    # field -> [(header, seconds per unit)]: columns holding the calendar time from creation
    # to that event, used only where the file has no column with the instant itself
    # (Zendesk "First reply time in minutes": first response = created + value minutes)
    durations: Mapping[str, Sequence[tuple[str, int]]] = field(default_factory=dict)
    notes: str = ""  # what the tool's documentation says about its export (for developers)

    @property
    def display_label(self) -> str:
        """The label in the active language (tool names stay as they are)."""
        return gettext(self.label)

    def verdict(self, header: str, value: Any) -> bool | None:
        """The provider's verdict in ``value`` read from the column ``header``: True = met."""
        met = read_verdict(value)
        if met is not None and _key(header) in {_key(n) for n in self.negated}:
            return not met
        return met


def normalise(value: str) -> str:
    """Casefolded, inner whitespace collapsed, stripped: how headers and values are compared."""
    return " ".join(str(value).split()).casefold()


def _key(header: Any) -> str:
    """A header as compared: normalised, without a byte-order mark or stray quotes."""
    return normalise(str(header or "").replace("\ufeff", "").strip().strip('"').strip())


MINUTE = 60
HOUR = 3600

# Values the tools of German providers write for "met" and "missed", compared normalised.
_MET = {
    "within sla",
    "in sla",
    "inside sla",
    "sla met",
    "met",
    "achieved",
    "on time",
    "yes",
    "y",
    "true",
    "1",
    "ok",
    "passed",
    "ja",
    "j",
    "wahr",
    "eingehalten",
    "sla eingehalten",
    "erfüllt",
    "sla erfüllt",
    "innerhalb sla",
    "in",
    "im sla",
    "pünktlich",
    "rechtzeitig",
    "✓",
    "✔",
}
_MISSED = {
    "sla violated",
    "violated",
    "breached",
    "sla breached",
    "breach",
    "not met",
    "sla not met",
    "missed",
    "failed",
    "overdue",
    "late",
    "out of sla",
    "outside sla",
    "outside of sla",
    "no",
    "n",
    "false",
    "0",
    "nein",
    "falsch",
    "verletzt",
    "sla verletzt",
    "überschritten",
    "sla überschritten",
    "nicht eingehalten",
    "sla nicht eingehalten",
    "nicht erfüllt",
    "sla nicht erfüllt",
    "außerhalb sla",
    "out",
    "verspätet",
    "✗",
    "✘",
}


def read_verdict(value: Any) -> bool | None:
    """A provider's SLA verdict: True = met, False = missed, None = empty or not a verdict.

    Reads English and German words ("Within SLA", "SLA Violated", "Met", "Breached", "Ja",
    "Nein", "eingehalten", "überschritten"), booleans and 1/0 as Excel writes them. Columns
    that answer the opposite question ("exceeded?") are turned round by :meth:`Preset.verdict`.
    Durations such as Jira's "Time to first response" (remaining time of the SLA clock) are
    not verdicts: the presets do not map them, so they never reach this function.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return {1: True, 0: False}.get(int(value)) if float(value) in (0.0, 1.0) else None
    text = normalise(str(value)).strip(" .!:;-")
    if text in _MET:
        return True
    if text in _MISSED:
        return False
    return None


# --- priorities -----------------------------------------------------------------------------

# Words (and word pairs) in a priority value -> our rank; pairs are looked for first.
_PRIORITY_PAIRS = {
    ("very", "high"): 1,
    ("sehr", "hoch"): 1,
    ("very", "low"): 5,
    ("sehr", "niedrig"): 5,
}
_PRIORITY_WORDS = {
    "critical": 1,
    "kritisch": 1,
    "urgent": 1,
    "dringend": 1,
    "highest": 1,
    "höchste": 1,
    "emergency": 1,
    "notfall": 1,
    "blocker": 1,
    "immediate": 1,
    "sofort": 1,
    "high": 2,
    "hoch": 2,
    "hohe": 2,
    "major": 2,
    "medium": 3,
    "normal": 3,
    "mittel": 3,
    "moderate": 3,
    "standard": 3,
    "low": 4,
    "niedrig": 4,
    "gering": 4,
    "minor": 4,
    "lowest": 5,
    "niedrigste": 5,
    "planning": 5,
    "planung": 5,
    "trivial": 5,
}
_PREFIXED_DIGIT = re.compile(r"^(?:p|prio|prio\.|priority|priorität|priorit[aä]t)\s*-?\s*(\d+)\b")
_LEADING_DIGIT = re.compile(r"^(\d+)(?:\.0+)?\b")


def map_priority(
    preset: Preset, value: Any, overrides: Mapping[str, int] | None = None
) -> int | None:
    """Our rank (1 = most urgent) for a priority cell, or None when it cannot be told.

    In order: the user's ``overrides`` (ImportOptions.priority_map), the preset's own map,
    then general rules: "P2", "Prio 2", "Priority 1 - Emergency Response" -> the number;
    words (critical/kritisch/urgent/dringend/highest/emergency -> 1, high/hoch -> 2,
    medium/normal/mittel -> 3, low/niedrig -> 4, lowest/very low/sehr niedrig/planning -> 5);
    last, a bare leading number ("3 normal" -> 3, "2" -> 2). Words go before a bare number
    because tools like Zammad count upwards ("1 low").
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = normalise(str(value))
    if not text:
        return None
    for table in (overrides or {}, preset.priority_map):
        for name, rank in table.items():
            if normalise(name) == text:
                return rank
    return _priority_by_rule(text)


def _priority_by_rule(text: str) -> int | None:
    prefixed = _PREFIXED_DIGIT.match(text)
    if prefixed:
        return _rank(prefixed.group(1))
    words = re.findall(r"[^\W\d_]+", text)
    for first, second in pairwise(words):
        if (first, second) in _PRIORITY_PAIRS:
            return _PRIORITY_PAIRS[(first, second)]
    for word in words:
        if word in _PRIORITY_WORDS:
            return _PRIORITY_WORDS[word]
    leading = _LEADING_DIGIT.match(text)
    return _rank(leading.group(1)) if leading else None


def _rank(digits: str) -> int | None:
    rank = int(digits)
    return rank if 1 <= rank <= 9 else None


# --- columns --------------------------------------------------------------------------------


class UnknownColumn(ValueError):
    """The user mapped a field to a column the file does not have."""

    def __init__(self, field: str, column: str) -> None:
        super().__init__(f"{field}: {column}")
        self.field = field
        self.column = column


def resolve_columns(
    preset: Preset, headers: Sequence[str], overrides: Mapping[str, str] | None = None
) -> dict[str, int]:
    """field -> index of its column in ``headers``, for the fields the file has.

    The user's ``overrides`` (ImportOptions.columns: field -> header as shown) win; an empty
    override means "the file has no such column". Then the preset's names, most specific
    first. A name that occurs several times (Jira's "Labels") resolves to its first
    occurrence, and no column serves two fields. Raises :class:`UnknownColumn` for an override
    that names no column of the file.
    """
    keys = [_key(h) for h in headers]
    first: dict[str, int] = {}
    for position, key in enumerate(keys):
        if key:
            first.setdefault(key, position)
    index: int | None
    result: dict[str, int] = {}
    taken: set[int] = set()
    overrides = overrides or {}
    for name, column in overrides.items():
        if name not in f.FIELDS or not str(column).strip():
            continue
        index = _override_index(headers, first, str(column))
        if index is None:
            raise UnknownColumn(name, str(column))
        result[name] = index
        taken.add(index)
    for name in f.FIELDS:
        if name in result or name in overrides:
            continue
        for candidate in preset.columns.get(name, ()):
            index = first.get(_key(candidate))
            if index is not None and index not in taken:
                result[name] = index
                taken.add(index)
                break
    return result


def _override_index(headers: Sequence[str], first: Mapping[str, int], column: str) -> int | None:
    for index, header in enumerate(headers):
        if header == column:
            return index
    return first.get(_key(column))


def resolve_durations(
    preset: Preset, headers: Sequence[str], columns: Mapping[str, int]
) -> dict[str, tuple[int, int]]:
    """field -> (column index, seconds per unit) for fields the file holds only as a time
    after creation (Zendesk's "First reply time in minutes"); fields already in ``columns``
    (from :func:`resolve_columns`) are left out. The instant is created + value × unit,
    counted in calendar time."""
    keys = [_key(h) for h in headers]
    taken = set(columns.values())
    result: dict[str, tuple[int, int]] = {}
    for name, candidates in preset.durations.items():
        if name in columns:
            continue
        for header, unit in candidates:
            wanted = _key(header)
            index = next((i for i, k in enumerate(keys) if k == wanted and i not in taken), None)
            if index is not None:
                result[name] = (index, unit)
                taken.add(index)
                break
    return result


# --- detection ------------------------------------------------------------------------------


def _score(preset: Preset, keys: set[str]) -> tuple[int, int]:
    required = optional = 0
    for name, candidates in preset.columns.items():
        if any(_key(c) in keys for c in candidates):
            if name in f.REQUIRED:
                required += 1
            else:
                optional += 1
    return required, optional


def detect(headers: Sequence[str]) -> tuple[Preset, int]:
    """The built-in preset that fits ``headers`` best and how many of its fields matched.

    Best: most of the required fields (id, created, priority) found, then most other fields;
    on a tie the earlier preset in BUILTIN. The generic preset, whose synonyms match almost
    anything, is chosen when it finds more required fields than every tool's preset, and
    whenever no tool's preset finds at least two of them: a file no tool wrote is read with
    common column names, not as some tool's export.
    """
    keys = {_key(h) for h in headers} - {""}
    best: tuple[Preset, tuple[int, int]] | None = None
    for preset in BUILTIN.values():
        if preset.key == "generic":
            continue
        score = _score(preset, keys)
        if best is None or score > best[1]:
            best = (preset, score)
    generic = BUILTIN["generic"]
    generic_score = _score(generic, keys)
    if best is None or best[1][0] < 2 or generic_score[0] > best[1][0]:
        best = (generic, generic_score)
    preset, (required, optional) = best
    return preset, required + optional


def known_headers() -> frozenset[str]:
    """Every header name any built-in preset knows, normalised (for finding the header row)."""
    names: set[str] = set()
    for preset in BUILTIN.values():
        for candidates in preset.columns.values():
            names.update(_key(c) for c in candidates)
        for pairs in preset.durations.values():
            names.update(_key(header) for header, _unit in pairs)
        names.update(_key(n) for n in preset.negated)
    return frozenset(names)


def get(key: str) -> Preset:
    """The built-in preset ``key``; KeyError for an unknown one."""
    return BUILTIN[key]


def choices() -> list[tuple[str, str]]:
    """(key, label) of every built-in preset, for a select field."""
    return [(p.key, p.display_label) for p in BUILTIN.values()]


def _columns(**names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    unknown = set(names) - set(f.FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    return {name: tuple(values) for name, values in names.items()}


# --- the presets ----------------------------------------------------------------------------

# Each comment says what the tool's documentation (or its source) shows of its export.

ZAMMAD = Preset(
    key="zammad",
    label=gettext_noop("Zammad (report XLSX)"),
    # Per Zammad's reporting documentation and its Excel writer: the "Download" of a report
    # profile is an XLSX with the profile title in row 1, the header in row 3 and a footer line
    # "Timezone: Europe/Berlin" two rows below the data. Headers are written in English ("#",
    # "Title", "State", "Priority", "Group", ..., "Created At", "Closed At", "First Response
    # At", "First Response Escalation At", "... In Min", "... Diff In Min"); times are native
    # Excel datetimes converted to the report's (the user's) time zone. Priorities count
    # upwards: "1 low", "2 normal", "3 high". The export has no verdict column ("Diff In Min"
    # is a number of minutes, not a verdict).
    columns=_columns(
        id=("#", "Number", "Ticket Number", "Ticket#", "Nummer", "Ticketnummer"),
        created=("Created At", "Created", "Erstellt am", "Erstellt"),
        first_response=("First Response At", "Erste Reaktion am", "Erste Reaktion"),
        resolved=("Closed At", "Geschlossen am", "Geschlossen"),
        priority=("Priority", "Priorität"),
        status=("State", "Status"),
        title=("Title", "Titel"),
        category=("Group", "Gruppe"),
        updated=("Updated At", "Aktualisiert am", "Aktualisiert"),
    ),
    date_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    priority_map={
        "1 low": 4,
        "2 normal": 3,
        "3 high": 2,
        "1 niedrig": 4,
        "3 hoch": 2,
    },
    file_types=("xlsx",),
    notes="XLSX; title row 1, header row 3, footer 'Timezone: …'; local times.",
)

ZNUNY = Preset(
    key="znuny",
    label=gettext_noop("Znuny / OTRS (ticket search CSV)"),
    # Per the Znuny/OTRS admin manual (Ticket::Frontend::AgentTicketSearch###SearchCSVData):
    # the search result as CSV has the columns TicketNumber, Age, Created, Closed, FirstLock,
    # FirstResponse, State, Priority, Queue, Lock, Owner, ..., Subject, SolutionInMin,
    # SolutionDiffInMin, FirstResponseInMin, FirstResponseDiffInMin, headed in the agent's
    # language ("Ticket#", "Erstellt", "Geschlossen", "Erste Reaktion", "Priorität", "Queue",
    # "Betreff"); the separator is chosen by the agent (";" in German set-ups); times as
    # "2026-10-23 16:00:00" in the agent's time zone. Priorities count upwards, "1 very low"
    # to "5 very high" ("3 normal" is the default). No verdict column.
    columns=_columns(
        id=("Ticket#", "Ticket #", "TicketNumber", "Ticket Number", "Ticketnummer", "Ticket-Nr."),
        created=("Created", "Erstellt", "Erstellt am"),
        first_response=("First Response", "FirstResponse", "Erste Reaktion"),
        resolved=("Closed", "Close Time", "Geschlossen", "Schließzeit"),
        priority=("Priority", "Priorität"),
        status=("State", "Status"),
        title=("Subject", "Title", "Betreff", "Titel"),
        category=("Queue", "Type", "Typ"),
        updated=("Changed", "Last Changed", "Geändert", "Zuletzt geändert"),
    ),
    date_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    priority_map={
        "1 very low": 5,
        "2 low": 4,
        "3 normal": 3,
        "4 high": 2,
        "5 very high": 1,
        "1 sehr niedrig": 5,
        "2 niedrig": 4,
        "4 hoch": 2,
        "5 sehr hoch": 1,
    },
    notes="CSV, agent's separator and language; 'YYYY-MM-DD HH:MM:SS' local; '5 very high'=1.",
)

GLPI = Preset(
    key="glpi",
    label=gettext_noop("GLPI (CSV export)"),
    # Per the GLPI documentation and its search export code: the list's "Export" as CSV uses
    # the user's CSV delimiter (";" by default; GLPI 9.x writes it after every cell, so each
    # line ends with one), one column per displayed search option, headed in the user's
    # language, options of a group prefixed ("SLA - Time to resolve exceeded") ("ID",
    # "Title", "Status", "Last update", "Opening date", "Priority", "Category", "Time to own",
    # "Time to resolve", "Resolution date", "Closing date"); dates in the user's date format
    # (YYYY-MM-DD by default, DD-MM-YYYY or MM-DD-YYYY) and local time. Priorities "Very low",
    # "Low", "Medium", "High", "Very high", "Major". "Time to own"/"Time to resolve" are the
    # SLA's due dates; the search options "Time to own exceeded"/"Time to resolve exceeded"
    # say Yes when the target was missed, so they are read the other way round.
    columns=_columns(
        id=("ID",),
        created=("Opening date", "Eröffnungsdatum", "Öffnungsdatum"),
        first_response=("Take into account date", "Date of taking into account", "Übernahmedatum"),
        resolved=("Resolution date", "Lösungsdatum", "Closing date", "Schließungsdatum"),
        priority=("Priority", "Priorität"),
        status=("Status",),
        title=("Title", "Titel"),
        category=("Category", "Kategorie"),
        updated=("Last update", "Letzte Änderung", "Letzte Aktualisierung"),
        response_met=(
            "Time to own exceeded",
            "SLA - Time to own exceeded",
            "Zeit bis zur Übernahme überschritten",
        ),
        resolution_met=(
            "Time to resolve exceeded",
            "SLA - Time to resolve exceeded",
            "Zeit bis zur Lösung überschritten",
        ),
    ),
    date_formats=("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M", "%m-%d-%Y %H:%M"),
    priority_map={
        "major": 1,
        "very high": 1,
        "high": 2,
        "medium": 3,
        "low": 4,
        "very low": 5,
        "höchste": 1,
        "sehr hoch": 1,
        "hoch": 2,
        "mittel": 3,
        "niedrig": 4,
        "sehr niedrig": 5,
    },
    delimiter=";",
    negated=(
        "Time to own exceeded",
        "Time to resolve exceeded",
        "SLA - Time to own exceeded",
        "SLA - Time to resolve exceeded",
        "Zeit bis zur Übernahme überschritten",
        "Zeit bis zur Lösung überschritten",
    ),
    notes="';' CSV, trailing ';' on every line; 'YYYY-MM-DD HH:MM' local; 'exceeded' = missed.",
)

JIRA = Preset(
    key="jira",
    label=gettext_noop("Jira Service Management (CSV)"),
    # Per Atlassian's documentation of "Export issues" (CSV, all or current fields): one
    # column per field, multi-valued fields repeated under the same name ("Labels", "Labels",
    # "Watchers"...), custom fields as "Custom field (Request Type)"; dates in the exporting
    # user's date format and time zone, by default "25/Feb/26 10:17 PM". Priorities
    # "Highest", "High", "Medium", "Low", "Lowest" (older schemes "Blocker" ... "Trivial").
    # The SLA fields "Time to first response"/"Time to resolution" carry the remaining (or
    # overrun) time of the last cycle, not whether the goal was met: a paused or restarted
    # cycle makes a sign unreliable, so they are not read as verdicts.
    columns=_columns(
        id=("Issue key", "Vorgangsschlüssel", "Schlüssel", "Key"),
        created=("Created", "Erstellt"),
        first_response=(
            "Custom field (Date of First Response)",
            "Date of First Response",
            "Custom field (First Response Date)",
            "Benutzerdefiniertes Feld (Date of First Response)",
        ),
        resolved=("Resolved", "Erledigt", "Gelöst"),
        priority=("Priority", "Priorität"),
        status=("Status",),
        title=("Summary", "Zusammenfassung"),
        category=(
            "Custom field (Request Type)",
            "Custom field (Customer Request Type)",
            "Benutzerdefiniertes Feld (Anfragetyp)",
            "Request Type",
            "Issue Type",
            "Vorgangstyp",
        ),
        updated=("Updated", "Aktualisiert"),
    ),
    date_formats=("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d.%m.%y %H:%M", "%d.%m.%Y %H:%M"),
    priority_map={
        "highest": 1,
        "high": 2,
        "medium": 3,
        "low": 4,
        "lowest": 5,
        "blocker": 1,
        "critical": 1,
        "major": 2,
        "minor": 4,
        "trivial": 5,
        "höchste": 1,
        "hoch": 2,
        "mittel": 3,
        "niedrig": 4,
        "niedrigste": 5,
    },
    day_first=True,
    notes="',' CSV, repeated names; '25/Feb/26 10:17 PM' in the user's zone; SLA = durations.",
)

FRESHDESK = Preset(
    key="freshdesk",
    label=gettext_noop("Freshdesk / Freshservice (CSV or XLSX)"),
    # Per Freshdesk's help article on exporting tickets (CSV or Excel, chosen fields):
    # "Ticket ID", "Subject", "Status", "Priority", "Source", "Type", "Group", "Created time",
    # "Due by Time", "Resolved time", "Closed time", "Last update time", "Initial response
    # time", "First response time (in hrs)" (a duration), "Resolution status" and "First
    # response status" ("Within SLA" / "SLA Violated"). Freshservice writes "Ticket Id",
    # "Created Date", "Resolved Time", "Last Updated Time", "Category". Times "2026-10-23
    # 16:00:00" in the helpdesk's time zone. Priorities Low, Medium, High, Urgent.
    columns=_columns(
        id=("Ticket ID", "Ticket Id", "Ticket-ID"),
        created=("Created time", "Created Date", "Created Time", "Erstellungszeit", "Erstellt am"),
        first_response=(
            "Initial response time",
            "First responded time",
            "First responded at",
            "Erste Antwortzeit",
        ),
        resolved=("Resolved time", "Resolved Time", "Resolved Date", "Gelöst am", "Closed time"),
        priority=("Priority", "Priorität"),
        status=("Status",),
        title=("Subject", "Betreff"),
        category=("Type", "Category", "Ticket type", "Typ", "Kategorie", "Group"),
        updated=("Last update time", "Last updated time", "Last Updated Time", "Zuletzt geändert"),
        response_met=("First response status", "Status der ersten Antwort"),
        resolution_met=("Resolution status", "Lösungsstatus"),
    ),
    date_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M:%S"),
    priority_map={
        "urgent": 1,
        "high": 2,
        "medium": 3,
        "low": 4,
        "dringend": 1,
        "hoch": 2,
        "mittel": 3,
        "niedrig": 4,
    },
    file_types=("csv", "xlsx"),
    notes="',' CSV or XLSX; 'YYYY-MM-DD HH:MM:SS'; verdict columns 'Within SLA'/'SLA Violated'.",
)

ZENDESK = Preset(
    key="zendesk",
    label=gettext_noop("Zendesk (CSV export)"),
    # Per Zendesk's help article on exporting account data (CSV export): "ID", "Requester",
    # ..., "Subject", "Tags", "Status", "Priority", "Via", "Ticket type", "Created at",
    # "Updated at", "Assigned at", "Solved at", "Resolution time", "First reply time in
    # minutes", "First reply time in minutes within business hours", "Full resolution time in
    # minutes", ...; "all date and time values are converted to the account's default time
    # zone" (only the JSON export is UTC). Priorities low, normal, high, urgent (empty for
    # none). The CSV has no first-reply instant, so the first response is created + "First
    # reply time in minutes" (calendar minutes from creation to the first public agent
    # comment). No SLA verdict column: SLA results live in Zendesk Explore.
    columns=_columns(
        id=("ID", "Id", "Ticket ID"),
        created=("Created at", "Erstellt am"),
        first_response=("First reply at", "Erste Antwort am"),
        resolved=("Solved at", "Gelöst am"),
        priority=("Priority", "Priorität"),
        status=("Status",),
        title=("Subject", "Betreff"),
        category=("Ticket type", "Type", "Group", "Ticket-Typ", "Gruppe"),
        updated=("Updated at", "Aktualisiert am"),
    ),
    date_formats=("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"),
    priority_map={"urgent": 1, "high": 2, "normal": 3, "low": 4},
    durations={
        f.FIRST_RESPONSE: (
            ("First reply time in minutes", MINUTE),
            ("Erste Antwortzeit in Minuten", MINUTE),
        )
    },
    notes="',' CSV; account's time zone; first response = created + first reply minutes.",
)

AUTOTASK = Preset(
    key="autotask",
    label=gettext_noop("Autotask PSA (ticket search export)"),
    # Per the Autotask PSA help on ticket searches ("Export" of the grid to CSV/Excel): the
    # grid's columns, e.g. "Ticket Number" (T20261023.0001), "Title", "Account", "Status",
    # "Priority", "Queue", "Issue Type", "Created", "First Response", "Complete Date", "Last
    # Activity Date", "Service Level Agreement", "Service Level Agreement Met" (Yes/No); dates
    # in the user's locale ("10/23/2026 4:00 PM" in the US) and time zone. Priorities
    # Critical, High, Medium, Low.
    columns=_columns(
        id=("Ticket Number", "Ticketnummer", "Ticket-Nummer"),
        created=("Created", "Create Date", "Created Date", "Erstellt", "Erstellungsdatum"),
        first_response=(
            "First Response",
            "First Response Date",
            "First Response Date Time",
            "Erste Antwort",
        ),
        resolved=(
            "Complete Date",
            "Completed Date",
            "Resolved",
            "Resolved Date Time",
            "Abgeschlossen am",
            "Abschlussdatum",
        ),
        priority=("Priority", "Priorität"),
        status=("Status",),
        title=("Title", "Titel"),
        category=("Issue Type", "Problemtyp", "Queue", "Warteschlange"),
        updated=("Last Activity Date", "Last Activity", "Letzte Aktivität"),
        sla_met=(
            "Service Level Agreement Met",
            "Service Level Agreement Has Been Met",
            "SLA Met",
            "SLA erfüllt",
        ),
    ),
    date_formats=("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%d.%m.%Y %H:%M"),
    priority_map={"critical": 1, "high": 2, "medium": 3, "low": 4},
    notes="',' CSV; '10/23/2026 4:00 PM' (US locale) local; 'Service Level Agreement Met'.",
)

CONNECTWISE = Preset(
    key="connectwise",
    label=gettext_noop("ConnectWise PSA (service tickets)"),
    # Per the ConnectWise PSA documentation of service board lists ("Export to Excel/CSV"):
    # "Ticket #", "Summary Description", "Company", "Board", "Status", "Type", "Subtype",
    # "Priority", "Date Entered", "Date Responded", "Date Resolved", "Closed Date", "Last
    # Update", and the SLA stage "SLA Status" ("Respond", "Plan", "Resolve", "Resolved",
    # "Waiting") which is no verdict. Priorities "Priority 1 - Emergency Response", "Priority
    # 2 - Quick Response", "Priority 3 - Normal Response", "Priority 4 - Schedule
    # Maintenance", "Priority 5 - Next Time". US dates "10/23/2026 4:00 PM", local time.
    columns=_columns(
        id=("Ticket #", "Ticket#", "Ticket Number", "Ticket Nbr", "Ticket"),
        created=("Date Entered", "Entered", "Entered Date"),
        first_response=("Date Responded", "Responded Date", "Responded"),
        resolved=("Date Resolved", "Resolved Date", "Closed Date", "Date Closed"),
        priority=("Priority",),
        status=("Status",),
        title=("Summary Description", "Summary"),
        category=("Type", "Board"),
        updated=("Last Update", "Last Updated", "Date Updated"),
        sla_met=("SLA Met", "Met SLA", "In SLA"),
    ),
    date_formats=("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p"),
    priority_map={
        "priority 1 - emergency response": 1,
        "priority 2 - quick response": 2,
        "priority 3 - normal response": 3,
        "priority 4 - schedule maintenance": 4,
        "priority 5 - next time": 5,
    },
    day_first=False,
    notes="',' CSV; US dates local; 'SLA Status' is a stage, not a verdict.",
)

HALOPSA = Preset(
    key="halopsa",
    label=gettext_noop("HaloPSA (report export)"),
    # Per HaloPSA's guides on reports: a report is an SQL query over the tickets ("faults")
    # whose result table is exported as CSV/XLSX, with the columns the report names, e.g.
    # "Ticket ID", "Ticket Type", "Status", "Summary", "Priority Description", "Category",
    # "Target Response Date", "Target Resolution Date", "Date Opened", "Date Responded",
    # "Date Resolved", "Response Time (hours)", "Response State" and "Resolution State" ("in"
    # or "out" of SLA). Halo stores times in UTC and a report shows them as stored unless it
    # converts them, so the preset reads UTC (override the time zone for converting reports).
    # Priorities by name (Critical, High, Medium, Low) or number 1-4.
    columns=_columns(
        id=("Ticket ID", "Request ID", "Ticket Number", "ID"),
        created=("Date Opened", "Date Logged", "Date Occurred", "Date Occured", "Logged Date"),
        first_response=("Date Responded", "Response Date", "First Response Date"),
        resolved=("Date Resolved", "Date Closed", "Closed Date", "Resolved Date"),
        priority=("Priority Description", "Priority", "Priority Number"),
        status=("Status",),
        title=("Summary", "Subject"),
        category=("Category", "Ticket Type", "Category 1", "Request Type"),
        updated=("Last Action Date", "Last Update", "Last Updated"),
        sla_met=("SLA Status", "SLA Compliance"),
        response_met=("Response State", "Response SLA", "Response SLA Status"),
        resolution_met=("Resolution State", "Fix SLA", "Fix SLA Status", "Resolution SLA"),
    ),
    date_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"),
    time_zone="UTC",
    priority_map={"critical": 1, "high": 2, "medium": 3, "low": 4},
    file_types=("csv", "xlsx"),
    day_first=True,
    notes="',' CSV of a report; UTC as stored; 'Response State'/'Resolution State' in/out.",
)

ATERA = Preset(
    key="atera",
    label=gettext_noop("Atera (tickets report)"),
    # Per Atera's knowledge base on ticket reports (export to CSV/Excel): "Ticket ID",
    # "Title", "Customer", "End User", "Technician", "Status", "Priority", "Type", "Source",
    # "Created", "First Response", "Resolved Date"/"Closed date", "Last Updated"; priorities
    # Critical, High, Medium, Low; dates in the account's locale ("10/23/2026 4:00 PM") and
    # time zone. No verdict column in the export.
    columns=_columns(
        id=("Ticket ID", "Ticket Id", "Ticket #", "Ticket Number"),
        created=("Created", "Created Date", "Creation Date", "Ticket Created Date"),
        first_response=("First Response", "First Response Date", "First response date"),
        resolved=("Resolved Date", "Closed date", "Closed Date", "Resolved", "Closed"),
        priority=("Priority", "Ticket Priority"),
        status=("Status", "Ticket Status"),
        title=("Title", "Ticket Title", "Subject"),
        category=("Type", "Ticket Type", "Source"),
        updated=("Last Updated", "Last Modified", "Modified"),
    ),
    date_formats=("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M"),
    priority_map={"critical": 1, "high": 2, "medium": 3, "low": 4},
    notes="',' CSV; account locale dates, local; no verdict.",
)

EXCEL_DE = Preset(
    key="excel_de",
    label=gettext_noop("German Excel CSV"),
    # What German Excel writes for "CSV (Trennzeichen-getrennt)": ";" separated, cp1252 (or
    # UTF-8 with BOM for "CSV UTF-8"), dates "23.10.2026 16:00" in local time; providers often
    # put a title block above the table and totals below it. Headers as people name them:
    # "Ticketnummer", "Betreff", "Erstellt am", "Erste Reaktion", "Gelöst am", "Priorität",
    # "Status", "Kategorie", "Zuletzt geändert", "SLA eingehalten" (Ja/Nein).
    columns=_columns(
        id=("Ticketnummer", "Ticket-Nr.", "Ticket-Nr", "Ticket Nr.", "Ticket-Nummer", "Nr."),
        created=("Erstellt am", "Erstellt", "Eröffnet am", "Gemeldet am", "Eingang"),
        first_response=("Erste Reaktion", "Erste Reaktion am", "Erste Antwort", "Reaktion am"),
        resolved=("Gelöst am", "Gelöst", "Erledigt am", "Behoben am", "Geschlossen am"),
        priority=("Priorität", "Prio", "Prio."),
        status=("Status",),
        title=("Betreff", "Titel", "Kurzbeschreibung"),
        category=("Kategorie", "Art"),
        updated=("Zuletzt geändert", "Geändert am", "Letzte Änderung"),
        sla_met=("SLA eingehalten", "SLA erfüllt", "SLA"),
        response_met=("Reaktionszeit eingehalten", "Reaktion eingehalten"),
        resolution_met=("Lösungszeit eingehalten", "Lösung eingehalten"),
    ),
    date_formats=("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%y %H:%M", "%d.%m.%Y"),
    priority_map={
        "kritisch": 1,
        "sehr hoch": 1,
        "hoch": 2,
        "mittel": 3,
        "normal": 3,
        "niedrig": 4,
        "sehr niedrig": 5,
    },
    day_first=True,
    delimiter=";",
    negated=("SLA verletzt", "SLA überschritten"),
    notes="';' cp1252/UTF-8-BOM; 'dd.mm.yyyy HH:MM' local; title block and footer.",
)


def _generic_columns() -> dict[str, tuple[str, ...]]:
    """Every tool's names, plus common English and German synonyms, without repeats."""
    extra = {
        f.ID: ("Ticket ID", "Ticket", "ID", "Id", "Number", "Nummer", "Nr", "Vorgang", "Fall"),
        f.CREATED: (
            "Created",
            "Created at",
            "Created on",
            "Creation date",
            "Date created",
            "Opened",
            "Open date",
            "Reported",
            "Angelegt",
            "Angelegt am",
            "Erstelldatum",
            "Erfasst am",
        ),
        f.FIRST_RESPONSE: (
            "First response",
            "First response at",
            "First reply",
            "First reply at",
            "Responded",
            "Response date",
            "Reaktion",
            "Reaktionszeitpunkt",
        ),
        f.RESOLVED: (
            "Resolved",
            "Resolved at",
            "Solved",
            "Solved at",
            "Closed",
            "Closed at",
            "Completed",
            "Fixed",
            "Erledigt",
            "Abgeschlossen",
            "Gelöst",
        ),
        f.PRIORITY: ("Priority", "Prio", "Priorität", "Dringlichkeit", "Severity", "Schweregrad"),
        f.STATUS: ("Status", "State", "Zustand"),
        f.TITLE: ("Title", "Subject", "Summary", "Betreff", "Titel", "Zusammenfassung"),
        f.CATEGORY: ("Category", "Type", "Kategorie", "Typ", "Art", "Queue", "Group"),
        f.UPDATED: ("Updated", "Updated at", "Last updated", "Modified", "Geändert", "Änderung"),
        f.SLA_MET: ("SLA met", "Within SLA", "SLA status", "SLA", "SLA eingehalten", "SLA-Status"),
        f.RESPONSE_MET: ("Response met", "Response SLA met", "Reaktionszeit eingehalten"),
        f.RESOLUTION_MET: ("Resolution met", "Resolution SLA met", "Lösungszeit eingehalten"),
    }
    tools = (ZAMMAD, ZNUNY, GLPI, JIRA, FRESHDESK, ZENDESK, AUTOTASK, CONNECTWISE, HALOPSA, ATERA)
    result: dict[str, tuple[str, ...]] = {}
    for name in f.FIELDS:
        seen: dict[str, str] = {}
        for candidate in (*EXCEL_DE.columns.get(name, ()), *extra.get(name, ())):
            seen.setdefault(_key(candidate), candidate)
        for tool in tools:
            for candidate in tool.columns.get(name, ()):
                seen.setdefault(_key(candidate), candidate)
        result[name] = tuple(seen.values())
    return result


GENERIC = Preset(
    key="generic",
    label=gettext_noop("Other tool (common column names)"),
    # Used when no tool's preset fits: the column names of all presets and common synonyms in
    # English and German; dates and the time zone detected or set by the user.
    columns=_generic_columns(),
    negated=(*GLPI.negated, *EXCEL_DE.negated, "SLA breached", "SLA violated", "Breached"),
    durations=ZENDESK.durations,
    file_types=("csv", "xlsx"),
    notes="Fallback: all names of all presets, dates detected.",
)

BUILTIN: dict[str, Preset] = {
    p.key: p
    for p in (
        ZAMMAD,
        ZNUNY,
        GLPI,
        JIRA,
        FRESHDESK,
        ZENDESK,
        AUTOTASK,
        CONNECTWISE,
        HALOPSA,
        ATERA,
        EXCEL_DE,
        GENERIC,
    )
}
