"""Sensitivity: how far a weight can move before the winner changes."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vendorwatch.core.scoring import (
    Shift,
    WeightError,
    rank_options,
    sensitivity,
    shifted_weights,
    weighted_total,
    winner,
)

D = Decimal

# price 50 / quality 50. A: 80 / 40 → 60.0; B: 40 / 70 → 55.0. Winner A.
# Price down by d (quality up by d): A = (80(50−d) + 40(50+d)) / 100 = 60 − 0.4d,
# B = (40(50−d) + 70(50+d)) / 100 = 55 + 0.3d. Equal at d = 5 / 0.7 = 7.14…;
# d = 7.1: A = 57.16 → 57.2, B = 57.13 → 57.1 (A still wins);
# d = 7.2: A = 57.12 → 57.1, B = 57.16 → 57.2 (B wins) → down = 7.2.
# Price up only widens A's lead: up = None. Quality is the mirror image.
WEIGHTS = {"price": D(50), "quality": D(50)}
OPTIONS = {
    "A": {"price": D(80), "quality": D(40)},
    "B": {"price": D(40), "quality": D(70)},
}


def test_hand_worked_two_criteria_two_options() -> None:
    assert sensitivity(WEIGHTS, OPTIONS, {}) == [
        Shift("price", D(50), D("7.2"), None, "B", None),
        Shift("quality", D(50), None, D("7.2"), None, "B"),
    ]


def test_a_tie_after_rounding_already_counts_as_a_change() -> None:
    # A: 60 − 0.4d, B: 55 + 0.3d as above but B's quality 70.2 → B = 55.1 + 0.302d.
    # d = 7.0: A = 57.2, B = 55.1 + 2.114 = 57.214 → 57.2: equal when rounded → 7.0
    # (d = 6.9: A = 57.24 → 57.2, B = 57.1838 → 57.2 — already equal → 6.9;
    #  d = 6.8: A = 57.28 → 57.3, B = 57.1536 → 57.2 → A still wins)
    options = {"A": OPTIONS["A"], "B": {"price": D(40), "quality": D("70.2")}}
    (price, _) = sensitivity(WEIGHTS, options, {})
    assert (price.down, price.new_winner_down) == (D("6.9"), "B")


def test_no_winner_gives_no_shifts() -> None:
    options = {"A": {"price": D(50), "quality": D(50)}, "B": {"price": D(50), "quality": D(50)}}
    assert sensitivity(WEIGHTS, options, {}) == []


def test_invalid_weights_raise() -> None:
    with pytest.raises(WeightError):
        sensitivity({"price": D(50), "quality": D(40)}, OPTIONS, {})


def test_excluded_options_are_no_competitors() -> None:
    shifts = sensitivity(WEIGHTS, OPTIONS, {"B": "No ISO 27001"})
    assert all(s.down is None and s.up is None for s in shifts)


def test_a_weight_of_100_spreads_equally_when_moving_down_and_cannot_move_up() -> None:
    # price 100, quality 0, support 0. A: 60 / 0 / 0 → 60; B: 50 / 100 / 100 → 50.
    # Price down by d: quality = support = d/2. A = 60(100−d)/100 = 60 − 0.6d;
    # B = (50(100−d) + 100d) / 100 = 50 + 0.5d. Equal at d = 10/1.1 = 9.09…;
    # d = 9.1: A = 54.54 → 54.5, B = 54.55 → 54.6 → down = 9.1
    weights = {"price": D(100), "quality": D(0), "support": D(0)}
    options = {
        "A": {"price": D(60), "quality": D(0), "support": D(0)},
        "B": {"price": D(50), "quality": D(100), "support": D(100)},
    }
    (price, quality, support) = sensitivity(weights, options, {})
    assert (price.down, price.up, price.new_winner_down) == (D("9.1"), None, "B")
    assert (quality.down, quality.up) == (None, D("9.1"))
    assert (support.down, support.up) == (None, D("9.1"))


def test_a_single_criterion_cannot_move() -> None:
    shifts = sensitivity({"price": D(100)}, {"A": {"price": D(2)}, "B": {"price": D(1)}}, {})
    assert shifts == [Shift("price", D(100), None, None, None, None)]


def test_missing_data_makes_the_total_a_ratio_and_is_still_exact() -> None:
    # price 50 / quality 50; A has only quality = 70; B: price 90, quality 40 → 65.
    # A stays 70 whatever the weights (one criterion with data) as long as quality > 0.
    # Price up by d: B = (90(50+d) + 40(50−d)) / 100 = 65 + 0.5d; at d = 9.9 B = 69.95
    # → 70.0, equal to A when rounded → up = 9.9 (d = 9.8: 69.9). Price down: B falls.
    options = {"A": {"price": None, "quality": D(70)}, "B": {"price": D(90), "quality": D(40)}}
    (price, quality) = sensitivity(WEIGHTS, options, {})
    assert (price.down, price.up, price.new_winner_up) == (None, D("9.9"), "B")
    assert (quality.down, quality.new_winner_down) == (D("9.9"), "B")
    assert quality.up is None


def test_the_end_of_the_range_counts_when_it_lies_between_grid_points() -> None:
    # price 33.35 / quality 66.65. A: price 100, quality 0 → A = w_price = 33.35 → 33.4;
    # B: 0 / 0 → 0.0. Price down by d: A = 33.35 − d; d = 33.3: 0.05 → 0.1 (A still wins);
    # at the end of the range, d = 33.35: A = 0.0 = B → down = 33.35. Quality down only
    # raises A: None; quality up is price down: 33.35.
    weights = {"price": D("33.35"), "quality": D("66.65")}
    options = {"A": {"price": D(100), "quality": D(0)}, "B": {"price": D(0), "quality": D(0)}}
    (price, quality) = sensitivity(weights, options, {})
    assert (price.down, price.new_winner_down) == (D("33.35"), "B")
    assert (quality.down, quality.up) == (None, D("33.35"))


def test_shifted_weights_are_proportional_to_the_normalised_ones() -> None:
    # price 20 → 30 (d = 10): others 50, 30 scaled by 70/80 → 43.75, 26.25
    weights = {"price": D(20), "quality": D(50), "support": D(30)}
    raw = shifted_weights(weights, "price", D(10))
    total = sum(raw.values())
    assert {k: v * 100 / total for k, v in raw.items()} == {
        "price": D(30),
        "quality": D("43.75"),
        "support": D("26.25"),
    }


# --- against a brute-force scan -----------------------------------------------------------


def brute_force(weights, options, excluded, criterion, sign):
    """Scan d = 0.1, 0.2, … and the end of the range, recomputing the winner each time."""
    current = winner(rank_options(weights, options, excluded))
    limit = weights[criterion] if sign < 0 else 100 - weights[criterion]
    if len(weights) < 2 or limit <= 0:
        return None, None
    steps = [D(k) / 10 for k in range(1, 1001) if D(k) / 10 < limit] + [limit]
    for d in steps:
        raw = shifted_weights(weights, criterion, sign * d)
        assert all(w >= 0 for w in raw.values())
        ranked = rank_options(raw, options, excluded)
        if winner(ranked) != current:
            others = [
                r for r in ranked if r.option != current and not r.excluded and r.total is not None
            ]
            return d, (others[0].option if others else None)
    return None, None


def oracle_normalised_weights(weights, options, excluded, criterion, d):
    """Independent of shifted_weights: Fraction weights that add up to 100."""
    w_i = Fraction(weights[criterion])
    rest = 100 - w_i
    new = {}
    for key, w in weights.items():
        if key == criterion:
            new[key] = w_i + d
        elif rest > 0:
            new[key] = Fraction(w) * (rest - d) / rest
        else:
            new[key] = -d / (len(weights) - 1)
    assert sum(new.values()) == 100
    return new


CRITERIA = ["price", "quality", "support"]
score_st = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=0))


@st.composite
def cases(draw):
    cuts = sorted(draw(st.lists(st.integers(min_value=0, max_value=1000), min_size=2, max_size=2)))
    parts = [cuts[0], cuts[1] - cuts[0], 1000 - cuts[1]]
    weights = {c: D(p) / 10 for c, p in zip(CRITERIA, parts, strict=True)}
    names = draw(st.lists(st.sampled_from("ABCDE"), min_size=2, max_size=4, unique=True))
    options = {n: {c: draw(score_st) for c in CRITERIA} for n in names}
    excluded = {n: "reason" for n in names if draw(st.booleans()) and n != names[0]}
    return weights, options, excluded


@given(cases())
@settings(deadline=None, max_examples=50)  # each example scans up to 6 × 1,000 points
def test_sensitivity_agrees_with_a_brute_force_scan(case) -> None:
    weights, options, excluded = case
    assume(winner(rank_options(weights, options, excluded)) is not None)
    for shift in sensitivity(weights, options, excluded):
        assert (shift.down, shift.new_winner_down) == brute_force(
            weights, options, excluded, shift.criterion, -1
        )
        assert (shift.up, shift.new_winner_up) == brute_force(
            weights, options, excluded, shift.criterion, 1
        )


@given(cases(), st.integers(min_value=-1000, max_value=1000))
@settings(deadline=None)
def test_shifted_weights_give_the_same_totals_as_normalised_weights(case, k) -> None:
    weights, options, _ = case
    criterion = "price"
    d = D(k) / 10
    assume(-weights[criterion] <= d <= 100 - weights[criterion])
    raw = shifted_weights(weights, criterion, d)
    normal = oracle_normalised_weights(weights, options, {}, criterion, Fraction(d))
    for scores in options.values():
        num = sum(
            (w * Fraction(scores[c]) for c, w in normal.items() if scores[c] is not None),
            Fraction(0),
        )
        den = sum((w for c, w in normal.items() if scores[c] is not None), Fraction(0))
        total = weighted_total(raw, scores)
        if den == 0:
            assert total is None
        else:
            assert total is not None
            assert abs(Fraction(total) - num / den) <= Fraction(1, 20)
