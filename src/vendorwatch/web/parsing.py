"""One strict way to read numbers and dates typed by people or sent in a request.

Python's own parsers accept more than a person means: ``"²".isdigit()`` is true but ``int("²")``
fails, ``Decimal("sNaN")`` is a number that raises when compared, and ``date(1, 1, 1)`` cannot
have a day subtracted. Everything that comes from a request goes through these helpers, which
accept ASCII digits only, finite values only and dates in a range a business can mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from vendorwatch.web.widgets import DateInput

# The dates a contract, a problem or a service-hours exception can plausibly carry.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)

_INTEGER = re.compile(r"[+-]?[0-9]{1,18}", re.ASCII)
# A decimal with one separator (1234,50 or 1234.50) or with groups of thousands as the user's
# language writes them (1.234,50 in German, 1,234.50 in English), optionally with "€".
_PLAIN = re.compile(r"([+-]?)([0-9]{1,18})(?:[.,]([0-9]{1,12}))?", re.ASCII)
_GROUPED = re.compile(
    r"([+-]?)([1-9][0-9]{0,2}(?:([.,])[0-9]{3})+)(?:([.,])([0-9]{1,12}))?", re.ASCII
)
# A space between groups of thousands (1 234,50), as some people and programs write them.
_GROUP_SPACE = re.compile(r"(?<=[0-9])[ \u00a0\u202f](?=[0-9]{3}(?:[^0-9]|$))")


def parse_int(value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """The whole number in ``value``, or ``None`` when it is not one or out of range."""
    text = str(value if value is not None else "").strip()
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def _decimal_literal(text: str, grouping: str) -> str | None:
    """``text`` as a Python decimal literal, or ``None``. ``grouping`` is the separator of
    thousands in the user's language: "1.234" is 1234 in German and 1.234 in English."""
    grouped = _GROUPED.fullmatch(text)
    if grouped:
        sign, whole, group_mark, decimal_mark, fraction = grouped.groups()
        one_group = whole.count(group_mark) == 1
        if decimal_mark is not None and decimal_mark != group_mark:
            return f"{sign}{whole.replace(group_mark, '')}.{fraction}"
        if decimal_mark is None and (group_mark == grouping or not one_group):
            return f"{sign}{whole.replace(group_mark, '')}"
    plain = _PLAIN.fullmatch(text)
    if plain:
        sign, whole, fraction = plain.groups()
        return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"
    return None


def parse_decimal(
    value: Any,
    *,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    grouping: str | None = None,
) -> Decimal | None:
    """A finite decimal from ``value``, or ``None``: 1234,50, 1234.50, 1.234,50 (German),
    1,234.50 (English), with or without "€"."""
    text = str(value if value is not None else "").strip().removesuffix("€").strip()
    text = _GROUP_SPACE.sub("", text)
    if grouping is None:
        grouping = formats.get_format("THOUSAND_SEPARATOR")
    literal = _decimal_literal(text, grouping)
    if literal is None:
        return None
    try:
        number = Decimal(literal)
    except InvalidOperation:  # pragma: no cover - the patterns admit only valid literals
        return None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def parse_date(
    value: Any, *, earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE
) -> date | None:
    """A date written as 27.11.2026 or 2026-11-27 within the range; else ``None``."""
    text = str(value if value is not None else "").strip()
    if not text.isascii():
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return parsed if earliest <= parsed <= latest else None
    return None


def _date_text(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


class StrictIntegerField(forms.IntegerField):
    """An integer field that takes ASCII digits only (``"²"`` is refused, not a crash)."""

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_int(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class StrictDecimalField(forms.DecimalField):
    """A decimal field that takes finite numbers written with digits only, as the user's
    language writes them (1.234,50 in German), and shows its value the same way."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        number = parse_decimal(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class PlausibleDateField(forms.DateField):
    """A date field that refuses dates no business means (01.01.0001, 31.12.9999)."""

    default_error_messages = {
        "range": _("Please enter a date between %(earliest)s and %(latest)s."),
    }

    widget = DateInput

    def __init__(
        self, *, earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE, **kwargs: Any
    ) -> None:
        self.earliest = earliest
        self.latest = latest
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        if day is not None and not self.earliest <= day <= self.latest:
            raise ValidationError(
                self.error_messages["range"],
                code="range",
                params={"earliest": _date_text(self.earliest), "latest": _date_text(self.latest)},
            )
        return day


# The largest key a database integer column holds; a larger one must never reach a query.
_LARGEST_KEY = 2**63 - 1


class StrictModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A multiple choice of records that refuses keys no record can have (``"²"``, 10**20)
    before it asks the database, which would otherwise fail with an overflow."""

    def _check_values(self, value: Iterable[Any]) -> Any:
        key = self.to_field_name or "pk"
        queryset = self.queryset
        field = queryset.model._meta.pk if key == "pk" and queryset is not None else None
        if isinstance(field, models.AutoField | models.BigAutoField | models.IntegerField):
            for item in value:
                if parse_int(item, minimum=1, maximum=_LARGEST_KEY) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)  # type: ignore[misc]


def strict_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` for model forms: the strict field for each kind of column."""
    if isinstance(db_field, models.DateTimeField):
        return db_field.formfield(**kwargs)
    if isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", PlausibleDateField)
    elif isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", StrictDecimalField)
    elif isinstance(db_field, models.IntegerField) and not db_field.choices:
        kwargs.setdefault("form_class", StrictIntegerField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", StrictModelMultipleChoiceField)
    return db_field.formfield(**kwargs)
