"""Periods and numbers of the SLA report: whole days and months in the organisation's time
zone, percentages with two decimals, rates and euro amounts as the reader writes them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Case, IntegerField, Value, When
from django.utils import formats, timezone

from vendorwatch.sla.models import organisation_zone
from vendorwatch.web.money import eur_text

HUNDRED = Decimal("100")
CENT = Decimal("0.01")


def day_start(day: date, zone: ZoneInfo | None = None) -> datetime:
    """Midnight at the start of ``day`` in the organisation's time zone (``zone``, when the
    caller has looked it up already)."""
    return timezone.make_aware(datetime.combine(day, time.min), zone or organisation_zone())


def month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def last_full_month(today: date | None = None) -> tuple[date, date]:
    """The calendar month before ``today``'s (in the organisation's time zone)."""
    today = today or timezone.localdate(timezone=organisation_zone())
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1), first - timedelta(days=1)


def is_whole_month(start: date, end: date) -> bool:
    return start.day == 1 and end == month_start(start.year, start.month + 1) - timedelta(days=1)


def period_label(start: date, end: date) -> str:
    """ "November 2026" for a whole month, else "01.11.2026 – 15.11.2026"."""
    if is_whole_month(start, end):
        return month_label(start)
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def month_label(day: date) -> str:
    return formats.date_format(day, "F Y")


def short_month_label(day: date) -> str:
    return formats.date_format(day, "M Y")


def months_between(start: date, end: date) -> list[date]:
    """The first days of every month that ``[start, end]`` touches."""
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = month_start(current.year, current.month + 1)
    return months


def bucket(bounds: list[datetime]) -> Case:
    """Which of the intervals ``[bounds[i], bounds[i+1])`` a ticket was created in (SQL)."""
    whens = [When(created__lt=bounds[i + 1], then=Value(i)) for i in range(len(bounds) - 1)]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


# --- formatting --------------------------------------------------------------------------


def percent(met: int, decided: int) -> Decimal | None:
    """met / decided as a percentage with two decimals; ``None`` when nothing was decided."""
    if not decided:
        return None
    return (Decimal(met) * HUNDRED / Decimal(decided)).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_text(value: Decimal | None) -> str:
    """ "98,50 %" (always two decimals), "–" for no value."""
    if value is None:
        return "–"
    return f"{formats.number_format(value, 2, use_l10n=True)}\u00a0%"


def rate_text(value: Decimal) -> str:
    """A rate of the SLA (5 %, 2,5 %): as few decimals as it needs."""
    text = formats.number_format(value.quantize(CENT), 2, use_l10n=True)
    separator = formats.get_format("DECIMAL_SEPARATOR")
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return f"{text}\u00a0%"


def money_text(value: Decimal) -> str:
    return eur_text(value)


def month_end(month: date) -> date:
    """The last day of ``month``'s month."""
    return month_start(month.year, month.month + 1) - timedelta(days=1)
