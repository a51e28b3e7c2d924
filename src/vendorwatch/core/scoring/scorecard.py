"""The provider scorecard: five components, each scored 0–100 (None = no data), a weighted
total, a traffic light and the next step on the six-step ladder.

Each component carries its explanation as a :func:`gettext_noop` template and the
``values`` to fill it with (numbers written with a decimal point, scores to 0.1, money to
cents); the app renders ``gettext(component.explanation).format(**component.values)``.
The raw numbers are in ``numbers`` for apps that format them in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .i18n import Translate, gettext_noop, identity
from .weighting import round_tenths, tenths_to_decimal, weighted_total

CENT = Decimal("0.01")

SLA = "sla"
SATISFACTION = "satisfaction"
COST = "cost"
ACTIONS = "actions"
PROBLEMS = "problems"

# SLA: this share met or less scores 0; 100 % met scores 100, linear in between.
SLA_FLOOR = Decimal(80)
# Cost: points lost per percent invoiced above the contracted amount.
COST_POINTS_PER_PERCENT = Decimal(5)

SLA_NO_DATA = gettext_noop("No SLA targets were judged in the period: no score.")
SLA_SCORED = gettext_noop(
    "{met} of {judged} SLA targets met ({share} %). 100 % met scores 100, {floor} % or less"
    " scores 0, linear in between: score {score}."
)
SATISFACTION_NO_DATA = gettext_noop("No satisfaction ratings in the period: no score.")
SATISFACTION_SCORED = gettext_noop(
    "Mean rating {mean} of 5 from {answers} answers. A rating of 1 scores 0, 5 scores 100:"
    " score {score}."
)
SATISFACTION_SCORED_ONE = gettext_noop(
    "Mean rating {mean} of 5 from {answers} answer. A rating of 1 scores 0, 5 scores 100:"
    " score {score}."
)
COST_NO_DATA = gettext_noop("No contracted amount for the period: no score.")
COST_WITHIN = gettext_noop(
    "Invoiced {invoiced} against {contracted} contracted ({deviation} %): within the"
    " contract, score {score}."
)
COST_OVER = gettext_noop(
    "Invoiced {invoiced} against {contracted} contracted: {deviation} % over. Each percent"
    " over costs {points} points: score {score}."
)
ACTIONS_NOTHING_OPEN = gettext_noop("Nothing open: score {score}.")
ACTIONS_SCORED = gettext_noop(
    "{overdue} of {open_items} open action items are overdue: score {score} (the share not"
    " overdue)."
)
PROBLEMS_NO_DATA = gettext_noop("No problems in the period: no score.")
PROBLEMS_SCORED = gettext_noop(
    "{breached} of {problems} problems breached their SLA: score {score} (the share within"
    " the SLA)."
)


@dataclass(frozen=True)
class Component:
    """One part of the scorecard: ``score`` 0–100 (None = no data), its ``weight`` and the
    explanation of the computation (a gettext_noop template, filled with ``values``)."""

    key: str
    score: Decimal | None
    weight: Decimal
    explanation: str
    values: Mapping[str, str]
    numbers: Mapping[str, Decimal | int] = field(default_factory=dict)

    def text(self, translate: Translate = identity) -> str:
        """The explanation, translated by ``translate`` and filled with ``values``."""
        return translate(self.explanation).format(**self.values)


def _score(value: Fraction) -> Decimal:
    """A share-like value clamped to 0..100 and rounded to 0.1 (ROUND_HALF_UP)."""
    clamped = min(max(value, Fraction(0)), Fraction(100))
    return tenths_to_decimal(round_tenths(clamped.numerator, clamped.denominator))


def _percent(value: Fraction) -> Decimal:
    return tenths_to_decimal(round_tenths(value.numerator, value.denominator))


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _check_counts(**counts: int) -> None:
    for name, count in counts.items():
        if count < 0:
            raise ValueError(f"{name} must not be negative: {count}")


def _component(
    key: str,
    score: Decimal | None,
    weight: Decimal,
    explanation: str,
    **numbers: Decimal | int,
) -> Component:
    values = {name: str(number) for name, number in numbers.items()}
    if score is not None:
        values["score"] = str(score)
        numbers["score"] = score
    return Component(key, score, weight, explanation, values, numbers)


def sla_component(*, met: int, judged: int, weight: Decimal) -> Component:
    """Share of SLA targets met: clamp((share − 80 %) / 20 % × 100), so 100 % → 100,
    90 % → 50, 80 % or less → 0; nothing judged → None."""
    _check_counts(met=met, judged=judged)
    if met > judged:
        raise ValueError(f"met ({met}) cannot exceed judged ({judged})")
    if judged == 0:
        return _component(SLA, None, weight, SLA_NO_DATA)
    share = Fraction(met, judged) * 100
    score = _score((share - Fraction(SLA_FLOOR)) / (100 - Fraction(SLA_FLOOR)) * 100)
    return _component(
        SLA,
        score,
        weight,
        SLA_SCORED,
        met=met,
        judged=judged,
        share=_percent(share),
        floor=SLA_FLOOR,
    )


def satisfaction_component(*, mean: Decimal | None, answers: int, weight: Decimal) -> Component:
    """Mean rating on 1–5: (mean − 1) / 4 × 100, clamped; no answers (or no mean) → None."""
    _check_counts(answers=answers)
    if answers == 0 or mean is None:
        return _component(SATISFACTION, None, weight, SATISFACTION_NO_DATA)
    if not mean.is_finite():
        raise ValueError(f"mean must be a finite number: {mean}")
    score = _score((Fraction(mean) - 1) / 4 * 100)
    template = SATISFACTION_SCORED_ONE if answers == 1 else SATISFACTION_SCORED
    rounded = mean.quantize(CENT, rounding=ROUND_HALF_UP)
    return _component(SATISFACTION, score, weight, template, mean=rounded, answers=answers)


def cost_component(*, invoiced: Decimal, contracted: Decimal, weight: Decimal) -> Component:
    """Invoiced against contracted: 100 − 5 per percent over, clamped (20 % over → 0; at or
    under the contracted amount → 100); contracted 0 → None."""
    if not (invoiced.is_finite() and contracted.is_finite()):
        raise ValueError("invoiced and contracted must be finite numbers")
    if invoiced < 0 or contracted < 0:
        raise ValueError("invoiced and contracted must not be negative")
    if contracted == 0:
        return _component(COST, None, weight, COST_NO_DATA, invoiced=invoiced)
    deviation = (Fraction(invoiced) - Fraction(contracted)) / Fraction(contracted) * 100
    over = max(deviation, Fraction(0))
    score = _score(100 - Fraction(COST_POINTS_PER_PERCENT) * over)
    return _component(
        COST,
        score,
        weight,
        COST_OVER if deviation > 0 else COST_WITHIN,
        invoiced=invoiced.quantize(CENT, rounding=ROUND_HALF_UP),
        contracted=contracted.quantize(CENT, rounding=ROUND_HALF_UP),
        deviation=_percent(deviation),
        points=COST_POINTS_PER_PERCENT,
    )


def actions_component(*, open_items: int, overdue: int, weight: Decimal) -> Component:
    """Open action items not overdue: (1 − overdue / open) × 100; nothing open → 100."""
    _check_counts(open_items=open_items, overdue=overdue)
    if overdue > open_items:
        raise ValueError(f"overdue ({overdue}) cannot exceed open items ({open_items})")
    if open_items == 0:
        return _component(ACTIONS, tenths_to_decimal(1000), weight, ACTIONS_NOTHING_OPEN)
    score = _score((1 - Fraction(overdue, open_items)) * 100)
    return _component(
        ACTIONS, score, weight, ACTIONS_SCORED, overdue=overdue, open_items=open_items
    )


def problems_component(*, problems: int, breached: int, weight: Decimal) -> Component:
    """Problems resolved within their SLA: (1 − breached / problems) × 100; no problems →
    None (nothing to judge)."""
    _check_counts(problems=problems, breached=breached)
    if breached > problems:
        raise ValueError(f"breached ({breached}) cannot exceed problems ({problems})")
    if problems == 0:
        return _component(PROBLEMS, None, weight, PROBLEMS_NO_DATA)
    score = _score((1 - Fraction(breached, problems)) * 100)
    return _component(
        PROBLEMS, score, weight, PROBLEMS_SCORED, breached=breached, problems=problems
    )


def scorecard_total(components: Iterable[Component]) -> Decimal | None:
    """The weighted total of the components with data (see
    :func:`~.weighting.weighted_total`: a component without data is left out of the
    weighting); None when no component with weight > 0 has data. The weights need not add
    up to 100. Raises ValueError for two components with the same key."""
    weights: dict[str, Decimal] = {}
    scores: dict[str, Decimal | None] = {}
    for component in components:
        if component.key in weights:
            raise ValueError(f"two components named {component.key!r}")
        weights[component.key] = component.weight
        scores[component.key] = component.score
    return weighted_total(weights, scores)


GREEN = "green"
AMBER = "amber"
RED = "red"
GREY = "grey"
GREEN_FROM = Decimal(75)
AMBER_FROM = Decimal(50)


def traffic_light(total: Decimal | None) -> str:
    """ "green" from 75, "amber" from 50, "red" below, "grey" without a total."""
    if total is None:
        return GREY
    if total >= GREEN_FROM:
        return GREEN
    if total >= AMBER_FROM:
        return AMBER
    return RED


# The six steps of the product, as the next step for a provider.
STEP_EXPECTATIONS = "expectations"  # 1: agree what is expected (no data to judge yet)
STEP_TALK = "talk"  # 2: keep talking in the regular meetings
STEP_ESCALATE = "escalate"  # 3: escalate the problems
STEP_REVIEW_CONTRACT = "review_contract"  # 4: review the contract
STEP_CHECK_ALTERNATIVES = "check_alternatives"  # 5: check alternatives
STEP_TERMINATE = "terminate"  # 6: prepare the exit

# Below AMBER_FROM (red): review the contract down to 35, check alternatives below 35,
# terminate below 20 unless the total is rising.
REVIEW_FROM = Decimal(35)
TERMINATE_BELOW = Decimal(20)
# An amber total that fell by more than this many points over the trend period is treated
# like a red one: review the contract.
STEEP_FALL = Decimal(10)

NEXT_NO_DATA = gettext_noop(
    "No score yet: agree measurable expectations and record results and problems first."
)
NEXT_TALK = gettext_noop(
    "Score {total} (green, {green} or more): keep talking in the regular meetings."
)
NEXT_ESCALATE = gettext_noop(
    "Score {total} (amber, {amber} to below {green}): escalate the open problems."
)
NEXT_REVIEW_FALLING = gettext_noop(
    "Score {total} (amber) fell by {fall} points, more than {steep}: review the contract."
)
NEXT_REVIEW = gettext_noop("Score {total} (red, {review} to below {amber}): review the contract.")
NEXT_ALTERNATIVES = gettext_noop("Score {total} (red, below {review}): check alternatives.")
NEXT_ALTERNATIVES_RISING = gettext_noop(
    "Score {total} (red, below {terminate}) but rising by {rise} points: check alternatives"
    " before deciding on termination."
)
NEXT_TERMINATE = gettext_noop(
    "Score {total} (red, below {terminate}) and not rising: prepare the exit and the termination."
)


@dataclass(frozen=True)
class NextStep:
    """The recommended step (one of the ``STEP_*`` keys) and why (a gettext_noop template
    filled with ``values``)."""

    step: str
    reason: str
    values: Mapping[str, str]

    def text(self, translate: Translate = identity) -> str:
        return translate(self.reason).format(**self.values)


def next_step(total: Decimal | None, *, trend: Decimal | None) -> NextStep:
    """The next step for a scorecard total; ``trend`` is the change of the total in points
    over the trend period (negative: falling; None: unknown).

    ==========================  =================================================
    total                       step
    ==========================  =================================================
    None                        expectations
    75 or more (green)          talk
    50 to < 75 (amber)          escalate; review_contract if fallen by > 10 points
    35 to < 50 (red)            review_contract
    20 to < 35 (red)            check_alternatives
    below 20 (red)              terminate; check_alternatives if rising (trend > 0)
    ==========================  =================================================
    """
    if total is None:
        return NextStep(STEP_EXPECTATIONS, NEXT_NO_DATA, {})
    values = {
        "total": str(total),
        "green": str(GREEN_FROM),
        "amber": str(AMBER_FROM),
        "review": str(REVIEW_FROM),
        "terminate": str(TERMINATE_BELOW),
        "steep": str(STEEP_FALL),
    }
    if trend is not None:
        values["trend"] = str(trend)
        values["fall"] = str(-trend)
        values["rise"] = str(trend)
    if total >= GREEN_FROM:
        return NextStep(STEP_TALK, NEXT_TALK, values)
    if total >= AMBER_FROM:
        if trend is not None and trend < -STEEP_FALL:
            return NextStep(STEP_REVIEW_CONTRACT, NEXT_REVIEW_FALLING, values)
        return NextStep(STEP_ESCALATE, NEXT_ESCALATE, values)
    if total >= REVIEW_FROM:
        return NextStep(STEP_REVIEW_CONTRACT, NEXT_REVIEW, values)
    if total >= TERMINATE_BELOW:
        return NextStep(STEP_CHECK_ALTERNATIVES, NEXT_ALTERNATIVES, values)
    if trend is not None and trend > 0:
        return NextStep(STEP_CHECK_ALTERNATIVES, NEXT_ALTERNATIVES_RISING, values)
    return NextStep(STEP_TERMINATE, NEXT_TERMINATE, values)
