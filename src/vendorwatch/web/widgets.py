"""Date and time inputs as Germans type them (03.12.2026, 03.12.2026 14:30), with a picker.

The browser's own date input shows the format of the browser's language (12/03/2026 in an
English browser) and cannot be typed into as a letter writes a date. These are text inputs;
the page's script (``vendorwatch/forms.js``) adds a button that opens the browser's calendar
and writes the chosen day back in the German form. Without the script, typing still works.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"


def _attrs(placeholder: Any, picker: str, attrs: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "placeholder": placeholder,
        "autocomplete": "off",
        "data-picker": picker,
        "data-picker-label": _("Open calendar"),
        **(attrs or {}),
    }


class DateInput(forms.DateInput):
    """A day typed as 03.12.2026 or chosen in the calendar."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(_attrs(_("DD.MM.YYYY"), "date", attrs), format=DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """A day and time typed as 03.12.2026 14:30 or chosen in the calendar."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            _attrs(_("DD.MM.YYYY hh:mm"), "datetime-local", attrs), format=DATETIME_FORMAT
        )
