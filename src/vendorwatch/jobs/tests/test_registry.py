from datetime import timedelta

import pytest
from django.utils import timezone

from vendorwatch.jobs import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    calls = []
    monkeypatch.setattr(registry, "_JOBS", {})
    registry.periodic("test-job", every=timedelta(minutes=5))(lambda now: calls.append(now))
    return calls


def test_a_due_job_runs(counted) -> None:
    assert registry.run_due_jobs() == ["test-job"]
    assert len(counted) == 1


def test_a_job_runs_once_per_interval(counted) -> None:
    now = timezone.now()
    registry.run_due_jobs(now=now)
    registry.run_due_jobs(now=now + timedelta(minutes=1))
    assert len(counted) == 1


def test_a_job_runs_again_after_its_interval(counted) -> None:
    now = timezone.now()
    registry.run_due_jobs(now=now)
    registry.run_due_jobs(now=now + timedelta(minutes=5))
    assert len(counted) == 2


def test_a_failing_job_does_not_stop_the_others(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(registry, "_JOBS", {})
    registry.periodic("a-broken", every=timedelta(minutes=5))(lambda now: 1 / 0)
    registry.periodic("b-fine", every=timedelta(minutes=5))(lambda now: calls.append(now))
    assert registry.run_due_jobs() == ["a-broken", "b-fine"]
    assert len(calls) == 1
