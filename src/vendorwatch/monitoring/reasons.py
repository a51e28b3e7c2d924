"""Why a row was rejected, and what the import assumed, in words the user understands.

Stored as codes (``ImportRejection.reason``, ``ImportJob.assumptions``) and rendered here in
the reader's language, so a German and an English user read the same import in their own.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.monitoring import options as f

FIELD_LABELS = {
    f.ID: _("ticket number"),
    f.CREATED: _("created"),
    f.FIRST_RESPONSE: _("first response"),
    f.RESOLVED: _("resolved"),
    f.PRIORITY: _("priority"),
    f.STATUS: _("status"),
    f.TITLE: _("title"),
    f.CATEGORY: _("category"),
    f.UPDATED: _("last changed"),
    f.SLA_MET: _("provider's SLA verdict"),
    f.RESPONSE_MET: _("provider's verdict on the response"),
    f.RESOLUTION_MET: _("provider's verdict on the resolution"),
}

# Rejection reasons: code -> message; %(field)s is the field's label, %(value)s the cell.
REASONS = {
    "empty_id": _("The ticket number is empty."),
    "empty_created": _("The creation date is empty."),
    "bad_date": _("%(field)s: “%(value)s” is not a date in the expected form."),
    "impossible_date": _("%(field)s: “%(value)s” is a date that does not exist."),
    "implausible_date": _("%(field)s: “%(value)s” is not between 1900 and 2199."),
    "response_before_created": _("The first response is earlier than the creation."),
    "resolved_before_created": _("The resolution is earlier than the creation."),
    "before_sla": _(
        "%(field)s: “%(value)s” is before the SLA applied, so there is nothing to check it against."
    ),
    "empty_priority": _("The priority is empty."),
    "unknown_priority": _("The priority “%(value)s” is not one of the SLA's priorities."),
    "too_long": _("%(field)s is longer than the import accepts."),
    "missing_cells": _("The row has fewer cells than the header."),
}


def rejection_text(reason: str, field: str = "", value: str = "") -> str:
    template = REASONS.get(reason)
    if template is None:
        return reason
    label = str(FIELD_LABELS.get(field, field))
    return gettext(str(template)) % {"field": label, "value": value}


# Assumptions: code -> message with named parameters (all given as strings or numbers).
ASSUMPTIONS = {
    "preset_detected": _("Recognised as an export of %(preset)s."),
    "preset_chosen": _("Read as an export of %(preset)s, as chosen."),
    "encoding": _("Characters read as %(encoding)s."),
    "delimiter": _("Columns separated by %(delimiter)s."),
    "header_row": _("Column names found in row %(row)s; the rows above it skipped."),
    "footer_skipped": _("Rows at the end skipped: they hold no tickets (%(count)s)."),
    "trailing_delimiter": _("Every line ends with a separator; the empty last column ignored."),
    "repeated_column": _("The column “%(column)s” appears %(count)s times; the first one is used."),
    "column": _("%(field)s read from the column “%(column)s”."),
    "date_format": _("%(field)s read as %(format)s."),
    "day_first": _("Dates like 1/2/2026 read as day/month/year (%(example)s)."),
    "month_first": _("Dates like 1/2/2026 read as month/day/year (%(example)s)."),
    "time_zone": _("Times without a time zone read as %(zone)s."),
    "offset": _("%(field)s carries its own time zone offset."),
    "excel_serial": _("%(field)s holds Excel date numbers."),
    "priority": _("Priority “%(value)s” counted as %(priority)s."),
    "no_pauses": _(
        "The export holds no waiting times, so the clocks run from creation to response and "
        "resolution without a pause."
    ),
    "response_from_resolution": _(
        "Tickets resolved without a recorded first response: the resolution counts as the "
        "first response."
    ),
    "truncated": _("%(field)s longer than %(length)s characters shortened."),
}


def assumption_text(code: str, params: dict[str, Any] | None = None) -> str:
    """The assumption in the active language; words that were put into the parameters when
    the file was read (in the reader's language then) are worked out again from raw values."""
    template = ASSUMPTIONS.get(code)
    if template is None:
        return code
    values = dict(params or {})
    if "field" in values:
        values["field"] = str(FIELD_LABELS.get(values["field"], values["field"]))
    _translate_again(code, values)
    return gettext(str(template)) % values


def _translate_again(code: str, values: dict[str, Any]) -> None:
    from vendorwatch.monitoring import instants, presets, reading

    if code == "delimiter" and values.get("character") in reading.DELIMITER_NAMES:
        values["delimiter"] = gettext(reading.DELIMITER_NAMES[values["character"]])
    elif code == "time_zone" and values.get("zone") in _zone_names():
        values["zone"] = str(_zone_names()[values["zone"]])
    elif code == "date_format" and values.get("strptime"):
        values["format"] = instants.format_label(values["strptime"])
    elif code in ("preset_detected", "preset_chosen"):
        by_label = {preset.label: preset for preset in presets.BUILTIN.values()}
        preset = presets.BUILTIN.get(values.get("preset_key", "")) or by_label.get(
            values.get("preset", "")
        )
        if preset is not None:
            values["preset"] = preset.display_label


def _zone_names() -> dict[str, Any]:
    from vendorwatch.web.zones import ZONE_NAMES

    return ZONE_NAMES
