"""Contract terms as the deadline engine understands them.

A contract runs from ``start``. It may have a minimum term (Mindestlaufzeit); what follows
it is explicit (:class:`AfterMinimumTerm`):

* ``RENEWS`` — it renews by ``renewal_term`` unless notice reaches the provider in time; it
  can only be terminated to the end of a term (the minimum term or a renewal).
* ``OPEN_ENDED`` — it continues for an indefinite period and can be terminated to any end
  the continuation's notice rule allows ("Mindestlaufzeit 12 Monate, danach monatlich
  kündbar mit einem Monat zum Monatsende"). Without a minimum term the whole contract is
  open-ended (unbefristet).
* ``ENDS`` — a fixed term: it ends with the minimum term, no notice needed.

Notice rules, from the most to the least specific:

1. ``working_day_clause`` — "notice by the N-th Werktag of a month ends the contract at the
   end of that month + k months" (§ 573c-style, Saturdays count as Werktage);
2. ``notice_period`` to ``notice_anchor``; for an open-ended continuation after a minimum
   term the separate ``continuation_notice_period`` / ``continuation_notice_anchor``;
3. for a service contract (Dienstvertrag) without an agreed period: § 621 BGB according to
   how the pay is measured (:class:`PayPeriod`).

Interpretations (see the module docstring of ``engine`` for the computations):

* ``notice_anchor=TERM_END`` on an open-ended contract with a minimum term governs only the
  end of the minimum term ("3 Monate zum Ende der Mindestlaufzeit"); the continuation then
  needs its own rule (continuation period, Werktag clause, or § 621 BGB for a service
  contract). Any other anchor governs every end from the end of the minimum term onwards;
  ends before the minimum term has run are never possible.
* ``renewal_term`` and the continuation fields are ignored where they cannot apply (a form may
  keep values of fields it hides).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .i18n import gettext_noop
from .periods import Period, Unit


class AfterMinimumTerm(Enum):
    RENEWS = "renews"
    OPEN_ENDED = "open_ended"
    ENDS = "ends"


class NoticeAnchor(Enum):
    """What a notice period runs to (the possible ends of the contract)."""

    TERM_END = "term_end"
    MONTH_END = "month_end"
    QUARTER_END = "quarter_end"
    YEAR_END = "year_end"
    ANY_DAY = "any_day"


class PayPeriod(Enum):
    """How the pay of a service contract is measured — selects § 621 Nr. 1–5 BGB."""

    DAILY = "daily"  # Nr. 1: any day, to the end of the following day
    WEEKLY = "weekly"  # Nr. 2: by the first Werktag of a week, to the following Saturday
    MONTHLY = "monthly"  # Nr. 3: by the 15th of a month, to the end of that month
    QUARTERLY_OR_LONGER = "quarterly_or_longer"  # Nr. 4: six weeks to a quarter's end
    NOT_BY_PERIOD = "not_by_period"  # Nr. 5: at any time


@dataclass(frozen=True)
class WorkingDayClause:
    """Notice received by the ``nth`` Werktag of a month ends the contract at the end of
    that month plus ``months_after`` months.

    § 573c Abs. 1 BGB ("spätestens am dritten Werktag eines Kalendermonats zum Ablauf des
    übernächsten Monats") is ``WorkingDayClause(nth=3, months_after=2)``.
    """

    nth: int
    months_after: int


class TermsError(ValueError):
    """Terms that cannot be computed. ``field`` names the offending field and ``message``
    is a translatable msgid for the form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


NEEDS_MINIMUM = gettext_noop("A contract that renews or has a fixed term needs a minimum term.")
NEEDS_RENEWAL = gettext_noop("A contract that renews needs a renewal term.")
NEEDS_NOTICE = gettext_noop("Enter the notice period.")
RENEWS_TO_TERM_END = gettext_noop(
    "A contract that renews can only be terminated to the end of a term."
)
NEEDS_CONTINUATION = gettext_noop(
    "Enter the notice period and what it runs to after the minimum term."
)
CONTINUATION_NOT_TERM_END = gettext_noop(
    "An open-ended contract has no term end: choose what the notice runs to."
)
OPEN_NOT_TERM_END = gettext_noop(
    "A contract without a minimum term has no term end: choose what the notice runs to."
)
TERM_TOO_SHORT = gettext_noop("A term must be at least one day long.")
NEEDS_PAY_PERIOD = gettext_noop(
    "Choose how the pay is measured (§ 621 BGB) or enter a notice period."
)
BAD_WORKING_DAY = gettext_noop(
    "The working day must be between 1 and 20 and the months between 0 and 24."
)


@dataclass(frozen=True, kw_only=True)
class ContractTerms:
    start: date
    minimum_term: Period | None = None
    after_minimum_term: AfterMinimumTerm = AfterMinimumTerm.OPEN_ENDED
    renewal_term: Period | None = None
    notice_period: Period | None = None
    notice_anchor: NoticeAnchor = NoticeAnchor.TERM_END
    continuation_notice_period: Period | None = None
    continuation_notice_anchor: NoticeAnchor | None = None
    working_day_clause: WorkingDayClause | None = None
    service_contract: bool = False
    pay_period: PayPeriod | None = None

    def __post_init__(self) -> None:
        validate(self)

    @property
    def is_open_ended(self) -> bool:
        return self.minimum_term is None or self.after_minimum_term is AfterMinimumTerm.OPEN_ENDED

    @property
    def has_initial_notice(self) -> bool:
        """Open-ended after a minimum term, with its own notice to the minimum term's end."""
        return (
            self.minimum_term is not None
            and self.after_minimum_term is AfterMinimumTerm.OPEN_ENDED
            and self.notice_period is not None
            and self.notice_anchor is NoticeAnchor.TERM_END
        )

    @property
    def uses_statutory_notice(self) -> bool:
        """True when § 621 BGB supplies the notice rule of the open-ended part."""
        return (
            self.is_open_ended
            and self.working_day_clause is None
            and self.continuation_notice_period is None
            and (self.notice_period is None or self.notice_anchor is NoticeAnchor.TERM_END)
        )


def _check_term(period: Period | None, field: str) -> None:
    if period is not None and period.amount < 1:
        raise TermsError(field, TERM_TOO_SHORT)


def validate(terms: ContractTerms) -> None:
    """Raise :class:`TermsError` for terms the engine cannot compute."""
    _check_term(terms.minimum_term, "minimum_term")
    clause = terms.working_day_clause
    if clause is not None and not (1 <= clause.nth <= 20 and 0 <= clause.months_after <= 24):
        raise TermsError("working_day_clause", BAD_WORKING_DAY)
    after = terms.after_minimum_term
    if terms.minimum_term is None and after is not AfterMinimumTerm.OPEN_ENDED:
        raise TermsError("minimum_term", NEEDS_MINIMUM)
    if after is AfterMinimumTerm.ENDS:
        return
    if after is AfterMinimumTerm.RENEWS:
        if terms.renewal_term is None:
            raise TermsError("renewal_term", NEEDS_RENEWAL)
        _check_term(terms.renewal_term, "renewal_term")
        if clause is not None:
            return
        if terms.notice_period is None:
            raise TermsError("notice_period", NEEDS_NOTICE)
        if terms.notice_anchor is not NoticeAnchor.TERM_END:
            raise TermsError("notice_anchor", RENEWS_TO_TERM_END)
        return
    _validate_open_ended(terms)


def _validate_open_ended(terms: ContractTerms) -> None:
    if terms.working_day_clause is not None:
        return
    if terms.continuation_notice_period is not None:
        anchor = terms.continuation_notice_anchor or terms.notice_anchor
        if anchor is NoticeAnchor.TERM_END:
            raise TermsError("continuation_notice_anchor", CONTINUATION_NOT_TERM_END)
        return
    if terms.notice_period is not None and terms.notice_anchor is not NoticeAnchor.TERM_END:
        return
    if terms.service_contract and terms.pay_period is not None:
        return
    if terms.service_contract:
        raise TermsError("pay_period", NEEDS_PAY_PERIOD)
    if terms.minimum_term is None and terms.notice_period is not None:
        raise TermsError("notice_anchor", OPEN_NOT_TERM_END)
    if terms.notice_period is None and terms.minimum_term is None:
        raise TermsError("notice_period", NEEDS_NOTICE)
    raise TermsError("continuation_notice_period", NEEDS_CONTINUATION)


__all__ = [
    "AfterMinimumTerm",
    "ContractTerms",
    "NoticeAnchor",
    "PayPeriod",
    "Period",
    "TermsError",
    "Unit",
    "WorkingDayClause",
]
