"""The provider scorecard: components, total, traffic light, next step."""

from decimal import Decimal

import pytest

from vendorwatch.core.scoring import (
    Component,
    actions_component,
    cost_component,
    next_step,
    problems_component,
    satisfaction_component,
    scorecard_total,
    sla_component,
    traffic_light,
)

D = Decimal
W = D(20)


def filled(component: Component) -> str:
    return component.text()


# --- SLA ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met", "judged", "score"),
    [
        (10, 10, D("100.0")),  # 100 % → (100 − 80) / 20 × 100 = 100
        (9, 10, D("50.0")),  # 90 % → (90 − 80) / 20 × 100 = 50
        (8, 10, D("0.0")),  # 80 % → 0
        (1, 10, D("0.0")),  # 10 % → negative, clamped to 0
        (47, 50, D("70.0")),  # 94 % → 14 / 20 × 100 = 70
        (2, 3, D("0.0")),  # 66.7 % → 0
        (29, 30, D("83.3")),  # 96.67 % → 16.67 / 20 × 100 = 83.33
    ],
)
def test_sla_score_is_the_share_met_above_80_percent(met, judged, score) -> None:
    assert sla_component(met=met, judged=judged, weight=W).score == score


def test_sla_explanation_names_the_numbers() -> None:
    component = sla_component(met=9, judged=10, weight=W)
    assert component.key == "sla"
    assert component.weight == W
    assert filled(component) == (
        "9 of 10 SLA targets met (90.0 %). 100 % met scores 100, 80 % or less scores 0,"
        " linear in between: score 50.0."
    )


def test_sla_with_nothing_judged_has_no_score() -> None:
    component = sla_component(met=0, judged=0, weight=W)
    assert component.score is None
    assert filled(component)


def test_sla_met_above_judged_is_refused() -> None:
    with pytest.raises(ValueError):
        sla_component(met=3, judged=2, weight=W)


# --- satisfaction -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mean", "score"),
    [(D(1), D("0.0")), (D(5), D("100.0")), (D(3), D("50.0")), (D("4.2"), D("80.0"))],
)
def test_satisfaction_maps_1_to_5_onto_0_to_100(mean, score) -> None:
    # (4.2 − 1) / 4 × 100 = 80
    assert satisfaction_component(mean=mean, answers=7, weight=W).score == score


def test_satisfaction_without_answers_has_no_score() -> None:
    assert satisfaction_component(mean=None, answers=0, weight=W).score is None
    assert satisfaction_component(mean=D(4), answers=0, weight=W).score is None


def test_satisfaction_with_one_answer_says_answer() -> None:
    text = filled(satisfaction_component(mean=D(4), answers=1, weight=W))
    assert "from 1 answer." in text


# --- cost ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoiced", "score"),
    [
        (D(1000), D("100.0")),  # on budget
        (D(900), D("100.0")),  # under budget
        (D(1100), D("50.0")),  # 10 % over → 100 − 50
        (D(1200), D("0.0")),  # 20 % over → 0
        (D(1500), D("0.0")),  # 50 % over → clamped
        (D("1033.33"), D("83.3")),  # 3.333 % over → 100 − 16.6665 = 83.3335
    ],
)
def test_cost_loses_5_points_per_percent_over_the_contract(invoiced, score) -> None:
    assert cost_component(invoiced=invoiced, contracted=D(1000), weight=W).score == score


def test_cost_explanation_over_budget() -> None:
    text = filled(cost_component(invoiced=D(1100), contracted=D(1000), weight=W))
    assert text == (
        "Invoiced 1100.00 against 1000.00 contracted: 10.0 % over. Each percent over costs"
        " 5 points: score 50.0."
    )


def test_cost_without_a_contracted_amount_has_no_score() -> None:
    assert cost_component(invoiced=D(10), contracted=D(0), weight=W).score is None


# --- actions and problems -----------------------------------------------------------------


def test_actions_with_nothing_open_score_100() -> None:
    component = actions_component(open_items=0, overdue=0, weight=W)
    assert component.score == D("100.0")
    assert filled(component) == "Nothing open: score 100.0."


def test_actions_score_is_the_share_not_overdue() -> None:
    # 1 − 1/3 = 0.6667 → 66.7
    assert actions_component(open_items=3, overdue=1, weight=W).score == D("66.7")


def test_problems_score_is_the_share_within_the_sla() -> None:
    # 1 − 1/8 = 0.875 → 87.5
    assert problems_component(problems=8, breached=1, weight=W).score == D("87.5")


def test_no_problems_has_no_score() -> None:
    assert problems_component(problems=0, breached=0, weight=W).score is None


def test_more_overdue_than_open_is_refused() -> None:
    with pytest.raises(ValueError):
        actions_component(open_items=1, overdue=2, weight=W)


# --- total, light, next step --------------------------------------------------------------


def test_scorecard_total_leaves_components_without_data_out() -> None:
    # sla 50 (w 40), cost 100 (w 20), problems none (w 40): (2000 + 2000) / 60 = 66.7
    components = [
        sla_component(met=9, judged=10, weight=D(40)),
        cost_component(invoiced=D(1), contracted=D(1), weight=D(20)),
        problems_component(problems=0, breached=0, weight=D(40)),
    ]
    assert scorecard_total(components) == D("66.7")


def test_scorecard_total_without_data_is_none() -> None:
    assert scorecard_total([problems_component(problems=0, breached=0, weight=W)]) is None


def test_scorecard_total_refuses_duplicate_keys() -> None:
    component = actions_component(open_items=0, overdue=0, weight=W)
    with pytest.raises(ValueError):
        scorecard_total([component, component])


@pytest.mark.parametrize(
    ("total", "light"),
    [
        (D(100), "green"),
        (D(75), "green"),
        (D("74.9"), "amber"),
        (D(50), "amber"),
        (D("49.9"), "red"),
        (D(0), "red"),
        (None, "grey"),
    ],
)
def test_traffic_light_thresholds(total, light) -> None:
    assert traffic_light(total) == light


@pytest.mark.parametrize(
    ("total", "trend", "step"),
    [
        (None, None, "expectations"),
        (D(80), D(-30), "talk"),
        (D(60), None, "escalate"),
        (D(60), D(-10), "escalate"),  # a fall of exactly 10 is not "more than 10"
        (D(60), D("-10.1"), "review_contract"),
        (D(49), D(5), "review_contract"),
        (D(35), None, "review_contract"),
        (D("34.9"), None, "check_alternatives"),
        (D(20), D(-5), "check_alternatives"),
        (D("19.9"), None, "terminate"),
        (D(10), D(0), "terminate"),
        (D(10), D("0.1"), "check_alternatives"),  # red below 20 but rising
    ],
)
def test_next_step_ladder(total, trend, step) -> None:
    assert next_step(total, trend=trend).step == step


def test_next_step_reason_is_filled_with_its_values() -> None:
    result = next_step(D("55.5"), trend=D("-12.0"))
    assert result.text() == (
        "Score 55.5 (amber) fell by 12.0 points, more than 10: review the contract."
    )


def test_every_next_step_reason_can_be_filled() -> None:
    for total in [None, D(90), D(60), D(40), D(30), D(10)]:
        for trend in [None, D(-20), D(0), D(5)]:
            assert next_step(total, trend=trend).text()
