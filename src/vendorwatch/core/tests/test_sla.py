import numpy as np

from vendorwatch.core.businesstime import (
    Clock,
    DayConvention,
    PriorityTargets,
    SlaPolicy,
    SlaState,
    StatusChange,
    Target,
    TargetKind,
    Ticket,
    Unit,
    evaluate,
    evaluate_columns,
)
from vendorwatch.core.businesstime.sla import ticket_pauses, update_results

from .factory import berlin, office

HOUR = 3600
FR, RES, UPD = TargetKind.FIRST_RESPONSE, TargetKind.RESOLUTION, TargetKind.UPDATE


def policy(**kwargs: object) -> SlaPolicy:
    targets = {
        "high": PriorityTargets(Target(4, Unit.HOURS), Target(2, Unit.DAYS), Target(8, Unit.HOURS)),
        "calendar": PriorityTargets(Target(24, Unit.HOURS, Clock.CALENDAR)),
    }
    return SlaPolicy(office(), targets, frozenset({"waiting_on_customer"}), **kwargs)  # type: ignore[arg-type]


def ticket(**kwargs: object) -> Ticket:
    return Ticket(created=berlin(2026, 3, 4, 9), priority="high", **kwargs)  # type: ignore[arg-type]


def test_response_in_time_is_met() -> None:
    result = evaluate(
        policy(), ticket(first_response=berlin(2026, 3, 4, 13)), berlin(2026, 3, 5)
    ).results[FR]
    assert (result.state, result.margin_seconds) == (SlaState.MET, 0)


def test_response_one_second_late_is_breached() -> None:
    late = berlin(2026, 3, 4, 13, 0, 1)
    assert (
        evaluate(policy(), ticket(first_response=late), berlin(2026, 3, 5)).results[FR].state
        is SlaState.BREACHED
    )


def test_running_ticket_over_target_is_breached_before_resolution() -> None:
    assert (
        evaluate(policy(), ticket(), berlin(2026, 3, 4, 14)).results[FR].state is SlaState.BREACHED
    )


def test_running_ticket_early_is_on_track() -> None:
    assert (
        evaluate(policy(), ticket(), berlin(2026, 3, 4, 10)).results[FR].state is SlaState.ON_TRACK
    )


def test_running_ticket_at_three_quarters_is_at_risk() -> None:
    assert (
        evaluate(policy(), ticket(), berlin(2026, 3, 4, 12)).results[FR].state is SlaState.AT_RISK
    )


def test_at_risk_share_is_configurable() -> None:
    result = evaluate(policy(at_risk_share=0.9), ticket(), berlin(2026, 3, 4, 12)).results[FR]
    assert result.state is SlaState.ON_TRACK


def test_exactly_at_due_is_not_breached() -> None:
    assert (
        evaluate(policy(), ticket(), berlin(2026, 3, 4, 13)).results[FR].state is SlaState.AT_RISK
    )


def test_pausing_status_makes_state_paused() -> None:
    changes = [StatusChange(berlin(2026, 3, 4, 10), "waiting_on_customer")]
    assert (
        evaluate(policy(), ticket(status_changes=changes), berlin(2026, 3, 4, 16))
        .results[RES]
        .state
        is SlaState.PAUSED
    )


def test_pause_is_not_counted_as_elapsed() -> None:
    changes = [
        StatusChange(berlin(2026, 3, 4, 10), "waiting_on_customer"),
        StatusChange(berlin(2026, 3, 4, 12), "open"),
    ]
    result = evaluate(policy(), ticket(status_changes=changes), berlin(2026, 3, 4, 14)).results[RES]
    assert result.elapsed_seconds == 3 * HOUR


def test_pause_moves_due() -> None:
    changes = [
        StatusChange(berlin(2026, 3, 4, 10), "waiting_on_customer"),
        StatusChange(berlin(2026, 3, 4, 12), "open"),
    ]
    result = evaluate(policy(), ticket(status_changes=changes), berlin(2026, 3, 4, 14)).results[FR]
    assert result.due == berlin(2026, 3, 4, 15)


def test_business_days_use_policy_convention() -> None:
    sla = evaluate(
        policy(day_convention=DayConvention.END_OF_NTH_WORKING_DAY),
        ticket(),
        berlin(2026, 3, 4, 10),
    )
    assert sla.results[RES].due == berlin(2026, 3, 6, 17)


def test_calendar_clock_counts_nights() -> None:
    result = evaluate(
        policy(), Ticket(berlin(2026, 3, 6, 16), "calendar"), berlin(2026, 3, 7, 16)
    ).results[FR]
    assert (result.due, result.state) == (berlin(2026, 3, 7, 16), SlaState.AT_RISK)


def test_update_interval_breached_by_long_gap() -> None:
    sla = evaluate(
        policy(),
        ticket(first_response=berlin(2026, 3, 4, 10), updates=[berlin(2026, 3, 6, 10)]),
        berlin(2026, 3, 6, 11),
    )
    assert sla.results[UPD].state is SlaState.BREACHED


def test_update_clock_waits_for_first_response() -> None:
    assert UPD not in evaluate(policy(), ticket(), berlin(2026, 3, 4, 10)).results


def test_results_record_provenance() -> None:
    sla = evaluate(policy(), ticket(), berlin(2026, 3, 4, 10))
    assert sla.provenance == office().provenance()


def test_columns_agree_with_single_tickets() -> None:
    created = np.array(
        [berlin(2026, 3, 4, 9).timestamp(), berlin(2026, 3, 5, 16).timestamp()], dtype=np.int64
    )
    responded = np.array(["2026-03-04T12:30", "NaT"], dtype="datetime64[s]")
    now = berlin(2026, 3, 6, 12)
    columns = evaluate_columns(policy(), ["high", "high"], created, now, first_response=responded)
    single = evaluate(policy(), Ticket(berlin(2026, 3, 5, 16), "high"), now).results[FR]
    assert columns[FR].state.tolist() == ["breached", single.state.value]
    assert columns[FR].due[1] == int(single.due.timestamp())


# A met or breached target is settled: what happens afterwards does not move it.
WAITING = "waiting_on_customer"


def answered_then_waiting() -> Ticket:
    """Wed 25.11.2026 09:00, answered at 10:00, waiting on the customer from 11:00."""
    return Ticket(
        created=berlin(2026, 11, 25, 9),
        priority="high",
        first_response=berlin(2026, 11, 25, 10),
        status_changes=[StatusChange(berlin(2026, 11, 25, 11), WAITING)],
    )


def test_response_due_unchanged_by_pause_after_met() -> None:
    result = evaluate(policy(), answered_then_waiting(), berlin(2026, 12, 2, 10)).results[FR]
    assert (result.due, result.state) == (berlin(2026, 11, 25, 13), SlaState.MET)


def test_a_pause_after_the_answer_still_moves_the_running_resolution() -> None:
    result = evaluate(policy(), answered_then_waiting(), berlin(2026, 11, 25, 15)).results[RES]
    # 2 days of 9 h = 18 h; 2 h used before the pause, 16 h left from 15:00: Fri 13:00.
    assert (result.due, result.state) == (berlin(2026, 11, 27, 13), SlaState.PAUSED)


def test_breached_response_keeps_due_and_verdict_when_a_pause_follows() -> None:
    late = Ticket(
        created=berlin(2026, 11, 25, 9),
        priority="high",
        status_changes=[StatusChange(berlin(2026, 11, 25, 14), WAITING)],
    )
    result = evaluate(policy(), late, berlin(2026, 11, 26, 12)).results[FR]
    assert (result.due, result.state) == (berlin(2026, 11, 25, 13), SlaState.BREACHED)


def test_resolution_due_unchanged_by_an_explicit_pause_after_it() -> None:
    ticket = Ticket(
        created=berlin(2026, 11, 25, 9),
        priority="high",
        first_response=berlin(2026, 11, 25, 10),
        resolved=berlin(2026, 11, 25, 16),
        pauses=[(berlin(2026, 11, 26, 9), berlin(2026, 11, 27, 9))],
    )
    result = evaluate(policy(), ticket, berlin(2026, 11, 30, 9)).results[RES]
    # 18 h from Wed 09:00: Wed 8 h, Thu 9 h, Fri 1 h; the later pause does not count.
    assert (result.due, result.state) == (berlin(2026, 11, 27, 9), SlaState.MET)


def test_update_gap_due_unchanged_by_pause_after_the_update() -> None:
    ticket = Ticket(
        created=berlin(2026, 11, 25, 9),
        priority="high",
        first_response=berlin(2026, 11, 25, 10),
        updates=[berlin(2026, 11, 25, 12)],
        status_changes=[StatusChange(berlin(2026, 11, 25, 13), WAITING)],
    )
    pol, now = policy(), berlin(2026, 11, 30, 9)
    target = pol.targets_for("high").update_interval
    assert target is not None
    gaps = update_results(pol, ticket, target, now, ticket_pauses(pol, ticket, now))
    # First gap 10:00-12:00 within the 8 h: due 26.11. 09:00 however long we wait later.
    assert (gaps[0].due, gaps[0].state) == (berlin(2026, 11, 26, 9), SlaState.MET)


def test_first_missed_update_is_the_answer_and_keeps_its_due() -> None:
    ticket = Ticket(
        created=berlin(2026, 11, 25, 9),
        priority="high",
        first_response=berlin(2026, 11, 25, 10),
        updates=[berlin(2026, 11, 27, 10), berlin(2026, 11, 27, 11)],
    )
    result = evaluate(policy(), ticket, berlin(2026, 11, 30, 9)).results[UPD]
    assert (result.start, result.due, result.state) == (
        berlin(2026, 11, 25, 10),
        berlin(2026, 11, 26, 9),
        SlaState.BREACHED,
    )


def test_columns_keep_a_met_response_due_when_a_pause_follows() -> None:
    created = np.array([berlin(2026, 11, 25, 9).timestamp()], dtype=np.int64)
    responded = np.array([berlin(2026, 11, 25, 10).timestamp()], dtype=np.int64)
    now = berlin(2026, 12, 2, 10)
    pauses = (
        np.array([0]),
        np.array([int(berlin(2026, 11, 25, 11).timestamp())]),
        np.array([int(now.timestamp())]),
    )
    columns = evaluate_columns(
        policy(), ["high"], created, now, first_response=responded, pauses=pauses
    )
    assert columns[FR].due[0] == int(berlin(2026, 11, 25, 13).timestamp())
    assert columns[FR].state[0] == "met"
