"""Time windows typed as text (“08:00-12:00, 13:00-17:00”), checked with messages people read."""

from __future__ import annotations

import itertools
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

WINDOW = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")
DAY_MINUTES = 24 * 60


def minutes_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_windows(text: str) -> list[str]:
    """Windows as ``"HH:MM-HH:MM"`` strings, sorted; a list of errors if any part is wrong."""
    errors: list[ValidationError] = []
    windows: list[tuple[int, int]] = []
    for part in (p.strip() for p in re.split(r"[,;\n]", text)):
        if not part:
            continue
        match = WINDOW.match(part)
        if match is None:
            errors.append(
                ValidationError(
                    _("“%(value)s” is not a time window. Write it like 08:00-12:00."),
                    code="format",
                    params={"value": part},
                )
            )
            continue
        sh, sm, eh, em = (int(group) for group in match.groups())
        start, end = sh * 60 + sm, eh * 60 + em
        if sm >= 60 or em >= 60 or start > DAY_MINUTES or end > DAY_MINUTES:
            errors.append(
                ValidationError(
                    _("“%(value)s” contains a time outside 00:00 to 24:00."),
                    code="range",
                    params={"value": part},
                )
            )
        elif end <= start:
            errors.append(
                ValidationError(
                    _("The window %(start)s–%(end)s does not end after it starts."),
                    code="order",
                    params={"start": minutes_text(start), "end": minutes_text(end)},
                )
            )
        else:
            windows.append((start, end))
    windows.sort()
    for before, after in itertools.pairwise(windows):
        if after[0] < before[1]:
            errors.append(
                ValidationError(
                    _("The windows %(first)s and %(second)s overlap."),
                    code="overlap",
                    params={
                        "first": "–".join(minutes_text(m) for m in before),
                        "second": "–".join(minutes_text(m) for m in after),
                    },
                )
            )
    if errors:
        raise ValidationError(errors)
    return [f"{minutes_text(start)}-{minutes_text(end)}" for start, end in windows]


class WindowsField(forms.CharField):
    """A text field for the windows of one day; empty means closed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        # An empty day is a closed day: the placeholder says so rather than showing hours.
        self.widget.attrs.setdefault("placeholder", pgettext_lazy("service hours", "closed"))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return parse_windows(text or "")
