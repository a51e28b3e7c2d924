"""Figures of employee feedback (pure Python, no Django): distribution, mean, Net Promoter
Score, and whether a group is large enough to be shown.

- mean: the arithmetic mean, rounded half up to one decimal (``Decimal``); no answers, no mean.
- Net Promoter Score of 0–10 answers: per cent of promoters (9 and 10) minus per cent of
  detractors (0 to 6), from −100 to 100, rounded half away from zero to a whole number.
- a group is shown only with at least ``minimum`` answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PROMOTER_FROM = 9
DETRACTOR_UP_TO = 6
ONE_DECIMAL = Decimal("0.1")


def mean(values: Iterable[int]) -> Decimal | None:
    numbers = list(values)
    return mean_of_sum(sum(numbers), len(numbers))


def mean_of_sum(total: int, count: int) -> Decimal | None:
    """The mean of ``count`` values adding up to ``total`` (a database's SUM and COUNT),
    rounded as :func:`mean`; no values, no mean."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


@dataclass(frozen=True)
class Nps:
    score: int
    promoters: int
    passives: int
    detractors: int

    @property
    def answers(self) -> int:
        return self.promoters + self.passives + self.detractors


def nps(values: Iterable[int]) -> Nps | None:
    """The Net Promoter Score of 0–10 answers; ``None`` without answers."""
    numbers = list(values)
    if not numbers:
        return None
    promoters = sum(1 for v in numbers if v >= PROMOTER_FROM)
    detractors = sum(1 for v in numbers if v <= DETRACTOR_UP_TO)
    passives = len(numbers) - promoters - detractors
    exact = Decimal(100 * (promoters - detractors)) / Decimal(len(numbers))
    # ROUND_HALF_UP on a Decimal rounds half away from zero: -12.5 → -13, 12.5 → 13.
    score = int(exact.quantize(Decimal(1), ROUND_HALF_UP))
    return Nps(score, promoters, passives, detractors)


def distribution(values: Iterable[int], low: int, high: int) -> list[tuple[int, int]]:
    """How often each value from ``low`` to ``high`` was given (every value listed, zero
    included); values outside the range are not counted."""
    counted = Counter(v for v in values if low <= v <= high)
    return [(value, counted.get(value, 0)) for value in range(low, high + 1)]


def choice_distribution(values: Iterable[str], options: Sequence[str]) -> list[tuple[str, int]]:
    """How often each option was chosen, in the options' order; an answer no longer among the
    options (the list was changed) is counted under its own name at the end. An option listed
    twice is listed once (its answers would otherwise all go to the first)."""
    counted = Counter(values)
    found = [(option, counted.pop(option, 0)) for option in dict.fromkeys(options)]
    return found + sorted(counted.items())


def shown(answers: int, minimum: int) -> bool:
    """Whether a group of ``answers`` may be shown: at least ``minimum``, and never fewer
    than one."""
    return answers >= max(1, minimum)
