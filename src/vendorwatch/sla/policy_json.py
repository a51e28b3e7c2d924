"""An SLA policy as a JSON file: export, strict checking, import in one transaction.

The format (``"format": "vendorwatch-sla-policy", "version": 1``) is described in the README,
section "SLA policies as files". A policy is exported with all its versions, each with the
service hours it promised (the version's own copy, not today's state of the service-hours
record), so that tickets from last year are still measured against last year's promise in
the installation that imports it. ``--latest`` exports only the newest version: a template
to start from elsewhere.

Import checks the whole file first and reports every problem with its place in the file
(``versions[0].priorities[2].response.amount: …``); only a file without problems is written,
in one transaction, through the same services the policy page uses.
"""

from __future__ import annotations

import errno
import itertools
import json
import math
import re
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vendorwatch.expectations.models import Service
from vendorwatch.providers.models import Provider
from vendorwatch.sla.fields import parse_windows
from vendorwatch.sla.forms import DAY_EARLIEST, DAY_LATEST, check_region
from vendorwatch.sla.models import (
    BROKEN_RECORD,
    Basis,
    BusinessCalendar,
    DayConventionChoice,
    Duty,
    Level,
    SlaPolicy,
    SlaVersion,
    TimeUnit,
    engine_calendar,
)
from vendorwatch.sla.policy_forms import DUTY_LENGTH, VALID_EARLIEST, VALID_LATEST, in_minutes
from vendorwatch.sla.services import (
    PrioritySpec,
    VersionTerms,
    sla_policy_create,
    sla_version_create,
)
from vendorwatch.sla.states import PausingState

FORMAT = "vendorwatch-sla-policy"
FORMAT_VERSION = 1
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TARGET_KINDS = ("response", "resolution", "update")
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_AMOUNT = 9999
MAX_ERRORS = 50
HUNDRED = Decimal("100")


# --- export ------------------------------------------------------------------------------------


def _number(value: Decimal) -> int | float:
    """A percentage as a JSON number: 5 for 5.00, 99.95 for 99.95."""
    return int(value) if value == value.to_integral_value() else float(value)


def _target(amount: int | None, unit: str, basis: str) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"amount": amount, "unit": unit, "basis": basis}


def service_hours_json(definition: dict[str, Any]) -> dict[str, Any]:
    """A calendar definition (``BusinessCalendar.definition``) in the file's form."""
    return {
        "name": definition["name"],
        "time_zone": definition["time_zone"],
        "weekly": {
            day: list(windows) for day, windows in zip(WEEKDAYS, definition["weekly"], strict=True)
        },
        "holiday_region": definition["holiday_region"],
        "holiday_categories": definition["holiday_categories"],
        "days": [{"date": day, "windows": list(windows)} for day, windows in definition["days"]],
    }


def version_json(version: SlaVersion) -> dict[str, Any]:
    definition = version.calendar_snapshot or version.calendar.definition()
    cells = {
        (cell.impact, cell.urgency): cell.priority.code
        for cell in version.matrix.select_related("priority")
    }
    return {
        "number": version.number,
        "valid_from": version.valid_from.isoformat(),
        "change_note": version.change_note,
        "service_hours": service_hours_json(definition),
        "pausing_states": list(version.pausing_states),
        "at_risk_percent": version.at_risk_percent,
        "business_day_convention": version.business_day_convention,
        "credit": {
            "percent_per_breach": _number(version.credit_percent_per_breach),
            "cap_percent": _number(version.credit_cap_percent),
        },
        "priorities": [
            {
                "rank": priority.rank,
                "code": priority.code,
                "name": priority.name,
                "definition": priority.definition,
                "response": _target(
                    priority.response_amount, priority.response_unit, priority.response_basis
                ),
                "resolution": _target(
                    priority.resolution_amount, priority.resolution_unit, priority.resolution_basis
                ),
                "update": _target(
                    priority.update_amount, priority.update_unit, priority.update_basis
                ),
            }
            for priority in version.priorities.order_by("rank")
        ],
        "matrix": [
            {"impact": impact, "urgency": urgency, "priority": cells[(impact, urgency)]}
            for impact in Level.values
            for urgency in Level.values
            if (impact, urgency) in cells
        ],
        "duties": [
            {"party": duty.party, "text": duty.text}
            for duty in version.duties.order_by("party", "order", "pk")
        ],
        "service_targets": [
            {
                "service": target.service.name,
                "availability_percent": _number(target.availability_percent),
            }
            for target in version.service_targets.select_related("service").order_by(
                "service__name", "pk"
            )
        ],
    }


def policy_json(policy: SlaPolicy, *, latest_only: bool = False) -> dict[str, Any]:
    """The policy with all its versions (oldest first), or only its latest one."""
    versions = list(policy.versions.order_by("valid_from", "number"))
    if latest_only:
        versions = versions[-1:]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": policy.name,
        "description": policy.description,
        "versions": [version_json(version) for version in versions],
    }


def dumps(data: dict[str, Any]) -> str:
    """The file's text: UTF-8 friendly (umlauts as they are), indented, one newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- reading and checking ----------------------------------------------------------------------


class PolicyFileError(Exception):
    """The file cannot be imported; ``problems`` says why, each with its place in the file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_file(path: str) -> Any:
    """The JSON document of ``path`` (``-``: standard input), or PolicyFileError."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with Path(path).open("rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = file_problem(error)
        raise PolicyFileError(
            [_("The file %(path)s cannot be read: %(reason)s") % {"path": path, "reason": reason}]
        ) from error
    return parse_text(raw)


def file_problem(error: OSError) -> str:
    """Why a file cannot be read or written, in the user's language (the system's own text
    is English)."""
    reasons = {
        errno.ENOENT: _("the file or its folder does not exist"),
        errno.EACCES: _("you have no permission for it"),
        errno.EPERM: _("you have no permission for it"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("the disk can only be read"),
        errno.ENAMETOOLONG: _("the name is too long"),
    }
    if error.errno in reasons:
        return reasons[error.errno]
    return _("the system refused (error number %(number)s)") % {"number": error.errno or "–"}


class _Refused(ValueError):
    """A JSON text the hooks below refuse, with its reason in the user's language."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(_("the field “%(key)s” appears twice") % {"key": key})
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _Refused(_("%(value)s is not a number JSON allows") % {"value": name})


def json_problem(message: str) -> str:
    """The JSON reader's (English) message said in the user's words."""
    reasons = {
        "Expecting value": _(
            "a value is missing here, or it is not written as JSON (texts in double quotes)"
        ),
        "Expecting property name enclosed in double quotes": _(
            "a field name in double quotes is expected here (a comma too many, or single quotes?)"
        ),
        "Expecting ':' delimiter": _("a colon “:” is missing after the field name"),
        "Expecting ',' delimiter": _("a comma “,” is missing between two entries"),
        "Unterminated string starting at": _("a text is not closed with a double quote"),
        "Invalid control character at": _("a text holds a line break or a control character"),
        "Invalid \\escape": _("a backslash “\\” in a text is not followed by a valid character"),
        "Invalid \\uXXXX escape": _(
            "a backslash “\\” in a text is not followed by a valid character"
        ),
        "Extra data": _("more text follows after the end of the document"),
    }
    return reasons.get(message, _("the text is not written as JSON here"))


def parse_text(raw: bytes) -> Any:
    if len(raw) > MAX_FILE_BYTES:
        raise PolicyFileError(
            [_("The file is larger than 5 MB; an SLA policy file is a few kilobytes.")]
        )
    if not raw.strip():
        raise PolicyFileError([_("The file is empty.")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PolicyFileError(
            [
                _("The file is not UTF-8 text (byte %(position)d); export it again.")
                % {"position": error.start + 1}
            ]
        ) from error
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_no_constants,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as error:
        raise PolicyFileError(
            [
                _("The file is not valid JSON: line %(line)d, column %(column)d: %(reason)s")
                % {"line": error.lineno, "column": error.colno, "reason": json_problem(error.msg)}
            ]
        ) from error
    except _Refused as error:
        reason = str(error)
    except RecursionError:
        reason = _("it is nested too deeply")
    except ValueError:  # a number with thousands of digits
        reason = _("a number in it is too long")
    raise PolicyFileError([_("The file is not valid JSON: %(reason)s") % {"reason": reason}])


@dataclass
class ServiceHours:
    """A calendar definition as ``BusinessCalendar.definition`` writes it."""

    definition: dict[str, Any]


@dataclass
class VersionPlan:
    number: int | None
    valid_from: date
    service_hours: ServiceHours
    terms: dict[str, Any]
    priorities: list[PrioritySpec]
    matrix: dict[tuple[str, str], str]
    customer_duties: list[str]
    provider_duties: list[str]
    service_targets: dict[Service, Decimal]


@dataclass
class PolicyPlan:
    """Everything the file says, checked: what :func:`policy_import` writes."""

    name: str
    description: str
    versions: list[VersionPlan]
    warnings: list[str] = field(default_factory=list)


class _Skip(Exception):
    """A value was wrong (and reported); the caller leaves out what depends on it."""


class Checker:
    """Walks the document, collecting problems with their paths instead of stopping at one."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, path: str, reason: str) -> None:
        self.problems.append(f"{path}: {reason}" if path else reason)

    def fail(self, path: str, reason: str) -> _Skip:
        self.problem(path, reason)
        return _Skip()

    def part(self) -> suppress:
        """``with checker.part(): …`` — a wrong value ends that part, not the whole check."""
        return suppress(_Skip)

    # The shapes of values.

    def obj(
        self, value: Any, path: str, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, _("must be an object { … }"))
        known = set(required) | set(optional)
        for key in value:
            if key not in known:
                self.problem(
                    _join(path, key),
                    _("unknown field (expected: %(fields)s)")
                    % {"fields": ", ".join([*required, *optional])},
                )
        missing = [key for key in required if key not in value]
        for key in missing:
            self.problem(_join(path, key), _("is missing"))
        if missing:
            raise _Skip()
        return value

    def array(self, value: Any, path: str, *, allow_empty: bool = True) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, _("must be a list [ … ]"))
        if not value and not allow_empty:
            raise self.fail(path, _("must not be empty"))
        return value

    def text(
        self,
        value: Any,
        path: str,
        *,
        max_length: int,
        allow_empty: bool = True,
        strip: bool = True,
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(path, _("must be a text in quotes"))
        result = value.strip() if strip else value
        if not result and not allow_empty:
            raise self.fail(path, _("must not be empty"))
        if len(result) > max_length:
            raise self.fail(
                path, _("may have at most %(limit)d characters") % {"limit": max_length}
            )
        return result

    def whole(self, value: Any, path: str, *, minimum: int, maximum: int) -> int:
        if isinstance(value, float):  # a document built in Python rather than read from a file
            value = Decimal(repr(value)) if math.isfinite(value) else None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, Decimal) and value == value.to_integral_value():
                value = int(value)
            else:
                raise self.fail(path, _whole_reason(minimum, maximum))
        if not minimum <= value <= maximum:
            raise self.fail(path, _whole_reason(minimum, maximum))
        return int(value)

    def percent(self, value: Any, path: str) -> Decimal:
        """0 to 100 with at most two decimal places: a JSON number or a text like "99.5"."""
        reason = _("must be a number from 0 to 100 with at most two decimal places")
        if isinstance(value, float):
            value = Decimal(repr(value)) if math.isfinite(value) else None
        if isinstance(value, bool):
            raise self.fail(path, reason)
        if isinstance(value, int | Decimal):
            number = Decimal(value)
        elif isinstance(value, str) and re.fullmatch(r"\d{1,3}(\.\d{1,2})?", value.strip()):
            number = Decimal(value.strip())
        else:
            raise self.fail(path, reason)
        try:
            exact = number == number.quantize(Decimal("0.01"))
        except InvalidOperation:
            exact = False
        if not exact or not Decimal("0") <= number <= HUNDRED:
            raise self.fail(path, reason)
        return number.quantize(Decimal("0.01"))

    def choice(self, value: Any, path: str, choices: list[str]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.fail(
                path, _("must be one of: %(choices)s") % {"choices": ", ".join(choices)}
            )
        return value

    def day(self, value: Any, path: str, *, earliest: date, latest: date) -> date:
        reason = _("must be a date written as YYYY-MM-DD from %(earliest)s to %(latest)s") % {
            "earliest": earliest.isoformat(),
            "latest": latest.isoformat(),
        }
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise self.fail(path, reason)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise self.fail(path, reason) from None
        if not earliest <= day <= latest:
            raise self.fail(path, reason)
        return day

    def windows(self, value: Any, path: str) -> list[str]:
        items = self.array(value, path)
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(f"{path}[{index}]", _('must be a time window like "08:00-17:00"'))
        try:
            return parse_windows(", ".join(items))
        except ValidationError as error:
            for message in error.messages:
                self.problem(path, message)
            raise _Skip() from None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _whole_reason(minimum: int, maximum: int) -> str:
    return _("must be a whole number from %(minimum)d to %(maximum)d") % {
        "minimum": minimum,
        "maximum": maximum,
    }


def check(document: Any, *, provider: Provider | None = None) -> PolicyPlan:
    """The checked plan of the document, or PolicyFileError with every problem found."""
    checker = Checker()
    plan = _check_document(checker, document, provider)
    if checker.problems or plan is None:
        problems = checker.problems or [_("The file is not an SLA policy file.")]
        if len(problems) > MAX_ERRORS:
            rest = len(problems) - MAX_ERRORS
            problems = [
                *problems[:MAX_ERRORS],
                _("… and %(count)d more problems.") % {"count": rest},
            ]
        raise PolicyFileError(problems)
    plan.warnings = checker.warnings
    return plan


def _check_document(
    checker: Checker, document: Any, provider: Provider | None
) -> PolicyPlan | None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        checker.problem(
            "format",
            _("must be “%(format)s”: this is not an SLA policy file of Vendorwatch")
            % {"format": FORMAT},
        )
        return None
    version = document.get("version")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            reason = _(
                "is %(found)s: the file was written by a newer Vendorwatch; this one reads "
                "version %(supported)d"
            ) % {"found": version, "supported": FORMAT_VERSION}
        else:
            reason = _("must be %(supported)d") % {"supported": FORMAT_VERSION}
        checker.problem("version", reason)
        return None
    try:
        top = checker.obj(
            document,
            "",
            required=("format", "version", "name", "versions"),
            optional=("description",),
        )
    except _Skip:
        return None
    name = description = ""
    with checker.part():
        name = checker.text(top["name"], "name", max_length=200, allow_empty=False)
    with checker.part():
        description = checker.text(
            top.get("description", ""), "description", max_length=10_000, strip=False
        )
    versions: list[VersionPlan] = []
    with checker.part():
        items = checker.array(top["versions"], "versions", allow_empty=False)
        for index, item in enumerate(items):
            with checker.part():
                versions.append(_check_version(checker, item, f"versions[{index}]", provider))
        _check_version_order(checker, versions)
    return PolicyPlan(name=name, description=description, versions=versions)


VERSION_FIELDS = (
    "number",
    "change_note",
    "pausing_states",
    "at_risk_percent",
    "business_day_convention",
    "credit",
    "matrix",
    "duties",
    "service_targets",
)


def _check_version(
    checker: Checker, value: Any, path: str, provider: Provider | None
) -> VersionPlan:
    item = checker.obj(
        value,
        path,
        required=("valid_from", "service_hours", "priorities"),
        optional=VERSION_FIELDS,
    )
    problems_before = len(checker.problems)
    number: int | None = None
    valid_from = VALID_EARLIEST
    terms: dict[str, Any] = {}
    service_hours: ServiceHours | None = None
    specs: list[PrioritySpec] = []
    matrix: dict[tuple[str, str], str] = {}
    duties: dict[str, list[str]] = {Duty.Party.CUSTOMER: [], Duty.Party.PROVIDER: []}
    targets: dict[Service, Decimal] = {}
    with checker.part():
        if "number" in item:
            number = checker.whole(item["number"], f"{path}.number", minimum=1, maximum=1_000_000)
    with checker.part():
        valid_from = checker.day(
            item["valid_from"], f"{path}.valid_from", earliest=VALID_EARLIEST, latest=VALID_LATEST
        )
    with checker.part():
        terms["change_note"] = checker.text(
            item.get("change_note", ""), f"{path}.change_note", max_length=10_000, strip=False
        )
    with checker.part():
        service_hours = _check_service_hours(
            checker, item["service_hours"], f"{path}.service_hours"
        )
    with checker.part():
        terms["pausing_states"] = _check_pausing_states(
            checker, item.get("pausing_states", [PausingState.WAITING_ON_US.value]), path
        )
    with checker.part():
        terms["at_risk_percent"] = checker.whole(
            item.get("at_risk_percent", 75), f"{path}.at_risk_percent", minimum=1, maximum=99
        )
    with checker.part():
        terms["business_day_convention"] = checker.choice(
            item.get("business_day_convention", DayConventionChoice.DAILY_HOURS.value),
            f"{path}.business_day_convention",
            list(DayConventionChoice.values),
        )
    with checker.part():
        per_breach, cap = _check_credit(checker, item.get("credit"), f"{path}.credit")
        terms["credit_percent_per_breach"], terms["credit_cap_percent"] = per_breach, cap
    with checker.part():
        specs = _check_priorities(checker, item["priorities"], f"{path}.priorities", service_hours)
    with checker.part():
        matrix = _check_matrix(checker, item.get("matrix", []), f"{path}.matrix", specs)
    with checker.part():
        duties = _check_duties(checker, item.get("duties", []), f"{path}.duties")
    with checker.part():
        targets = _check_service_targets(
            checker, item.get("service_targets", []), f"{path}.service_targets", provider
        )
    if len(checker.problems) > problems_before or service_hours is None:
        raise _Skip()
    return VersionPlan(
        number=number,
        valid_from=valid_from,
        service_hours=service_hours,
        terms=terms,
        priorities=specs,
        matrix=matrix,
        customer_duties=duties[Duty.Party.CUSTOMER],
        provider_duties=duties[Duty.Party.PROVIDER],
        service_targets=targets,
    )


def _check_version_order(checker: Checker, versions: list[VersionPlan]) -> None:
    """Distinct start dates; numbers, where given, distinct and rising with the start date."""
    seen: dict[date, int] = {}
    for index, version in enumerate(versions):
        if version.valid_from in seen:
            checker.problem(
                f"versions[{index}].valid_from",
                _("versions[%(other)d] starts on the same day; each version needs its own day")
                % {"other": seen[version.valid_from]},
            )
        seen.setdefault(version.valid_from, index)
    numbered = [v for v in versions if v.number is not None]
    if numbered and len(numbered) != len(versions):
        checker.problem(
            "versions", _("give every version a number, or none (they are then counted 1, 2, …)")
        )
        return
    numbers = [v.number or 0 for v in sorted(numbered, key=lambda v: v.valid_from)]
    if any(later <= earlier for earlier, later in itertools.pairwise(numbers)):
        checker.problem(
            "versions",
            _("the version numbers must be different and rise with valid_from (found %(numbers)s)")
            % {"numbers": ", ".join(str(n) for n in numbers)},
        )


SERVICE_HOURS_FIELDS = ("name", "time_zone", "weekly", "holiday_region")


def _check_service_hours(checker: Checker, value: Any, path: str) -> ServiceHours:
    item = checker.obj(
        value, path, required=SERVICE_HOURS_FIELDS, optional=("holiday_categories", "days")
    )
    failed = len(checker.problems)
    name = time_zone = region = ""
    categories = "public"
    weekly: list[list[str]] = [[] for _day in WEEKDAYS]
    days: list[list[Any]] = []
    with checker.part():
        name = checker.text(item["name"], f"{path}.name", max_length=100, allow_empty=False)
    with checker.part():
        time_zone = checker.text(item["time_zone"], f"{path}.time_zone", max_length=64)
        if time_zone not in available_timezones():
            raise checker.fail(
                f"{path}.time_zone",
                _("is no time zone this system knows (e.g. Europe/Berlin)"),
            )
    with checker.part():
        days_of_week = checker.obj(item["weekly"], f"{path}.weekly", required=WEEKDAYS)
        for index, key in enumerate(WEEKDAYS):
            with checker.part():
                weekly[index] = checker.windows(days_of_week[key], f"{path}.weekly.{key}")
        if not any(weekly) and len(checker.problems) == failed:
            raise checker.fail(
                f"{path}.weekly", _("enter service hours for at least one day of the week")
            )
    with checker.part():
        region = checker.text(item["holiday_region"], f"{path}.holiday_region", max_length=12)
        if region:
            try:
                region = check_region(region)
            except ValidationError as error:
                raise checker.fail(f"{path}.holiday_region", " ".join(error.messages)) from None
    with checker.part():
        raw = checker.text(
            item.get("holiday_categories", "public"), f"{path}.holiday_categories", max_length=100
        )
        parts = [part.strip() for part in raw.split(",") if part.strip()]
        categories = ",".join(parts) or "public"
    with checker.part():
        entries = checker.array(item.get("days", []), f"{path}.days")
        seen: set[date] = set()
        for index, entry in enumerate(entries):
            where = f"{path}.days[{index}]"
            with checker.part():
                fields = checker.obj(entry, where, required=("date", "windows"))
                day = checker.day(
                    fields["date"], f"{where}.date", earliest=DAY_EARLIEST, latest=DAY_LATEST
                )
                if day in seen:
                    raise checker.fail(
                        f"{where}.date", _("this date appears twice in the exception days")
                    )
                seen.add(day)
                days.append(
                    [day.isoformat(), checker.windows(fields["windows"], f"{where}.windows")]
                )
    if len(checker.problems) > failed:
        raise _Skip()
    definition = {
        "name": name,
        "time_zone": time_zone,
        "weekly": weekly,
        "holiday_region": region,
        "holiday_categories": categories,
        "days": sorted(days),
    }
    try:
        engine = engine_calendar(definition)
        engine.holiday_name(date(2026, 1, 1))
    except BROKEN_RECORD as error:
        raise checker.fail(
            path, _("these service hours cannot be computed: %(reason)s") % {"reason": error}
        ) from None
    return ServiceHours(definition)


def _check_pausing_states(checker: Checker, value: Any, path: str) -> list[str]:
    where = f"{path}.pausing_states"
    items = checker.array(value, where)
    states: list[str] = []
    for index, item in enumerate(items):
        with checker.part():
            state = checker.choice(item, f"{where}[{index}]", list(PausingState.values))
            if state in states:
                raise checker.fail(f"{where}[{index}]", _("appears twice"))
            states.append(state)
    return states


def _check_credit(checker: Checker, value: Any, path: str) -> tuple[Decimal, Decimal]:
    if value is None:
        return Decimal("0.00"), Decimal("0.00")
    item = checker.obj(value, path, required=("percent_per_breach", "cap_percent"))
    per_breach = checker.percent(item["percent_per_breach"], f"{path}.percent_per_breach")
    cap = checker.percent(item["cap_percent"], f"{path}.cap_percent")
    if cap < per_breach:
        raise checker.fail(f"{path}.cap_percent", _("must not be lower than the credit per breach"))
    return per_breach, cap


PRIORITY_FIELDS = ("rank", "code", "name", "response", "resolution")


def _check_priorities(
    checker: Checker, value: Any, path: str, service_hours: ServiceHours | None
) -> list[PrioritySpec]:
    items = checker.array(value, path, allow_empty=False)
    failed = len(checker.problems)
    daily = None
    if service_hours is not None:
        daily = engine_calendar(service_hours.definition).daily_seconds // 60
    ranked: list[tuple[int, PrioritySpec]] = []
    ranks: list[int] = []
    codes: dict[str, int] = {}
    for index, entry in enumerate(items):
        where = f"{path}[{index}]"
        with checker.part():
            item = checker.obj(
                entry, where, required=PRIORITY_FIELDS, optional=("definition", "update")
            )
            rank = code = name = definition = None
            targets: dict[str, tuple[int, str, str] | None] = {}
            with checker.part():
                rank = checker.whole(item["rank"], f"{where}.rank", minimum=1, maximum=100)
                ranks.append(rank)
            with checker.part():
                code = checker.text(item["code"], f"{where}.code", max_length=10, allow_empty=False)
                if code in codes:
                    raise checker.fail(
                        f"{where}.code",
                        _("%(code)s is already the code of %(path)s[%(other)d]")
                        % {"code": code, "path": path, "other": codes[code]},
                    )
                codes[code] = index
            with checker.part():
                name = checker.text(
                    item["name"], f"{where}.name", max_length=100, allow_empty=False
                )
            with checker.part():
                definition = checker.text(
                    item.get("definition", ""), f"{where}.definition", max_length=10_000
                )
            for kind in TARGET_KINDS:
                with checker.part():
                    targets[kind] = _check_target(
                        checker, item.get(kind), f"{where}.{kind}", optional=kind == "update"
                    )
            if None in (rank, code, name, definition) or len(targets) < len(TARGET_KINDS):
                continue
            response, resolution = targets["response"], targets["resolution"]
            assert rank is not None and code is not None and name is not None
            assert response is not None and resolution is not None and definition is not None
            spec = PrioritySpec(
                code=code,
                name=name,
                definition=definition,
                response=response,
                resolution=resolution,
                update=targets["update"],
            )
            if daily is not None and in_minutes(*resolution, daily) < in_minutes(*response, daily):
                checker.problem(
                    f"{where}.resolution", _("must not be shorter than the response time")
                )
            ranked.append((rank, spec))
    # Checked whenever every rank is a number, so that it is reported with the other problems.
    if len(ranks) == len(items) and sorted(ranks) != list(range(1, len(items) + 1)):
        checker.problem(
            path,
            _(
                "the ranks must be 1, 2, 3 … without gaps or repeats, 1 the most urgent "
                "(found %(ranks)s)"
            )
            % {"ranks": ", ".join(str(rank) for rank in sorted(ranks))},
        )
    if len(checker.problems) > failed:
        raise _Skip()
    return [spec for _rank, spec in sorted(ranked, key=lambda pair: pair[0])]


def _check_target(
    checker: Checker, value: Any, path: str, *, optional: bool
) -> tuple[int, str, str] | None:
    if value is None and optional:
        return None
    if value is None:
        raise checker.fail(path, _("is missing"))
    item = checker.obj(value, path, required=("amount", "unit", "basis"))
    failed = len(checker.problems)
    amount, unit, basis = 0, "", ""
    with checker.part():
        amount = checker.whole(item["amount"], f"{path}.amount", minimum=1, maximum=MAX_AMOUNT)
    with checker.part():
        unit = checker.choice(item["unit"], f"{path}.unit", list(TimeUnit.values))
    with checker.part():
        basis = checker.choice(item["basis"], f"{path}.basis", list(Basis.values))
    if len(checker.problems) > failed:
        raise _Skip()
    return amount, unit, basis


def _check_matrix(
    checker: Checker, value: Any, path: str, specs: list[PrioritySpec]
) -> dict[tuple[str, str], str]:
    items = checker.array(value, path)
    codes = [spec.code for spec in specs]
    cells: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(items):
        where = f"{path}[{index}]"
        with checker.part():
            item = checker.obj(entry, where, required=("impact", "urgency", "priority"))
            failed = len(checker.problems)
            impact = urgency = ""
            with checker.part():
                impact = checker.choice(item["impact"], f"{where}.impact", list(Level.values))
            with checker.part():
                urgency = checker.choice(item["urgency"], f"{where}.urgency", list(Level.values))
            with checker.part():
                code = item["priority"]
                if codes and (not isinstance(code, str) or code not in codes):
                    raise checker.fail(
                        f"{where}.priority",
                        _("must be the code of one of the version's priorities: %(codes)s")
                        % {"codes": ", ".join(codes)},
                    )
            if len(checker.problems) > failed:
                continue
            if (impact, urgency) in cells:
                checker.problem(where, _("this impact and urgency appear twice"))
                continue
            cells[(impact, urgency)] = code
    return cells


def _check_duties(checker: Checker, value: Any, path: str) -> dict[str, list[str]]:
    items = checker.array(value, path)
    duties: dict[str, list[str]] = {Duty.Party.CUSTOMER: [], Duty.Party.PROVIDER: []}
    for index, entry in enumerate(items):
        where = f"{path}[{index}]"
        with checker.part():
            item = checker.obj(entry, where, required=("party", "text"))
            party = checker.choice(item["party"], f"{where}.party", list(Duty.Party.values))
            text = checker.text(
                item["text"], f"{where}.text", max_length=DUTY_LENGTH, allow_empty=False
            )
            duties[party].append(text)
    return duties


def _check_service_targets(
    checker: Checker, value: Any, path: str, provider: Provider | None
) -> dict[Service, Decimal]:
    items = checker.array(value, path)
    targets: dict[Service, Decimal] = {}
    for index, entry in enumerate(items):
        where = f"{path}[{index}]"
        with checker.part():
            item = checker.obj(entry, where, required=("service", "availability_percent"))
            name = checker.text(
                item["service"], f"{where}.service", max_length=200, allow_empty=False
            )
            percent = checker.percent(item["availability_percent"], f"{where}.availability_percent")
            service = _find_service(checker, name, where, provider)
            if service is None:
                continue
            if service in targets:
                raise checker.fail(f"{where}.service", _("this service appears twice"))
            targets[service] = percent
    return targets


def _find_service(
    checker: Checker, name: str, path: str, provider: Provider | None
) -> Service | None:
    """The service of that name (the provider's first); a warning and None if there is none."""
    matches = list(Service.objects.filter(name=name).order_by("pk"))
    if provider is not None and len(matches) > 1:
        matches = [s for s in matches if s.provider_id == provider.pk] or matches
    if len(matches) == 1:
        return matches[0]
    if not matches:
        reason = _("there is no service “%(name)s” here; this availability target is left out")
    else:
        reason = _(
            "there are several services named “%(name)s”; this availability target is left out "
            "(give the policy's provider with --provider)"
        )
    checker.warnings.append(f"{path}.service: " + reason % {"name": name})
    return None


# --- import ------------------------------------------------------------------------------------


class PolicyNameTaken(Exception):
    pass


def calendar_for(definition: dict[str, Any]) -> BusinessCalendar:
    """A service-hours record with exactly these hours: an existing one, or a new one.

    One with the same name is preferred; a new one whose name is taken gets " (2)", " (3)" ….
    """
    wanted = {key: value for key, value in definition.items() if key != "name"}
    candidates = BusinessCalendar.objects.prefetch_related("days").order_by("pk")
    same = [
        calendar
        for calendar in candidates
        if {k: v for k, v in calendar.definition().items() if k != "name"} == wanted
    ]
    for calendar in same:
        if calendar.name == definition["name"]:
            return calendar
    if same:
        return same[0]
    name = _free_calendar_name(definition["name"])
    calendar = BusinessCalendar.objects.create(
        name=name,
        time_zone=definition["time_zone"],
        weekly=definition["weekly"],
        holiday_region=definition["holiday_region"],
        holiday_categories=definition["holiday_categories"],
    )
    for iso_day, windows in definition["days"]:
        calendar.days.create(date=date.fromisoformat(iso_day), windows=windows)
    return calendar


def _free_calendar_name(name: str) -> str:
    taken = set(BusinessCalendar.objects.values_list("name", flat=True))
    if name not in taken:
        return name
    for number in range(2, 10_000):
        suffix = f" ({number})"
        candidate = name[: 100 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise ValueError("no free name")  # pragma: no cover


def policy_import(
    plan: PolicyPlan,
    *,
    name: str | None = None,
    provider: Provider | None = None,
    created_by: Any = None,
) -> SlaPolicy:
    """Create the policy with all versions of the plan, in one transaction.

    Each version keeps the service hours of the file as its promise (its snapshot) and is
    linked to a service-hours record with the same hours (:func:`calendar_for`).
    """
    policy_name = name or plan.name
    try:
        with transaction.atomic():
            if SlaPolicy.objects.filter(name=policy_name).exists():
                raise PolicyNameTaken(policy_name)
            policy: SlaPolicy | None = None
            for version_plan in sorted(plan.versions, key=lambda v: v.valid_from):
                calendar = calendar_for(version_plan.service_hours.definition)
                terms = VersionTerms(
                    calendar=calendar,
                    matrix=version_plan.matrix,
                    customer_duties=version_plan.customer_duties,
                    provider_duties=version_plan.provider_duties,
                    service_targets=version_plan.service_targets,
                    **version_plan.terms,
                )
                if policy is None:
                    policy = sla_policy_create(
                        name=policy_name,
                        provider=provider,
                        description=plan.description,
                        valid_from=version_plan.valid_from,
                        terms=terms,
                        priorities=version_plan.priorities,
                        created_by=created_by,
                    )
                    version = policy.versions.get()
                else:
                    version = sla_version_create(
                        policy=policy,
                        valid_from=version_plan.valid_from,
                        terms=terms,
                        priorities=version_plan.priorities,
                        created_by=created_by,
                    )
                version.calendar_snapshot = version_plan.service_hours.definition
                if version_plan.number is not None:
                    version.number = version_plan.number
                version.save(update_fields=["calendar_snapshot", "number"])
            assert policy is not None
            return policy
    except IntegrityError as error:
        if SlaPolicy.objects.filter(name=policy_name).exists():
            raise PolicyNameTaken(policy_name) from error
        raise
