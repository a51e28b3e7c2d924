"""Property tests: SLA clocks against the minute-stepping oracle, and what a verdict means.

A target that was met or breached is settled: no later event (a pause, a status change, an
update, a late answer, time passing) changes its due time or its verdict. The oracle knows
nothing of the engine's tables or of how it cuts pauses; it walks minute by minute.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vendorwatch.core.businesstime import (
    BusinessCalendar,
    Clock,
    PriorityTargets,
    SlaPolicy,
    SlaState,
    StatusChange,
    Target,
    TargetKind,
    TargetResult,
    Ticket,
    Unit,
    evaluate,
)
from vendorwatch.core.businesstime.sla import is_paused_now, ticket_pauses, update_results

from .oracle import MinuteClock, RawCalendar, RawResult, RawTicket, clock_result
from .oracle import is_paused_now as oracle_paused_now
from .test_properties import calendars, instant_near

WAIT = "waiting_on_us"
SHARE = 0.75
DAY = 1440  # minutes
HORIZON = 14 * DAY  # minutes of business flags the oracle looks up, from a day before the anchor
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
FR, RES, UPD = TargetKind.FIRST_RESPONSE, TargetKind.RESOLUTION, TargetKind.UPDATE
SETTLED = {SlaState.MET, SlaState.BREACHED}


def aware(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def epoch(value: datetime) -> int:
    return int(value.timestamp())


@dataclass
class Scenario:
    engine: BusinessCalendar
    raw: RawCalendar
    origin: int  # where the oracle's minute flags start
    clock: Clock
    budgets: dict[TargetKind, int]  # seconds
    ticket: RawTicket
    now: int

    def policy(self) -> SlaPolicy:
        def target(kind: TargetKind) -> Target:
            return Target(self.budgets[kind] // 60, Unit.MINUTES, self.clock)

        targets = PriorityTargets(target(FR), target(RES), target(UPD))
        return SlaPolicy(self.engine, {"p": targets}, frozenset({WAIT}), at_risk_share=SHARE)

    @cached_property
    def minutes(self) -> MinuteClock:
        return MinuteClock(self.raw, self.origin, HORIZON, self.clock is Clock.CALENDAR)


def engine_ticket(raw: RawTicket) -> Ticket:
    return Ticket(
        created=aware(raw.created),
        priority="p",
        status_changes=[
            StatusChange(aware(at), WAIT if pausing else "in_progress")
            for at, pausing in raw.changes
        ],
        pauses=[(aware(a), aware(b)) for a, b in raw.pauses],
        first_response=None if raw.first_response is None else aware(raw.first_response),
        resolved=None if raw.resolved is None else aware(raw.resolved),
        updates=[aware(u) for u in raw.updates],
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    engine, raw, anchor = draw(calendars())
    clock = draw(st.sampled_from([Clock.BUSINESS, Clock.BUSINESS, Clock.CALENDAR]))
    assume(clock is Clock.CALENDAR or any(raw.weekly.values()))
    created = instant_near(anchor, draw(st.integers(-DAY, DAY)))

    def after_created(low: int = 0, high: int = 3 * DAY) -> st.SearchStrategy[int]:
        return st.integers(low, high).map(lambda m: created + 60 * m)

    change_minutes = draw(st.lists(st.integers(0, 3 * DAY), unique=True, max_size=4))
    changes = [(created + 60 * m, draw(st.booleans())) for m in change_minutes]
    pauses = [
        (start, start + 60 * draw(st.integers(1, DAY)))
        for start in draw(st.lists(after_created(), max_size=1))
    ]
    resolved = draw(st.none() | after_created())
    first_response = draw(st.none() | after_created())
    if resolved is not None:
        # A resolution answers the problem, too: the response came no later.
        first_response = resolved if first_response is None else min(first_response, resolved)
    updates = draw(st.lists(after_created(), unique=True, max_size=3))
    budgets = {kind: 60 * draw(st.integers(0, 300)) for kind in (FR, RES, UPD)}
    ticket = RawTicket(created, changes, pauses, first_response, resolved, updates)
    now = draw(after_created(0, 4 * DAY))
    return Scenario(engine, raw, instant_near(anchor, -DAY), clock, budgets, ticket, now)


def oracle_results(scenario: Scenario, ticket: RawTicket, now: int) -> dict[TargetKind, RawResult]:
    """Response and resolution clocks by the oracle; a clock it cannot finish is left out."""
    minutes = scenario.minutes
    paused_now = oracle_paused_now(ticket, now)
    results = {}
    for kind, stop in ((FR, ticket.first_response), (RES, ticket.resolved)):
        result = clock_result(
            minutes, ticket, ticket.created, stop, scenario.budgets[kind], now, SHARE, paused_now
        )
        if result is not None:
            results[kind] = result
    return results


def oracle_gaps(scenario: Scenario, ticket: RawTicket, now: int) -> list[RawResult | None]:
    """The update clocks: from the first response, one per gap between updates."""
    first = ticket.first_response
    if first is None or first > now:
        return []
    resolved = ticket.resolved if ticket.resolved is not None and ticket.resolved <= now else None
    last = resolved if resolved is not None else now
    anchors = sorted({first, *(u for u in ticket.updates if first <= u <= last)})
    stops: list[int | None] = [*anchors[1:], resolved]
    minutes, budget = scenario.minutes, scenario.budgets[UPD]
    paused_now = oracle_paused_now(ticket, now)
    return [
        clock_result(minutes, ticket, start, stop, budget, now, SHARE, paused_now and stop is None)
        for start, stop in zip(anchors, stops, strict=True)
    ]


def engine_gaps(scenario: Scenario, ticket: RawTicket, now: int) -> list[TargetResult]:
    policy, engine = scenario.policy(), engine_ticket(ticket)
    target = policy.targets_for("p").update_interval
    assert target is not None
    at = aware(now)
    pauses = ticket_pauses(policy, engine, at)
    return update_results(policy, engine, target, at, pauses, is_paused_now(policy, engine, at))


def same(result: TargetResult, expected: RawResult) -> bool:
    return (epoch(result.due), result.elapsed_seconds, result.state.value) == (
        expected.due,
        expected.elapsed,
        expected.state,
    )


@SETTINGS
@given(scenarios())
def test_response_and_resolution_clocks_match_the_oracle(scenario: Scenario) -> None:
    expected = oracle_results(scenario, scenario.ticket, scenario.now)
    assume(len(expected) == 2)
    got = evaluate(scenario.policy(), engine_ticket(scenario.ticket), aware(scenario.now))
    for kind in (FR, RES):
        assert same(got.results[kind], expected[kind]), kind


@SETTINGS
@given(scenarios())
def test_update_clocks_match_the_oracle(scenario: Scenario) -> None:
    expected = oracle_gaps(scenario, scenario.ticket, scenario.now)
    assume(all(e is not None for e in expected))
    got = engine_gaps(scenario, scenario.ticket, scenario.now)
    assert len(got) == len(expected)
    for result, oracle in zip(got, expected, strict=True):
        assert oracle is not None and same(result, oracle)


def settled_at(result: TargetResult, oracle: RawResult) -> int:
    """The moment a verdict was reached: the stop when met, the first second over budget
    when breached."""
    if result.state is SlaState.MET:
        assert result.stop is not None
        return epoch(result.stop)
    assert oracle.breach is not None
    return oracle.breach


@st.composite
def later_events(draw: st.DrawFn, ticket: RawTicket, moment: int) -> tuple[RawTicket, int]:
    """``ticket`` with events added strictly after ``moment``, and a later "now"."""
    base = moment - moment % 60 + 60  # the next whole minute after the moment

    def after(high: int = 3 * DAY) -> st.SearchStrategy[int]:
        return st.integers(0, high).map(lambda m: base + 60 * m)

    taken = {at for at, _ in ticket.changes}
    new_changes = [
        (at, draw(st.booleans())) for at in draw(st.lists(after(), unique=True, max_size=3))
    ]
    changes = ticket.changes + [(at, p) for at, p in new_changes if at not in taken]
    pauses = ticket.pauses + [
        (start, start + 60 * draw(st.integers(1, 2 * DAY)))
        for start in draw(st.lists(after(), max_size=1))
    ]
    first_response, resolved = ticket.first_response, ticket.resolved
    if draw(st.booleans()) and resolved is None:
        resolved = draw(after())
        first_response = min(first_response or resolved, resolved)
    if draw(st.booleans()) and first_response is None:
        first_response = draw(after())
    updates = sorted(set(ticket.updates) | set(draw(st.lists(after(), max_size=3))))
    changed = replace(
        ticket,
        changes=changes,
        pauses=pauses,
        first_response=first_response,
        resolved=resolved,
        updates=updates,
    )
    return changed, draw(after(4 * DAY))


@SETTINGS
@given(scenarios(), st.data())
def test_no_later_event_changes_a_met_or_breached_target(scenario: Scenario, data) -> None:
    before = oracle_results(scenario, scenario.ticket, scenario.now)
    assume(len(before) == 2)
    policy = scenario.policy()
    first = evaluate(policy, engine_ticket(scenario.ticket), aware(scenario.now)).results
    settled = [kind for kind in (FR, RES) if first[kind].state in SETTLED]
    assume(settled)
    for kind in settled:
        moment = settled_at(first[kind], before[kind])
        ticket, now = data.draw(later_events(scenario.ticket, moment))
        after = evaluate(policy, engine_ticket(ticket), aware(now)).results[kind]
        assert (after.due, after.state) == (first[kind].due, first[kind].state), kind
        expected = oracle_results(scenario, ticket, now)
        if kind in expected:
            assert same(after, expected[kind]), kind


@SETTINGS
@given(scenarios(), st.data())
def test_no_later_event_changes_a_settled_update_gap(scenario: Scenario, data) -> None:
    """Each gap between updates is a target of its own; the first one missed stays the
    answer for the whole update clock."""
    oracle = oracle_gaps(scenario, scenario.ticket, scenario.now)
    assume(oracle and all(o is not None for o in oracle))
    policy = scenario.policy()
    overall = evaluate(policy, engine_ticket(scenario.ticket), aware(scenario.now)).results[UPD]
    gaps = engine_gaps(scenario, scenario.ticket, scenario.now)
    settled = [(gap, o) for gap, o in zip(gaps, oracle, strict=True) if gap.state in SETTLED]
    assume(settled)
    missed = [(gap, o) for gap, o in settled if gap.state is SlaState.BREACHED]
    gap, expected = missed[0] if missed else settled[0]
    assert expected is not None
    ticket, now = data.draw(later_events(scenario.ticket, settled_at(gap, expected)))
    later = {g.start: g for g in engine_gaps(scenario, ticket, now)}
    assert (later[gap.start].due, later[gap.start].state) == (gap.due, gap.state)
    if missed:
        assert overall == gap
        after = evaluate(policy, engine_ticket(ticket), aware(now)).results[UPD]
        assert (after.due, after.state) == (gap.due, SlaState.BREACHED)
