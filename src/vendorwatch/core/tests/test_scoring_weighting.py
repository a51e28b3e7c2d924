"""Weighted totals, weight checks, ranking and the winner."""

import itertools
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorwatch.core.scoring import (
    Ranked,
    WeightError,
    check_weights,
    rank_options,
    weighted_total,
    winner,
)

D = Decimal

# --- strategies ---------------------------------------------------------------------------

CRITERIA = ["price", "quality", "support", "security"]
weights_st = st.fixed_dictionaries(
    {c: st.decimals(min_value=0, max_value=100, places=2) for c in CRITERIA}
)
score_st = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1))
scores_st = st.fixed_dictionaries({c: score_st for c in CRITERIA})


def oracle_total(weights: dict[str, Decimal], scores: dict[str, Decimal | None]) -> Decimal | None:
    """Fractions, then round half up once via Decimal's own quantize on an exact string."""
    num = sum(
        (Fraction(w) * Fraction(s) for c, w in weights.items() if (s := scores[c]) is not None),
        Fraction(0),
    )
    den = sum((Fraction(w) for c, w in weights.items() if scores[c] is not None), Fraction(0))
    if den == 0:
        return None
    value = num / den
    # exact: floor of value·100 decides the rounding at 0.1 unless there is a remainder past it
    hundredths, rest = divmod(value.numerator * 100, value.denominator)
    exact = D(hundredths) / 100 + (D("0.001") if rest else 0)
    return exact.quantize(D("0.1"), rounding=ROUND_HALF_UP)


# --- check_weights ------------------------------------------------------------------------


def test_weights_adding_up_to_100_pass() -> None:
    check_weights({"a": D("33.33"), "b": D("33.33"), "c": D("33.34")})


def test_weights_adding_up_to_100_after_quantizing_to_cents_pass() -> None:
    # 33.333 + 33.333 + 33.334 = 100.000; 33.3333·3 = 99.9999 → 100.00
    check_weights({"a": D("33.3333"), "b": D("33.3333"), "c": D("33.3333")})


def test_weights_not_adding_up_to_100_raise_with_their_total() -> None:
    with pytest.raises(WeightError) as error:
        check_weights({"a": D(60), "b": D("30.5")})
    assert error.value.total == D("90.50")
    assert "90.50" in str(error.value)


def test_a_negative_weight_raises_even_when_the_sum_is_100() -> None:
    with pytest.raises(WeightError) as error:
        check_weights({"a": D(110), "b": D(-10)})
    assert error.value.total == D("100.00")


def test_a_weight_error_is_a_value_error() -> None:
    assert issubclass(WeightError, ValueError)


def test_no_weights_at_all_raise() -> None:
    with pytest.raises(WeightError):
        check_weights({})


# --- weighted_total -----------------------------------------------------------------------


def test_weighted_total_hand_worked() -> None:
    # (50·80 + 30·60 + 20·90) / 100 = (4000 + 1800 + 1800) / 100 = 76.0
    weights = {"price": D(50), "quality": D(30), "support": D(20)}
    scores = {"price": D(80), "quality": D(60), "support": D(90)}
    assert weighted_total(weights, scores) == D("76.0")


def test_a_criterion_without_data_is_left_out_not_counted_as_zero() -> None:
    # support has no data: (50·80 + 30·60) / (50 + 30) = 5800 / 80 = 72.5 (not 58.0)
    weights = {"price": D(50), "quality": D(30), "support": D(20)}
    scores = {"price": D(80), "quality": D(60), "support": None}
    assert weighted_total(weights, scores) == D("72.5")


def test_a_missing_criterion_counts_as_no_data() -> None:
    weights = {"price": D(50), "quality": D(50)}
    assert weighted_total(weights, {"price": D(70)}) == D("70.0")


def test_the_total_is_rounded_half_up_only_at_the_end() -> None:
    # (1·70.05 + 1·70.10) / 2 = 70.075 → 70.1
    assert weighted_total({"a": D(1), "b": D(1)}, {"a": D("70.05"), "b": D("70.10")}) == D("70.1")
    # 12.25 exactly → 12.3 (half up)
    assert weighted_total({"a": D(1), "b": D(1)}, {"a": D("12.2"), "b": D("12.3")}) == D("12.3")


def test_no_data_at_all_gives_none() -> None:
    assert weighted_total({"a": D(60), "b": D(40)}, {"a": None, "b": None}) is None


def test_data_only_for_weightless_criteria_gives_none() -> None:
    assert weighted_total({"a": D(0), "b": D(100)}, {"a": D(80), "b": None}) is None


def test_a_negative_weight_is_refused() -> None:
    with pytest.raises(ValueError):
        weighted_total({"a": D(-1), "b": D(101)}, {"a": D(1), "b": D(2)})


@given(weights_st, scores_st)
@settings(max_examples=500)
def test_weighted_total_agrees_with_a_fraction_oracle(weights, scores) -> None:
    assert weighted_total(weights, scores) == oracle_total(weights, scores)


@given(weights_st, scores_st, st.integers(min_value=1, max_value=1000))
def test_weighted_total_depends_only_on_the_proportions(weights, scores, factor) -> None:
    scaled = {c: w * factor for c, w in weights.items()}
    assert weighted_total(scaled, scores) == weighted_total(weights, scores)


# --- rank_options and winner --------------------------------------------------------------

W = {"price": D(60), "quality": D(40)}


def test_options_are_ranked_by_total_descending() -> None:
    # a: 0.6·50 + 0.4·50 = 50; b: 0.6·90 + 0.4·60 = 78; c: 0.6·70 + 0.4·70 = 70
    options = {
        "a": {"price": D(50), "quality": D(50)},
        "b": {"price": D(90), "quality": D(60)},
        "c": {"price": D(70), "quality": D(70)},
    }
    ranked = rank_options(W, options, {})
    assert [(r.option, r.total, r.rank) for r in ranked] == [
        ("b", D("78.0"), 1),
        ("c", D("70.0"), 2),
        ("a", D("50.0"), 3),
    ]


def test_ties_share_a_rank_and_the_next_rank_is_skipped() -> None:
    # a = b = 70 (1, 1), c = 50 → 3
    options = {
        "c": {"price": D(50), "quality": D(50)},
        "a": {"price": D(70), "quality": D(70)},
        "b": {"price": D(70), "quality": D(70)},
    }
    ranked = rank_options(W, options, {})
    assert [(r.option, r.rank) for r in ranked] == [("a", 1), ("b", 1), ("c", 3)]


def test_ties_are_decided_on_the_rounded_totals() -> None:
    # a: 0.6·70 + 0.4·70.1 = 70.04 → 70.0; b: 70.0 → both rank 1, in the given order
    options = {"b": {"price": D(70), "quality": D(70)}, "a": {"price": D(70), "quality": D("70.1")}}
    ranked = rank_options(W, options, {})
    assert [(r.option, r.total, r.rank) for r in ranked] == [
        ("b", D("70.0"), 1),
        ("a", D("70.0"), 1),
    ]


def test_excluded_options_come_last_without_rank_but_with_their_reason_and_total() -> None:
    options = {
        "best": {"price": D(100), "quality": D(100)},
        "other": {"price": D(10), "quality": D(10)},
    }
    ranked = rank_options(W, options, {"best": "No data protection agreement"})
    assert ranked == [
        Ranked("other", D("10.0"), 1, False, ""),
        Ranked("best", D("100.0"), None, True, "No data protection agreement"),
    ]


def test_options_without_a_total_come_after_the_ranked_ones_without_rank() -> None:
    options = {"empty": {"price": None}, "some": {"price": D(40), "quality": None}}
    ranked = rank_options(W, options, {})
    assert [(r.option, r.total, r.rank) for r in ranked] == [
        ("some", D("40.0"), 1),
        ("empty", None, None),
    ]


def test_the_winner_is_the_single_best_not_excluded_option() -> None:
    options = {
        "a": {"price": D(100), "quality": D(100)},
        "b": {"price": D(80), "quality": D(80)},
        "c": {"price": D(60), "quality": D(60)},
    }
    assert winner(rank_options(W, options, {})) == "a"
    assert winner(rank_options(W, options, {"a": "too expensive"})) == "b"


def test_a_tie_at_the_top_has_no_winner() -> None:
    options = {"a": {"price": D(80), "quality": D(80)}, "b": {"price": D(80), "quality": D(80)}}
    assert winner(rank_options(W, options, {})) is None


def test_no_option_with_a_total_has_no_winner() -> None:
    assert winner(rank_options(W, {"a": {"price": None}}, {})) is None
    assert winner([]) is None


option_st = st.fixed_dictionaries(
    {c: st.sampled_from([None, D(0), D(50), D(70), D(100)]) for c in CRITERIA}
)


@given(weights_st, st.dictionaries(st.sampled_from("abcdefg"), option_st, max_size=7))
def test_ranks_count_the_options_strictly_ahead(weights, options) -> None:
    ranked = rank_options(weights, options, {})
    totals = [r.total for r in ranked]
    with_total = [t for t in totals if t is not None]
    assert with_total == sorted(with_total, reverse=True)
    assert totals == with_total + [None] * (len(totals) - len(with_total))
    for r in ranked:
        if r.total is None:
            assert r.rank is None
        else:
            assert r.rank == 1 + sum(1 for t in with_total if t > r.total)
    # stable: equal totals keep the order of the mapping
    order = list(options)
    for first, second in itertools.pairwise(ranked):
        if first.total == second.total:
            assert order.index(first.option) < order.index(second.option)
