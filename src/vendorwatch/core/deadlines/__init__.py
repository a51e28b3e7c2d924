"""Contract-deadline engine (pure Python, no Django): when can a contract end, and by when
must the notice reach the provider?

Quick start::

    terms = ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(24, Unit.MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, Unit.MONTHS),
        notice_period=Period(3, Unit.MONTHS),
        notice_anchor=NoticeAnchor.TERM_END,
    )
    result = compute_deadline(terms, date(2026, 6, 15), subdivision="NW")
    result.next_possible_end        # 31.12.2026
    result.receipt_deadline         # 30.09.2026 — must be *received* by then
    result.recommended_send_date    # 25.09.2026
    result.explanation.render("de") # German steps, each naming its rule
"""

from .days import Days
from .engine import (
    DEFAULT_POSTAL_DAYS,
    DeadlineResult,
    Status,
    compute_deadline,
    contract_end_for_notice,
    possible_ends,
)
from .explain import Explanation, Msg, Rule, Step, StepCode, format_date, format_period
from .i18n import gettext_noop, translator
from .periods import (
    Period,
    Unit,
    latest_receipt,
    period_end_after_receipt,
    term_end,
)
from .terms import (
    AfterMinimumTerm,
    ContractTerms,
    NoticeAnchor,
    PayPeriod,
    TermsError,
    WorkingDayClause,
)

__all__ = [
    "DEFAULT_POSTAL_DAYS",
    "AfterMinimumTerm",
    "ContractTerms",
    "Days",
    "DeadlineResult",
    "Explanation",
    "Msg",
    "NoticeAnchor",
    "PayPeriod",
    "Period",
    "Rule",
    "Status",
    "Step",
    "StepCode",
    "TermsError",
    "Unit",
    "WorkingDayClause",
    "compute_deadline",
    "contract_end_for_notice",
    "format_date",
    "format_period",
    "gettext_noop",
    "latest_receipt",
    "period_end_after_receipt",
    "possible_ends",
    "term_end",
    "translator",
]
