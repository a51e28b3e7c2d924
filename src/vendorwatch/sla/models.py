from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.core import businesstime as bt
from vendorwatch.sla import local_holidays
from vendorwatch.sla.states import PausingState, default_pausing_states
from vendorwatch.sla.wording import (
    describe_target,
    holiday_summary,
    impact_heading,
    urgency_heading,
)
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE

# What a stored record can hold that no calculation can use: a time zone the system does not
# know, windows that are no windows, a region the holiday data does not know, a year 9999.
BROKEN_RECORD = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)

WEEKDAY_NAMES = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


def default_weekly() -> list[list[str]]:
    return [["08:00-17:00"]] * 5 + [[], []]


class BusinessCalendar(models.Model):
    """Service hours: weekly windows in local time, public holidays of a region, exceptions.

    ``weekly`` holds seven lists (Monday first) of windows like ``"08:00-12:00"``; ``24:00``
    is allowed as an end. The pure engine in ``vendorwatch.core.businesstime`` does the
    arithmetic; :meth:`to_engine` builds its calendar from this row and its exceptions.
    """

    name = models.CharField(_("name"), max_length=100)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Berlin")
    weekly = models.JSONField(_("weekly service hours"), default=default_weekly)
    holiday_region = models.CharField(
        _("public holidays of"),
        max_length=12,
        blank=True,
        default="DE-BY",
        help_text=_("Country and state, e.g. DE-BY for Bavaria; empty for no public holidays."),
    )
    holiday_categories = models.CharField(
        _("holiday categories"),
        max_length=100,
        default="public",
        help_text=_(
            "“public” for the statutory holidays; add “catholic” for Assumption Day "
            "in Bavarian Catholic municipalities."
        ),
    )

    class Meta:
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="businesscalendar_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def definition(self) -> dict[str, Any]:
        """Everything that decides business time, as plain data an SLA version can keep."""
        return {
            "name": self.name,
            "time_zone": self.time_zone,
            "weekly": [list(windows) for windows in self.weekly],
            "holiday_region": self.holiday_region,
            "holiday_categories": self.holiday_categories,
            "days": [[day.date.isoformat(), list(day.windows)] for day in self.days.all()],
        }

    def to_engine(self) -> bt.BusinessCalendar:
        return engine_calendar(self.definition())

    def engine_or_none(self) -> bt.BusinessCalendar | None:
        """The engine's calendar, or ``None`` for a record no calculation can use."""
        try:
            return self.to_engine()
        except BROKEN_RECORD:
            return None

    @property
    def is_always_open(self) -> bool:
        return all(windows == ["00:00-24:00"] for windows in self.weekly)

    def weekly_rows(self) -> list[dict[str, Any]]:
        return [
            {"weekday": name, "windows": [format_window(window) for window in windows]}
            for name, windows in zip(WEEKDAY_NAMES, self.weekly, strict=False)
        ]

    def local_holiday_keys(self) -> list[str]:
        return local_holidays.from_storage(self.holiday_region, self.holiday_categories)[1]

    def holiday_summary(self) -> str:
        return holiday_summary(self.holiday_region, self.holiday_categories)

    def _state_engine(self) -> bt.BusinessCalendar | None:
        """The same calendar with the state's holidays only, to tell the local ones apart."""
        state, keys = local_holidays.from_storage(self.holiday_region, self.holiday_categories)
        if not keys:
            return None
        definition = self.definition()
        definition |= {"holiday_region": state, "holiday_categories": "public", "days": []}
        return engine_calendar(definition)

    def preview(self, start: date, days: int = 14, language: str = "en") -> list[DayPreview]:
        """The service hours of ``days`` dates from ``start``, with the reason for each day."""
        engine, state_only = self.to_engine(), self._state_engine()
        notes = {day.date: day.note for day in self.days.all()}
        rows = []
        for offset in range(days):
            day = start + timedelta(days=offset)
            rule = engine.day_rule(day, language)
            rows.append(
                DayPreview(
                    date=day,
                    windows=[format_window(str(w)) for w in rule.windows],
                    kind=rule.kind.value,
                    holiday=rule.holiday or "",
                    note=notes.get(day, ""),
                    local=bool(rule.holiday)
                    and state_only is not None
                    and state_only.holiday_name(day) is None,
                )
            )
        return rows

    def holidays_in(self, year: int, language: str = "en") -> list[DayPreview]:
        """Every holiday of ``year`` with the hours that apply on it (closed unless an
        exception day says otherwise); local holidays are marked."""
        engine, state_only = self.to_engine(), self._state_engine()
        if engine.country is None:
            return []
        notes = {day.date: day.note for day in self.days.all()}
        rows = []
        day = date(year, 1, 1)
        while day.year == year:
            name = engine.holiday_name(day, language)
            if name is not None:
                rule = engine.day_rule(day, language)
                rows.append(
                    DayPreview(
                        date=day,
                        windows=[format_window(str(w)) for w in rule.windows],
                        kind=rule.kind.value,
                        holiday=name,
                        note=notes.get(day, ""),
                        local=state_only is not None and state_only.holiday_name(day) is None,
                    )
                )
            day += timedelta(days=1)
        return rows


def engine_calendar(definition: dict[str, Any]) -> bt.BusinessCalendar:
    """The engine's calendar from :meth:`BusinessCalendar.definition` data."""
    closures: list[date] = []
    overrides: dict[date, list[str]] = {}
    for iso_day, windows in definition["days"]:
        if windows:
            overrides[date.fromisoformat(iso_day)] = list(windows)
        else:
            closures.append(date.fromisoformat(iso_day))
    categories = [c.strip() for c in definition["holiday_categories"].split(",") if c.strip()]
    return bt.BusinessCalendar.create(
        definition["time_zone"],
        {weekday: list(windows) for weekday, windows in enumerate(definition["weekly"])},
        region=definition["holiday_region"] or None,
        categories=categories or ["public"],
        closures=closures,
        overrides=overrides,
        name=definition["name"],
    )


class CalendarDay(models.Model):
    """An exception on one date: closed (company holiday) or other hours (24.12. 08:00–12:00)."""

    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name=_("service hours"),
    )
    date = models.DateField(_("date"))
    windows = models.JSONField(
        _("hours on this day"),
        default=list,
        blank=True,
        help_text=_("Empty means closed all day."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception day")
        verbose_name_plural = _("exception days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="calendarday_one_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.calendar}: {self.date:%d.%m.%Y}"

    @property
    def windows_text(self) -> str:
        """“08:00–12:00”; empty for a day closed all day."""
        return ", ".join(format_window(window) for window in self.windows)


@dataclass(frozen=True)
class DayPreview:
    date: date
    windows: list[str]
    kind: str  # one of the engine's DayKind values
    holiday: str
    note: str
    local: bool = False  # a local holiday, on top of the state's


def format_window(window: str) -> str:
    return window.replace("-", "\N{EN DASH}")


class Level(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


class Basis(models.TextChoices):
    BUSINESS = "business", _("business time")
    CALENDAR = "calendar", _("calendar time")


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")


class DayConventionChoice(models.TextChoices):
    DAILY_HOURS = (
        bt.DayConvention.DAILY_HOURS.value,
        _("one day = the daily hours of the service hours"),
    )
    SAME_TIME = (
        bt.DayConvention.SAME_TIME_N_WORKING_DAYS_LATER.value,
        _("same time of day, N working days later"),
    )
    END_OF_DAY = (
        bt.DayConvention.END_OF_NTH_WORKING_DAY.value,
        _("end of the N-th working day"),
    )


class SlaPolicy(models.Model):
    """An agreement on response and resolution times; what it promises lives in its versions."""

    name = models.CharField(_("name"), max_length=200)
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sla_policies",
        verbose_name=_("provider"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="slapolicy_unique_name")]

    def __str__(self) -> str:
        return self.name

    def version_at(self, moment: date | datetime) -> SlaVersion | None:
        """The version that held on that day (a datetime counts in the organisation's zone);
        from the prefetched versions where a list of policies prefetched them."""
        if isinstance(moment, datetime):
            moment = timezone.localtime(moment, organisation_zone()).date()
        if prefetched(self, "versions"):
            held = [version for version in self.versions.all() if version.valid_from <= moment]
            return max(held, key=lambda version: version.valid_from, default=None)
        return self.versions.filter(valid_from__lte=moment).order_by("-valid_from").first()

    @property
    def current_version(self) -> SlaVersion | None:
        return self.version_at(timezone.now())

    @property
    def latest_version(self) -> SlaVersion | None:
        if prefetched(self, "versions"):
            return max(self.versions.all(), key=lambda version: version.valid_from, default=None)
        return self.versions.order_by("-valid_from").first()

    @property
    def latest_computable_version(self) -> SlaVersion | None:
        """The latest version whose date a calculation can start from (see ``is_computable``)."""
        versions = self.versions.filter(valid_from__range=(EARLIEST_DATE, LATEST_DATE))
        return versions.order_by("-valid_from").first()


def prefetched(instance: models.Model, relation: str) -> bool:
    """Whether a prefetch_related already holds this relation of the instance."""
    return relation in getattr(instance, "_prefetched_objects_cache", {})


def organisation_zone() -> ZoneInfo:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return ZoneInfo(organisation.time_zone if organisation else settings.TIME_ZONE)


class SlaVersion(models.Model):
    """What a policy promised from ``valid_from`` on. Never edited: a change is a new version."""

    policy = models.ForeignKey(
        SlaPolicy, on_delete=models.CASCADE, related_name="versions", verbose_name=_("SLA policy")
    )
    number = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.PROTECT,
        related_name="sla_versions",
        verbose_name=_("service hours"),
    )
    pausing_states = models.JSONField(
        _("states that pause the clock"), default=default_pausing_states, blank=True
    )
    at_risk_percent = models.PositiveSmallIntegerField(
        _("warn at (% of the target used)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    business_day_convention = models.CharField(
        _("how a day is counted"),
        max_length=40,
        choices=DayConventionChoice.choices,
        default=DayConventionChoice.DAILY_HOURS,
    )
    credit_percent_per_breach = models.DecimalField(
        _("service credit per breach (% of the monthly fee)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    credit_cap_percent = models.DecimalField(
        _("service credit cap (% of the monthly fee)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    change_note = models.TextField(_("what changed"), blank=True)
    # The service hours as they were when the version was made: editing the calendar later
    # must not change what was promised for problems raised under this version.
    calendar_snapshot = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("SLA version")
        verbose_name_plural = _("SLA versions")
        ordering = ["policy", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="slaversion_unique_number"),
            models.UniqueConstraint(
                fields=["policy", "valid_from"], name="slaversion_unique_valid_from"
            ),
            models.CheckConstraint(
                condition=Q(at_risk_percent__gte=1, at_risk_percent__lte=99),
                name="slaversion_at_risk_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(credit_percent_per_breach__gte=0, credit_cap_percent__lte=100)
                & Q(credit_cap_percent__gte=F("credit_percent_per_breach")),
                name="slaversion_credit_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"

    @property
    def is_computable(self) -> bool:
        """False for a date no business means (31.12.9999 written to the database directly):
        such a version never applies, and pages say so instead of computing with it."""
        return EARLIEST_DATE <= self.valid_from <= LATEST_DATE

    def priority_for(self, impact: str, urgency: str) -> Priority | None:
        cell = self.matrix.select_related("priority").filter(impact=impact, urgency=urgency).first()
        return cell.priority if cell else None

    def to_engine(self) -> bt.SlaPolicy:
        return bt.SlaPolicy(
            calendar=self.engine_calendar(),
            targets={p.code: p.to_engine() for p in self.priorities.all()},
            pausing_statuses=frozenset(self.pausing_states),
            day_convention=bt.DayConvention(self.business_day_convention),
            at_risk_share=self.at_risk_percent / 100,
            name=f"{self.policy.name} v{self.number}",
        )

    def service_hours(self) -> dict[str, Any]:
        """The promised service hours in words, for the document handed to the provider."""
        definition = self.calendar_snapshot or self.calendar.definition()
        return {
            "name": definition["name"],
            "weekly": [
                {"weekday": WEEKDAY_NAMES[index], "windows": ", ".join(windows)}
                for index, windows in enumerate(definition["weekly"])
            ],
            "region": definition["holiday_region"],
            "holidays": holiday_summary(
                definition["holiday_region"], definition["holiday_categories"]
            ),
            "time_zone": definition["time_zone"],
            "days": [
                {"date": date.fromisoformat(day), "windows": ", ".join(windows)}
                for day, windows in definition["days"]
            ],
        }

    def engine_calendar(self) -> bt.BusinessCalendar:
        if self.calendar_snapshot:
            return engine_calendar(self.calendar_snapshot)
        return self.calendar.to_engine()

    def pausing_state_labels(self) -> list[str]:
        labels = dict(PausingState.choices)
        return [str(labels.get(code, code)) for code in self.pausing_states]

    def duties_of(self, party: str) -> list[Duty]:
        return [duty for duty in self.duties.all() if duty.party == party]

    def customer_duties(self) -> list[Duty]:
        return self.duties_of(Duty.Party.CUSTOMER)

    def provider_duties(self) -> list[Duty]:
        return self.duties_of(Duty.Party.PROVIDER)

    def matrix_header(self) -> list[str]:
        return [urgency_heading(label) for label in Level.labels]

    def matrix_rows(self) -> list[dict[str, Any]]:
        # A page showing many versions prefetches the cells with their priorities.
        matrix = (
            self.matrix.all()
            if prefetched(self, "matrix")
            else self.matrix.select_related("priority")
        )
        cells = {(cell.impact, cell.urgency): cell.priority for cell in matrix}
        return [
            {
                "label": impact_heading(label),
                "cells": [cells.get((impact, urgency)) for urgency in Level.values],
            }
            for impact, label in Level.choices
        ]


ENGINE_UNITS = {
    TimeUnit.MINUTES: bt.Unit.MINUTES,
    TimeUnit.HOURS: bt.Unit.HOURS,
    TimeUnit.DAYS: bt.Unit.DAYS,
}


def unit_field() -> models.CharField[str, str]:
    return models.CharField(
        _("unit"), max_length=7, choices=TimeUnit.choices, default=TimeUnit.HOURS
    )


def basis_field() -> models.CharField[str, str]:
    return models.CharField(
        _("counted in"), max_length=8, choices=Basis.choices, default=Basis.BUSINESS
    )


class Priority(models.Model):
    """One priority of a version with its targets, kept as entered (amount, unit, basis).

    Days stay days rather than minutes: how long a day is depends on the version's day
    convention, which the engine applies when it computes a due time.
    """

    version = models.ForeignKey(
        SlaVersion, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("version")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)
    definition = models.TextField(_("definition"), blank=True)
    response_amount = models.PositiveIntegerField(_("response time"))
    response_unit = unit_field()
    response_basis = basis_field()
    resolution_amount = models.PositiveIntegerField(_("resolution time"))
    resolution_unit = unit_field()
    resolution_basis = basis_field()
    update_amount = models.PositiveIntegerField(_("status update every"), null=True, blank=True)
    update_unit = unit_field()
    update_basis = basis_field()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["version", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="priority_unique_code"),
            models.UniqueConstraint(fields=["version", "rank"], name="priority_unique_rank"),
            models.CheckConstraint(
                condition=Q(response_amount__gt=0, resolution_amount__gt=0)
                & (Q(update_amount__isnull=True) | Q(update_amount__gt=0)),
                name="priority_targets_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def target(self, kind: str) -> bt.Target | None:
        amount = getattr(self, f"{kind}_amount")
        if amount is None:
            return None
        unit = ENGINE_UNITS[TimeUnit(getattr(self, f"{kind}_unit"))]
        return bt.Target(amount, unit, bt.Clock(getattr(self, f"{kind}_basis")))

    def to_engine(self) -> bt.PriorityTargets:
        return bt.PriorityTargets(
            first_response=self.target("response"),
            resolution=self.target("resolution"),
            update_interval=self.target("update"),
        )

    def describe_response(self) -> str:
        return self.describe("response")

    def describe_resolution(self) -> str:
        return self.describe("resolution")

    def describe_update(self) -> str:
        return self.describe("update")

    def describe(self, kind: str) -> str:
        """“4 Std. Servicezeit” (“4 h business time”), in the user's language."""
        amount = getattr(self, f"{kind}_amount")
        if amount is None:
            return "–"
        return describe_target(
            amount, getattr(self, f"{kind}_unit"), getattr(self, f"{kind}_basis")
        )


class MatrixCell(models.Model):
    """Impact × urgency → priority, so that a problem's priority follows from two questions."""

    version = models.ForeignKey(
        SlaVersion, on_delete=models.CASCADE, related_name="matrix", verbose_name=_("version")
    )
    impact = models.CharField(_("impact"), max_length=6, choices=Level.choices)
    urgency = models.CharField(_("urgency"), max_length=6, choices=Level.choices)
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="+", verbose_name=_("priority")
    )

    class Meta:
        verbose_name = _("priority matrix cell")
        verbose_name_plural = _("priority matrix cells")
        ordering = ["version", "impact", "urgency"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "impact", "urgency"], name="matrixcell_one_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_impact_display()} × {self.get_urgency_display()}"


class Duty(models.Model):
    class Party(models.TextChoices):
        CUSTOMER = "customer", _("our duties")
        PROVIDER = "provider", _("the provider's duties")

    version = models.ForeignKey(
        SlaVersion, on_delete=models.CASCADE, related_name="duties", verbose_name=_("version")
    )
    party = models.CharField(_("party"), max_length=8, choices=Party.choices)
    text = models.CharField(_("duty"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ["version", "party", "order"]

    def __str__(self) -> str:
        return self.text


class ServiceTarget(models.Model):
    """The availability a version promises for one service."""

    version = models.ForeignKey(
        SlaVersion,
        on_delete=models.CASCADE,
        related_name="service_targets",
        verbose_name=_("version"),
    )
    service = models.ForeignKey(
        "expectations.Service",
        # A promise made in an SLA version must not vanish with the service.
        on_delete=models.PROTECT,
        related_name="sla_targets",
        verbose_name=_("service"),
    )
    availability_percent = models.DecimalField(
        _("availability target (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("availability target")
        verbose_name_plural = _("availability targets")
        ordering = ["version", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "service"], name="servicetarget_one_per_service"
            ),
            models.CheckConstraint(
                condition=Q(availability_percent__gte=0, availability_percent__lte=100),
                name="servicetarget_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.availability_percent} %"
