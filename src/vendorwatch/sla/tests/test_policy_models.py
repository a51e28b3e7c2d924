from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vendorwatch.core import businesstime as bt
from vendorwatch.sla.tests.factory import add_version, make_policy

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def test_version_at_gives_the_version_valid_on_that_day() -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    add_version(policy, date(2026, 7, 1))
    assert policy.version_at(date(2026, 6, 30)).number == 1
    assert policy.version_at(date(2026, 7, 1)).number == 2


def test_before_the_first_version_no_version_applies() -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    assert policy.version_at(date(2025, 12, 31)) is None


def test_a_datetime_counts_in_the_organisations_time_zone() -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    add_version(policy, date(2026, 7, 1))
    # 22:30 UTC on 30 June is already 1 July in Berlin.
    moment = datetime(2026, 6, 30, 22, 30, tzinfo=ZoneInfo("UTC"))
    assert policy.version_at(moment).number == 2


@time_machine.travel(datetime(2026, 8, 1, 9, 0, tzinfo=BERLIN), tick=False)
def test_current_version_is_the_one_valid_today() -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    add_version(policy, date(2026, 7, 1))
    add_version(policy, date(2026, 9, 1))
    assert policy.current_version.number == 2
    assert policy.latest_version.number == 3


def test_priority_for_follows_the_matrix() -> None:
    version = make_policy().versions.get()
    assert version.priority_for("high", "high").code == "P1"
    assert version.priority_for("medium", "high").code == "P2"
    assert version.priority_for("low", "low").code == "P4"


def test_to_engine_keeps_targets_as_entered() -> None:
    engine = make_policy().versions.get().to_engine()
    assert engine.targets["P1"].first_response == bt.Target(30, bt.Unit.MINUTES, bt.Clock.BUSINESS)
    assert engine.targets["P3"].resolution == bt.Target(3, bt.Unit.DAYS, bt.Clock.BUSINESS)
    assert engine.pausing_statuses == frozenset({"waiting_on_us"})
    assert engine.at_risk_share == 0.75


def test_the_engine_computes_a_due_time_in_service_hours() -> None:
    engine = make_policy().versions.get().to_engine()
    raised = datetime(2026, 3, 6, 16, 45, tzinfo=BERLIN)  # Friday, 15 minutes before closing
    due = engine.due(engine.targets["P1"].first_response, raised)
    assert due == datetime(2026, 3, 9, 8, 15, tzinfo=BERLIN)


def test_targets_are_described_in_plain_words() -> None:
    p1 = make_policy().versions.get().priorities.get(code="P1")
    p1.update_amount, p1.update_unit = 1, "hours"
    assert p1.describe_response() == "30 Min. Servicezeit"
    assert p1.describe_update() == "1 Std. Servicezeit"
