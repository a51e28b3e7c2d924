"""How service hours and targets are written for people: holiday regions by their names
(“Bayern — gesetzliche Feiertage”, never ``DE-BY (public)``) and targets as durations that
cannot be mistaken for a time of day (“8 Std.”, “4 Std. 30 Min.”, “3 Arbeitstage”).
"""

from __future__ import annotations

from functools import cache

import holidays
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.sla import local_holidays

NATIONWIDE = "DE"

# Countries a German business most likely works with; any other country is named as the
# holiday data names it (in English).
COUNTRY_NAMES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "CH": _("Switzerland"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "ES": _("Spain"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "IT": _("Italy"),
    "LI": _("Liechtenstein"),
    "LU": _("Luxembourg"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "US": _("United States"),
}
CATEGORY_NAMES = {
    "public": _("public holidays"),
    "catholic": _("Catholic holidays"),
    "optional": _("optional holidays"),
}


def state_name(region: str) -> str:
    """“Bayern” for ``DE-BY``; the code itself for a region that is no German state."""
    from vendorwatch.organisation.models import FederalState

    for state in FederalState:
        if state.value == region:
            return str(state.label)
    return region


def region_name(region: str) -> str:
    """The name of a holiday region: “Bayern”, “Deutschland (bundesweit)”, “Österreich – Wien”.

    A code the holiday data does not know is returned as it is: a name must not be invented.
    """
    if region == NATIONWIDE:
        return gettext("Germany (nationwide)")
    if region.startswith("DE-") and state_name(region) != region:
        return state_name(region)
    country, _dash, subdivision = region.partition("-")
    name = country_name(country)
    if name is None:
        return region
    if not subdivision:
        return name
    return gettext("%(country)s – %(region)s") % {
        "country": name,
        "region": subdivision_name(country, subdivision),
    }


def country_name(code: str) -> str | None:
    if code in COUNTRY_NAMES:
        return str(COUNTRY_NAMES[code])
    return _registry_names().get(code)


@cache
def _registry_names() -> dict[str, str]:
    """English country names from the holiday data: ``AlandIslands`` → “Aland Islands”."""
    from holidays.registry import COUNTRIES

    names = {}
    for entry in COUNTRIES.values():
        words = "".join(f" {c}" if c.isupper() else c for c in entry[0]).strip()
        names[entry[1]] = words
    return names


@cache
def subdivision_name(country: str, code: str) -> str:
    """“Wien” for Austria's ``9``, “Zürich” for Switzerland's ``ZH``: the first of the holiday
    data's names for it that is a name rather than an abbreviation."""
    try:
        aliases = holidays.country_holidays(country).subdivisions_aliases
    except (NotImplementedError, KeyError, AttributeError):
        return code
    names = [alias for alias, target in aliases.items() if target.upper() == code.upper()]
    spelled = [name for name in names if len(name) > 3]
    return (spelled or names or [code])[0]


def holiday_summary(region: str, categories: str) -> str:
    """“Bayern — gesetzliche Feiertage, dazu die örtlichen Feiertage: Mariä Himmelfahrt
    (15. August)”."""
    if not region:
        return gettext("No public holidays")
    state, keys = local_holidays.from_storage(region, categories)
    # Categories that only switch on the local holidays named below are not named twice.
    used = {local_holidays.BY_KEY[key].category for key in keys}
    kinds = [
        str(CATEGORY_NAMES.get(category, category))
        for category in (c.strip() for c in categories.split(","))
        if category and category not in used
    ] or [str(CATEGORY_NAMES["public"])]
    text = gettext("%(region)s — %(kinds)s") % {
        "region": region_name(state),
        "kinds": ", ".join(kinds),
    }
    if not keys:
        return text
    names = ", ".join(str(local_holidays.BY_KEY[key].short) for key in keys)
    return gettext("%(region)s, plus the local holidays: %(names)s") % {
        "region": text,
        "names": names,
    }


def impact_heading(level: object) -> str:
    """“Ausmaß: hoch”: a row of the impact × urgency grid."""
    return gettext("Impact: %(level)s") % {"level": level}


def urgency_heading(level: object) -> str:
    """“Dringlichkeit: mittel”: a column of the impact × urgency grid."""
    return gettext("Urgency: %(level)s") % {"level": level}


def duration_text(minutes: int) -> str:
    """“8 Std.”, “4 Std. 30 Min.”, “45 Min.” (English “8 h”, “4 h 30 min”, “45 min”):
    hours as a number with a unit, never “8:00 h”, which reads like a time of day."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return pgettext("duration", "%(minutes)s min") % {"minutes": rest}
    if not rest:
        return pgettext("duration", "%(hours)s h") % {"hours": hours}
    return pgettext("duration", "%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


def describe_target(amount: int, unit: str, basis: str) -> str:
    """A target as people say it: “30 Min. Servicezeit”, “8 Std. Kalenderzeit”,
    “1 Arbeitstag”, “3 Kalendertage”."""
    from vendorwatch.sla.models import Basis, TimeUnit

    if unit == TimeUnit.DAYS:
        if basis == Basis.BUSINESS:
            text = ngettext("%(amount)s business day", "%(amount)s business days", amount)
        else:
            text = ngettext("%(amount)s calendar day", "%(amount)s calendar days", amount)
        return text % {"amount": amount}
    minutes = amount * 60 if unit == TimeUnit.HOURS else amount
    return gettext("%(duration)s %(basis)s") % {
        "duration": duration_text(minutes),
        "basis": Basis(basis).label,
    }
