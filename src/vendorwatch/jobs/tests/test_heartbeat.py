from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from vendorwatch.jobs.heartbeat import Heartbeat, runner_status
from vendorwatch.jobs.models import JobRun, RunnerHeartbeat
from vendorwatch.jobs.outbox import outbox_enqueue

pytestmark = pytest.mark.django_db


def seen(minutes_ago: float, interval_seconds: int = 30) -> RunnerHeartbeat:
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    return RunnerHeartbeat.objects.create(
        name="web1", started_at=moment, last_seen_at=moment, interval_seconds=interval_seconds
    )


def test_a_round_of_the_runner_checks_in() -> None:
    call_command("run-jobs")
    beat = RunnerHeartbeat.objects.get()
    assert timezone.now() - beat.last_seen_at < timedelta(seconds=30)


def test_each_beat_moves_the_same_row_forward(time_machine) -> None:
    time_machine.move_to("2026-11-27 09:00Z", tick=False)
    heartbeat = Heartbeat(interval_seconds=30, name="web1")
    heartbeat.beat()
    time_machine.move_to("2026-11-27 09:00:30Z", tick=False)
    heartbeat.beat()
    beat = RunnerHeartbeat.objects.get()
    assert beat.last_seen_at.isoformat() == "2026-11-27T09:00:30+00:00"
    assert beat.started_at.isoformat() == "2026-11-27T09:00:00+00:00"


def test_during_a_round_it_checks_in_only_every_half_minute() -> None:
    heartbeat = Heartbeat(interval_seconds=30, name="web1")
    heartbeat.beat()
    first = RunnerHeartbeat.objects.get().last_seen_at
    heartbeat.beat_if_due()
    assert RunnerHeartbeat.objects.get().last_seen_at == first


def test_a_fresh_installation_is_healthy() -> None:
    assert runner_status().healthy


def test_a_runner_seen_a_minute_ago_is_healthy() -> None:
    seen(minutes_ago=1)
    assert runner_status().healthy


def test_a_runner_not_seen_for_six_minutes_is_stale() -> None:
    seen(minutes_ago=6)
    status = runner_status()
    assert not status.healthy
    assert "has not checked in for 6 minutes" in status.reason


def test_a_runner_with_a_long_interval_is_given_three_intervals() -> None:
    seen(minutes_ago=6, interval_seconds=180)
    assert runner_status().healthy


def test_without_any_runner_an_email_waiting_for_minutes_means_one_is_missing() -> None:
    message = outbox_enqueue(to=["a@example.com"], subject="Einladung", body="Text")
    message.send_after = timezone.now() - timedelta(minutes=6)
    message.save()
    status = runner_status()
    assert not status.healthy
    assert "no job runner has ever checked in" in status.reason


def test_without_any_runner_an_email_queued_just_now_is_no_reason_to_worry() -> None:
    outbox_enqueue(to=["a@example.com"], subject="Einladung", body="Text")
    assert runner_status().healthy


def test_a_runner_from_before_heartbeats_is_judged_by_its_last_job() -> None:
    long_ago = timezone.now() - timedelta(hours=2)
    JobRun.objects.create(name="contracts", next_run_at=long_ago, last_started_at=long_ago)
    assert not runner_status().healthy
