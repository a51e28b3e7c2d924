"""Plausible bounds for the forms of the contracts part.

Numbers, dates and choices typed into a contracts form are read by the strict fields of
:func:`vendorwatch.web.parsing.strict_formfield` (ASCII digits, finite decimals, dates from
1900 to 2199, keys a record can have); terms and notice periods stay within what a contract can
have, so that every saved contract can be computed and no value a person types can bring a page
down.
"""

from __future__ import annotations

from django.utils.translation import gettext

# § 544 BGB lets either side end a contract made for more than 30 years after 30 years: no
# term a contract can really have is longer. Notice periods of more than five years are
# not found in IT service contracts.
MAX_TERM_YEARS = 30
MAX_NOTICE_YEARS = 5
PER_YEAR = {"days": 365, "weeks": 52, "months": 12, "quarters": 4, "years": 1}

# The years the costs page can show, and so the years a budget can be for.
BUDGET_YEARS = (2000, 2100)


def largest_amount(unit: str, years: int) -> int:
    return years * PER_YEAR.get(unit, 1)


def period_too_long(amount: int | None, unit: str, *, years: int, unit_label: str) -> str | None:
    """The message for a term or notice period longer than ``years``; ``None`` if it fits."""
    if amount is None or amount <= largest_amount(unit, years):
        return None
    if unit == "years":
        return gettext("At most %(years)d years.") % {"years": years}
    message = gettext("At most %(years)d years, that is %(max)d %(unit)s.")
    return message % {"years": years, "max": largest_amount(unit, years), "unit": unit_label}
