"""Strict form fields and plausible bounds for every form of the contracts part.

Numbers and dates typed into a contracts form are read by the strict helpers of
:mod:`vendorwatch.web.parsing` (ASCII digits, finite decimals, dates from 1900 to 2199), and
terms and notice periods stay within what a contract can have, so that every saved contract
can be computed and no value a person types can bring a page down.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext

from vendorwatch.web.parsing import PlausibleDateField, StrictDecimalField, StrictIntegerField

# § 544 BGB lets either side end a contract made for more than 30 years after 30 years: no
# term a contract can really have is longer. Notice periods of more than five years are
# not found in IT service contracts.
MAX_TERM_YEARS = 30
MAX_NOTICE_YEARS = 5
PER_YEAR = {"days": 365, "weeks": 52, "months": 12, "quarters": 4, "years": 1}

# The years the costs page can show, and so the years a budget can be for.
BUDGET_YEARS = (2000, 2100)


def strict_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` of the contracts forms: the strict field for each kind."""
    if isinstance(db_field, models.DateTimeField):
        return db_field.formfield(**kwargs)
    if isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", PlausibleDateField)
    elif isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", StrictDecimalField)
    elif isinstance(db_field, models.IntegerField) and not db_field.choices:
        kwargs.setdefault("form_class", StrictIntegerField)
    return db_field.formfield(**kwargs)


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
