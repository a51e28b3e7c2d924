"""Scoring engine for step 5, "check alternatives" (pure Python, no Django).

* :mod:`.weighting` — weighted totals (criteria without data are left out of the weighting),
  ranking with shared ranks, the winner.
* :mod:`.sensitivity` — how far each weight can move before the winner changes.
* :mod:`.tco` — total cost of ownership: stay or switch.
* :mod:`.scorecard` — the provider scorecard, its traffic light and the next step.

Weights are percentages and scores 0–100, all :class:`~decimal.Decimal`; ``None`` is "no
data". Texts for users are :func:`gettext_noop` templates with a mapping of values.
"""

from .i18n import gettext_noop
from .scorecard import (
    ACTIONS,
    AMBER,
    COST,
    GREEN,
    GREY,
    PROBLEMS,
    RED,
    SATISFACTION,
    SLA,
    STEP_CHECK_ALTERNATIVES,
    STEP_ESCALATE,
    STEP_EXPECTATIONS,
    STEP_REVIEW_CONTRACT,
    STEP_TALK,
    STEP_TERMINATE,
    Component,
    NextStep,
    actions_component,
    cost_component,
    next_step,
    problems_component,
    satisfaction_component,
    scorecard_total,
    sla_component,
    traffic_light,
)
from .sensitivity import Shift, sensitivity, shifted_weights
from .tco import Tco, stay_tco, switch_tco
from .weighting import Ranked, WeightError, check_weights, rank_options, weighted_total, winner

__all__ = [
    "ACTIONS",
    "AMBER",
    "COST",
    "GREEN",
    "GREY",
    "PROBLEMS",
    "RED",
    "SATISFACTION",
    "SLA",
    "STEP_CHECK_ALTERNATIVES",
    "STEP_ESCALATE",
    "STEP_EXPECTATIONS",
    "STEP_REVIEW_CONTRACT",
    "STEP_TALK",
    "STEP_TERMINATE",
    "Component",
    "NextStep",
    "Ranked",
    "Shift",
    "Tco",
    "WeightError",
    "actions_component",
    "check_weights",
    "cost_component",
    "gettext_noop",
    "next_step",
    "problems_component",
    "rank_options",
    "satisfaction_component",
    "scorecard_total",
    "sensitivity",
    "shifted_weights",
    "sla_component",
    "stay_tco",
    "switch_tco",
    "traffic_light",
    "weighted_total",
    "winner",
]
