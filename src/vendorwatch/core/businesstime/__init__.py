"""Business-time engine: exact SLA clocks in service hours (pure Python + NumPy, no Django).

Quick start::

    cal = BusinessCalendar.create(
        "Europe/Berlin", {d: ["08:00-17:00"] for d in range(5)}, region="DE-BY"
    )
    business_seconds(cal, start, end, pauses=[(p0, p1)])   # int seconds in [start, end)
    due(cal, start, 4 * 3600)                               # aware datetime

Columns: :func:`business_seconds_array`, :func:`due_array` (same results as the scalars).
"""

from .availability import MonthAvailability, monthly_availability
from .calendar import (
    HOLIDAYS_VERSION,
    BusinessCalendar,
    DayKind,
    DayRule,
    Provenance,
    Window,
)
from .clock import business_seconds, due
from .days import (
    DayConvention,
    business_days_budget,
    business_days_due,
    calendar_day_due,
    is_working_day,
    nth_working_day_after,
)
from .explain import Explanation, Step, StepKind, explain, explain_ticket, render
from .i18n import gettext_noop, translator
from .instants import NaiveDatetimeError, OutOfRangeError
from .sla import (
    Clock,
    PriorityTargets,
    SlaPolicy,
    SlaState,
    StatusChange,
    Target,
    TargetKind,
    TargetResult,
    Ticket,
    TicketSla,
    Unit,
    evaluate,
)
from .sla_columns import MISSING, ColumnResult, evaluate_columns
from .table import BusinessTable
from .vector import business_seconds_array, due_array

__all__ = [
    "HOLIDAYS_VERSION",
    "MISSING",
    "BusinessCalendar",
    "BusinessTable",
    "Clock",
    "ColumnResult",
    "DayConvention",
    "DayKind",
    "DayRule",
    "Explanation",
    "MonthAvailability",
    "NaiveDatetimeError",
    "OutOfRangeError",
    "PriorityTargets",
    "Provenance",
    "SlaPolicy",
    "SlaState",
    "StatusChange",
    "Step",
    "StepKind",
    "Target",
    "TargetKind",
    "TargetResult",
    "Ticket",
    "TicketSla",
    "Unit",
    "Window",
    "business_days_budget",
    "business_days_due",
    "business_seconds",
    "business_seconds_array",
    "calendar_day_due",
    "due",
    "due_array",
    "evaluate",
    "evaluate_columns",
    "explain",
    "explain_ticket",
    "gettext_noop",
    "is_working_day",
    "monthly_availability",
    "nth_working_day_after",
    "render",
    "translator",
]
