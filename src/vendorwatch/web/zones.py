"""Time zones named in plain words: "Deutschland (Berlin)", not "Europe/Berlin"."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The zones a small business and its provider work in most often.
ZONE_NAMES = {
    "Europe/Berlin": _("Germany (Berlin)"),
    "Europe/Vienna": _("Austria (Vienna)"),
    "Europe/Zurich": _("Switzerland (Zurich)"),
    "UTC": _("UTC, world time without summer time"),
    "Europe/London": _("United Kingdom (London)"),
    "Europe/Amsterdam": _("Netherlands (Amsterdam)"),
    "Europe/Paris": _("France (Paris)"),
    "Europe/Warsaw": _("Poland (Warsaw)"),
    "America/New_York": _("USA, east coast (New York)"),
    "America/Chicago": _("USA, central (Chicago)"),
    "America/Los_Angeles": _("USA, west coast (Los Angeles)"),
    "Asia/Kolkata": _("India (Kolkata)"),
    "Australia/Sydney": _("Australia, east (Sydney)"),
}


# The regions of the zone database in the reader's language; the places keep their names.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


def zone_label(name: str) -> Any:
    """The zone's plain name, or its region and place ("Amerika – Sao Paulo")."""
    if name in ZONE_NAMES:
        return ZONE_NAMES[name]
    region, _slash, place = name.partition("/")
    if not place:
        return name.replace("_", " ")
    place = place.replace("_", " ").replace("/", " – ")
    return format_lazy("{} – {}", REGIONS.get(region, region), place)


def all_zone_choices(keep: str = "") -> list[tuple[Any, list[tuple[str, Any]]]]:
    """The common zones first, then every other place, for a select with groups. ``keep`` is
    the zone a record already has: it stays a choice even when it names no place ("CET")."""
    others = sorted(
        name
        for name in zoneinfo.available_timezones()
        if (name.partition("/")[0] in REGIONS or name == keep) and name not in ZONE_NAMES
    )
    return [
        (_("Common time zones"), list(ZONE_NAMES.items())),
        (_("All other places"), [(name, zone_label(name)) for name in others]),
    ]
