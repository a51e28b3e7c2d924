"""What an import is told: which preset, and the user's overrides of what was detected."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The fields a ticket export can fill, in the order the mapping form shows them.
ID = "id"
CREATED = "created"
FIRST_RESPONSE = "first_response"
RESOLVED = "resolved"
PRIORITY = "priority"
STATUS = "status"
TITLE = "title"
CATEGORY = "category"
UPDATED = "updated"
SLA_MET = "sla_met"  # the provider's own overall verdict ("SLA met", "within SLA", "SLA status")
RESPONSE_MET = "response_met"  # the provider's verdict on the first response
RESOLUTION_MET = "resolution_met"  # the provider's verdict on the resolution

FIELDS: tuple[str, ...] = (
    ID,
    CREATED,
    FIRST_RESPONSE,
    RESOLVED,
    PRIORITY,
    STATUS,
    TITLE,
    CATEGORY,
    UPDATED,
    SLA_MET,
    RESPONSE_MET,
    RESOLUTION_MET,
)
REQUIRED: tuple[str, ...] = (ID, CREATED, PRIORITY)
DATE_FIELDS: tuple[str, ...] = (CREATED, FIRST_RESPONSE, RESOLVED, UPDATED)
VERDICT_FIELDS: tuple[str, ...] = (SLA_MET, RESPONSE_MET, RESOLUTION_MET)


@dataclass
class ImportOptions:
    """Everything is optional: empty means "use the preset, or detect"."""

    preset: str = "auto"  # "auto", a built-in key (presets.BUILTIN), or "saved:<pk>"
    columns: dict[str, str] = field(default_factory=dict)  # field -> column header in the file
    date_format: str = ""  # strptime format, e.g. "%d.%m.%Y %H:%M"
    time_zone: str = ""  # IANA name ("Europe/Berlin", "UTC") for times without an offset
    priority_map: dict[str, int] = field(default_factory=dict)  # value in the file -> our rank
    delimiter: str = ""  # ";", ",", "\t"
    encoding: str = ""  # "utf-8", "cp1252"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ImportOptions:
        data = data or {}
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)
