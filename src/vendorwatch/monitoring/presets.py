"""Presets: how the helpdesks that small-business providers run write their ticket exports.

Each preset names, per field (``options.FIELDS``), the column headers that tool writes (in
English and German where the tool is localised), the date formats, the time zone of its times
and its priority values. ``detect`` picks the preset whose columns match the file's header
best; the generic preset matches common header names of any tool.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Preset:
    key: str  # "zammad", "znuny", "glpi", "jira", "freshdesk", "zendesk", "autotask",
    # "connectwise", "halopsa", "atera", "excel_de", "generic"
    label: str  # shown to the user and in assumptions, e.g. "Zammad (report XLSX)"
    # field -> header names this tool writes, compared case- and space-insensitively
    columns: Mapping[str, Sequence[str]]
    # strptime formats tried in order; empty: detect (see instants.detect_format)
    date_formats: Sequence[str] = ()
    # "UTC" when the tool exports UTC, "" when it writes the user's local time
    time_zone: str = ""
    # normalised value (casefolded, spaces collapsed) -> our priority rank (1 = most urgent)
    priority_map: Mapping[str, int] = field(default_factory=dict)
    file_types: Sequence[str] = ("csv",)  # "csv" and/or "xlsx"


BUILTIN: dict[str, Preset] = {}  # key -> Preset, filled below


def detect(headers: Sequence[str]) -> tuple[Preset, int]:
    """The built-in preset that fits ``headers`` best and how many of its fields matched."""
    raise NotImplementedError


def normalise(value: str) -> str:
    """Casefolded, inner whitespace collapsed, stripped: how headers and values are compared."""
    return " ".join(str(value).split()).casefold()
