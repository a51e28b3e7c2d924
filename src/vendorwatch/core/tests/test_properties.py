"""Property tests: the engine against the minute-stepping oracle over random calendars."""

from datetime import UTC, date, datetime, timedelta

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vendorwatch.core.businesstime import (
    BusinessCalendar,
    business_seconds,
    business_seconds_array,
    due,
    due_array,
)

from .oracle import RawCalendar
from .oracle import due as oracle_due
from .oracle import elapsed as oracle_elapsed

ZONES = ["Europe/Berlin", "America/New_York", "UTC", "Australia/Lord_Howe"]
# Local dates around DST changes (and Bavarian holidays) in 2026.
ANCHORS = [
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 10, 4),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2026, 1, 6),
    date(2026, 12, 24),
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def windows(draw: st.DrawFn) -> list[tuple[int, int]]:
    # Half-hour grid including 02:00-03:00 (DST) and 24:00.
    points = sorted(draw(st.sets(st.integers(0, 48), max_size=4)))
    return [(points[i] * 30, points[i + 1] * 30) for i in range(0, len(points) - 1, 2)]


@st.composite
def calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, RawCalendar, date]:
    tz = draw(st.sampled_from(ZONES))
    anchor = draw(st.sampled_from(ANCHORS))
    weekly = {d: draw(windows()) for d in range(7)}
    region = draw(st.sampled_from([None, "DE-BY", "DE-NW"]))
    near = st.integers(-3, 3).map(lambda k: anchor + timedelta(days=k))
    closures = draw(st.sets(near, max_size=2))
    override_days = draw(st.sets(near, max_size=2)) - closures
    overrides = {d: draw(windows()) for d in override_days}

    def fmt(m: int) -> str:
        return f"{m // 60:02d}:{m % 60:02d}"

    def as_text(ws: list[tuple[int, int]]) -> list[str]:
        return [f"{fmt(a)}-{fmt(b)}" for a, b in ws]

    engine = BusinessCalendar.create(
        tz,
        {d: as_text(w) for d, w in weekly.items()},
        region=region,
        closures=closures,
        overrides={d: as_text(w) for d, w in overrides.items()},
    )
    return engine, RawCalendar(tz, weekly, region, set(closures), overrides), anchor


def instant_near(anchor: date, minutes: int) -> int:
    base = int(datetime(anchor.year, anchor.month, anchor.day, tzinfo=UTC).timestamp())
    return base + 60 * minutes


def aware(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


pause_lists = st.lists(
    st.tuples(st.integers(-2 * 1440, 4 * 1440), st.integers(0, 2 * 1440)), max_size=3
)


@SETTINGS
@given(calendars(), st.integers(-2 * 1440, 2 * 1440), st.integers(-60, 4 * 1440), pause_lists)
def test_elapsed_matches_oracle(cal, start_minute, length, pause_spec):
    engine, raw, anchor = cal
    start = instant_near(anchor, start_minute)
    end = start + 60 * length
    pauses = [(instant_near(anchor, a), instant_near(anchor, a + n)) for a, n in pause_spec]
    got = business_seconds(
        engine, aware(start), aware(end), [(aware(a), aware(b)) for a, b in pauses]
    )
    assert got == oracle_elapsed(raw, start, end, pauses)


@SETTINGS
@given(calendars(), st.integers(-2 * 1440, 2 * 1440), st.integers(0, 3 * 1440), pause_lists)
def test_due_matches_oracle(cal, start_minute, budget_minutes, pause_spec):
    engine, raw, anchor = cal
    start = instant_near(anchor, start_minute)
    pauses = [(instant_near(anchor, a), instant_near(anchor, a + n)) for a, n in pause_spec]
    expected = oracle_due(raw, start, 60 * budget_minutes, pauses, limit_minutes=8 * 1440)
    assume(expected is not None)
    got = due(engine, aware(start), 60 * budget_minutes, [(aware(a), aware(b)) for a, b in pauses])
    assert int(got.timestamp()) == expected


@SETTINGS
@given(
    calendars(),
    st.lists(
        st.tuples(st.integers(-2 * 1440, 2 * 1440), st.integers(-60, 4 * 1440)),
        min_size=1,
        max_size=20,
    ),
)
def test_vector_elapsed_equals_scalar(cal, spec):
    engine, _, anchor = cal
    starts = np.array([instant_near(anchor, s) for s, _ in spec])
    ends = starts + 60 * np.array([n for _, n in spec])
    scalar = [
        business_seconds(engine, aware(int(s)), aware(int(e)))
        for s, e in zip(starts, ends, strict=True)
    ]
    assert business_seconds_array(engine, starts, ends).tolist() == scalar


@SETTINGS
@given(
    calendars(),
    st.lists(
        st.tuples(st.integers(-2 * 1440, 2 * 1440), st.integers(0, 2 * 86_400)),
        min_size=1,
        max_size=20,
    ),
)
def test_vector_due_equals_scalar(cal, spec):
    engine, raw, anchor = cal
    assume(any(raw.weekly.values()))
    starts = np.array([instant_near(anchor, s) for s, _ in spec])
    budgets = np.array([b for _, b in spec])
    scalar = [
        int(due(engine, aware(int(s)), int(b)).timestamp())
        for s, b in zip(starts, budgets, strict=True)
    ]
    assert due_array(engine, starts, budgets).tolist() == scalar


@SETTINGS
@given(
    calendars(),
    st.integers(-2 * 86_400, 2 * 86_400),
    st.integers(0, 3 * 86_400),
    st.integers(0, 3 * 86_400),
)
def test_elapsed_is_additive(cal, start_offset, first, second):
    engine, _, anchor = cal
    a = instant_near(anchor, 0) + start_offset
    b, c = a + first, a + first + second
    total = business_seconds(engine, aware(a), aware(c))
    assert total == business_seconds(engine, aware(a), aware(b)) + business_seconds(
        engine, aware(b), aware(c)
    )


@SETTINGS
@given(calendars(), st.integers(-2 * 86_400, 2 * 86_400), st.integers(0, 2 * 86_400))
def test_elapsed_until_due_is_the_budget(cal, start_offset, budget):
    engine, raw, anchor = cal
    assume(any(raw.weekly.values()))
    start = aware(instant_near(anchor, 0) + start_offset)
    assert business_seconds(engine, start, due(engine, start, budget)) == budget
