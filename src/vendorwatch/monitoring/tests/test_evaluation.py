"""Our own SLA verdicts on imported tickets, against hand-worked values.

The SLA (pipeline_factory.make_monitoring): Mon–Fri 08:00–17:00 Berlin time, Bavarian
holidays, from 1 January 2026. P1: 30 min response, 4 h resolution; P2: 1 h and 8 h (all
business time). 2 March 2026 is a Monday.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from vendorwatch.core.businesstime import MISSING
from vendorwatch.monitoring.evaluation import (
    BREACHED,
    MET,
    NONE,
    PolicyVersions,
    disagrees,
    evaluate,
    overall,
)
from vendorwatch.monitoring.tests.pipeline_factory import local, make_monitoring
from vendorwatch.sla.models import organisation_zone
from vendorwatch.sla.tests.factory import add_version

LATER = local("2026-06-01 12:00")


def epoch(text: str) -> int:
    return int(local(text).timestamp()) if text else MISSING


def run(policy, *tickets, now=LATER):
    """tickets: (rank, created, first response, resolved) in Berlin time ("" = none)."""
    columns = list(zip(*tickets, strict=True))
    return evaluate(
        PolicyVersions.load(policy, organisation_zone()),
        ranks=np.array(columns[0], dtype=np.int64),
        created=np.array([epoch(t) for t in columns[1]], dtype=np.int64),
        first_response=np.array([epoch(t) for t in columns[2]], dtype=np.int64),
        resolved=np.array([epoch(t) for t in columns[3]], dtype=np.int64),
        now=now,
    )


@pytest.fixture
def policy(db):
    return make_monitoring()[1]


def test_response_within_target_is_met(policy) -> None:
    result = run(policy, (2, "2026-03-02 09:00", "2026-03-02 09:30", ""))
    assert (result.response_met[0], result.response_seconds[0]) == (MET, 1800)


def test_response_exactly_at_the_target_is_met(policy) -> None:
    result = run(policy, (2, "2026-03-02 09:00", "2026-03-02 10:00", ""))
    assert (result.response_met[0], result.response_seconds[0]) == (MET, 3600)
    assert result.response_due[0] == epoch("2026-03-02 10:00")


def test_response_a_minute_late_is_breached(policy) -> None:
    result = run(policy, (2, "2026-03-02 09:00", "2026-03-02 10:01", ""))
    assert (result.response_met[0], result.response_seconds[0]) == (BREACHED, 3660)


def test_resolution_counts_business_hours_only(policy) -> None:
    # Monday 09:00-17:00 = 8 h, Tuesday 08:00-09:00 = 1 h: 9 h against 8 h, due Monday 17:00.
    result = run(policy, (2, "2026-03-02 09:00", "2026-03-02 09:30", "2026-03-03 09:00"))
    assert (result.resolution_met[0], result.resolution_seconds[0]) == (BREACHED, 9 * 3600)
    assert result.resolution_due[0] == epoch("2026-03-02 17:00")


def test_resolution_over_night_exactly_at_the_target_is_met(policy) -> None:
    # Monday 13:00-17:00 = 4 h, Tuesday 08:00-12:00 = 4 h.
    result = run(policy, (2, "2026-03-02 13:00", "2026-03-02 13:10", "2026-03-03 12:00"))
    assert (result.resolution_met[0], result.resolution_seconds[0]) == (MET, 8 * 3600)


def test_open_ticket_within_target_has_no_verdict_yet(policy) -> None:
    now = local("2026-03-02 12:00")
    result = run(policy, (2, "2026-03-02 09:00", "2026-03-02 09:30", ""), now=now)
    assert result.resolution_met[0] == NONE
    assert result.resolution_seconds[0] == MISSING
    assert result.resolution_due[0] == epoch("2026-03-02 17:00")


def test_open_ticket_past_its_due_time_is_breached(policy) -> None:
    now = local("2026-03-03 12:00")
    result = run(policy, (2, "2026-03-02 09:00", "2026-03-02 09:30", ""), now=now)
    assert result.resolution_met[0] == BREACHED


def test_ticket_without_any_response_past_due_is_breached_on_response(policy) -> None:
    now = local("2026-03-02 12:00")
    result = run(policy, (2, "2026-03-02 09:00", "", ""), now=now)
    assert (result.response_met[0], result.response_seconds[0]) == (BREACHED, MISSING)


def test_resolution_counts_as_response_when_none_was_recorded(policy) -> None:
    result = run(policy, (2, "2026-03-02 09:00", "", "2026-03-02 09:45"))
    assert result.response_from_resolution.tolist() == [True]
    assert (result.response_met[0], result.response_seconds[0]) == (MET, 45 * 60)


def test_version_in_force_at_creation_is_used(policy) -> None:
    second = add_version(policy, date(2026, 4, 1), p1_response_minutes=15)
    result = run(
        policy,
        (1, "2026-03-31 09:00", "2026-03-31 09:20", ""),  # version 1: 30 minutes
        (1, "2026-04-01 09:00", "2026-04-01 09:20", ""),  # version 2: 15 minutes
    )
    assert result.response_met.tolist() == [MET, BREACHED]
    assert result.version_pk.tolist() == [policy.versions.get(number=1).pk, second.pk]


def test_version_starts_at_midnight_in_the_organisations_zone(policy) -> None:
    second = add_version(policy, date(2026, 4, 1), p1_response_minutes=15)
    # 00:30 Berlin time on 1 April is still 31 March in UTC.
    result = run(policy, (1, "2026-04-01 00:30", "2026-04-01 08:10", ""))
    assert result.version_pk.tolist() == [second.pk]


def test_ticket_before_the_first_version_keeps_no_verdict(policy) -> None:
    result = run(policy, (2, "2025-12-15 09:00", "2025-12-15 12:00", "2025-12-16 12:00"))
    assert result.version_pk.tolist() == [0]
    assert (result.response_met[0], result.resolution_met[0]) == (NONE, NONE)
    assert result.resolution_due[0] == MISSING


def test_rank_unknown_to_the_version_in_force_is_found(policy) -> None:
    versions = PolicyVersions.load(policy, organisation_zone())
    created = np.array([epoch("2026-03-02 09:00")] * 2, dtype=np.int64)
    known = versions.rank_known(versions.locate(created), np.array([4, 7], dtype=np.int64))
    assert known.tolist() == [True, False]


def test_overall_is_breached_when_either_is_and_met_only_when_both_are() -> None:
    response = np.array([MET, MET, BREACHED, NONE, MET], dtype=np.int8)
    resolution = np.array([MET, BREACHED, NONE, NONE, NONE], dtype=np.int8)
    assert overall(response, resolution).tolist() == [MET, BREACHED, BREACHED, NONE, NONE]


def test_disagreement_needs_both_verdicts() -> None:
    theirs = np.array([MET, MET, NONE, BREACHED], dtype=np.int8)
    ours = np.array([MET, BREACHED, BREACHED, NONE], dtype=np.int8)
    assert disagrees(4, [(theirs, ours)]).tolist() == [False, True, False, False]
