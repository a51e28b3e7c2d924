"""The figures of employee feedback against hand-worked examples and a brute-force oracle.

NPS: per cent of promoters (9–10) minus per cent of detractors (0–6), rounded half away from
zero to a whole number. Mean: rounded half up to one decimal.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from vendorwatch.core import feedback as fb

# --- Net Promoter Score ----------------------------------------------------------------------


def test_nps_of_a_mixed_group() -> None:
    # 10, 10, 9 are promoters (3); 8, 7 passives (2); 6, 3 detractors (2); 7 answers.
    # 100 × (3 − 2) / 7 = 14.285… → 14
    result = fb.nps([10, 10, 9, 8, 7, 6, 3])
    assert result == fb.Nps(score=14, promoters=3, passives=2, detractors=2)


def test_nps_half_a_point_below_zero_rounds_away_from_zero() -> None:
    # 1 promoter (10), 2 detractors (6, 5), 5 passives; 100 × (1 − 2) / 8 = −12.5 → −13
    assert fb.nps([10, 6, 5, 7, 7, 8, 8, 8]).score == -13  # type: ignore[union-attr]


def test_nps_half_a_point_above_zero_rounds_away_from_zero() -> None:
    # 2 promoters (10, 9), 1 detractor (0), 5 passives; 100 × (2 − 1) / 8 = 12.5 → 13
    assert fb.nps([10, 9, 0, 7, 7, 7, 8, 8]).score == 13  # type: ignore[union-attr]


def test_nps_of_a_sixth_rounds_up() -> None:
    # 1 promoter of 6 answers, no detractor: 100 / 6 = 16.666… → 17
    assert fb.nps([9, 7, 7, 7, 7, 7]).score == 17  # type: ignore[union-attr]


def test_nps_of_only_promoters_is_100() -> None:
    # 4 promoters of 4: 100 × 4 / 4 = 100
    assert fb.nps([9, 10, 9, 10]).score == 100  # type: ignore[union-attr]


def test_nps_of_only_detractors_is_minus_100() -> None:
    # 0 to 6 are all detractors: 100 × (0 − 7) / 7 = −100
    assert fb.nps([0, 1, 2, 3, 4, 5, 6]).score == -100  # type: ignore[union-attr]


def test_nps_of_only_passives_is_zero() -> None:
    # 7 and 8 count for neither side: 100 × (0 − 0) / 3 = 0
    assert fb.nps([7, 8, 8]) == fb.Nps(score=0, promoters=0, passives=3, detractors=0)


def test_nps_borders_nine_promotes_and_six_detracts() -> None:
    # 9 is the lowest promoter, 6 the highest detractor: 100 × (1 − 1) / 2 = 0
    assert fb.nps([9, 6]) == fb.Nps(score=0, promoters=1, passives=0, detractors=1)


def test_nps_without_answers_is_none() -> None:
    assert fb.nps([]) is None


# --- mean ------------------------------------------------------------------------------------


def test_mean_of_a_whole_number_keeps_one_decimal() -> None:
    # (4 + 4 + 5 + 3) / 4 = 16 / 4 = 4.0
    assert fb.mean([4, 4, 5, 3]) == Decimal("4.0")
    assert str(fb.mean([4, 4, 5, 3])) == "4.0"


def test_mean_of_a_half() -> None:
    # (1 + 2) / 2 = 1.5
    assert fb.mean([1, 2]) == Decimal("1.5")


def test_mean_of_two_thirds_rounds_up() -> None:
    # (4 + 5 + 5) / 3 = 14 / 3 = 4.666… → 4.7
    assert fb.mean([4, 5, 5]) == Decimal("4.7")


def test_mean_below_the_half_rounds_down() -> None:
    # (4 × 6 + 5) / 7 = 29 / 7 = 4.142… → 4.1
    assert fb.mean([4, 4, 4, 4, 4, 4, 5]) == Decimal("4.1")


def test_mean_at_an_even_half_rounds_up_not_to_even() -> None:
    # (4 + 4 + 4 + 5) / 4 = 17 / 4 = 4.25 → 4.3 (banker's rounding would give 4.2)
    assert fb.mean([4, 4, 4, 5]) == Decimal("4.3")


def test_mean_at_an_odd_half_rounds_up() -> None:
    # (1 + 1 + 1 + 2) / 4 = 5 / 4 = 1.25 → 1.3
    assert fb.mean([1, 1, 1, 2]) == Decimal("1.3")
    # (1 + 2 + 2 + 2) / 4 = 7 / 4 = 1.75 → 1.8
    assert fb.mean([1, 2, 2, 2]) == Decimal("1.8")


def test_mean_without_answers_is_none() -> None:
    assert fb.mean([]) is None


# --- distribution and minimum ----------------------------------------------------------------


def test_distribution_lists_every_value_of_the_scale() -> None:
    assert fb.distribution([1, 1, 3, 5], 1, 5) == [(1, 2), (2, 0), (3, 1), (4, 0), (5, 1)]


def test_distribution_leaves_out_values_outside_the_scale() -> None:
    assert fb.distribution([0, 6, 2], 1, 5) == [(1, 0), (2, 1), (3, 0), (4, 0), (5, 0)]


def test_choice_distribution_keeps_the_options_order_and_adds_unknown_answers() -> None:
    answers = ["E-Mail", "Telefon", "E-Mail", "Fax"]
    found = fb.choice_distribution(answers, ["Telefon", "E-Mail", "Portal"])
    assert found == [("Telefon", 1), ("E-Mail", 2), ("Portal", 0), ("Fax", 1)]


def test_choice_distribution_lists_a_repeated_option_once() -> None:
    found = fb.choice_distribution(["Telefon", "Telefon"], ["Telefon", "Portal", "Telefon"])
    assert found == [("Telefon", 2), ("Portal", 0)]


def test_a_group_below_the_minimum_is_not_shown() -> None:
    assert not fb.shown(4, 5)


def test_a_group_at_the_minimum_is_shown() -> None:
    assert fb.shown(5, 5)


def test_no_answers_are_never_shown_whatever_the_minimum() -> None:
    assert not fb.shown(0, 0)


# --- properties against a brute-force oracle -------------------------------------------------


def half_away_from_zero(value: Fraction) -> int:
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


def oracle_nps(values: list[int]) -> int:
    promoters = sum(1 for v in values if v in (9, 10))
    detractors = sum(1 for v in values if v in (0, 1, 2, 3, 4, 5, 6))
    return half_away_from_zero(Fraction(100 * (promoters - detractors), len(values)))


def oracle_mean(values: list[int]) -> Decimal:
    tenths = math.floor(Fraction(sum(values), len(values)) * 10 + Fraction(1, 2))
    return Decimal(tenths) / 10


zero_to_ten = st.lists(st.integers(0, 10), min_size=1, max_size=300)
one_to_five = st.lists(st.integers(1, 5), min_size=1, max_size=300)


@given(zero_to_ten)
def test_nps_equals_the_exact_fraction_rounded_half_away_from_zero(values: list[int]) -> None:
    assert fb.nps(values).score == oracle_nps(values)  # type: ignore[union-attr]


@given(zero_to_ten)
def test_nps_groups_count_every_answer_once(values: list[int]) -> None:
    result = fb.nps(values)
    assert result is not None
    assert result.answers == len(values)
    assert -100 <= result.score <= 100


@given(st.one_of(one_to_five, zero_to_ten))
def test_mean_equals_the_exact_fraction_rounded_half_up(values: list[int]) -> None:
    assert fb.mean(values) == oracle_mean(values)


@given(st.lists(st.integers(-3, 14), max_size=300), st.sampled_from([(1, 5), (0, 10)]))
def test_distribution_sums_to_the_answers_in_range(
    values: list[int], scale: tuple[int, int]
) -> None:
    low, high = scale
    found = fb.distribution(values, low, high)
    assert sum(count for _value, count in found) == sum(1 for v in values if low <= v <= high)
    assert [value for value, _count in found] == list(range(low, high + 1))
