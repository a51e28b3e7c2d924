"""The repetitions most series use, as choices instead of RFC 5545 text, and any rule said in
plain words ("every first Tuesday of the month").

A preset is turned into a rule from the day of the first meeting: "monthly on the n-th
weekday" on Tuesday 06.01.2026 is ``FREQ=MONTHLY;BYDAY=1TU``. A rule the words below cannot
say is shown as it is stored.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

WEEKLY = "weekly"
BIWEEKLY = "biweekly"
MONTHLY_WEEKDAY = "monthly_weekday"
MONTHLY_DAY = "monthly_day"
QUARTERLY = "quarterly"
CUSTOM = "custom"

PRESET_CHOICES = [
    (WEEKLY, _("every week")),
    (BIWEEKLY, _("every two weeks")),
    (MONTHLY_WEEKDAY, _("every month on the same weekday (e.g. the first Tuesday)")),
    (MONTHLY_DAY, _("every month on the same day (e.g. the 15th)")),
    (QUARTERLY, _("every three months on the same weekday")),
    (CUSTOM, _("another rule (RFC 5545)")),
]

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _day_names() -> dict[str, str]:
    return {
        "MO": gettext("Monday"),
        "TU": gettext("Tuesday"),
        "WE": gettext("Wednesday"),
        "TH": gettext("Thursday"),
        "FR": gettext("Friday"),
        "SA": gettext("Saturday"),
        "SU": gettext("Sunday"),
    }


def _ordinals() -> dict[int, str]:
    return {
        1: pgettext("nth weekday of a month", "first"),
        2: pgettext("nth weekday of a month", "second"),
        3: pgettext("nth weekday of a month", "third"),
        4: pgettext("nth weekday of a month", "fourth"),
        5: pgettext("nth weekday of a month", "fifth"),
        -1: pgettext("nth weekday of a month", "last"),
    }


def nth_weekday(day: date) -> str:
    """The day as "n-th weekday of its month" in rule form: 06.01.2026 is ``1TU``; a day in the
    last week of a month that has no fifth such weekday is still counted from the start
    (``4TU``), the fifth is ``-1`` ("last"), since not every month has a fifth."""
    nth = (day.day - 1) // 7 + 1
    return f"{-1 if nth == 5 else nth}{DAY_CODES[day.weekday()]}"


def preset_rule(preset: str, first_date: date) -> str | None:
    """The rule of a preset for a series starting on ``first_date``; ``None`` for "custom"."""
    weekday = DAY_CODES[first_date.weekday()]
    rules = {
        WEEKLY: f"FREQ=WEEKLY;BYDAY={weekday}",
        BIWEEKLY: f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}",
        MONTHLY_WEEKDAY: f"FREQ=MONTHLY;BYDAY={nth_weekday(first_date)}",
        MONTHLY_DAY: f"FREQ=MONTHLY;BYMONTHDAY={first_date.day}",
        QUARTERLY: f"FREQ=MONTHLY;INTERVAL=3;BYDAY={nth_weekday(first_date)}",
    }
    return rules.get(preset)


def preset_of(rule: str, first_date: date) -> str:
    """The preset that gives exactly ``rule`` for this first date, else "custom"."""
    for preset, _label in PRESET_CHOICES:
        if preset != CUSTOM and preset_rule(preset, first_date) == rule:
            return preset
    return CUSTOM


def _parts(rule: str) -> dict[str, str] | None:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts: dict[str, str] = {}
    for chunk in filter(None, (piece.strip() for piece in text.split(";"))):
        name, sep, value = chunk.partition("=")
        if not sep or name.upper() in parts:
            return None
        parts[name.strip().upper()] = value.strip().upper()
    return parts


def _interval(parts: dict[str, str]) -> int | None:
    text = parts.pop("INTERVAL", "1")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 999:
        return None
    return int(text)


def _weekdays(text: str) -> list[tuple[int, str]] | None:
    """BYDAY as (ordinal, code) pairs, ordinal 0 for "every"."""
    days = []
    for item in text.split(","):
        code, number = item[-2:], item[:-2]
        if code not in DAY_CODES:
            return None
        if number in ("", "+"):
            days.append((0, code))
        elif number.lstrip("+-").isdigit() and int(number) in _ordinals():
            days.append((int(number), code))
        else:
            return None
    return days


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _weekly(interval: int, parts: dict[str, str], first_date: date | None) -> str | None:
    if "BYDAY" in parts:
        days = _weekdays(parts.pop("BYDAY"))
        if days is None or any(nth for nth, _code in days):
            return None
        codes = [code for _nth, code in days]
    elif first_date is not None:
        codes = [DAY_CODES[first_date.weekday()]]
    else:
        return None
    names = _join([_day_names()[code] for code in sorted(set(codes), key=DAY_CODES.index)])
    if interval == 1:
        return gettext("every week on %(days)s") % {"days": names}
    if interval == 2:
        return gettext("every two weeks on %(days)s") % {"days": names}
    return gettext("every %(count)s weeks on %(days)s") % {"count": interval, "days": names}


def _monthly(interval: int, parts: dict[str, str], first_date: date | None) -> str | None:
    if "BYDAY" in parts and "BYMONTHDAY" not in parts:
        days = _weekdays(parts.pop("BYDAY"))
        if days is None or len(days) != 1 or days[0][0] == 0:
            return None
        nth, code = days[0]
        values = {"nth": _ordinals()[nth], "day": _day_names()[code], "count": interval}
        if interval == 1:
            return gettext("every %(nth)s %(day)s of the month") % values
        return gettext("every %(count)s months on the %(nth)s %(day)s") % values
    if "BYDAY" not in parts:
        if "BYMONTHDAY" in parts:
            text = parts.pop("BYMONTHDAY")
            if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 31:
                return None
            day = int(text)
        elif first_date is not None:
            day = first_date.day
        else:
            return None
        if interval == 1:
            return gettext("every month on day %(day)s") % {"day": day}
        return gettext("every %(count)s months on day %(day)s") % {"count": interval, "day": day}
    return None


def _ending(parts: dict[str, str]) -> str | None:
    """ ", 10 times in total" or ", until 31.12.2026"; "" for a rule without an end."""
    if "COUNT" in parts:
        text = parts.pop("COUNT")
        if not text.isascii() or not text.isdigit() or int(text) < 1:
            return None
        count = int(text)
        return ngettext(", %(count)s time in total", ", %(count)s times in total", count) % {
            "count": count
        }
    if "UNTIL" in parts:
        text = parts.pop("UNTIL")
        try:
            until = datetime.strptime(text[:8], "%Y%m%d").date()
        except ValueError:
            return None
        return gettext(", until %(date)s") % {
            "date": formats.date_format(until, "SHORT_DATE_FORMAT")
        }
    return ""


def describe(rule: str, first_date: date | None = None) -> str:
    """The rule in plain words in the current language; the rule itself when the words cannot
    say it (a rule with BYSETPOS, say)."""
    parts = _parts(rule)
    if parts is None:
        return rule
    parts.pop("WKST", None)
    frequency = parts.pop("FREQ", "")
    interval = _interval(parts)
    ending = _ending(parts)
    if interval is None or ending is None:
        return rule
    text: str | None = None
    if frequency == "WEEKLY":
        text = _weekly(interval, parts, first_date)
    elif frequency == "MONTHLY":
        text = _monthly(interval, parts, first_date)
    elif frequency == "DAILY" and not parts:
        text = ngettext("every day", "every %(count)s days", interval) % {"count": interval}
    elif frequency == "YEARLY" and not parts:
        text = ngettext("every year", "every %(count)s years", interval) % {"count": interval}
    if text is None or parts:
        return rule
    return text + ending
