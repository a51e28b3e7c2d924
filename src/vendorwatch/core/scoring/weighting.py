"""Weighted totals and the ranking of options (step 5, "check alternatives").

Weights are percentages (0–100, :class:`~decimal.Decimal`), scores 0–100 or ``None`` for
"no data". A criterion without data for an option is left out of that option's weighting —
its weight is shared by the criteria that have data — never counted as zero.

All arithmetic is exact (:class:`~fractions.Fraction`); a total is rounded once, at the end,
to 0.1 point (ROUND_HALF_UP). Ranks, ties and the winner are decided on these rounded totals,
the numbers the user sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .i18n import gettext_noop

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

WEIGHTS_NOT_100 = gettext_noop("The weights add up to {total} %; they must add up to 100 %.")
WEIGHT_NEGATIVE = gettext_noop("No weight may be negative (the weights add up to {total} %).")
WEIGHT_NOT_A_NUMBER = gettext_noop("Every weight must be a number.")


class WeightError(ValueError):
    """The weights are unusable. ``total`` is their sum (quantized to 0.01); ``template`` a
    :func:`gettext_noop` text to show, filled with ``values``."""

    def __init__(self, total: Decimal, template: str = WEIGHTS_NOT_100) -> None:
        self.total = total
        self.template = template
        self.values: Mapping[str, str] = {"total": str(total)}
        super().__init__(template.format(**self.values))


def check_weights(weights: Mapping[str, Decimal]) -> None:
    """Raise :class:`WeightError` unless no weight is negative and the weights add up to
    exactly 100 after quantizing the sum to 0.01 (ROUND_HALF_UP)."""
    if not all(weight.is_finite() for weight in weights.values()):
        raise WeightError(Decimal(0), WEIGHT_NOT_A_NUMBER)
    total = sum(weights.values(), Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
    if any(weight < 0 for weight in weights.values()):
        raise WeightError(total, WEIGHT_NEGATIVE)
    if total != HUNDRED:
        raise WeightError(total, WEIGHTS_NOT_100)


def round_tenths(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` in tenths, rounded half away from zero (as Decimal's
    ROUND_HALF_UP does); ``denominator`` must be positive."""
    scaled = 10 * numerator
    if scaled >= 0:
        return (2 * scaled + denominator) // (2 * denominator)
    return -((-2 * scaled + denominator) // (2 * denominator))


def tenths_to_decimal(tenths: int) -> Decimal:
    """An integer number of tenths as a Decimal with one decimal place (``725`` → 72.5)."""
    return Decimal(tenths).scaleb(-1)


def exact_total(
    weights: Mapping[str, Decimal], scores: Mapping[str, Decimal | None]
) -> Fraction | None:
    """Σ w·s / Σ w over the criteria with a score, exactly; None if that Σ w is 0.

    Criteria scored but not weighted count with weight 0. Raises ValueError for a negative
    or non-finite weight or a non-finite score.
    """
    numerator = Fraction(0)
    denominator = Fraction(0)
    for criterion, weight in weights.items():
        if not weight.is_finite() or weight < 0:
            raise ValueError(f"weight of {criterion!r} must be a finite number >= 0: {weight}")
        score = scores.get(criterion)
        if score is None:
            continue
        if not score.is_finite():
            raise ValueError(f"score of {criterion!r} must be a finite number: {score}")
        numerator += Fraction(weight) * Fraction(score)
        denominator += Fraction(weight)
    if denominator == 0:
        return None
    return numerator / denominator


def weighted_total(
    weights: Mapping[str, Decimal], scores: Mapping[str, Decimal | None]
) -> Decimal | None:
    """Σ w·s / Σ w over the criteria that have a score, rounded to 0.1 (ROUND_HALF_UP) only
    at the end; None when no criterion with weight > 0 has a score.

    The weights need not add up to 100 here (the result depends only on their proportions);
    :func:`check_weights` is the check for user input.
    """
    total = exact_total(weights, scores)
    if total is None:
        return None
    return tenths_to_decimal(round_tenths(total.numerator, total.denominator))


@dataclass(frozen=True)
class Ranked:
    """One option's place. ``rank`` is None for excluded options and options without a
    total; ``reason`` is the exclusion reason given by the caller (empty if not excluded)."""

    option: str
    total: Decimal | None
    rank: int | None
    excluded: bool
    reason: str


def rank_options(
    weights: Mapping[str, Decimal],
    options: Mapping[str, Mapping[str, Decimal | None]],
    excluded: Mapping[str, str],
) -> list[Ranked]:
    """Rank ``options`` (option → criterion → score) by their weighted totals.

    Order: options with a total, best first (ties share a rank: 1, 1, 3; stable in the
    order of ``options``); then options without a total (rank None); then the excluded
    options (``excluded``: option → reason text), in the order of ``options``, with their
    total still computed for display but rank None. Keys of ``excluded`` that are not in
    ``options`` are ignored. The weights are not checked (see :func:`check_weights`).
    """
    with_total: list[tuple[str, Decimal]] = []
    without_total: list[Ranked] = []
    left_out: list[Ranked] = []
    for option, scores in options.items():
        total = weighted_total(weights, scores)
        if option in excluded:
            left_out.append(Ranked(option, total, None, True, excluded[option]))
        elif total is None:
            without_total.append(Ranked(option, None, None, False, ""))
        else:
            with_total.append((option, total))
    with_total.sort(key=lambda item: item[1], reverse=True)  # sort is stable
    ranked: list[Ranked] = []
    for position, (option, total) in enumerate(with_total, start=1):
        rank = ranked[-1].rank if ranked and ranked[-1].total == total else position
        ranked.append(Ranked(option, total, rank, False, ""))
    return ranked + without_total + left_out


def winner(ranked: Sequence[Ranked]) -> str | None:
    """The single best option that is not excluded and has a total; None if two or more
    share the best total or no option has one."""
    best = [item for item in ranked if not item.excluded and item.total is not None]
    if not best:
        return None
    top = max(item.total for item in best if item.total is not None)
    leaders = [item.option for item in best if item.total == top]
    return leaders[0] if len(leaders) == 1 else None
