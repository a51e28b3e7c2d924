"""Local holidays: days off in some municipalities only, which the state alone does not switch on.

The ``holidays`` package knows them, each in its own way: Assumption Day in predominantly
Catholic Bavarian municipalities (and Corpus Christi in some of Saxony and Thuringia) is its
``catholic`` category; the city of Augsburg is a subdivision of its own (``DE-Augsburg``), with
Bavaria's holidays plus the Peace Festival on 8 August and Assumption Day. A calendar stores
them the way the package wants them (``holiday_region``, ``holiday_categories``), so the engine
needs nothing special; this module translates between that and the choices people make.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PUBLIC = "public"


@dataclass(frozen=True)
class LocalHoliday:
    key: str
    label: Promise  # the choice in the form, with who has the day off
    short: Promise  # in summaries: "Assumption Day (15 August)"
    state: str  # the federal state whose municipalities have it, e.g. "DE-BY"
    category: str = ""  # a ``holidays`` category that adds it, or
    subdivision: str = ""  # a ``holidays`` subdivision (a city) that has it
    implies: tuple[str, ...] = ()  # other local holidays the municipality always has


LOCAL_HOLIDAYS = (
    LocalHoliday(
        "assumption",
        _(
            "Bavaria: Assumption Day (Mariä Himmelfahrt, 15 August) – in municipalities with "
            "a predominantly Catholic population"
        ),
        _("Assumption Day (15 August)"),
        "DE-BY",
        category="catholic",
    ),
    LocalHoliday(
        "augsburg_peace",
        _(
            "Bavaria: Augsburg Peace Festival (Hohes Friedensfest, 8 August) – only in the city "
            "of Augsburg; Assumption Day is then included"
        ),
        _("Augsburg Peace Festival (8 August)"),
        "DE-BY",
        subdivision="Augsburg",
        implies=("assumption",),
    ),
    LocalHoliday(
        "corpus_christi_sn",
        _("Saxony: Corpus Christi – in some Catholic municipalities in the Sorbian area"),
        _("Corpus Christi"),
        "DE-SN",
        category="catholic",
    ),
    LocalHoliday(
        "corpus_christi_th",
        _("Thuringia: Corpus Christi – in some Catholic municipalities, e.g. in the Eichsfeld"),
        _("Corpus Christi"),
        "DE-TH",
        category="catholic",
    ),
)
BY_KEY = {holiday.key: holiday for holiday in LOCAL_HOLIDAYS}


def choices() -> list[tuple[str, Promise]]:
    return [(holiday.key, holiday.label) for holiday in LOCAL_HOLIDAYS]


def misplaced(state: str, keys: Iterable[str]) -> list[LocalHoliday]:
    """The chosen local holidays that do not exist in ``state``."""
    return [BY_KEY[key] for key in keys if BY_KEY[key].state != state]


def to_storage(state: str, keys: Iterable[str]) -> tuple[str, str]:
    """``(holiday_region, holiday_categories)`` for a state and the local holidays chosen."""
    chosen = [BY_KEY[key] for key in keys if BY_KEY[key].state == state]
    region = state
    categories = [PUBLIC]
    for holiday in chosen:
        if holiday.subdivision:
            region = f"{state.partition('-')[0]}-{holiday.subdivision}"
        if holiday.category and holiday.category not in categories:
            categories.append(holiday.category)
    return region, ",".join(categories)


def from_storage(region: str, categories: str) -> tuple[str, list[str]]:
    """The state and the local holidays chosen, from what a calendar stores."""
    state, keys = region, []
    for holiday in LOCAL_HOLIDAYS:
        if holiday.subdivision and region.lower() == f"de-{holiday.subdivision.lower()}":
            state = holiday.state
            keys += [holiday.key, *holiday.implies]
    stored = {c.strip() for c in categories.split(",")}
    for holiday in LOCAL_HOLIDAYS:
        if holiday.category in stored and holiday.state == state and holiday.key not in keys:
            keys.append(holiday.key)
    return state, [holiday.key for holiday in LOCAL_HOLIDAYS if holiday.key in keys]
