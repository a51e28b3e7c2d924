"""Termination engine (pure Python, no Django): the last day to post a notice, the two
conditions of a termination for cause (§ 314 BGB), and whether a channel meets the form the
contract requires.

Quick start::

    plan = ordinary_plan(terms, date(2026, 9, 24), subdivision="NW", postal_days=3)
    plan.contract_end          # 31.12.2026
    plan.receipt_deadline      # 30.09.2026 — must be *received* by then
    plan.last_posting_day      # 26.09.2026 — Saturday: the post delivers Monday to Saturday
    plan.too_late_for_post     # False

    check = form_check(RequiredForm.WRITTEN, Channel.EMAIL)
    check.ok                   # False: written form needs a signature by hand
"""

from .cause import (
    REASONABLE_TIME_OUTER,
    REASONABLE_TIME_SAFE,
    CauseFacts,
    Condition,
    ConditionState,
    timeliness_condition,
    warning_condition,
)
from .form import Channel, FormCheck, Proof, RequiredForm, form_check
from .posting import PlanState, PostalPlan, last_posting_day, ordinary_plan

__all__ = [
    "REASONABLE_TIME_OUTER",
    "REASONABLE_TIME_SAFE",
    "CauseFacts",
    "Channel",
    "Condition",
    "ConditionState",
    "FormCheck",
    "PlanState",
    "PostalPlan",
    "Proof",
    "RequiredForm",
    "form_check",
    "last_posting_day",
    "ordinary_plan",
    "timeliness_condition",
    "warning_condition",
]
