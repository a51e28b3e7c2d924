"""How far can one criterion's weight move before the winner changes?

For each criterion *i* the weight is moved by *d* points, down (towards 0) and up (towards
100); the other weights are scaled in proportion so that the weights still add up to 100::

    w_i' = w_i + d          w_j' = w_j · (100 − w_i − d) / (100 − w_i)

Special cases, decided here:

* If every other weight is 0 (``w_i`` = 100), moving *i* down spreads the freed points
  equally over the other criteria (there is no proportion to keep); *i* cannot move up.
* With a single criterion there is nowhere for weight to go: both directions are None.
* If the current weights have no winner (a tie at the top, or no option with a total),
  :func:`sensitivity` returns an empty list: there is no winner to lose.

The answer is given on a grid of 0.1 point, "rounded towards the change": ``down``/``up``
is the first multiple of 0.1 (0.1, 0.2, …), or the end of the range (``w_i`` down,
``100 − w_i`` up, which may lie between grid points), at which the winner is no longer the
single best option — another option's total, rounded to 0.1 as shown to the user, equals or
beats the winner's (or the winner has no total left). None means the winner stays over the
whole range. ``new_winner_*`` names the best other option at that point (the first in
``options`` order if several share the best total; None only if no other option has a total
there).

How it is computed. Since totals are scale-invariant, multiplying every weight by
``100 − w_i`` gives weights that are *linear* in *d* (``(w_i + d)·S`` and ``w_j·(S − d)``
with S = 100 − w_i). So each option's total is a ratio of two linear functions of d,
``(A + B·d) / (C + E·d)`` — the denominator varies because criteria without data for that
option are left out of its weighting; with complete data it is constant and the total is
linear. Because the totals are compared *after* rounding to 0.1 (a step function), the exact
real crossing of two totals does not by itself give the answer; instead every grid point is
evaluated exactly, in integers (coefficients brought to a common denominator once), from the
winner outwards until the first change. That is at most about 1,000 points per direction,
each costing a few integer operations per option, and it agrees by construction with
recomputing :func:`~.weighting.rank_options` at each point (the property tests check this).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .weighting import (
    HUNDRED,
    check_weights,
    rank_options,
    round_tenths,
    tenths_to_decimal,
    winner,
)


@dataclass(frozen=True)
class Shift:
    """For one criterion: its weight, the points it can move down and up before the winner
    changes (None = the winner stays over the whole range) and who wins then."""

    criterion: str
    weight: Decimal
    down: Decimal | None
    up: Decimal | None
    new_winner_down: str | None
    new_winner_up: str | None


@dataclass(frozen=True)
class _Line:
    """One option's total along a direction: (A + B·t) / (C + E·t), t ≥ 0 the distance."""

    a: Fraction
    b: Fraction
    c: Fraction
    e: Fraction

    def tenths_at(self, t: Fraction) -> int | None:
        denominator = self.c + self.e * t
        if denominator == 0:
            return None
        total = (self.a + self.b * t) / denominator
        return round_tenths(total.numerator, total.denominator)


@dataclass(frozen=True)
class _GridLine:
    """The same total on the grid t = k / 10, in integers: (a + b·k) / (c + e·k)."""

    a: int
    b: int
    c: int
    e: int

    def tenths_at(self, k: int) -> int | None:
        denominator = self.c + self.e * k
        if denominator == 0:
            return None
        return round_tenths(self.a + self.b * k, denominator)

    @classmethod
    def of(cls, line: _Line) -> _GridLine:
        # (A + B·k/10) / (C + E·k/10) = (10A + B·k) / (10C + E·k), times a common denominator
        parts = (10 * line.a, line.b, 10 * line.c, line.e)
        common = math.lcm(*(part.denominator for part in parts))
        a, b, c, e = (int(part * common) for part in parts)
        return cls(a, b, c, e)


def sensitivity(
    weights: Mapping[str, Decimal],
    options: Mapping[str, Mapping[str, Decimal | None]],
    excluded: Mapping[str, str],
) -> list[Shift]:
    """One :class:`Shift` per criterion of ``weights``, in their order; an empty list when
    the current weights have no winner. Raises :class:`~.weighting.WeightError` unless the
    weights are valid (:func:`~.weighting.check_weights`)."""
    check_weights(weights)
    current = winner(rank_options(weights, options, excluded))
    if current is None:
        return []
    candidates = [option for option in options if option not in excluded]
    shifts = []
    for criterion, weight in weights.items():
        down, new_down = _first_change(
            weights, options, candidates, current, criterion, direction=-1
        )
        up, new_up = _first_change(weights, options, candidates, current, criterion, direction=1)
        shifts.append(Shift(criterion, weight, down, up, new_down, new_up))
    return shifts


def shifted_weights(
    weights: Mapping[str, Decimal], criterion: str, d: Decimal
) -> dict[str, Decimal]:
    """Weights proportional to those after moving ``criterion`` by ``d`` points (negative:
    down), the others scaled in proportion (or, if they are all 0, sharing equally).

    Returned *unnormalised* — multiplied by ``100 − w_i`` (or by the number of other
    criteria) — so that they stay exact Decimals; totals depend only on proportions. Needs
    the weights to add up to 100 and ``-w_i ≤ d ≤ 100 − w_i``.
    """
    rest = HUNDRED - weights[criterion]
    others = len(weights) - 1
    result = {}
    for key, weight in weights.items():
        if rest > 0:
            result[key] = (weight + d) * rest if key == criterion else weight * (rest - d)
        else:
            result[key] = (weight + d) * others if key == criterion else -d
    return result


def _lines(
    weights: Mapping[str, Decimal],
    options: Mapping[str, Mapping[str, Decimal | None]],
    candidates: Sequence[str],
    criterion: str,
    direction: int,
) -> dict[str, _Line]:
    """Each candidate's total as a function of the distance t (d = direction · t)."""
    rest = Fraction(HUNDRED - weights[criterion])
    others = len(weights) - 1
    # each weight as p + q·t (unnormalised, see shifted_weights)
    linear: dict[str, tuple[Fraction, Fraction]] = {}
    for key, weight in weights.items():
        w = Fraction(weight)
        if rest > 0:
            if key == criterion:
                linear[key] = (w * rest, direction * rest)
            else:
                linear[key] = (w * rest, -direction * w)
        elif key == criterion:
            linear[key] = (w * others, Fraction(direction * others))
        else:
            linear[key] = (Fraction(0), Fraction(-direction))
    lines = {}
    for option in candidates:
        a = b = c = e = Fraction(0)
        scores = options[option]
        for key, (p, q) in linear.items():
            score = scores.get(key)
            if score is None:
                continue
            s = Fraction(score)
            a, b, c, e = a + p * s, b + q * s, c + p, e + q
        lines[option] = _Line(a, b, c, e)
    return lines


def _first_change(
    weights: Mapping[str, Decimal],
    options: Mapping[str, Mapping[str, Decimal | None]],
    candidates: Sequence[str],
    current: str,
    criterion: str,
    *,
    direction: int,
) -> tuple[Decimal | None, str | None]:
    weight = weights[criterion]
    if len(weights) < 2:
        return None, None
    limit = weight if direction < 0 else HUNDRED - weight
    if limit <= 0:
        return None, None
    lines = _lines(weights, options, candidates, criterion, direction)
    grid = {option: _GridLine.of(line) for option, line in lines.items()}
    # grid points strictly inside the range, then the end of the range itself
    inner = math.ceil(Fraction(limit) * 10) - 1
    for k in range(1, inner + 1):
        totals = {option: line.tenths_at(k) for option, line in grid.items()}
        changed, new = _challenger(totals, current)
        if changed:
            return tenths_to_decimal(k), new
    end = Fraction(limit)
    totals = {option: line.tenths_at(end) for option, line in lines.items()}
    changed, new = _challenger(totals, current)
    if changed:
        return limit, new
    return None, None


def _challenger(totals: Mapping[str, int | None], current: str) -> tuple[bool, str | None]:
    """Whether ``current`` is no longer the single best, and the best other option."""
    best: str | None = None
    best_total: int | None = None
    for option, total in totals.items():
        if option == current or total is None:
            continue
        if best_total is None or total > best_total:
            best, best_total = option, total
    own = totals[current]
    if own is None:
        return True, best
    return best_total is not None and best_total >= own, best
