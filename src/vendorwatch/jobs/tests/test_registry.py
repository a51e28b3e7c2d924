from datetime import timedelta

import pytest
from django.utils import timezone

from vendorwatch.jobs import registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_test_jobs(monkeypatch):
    # Import every app's jobs.py first, so that they register in the real registry and
    # not in the empty one these tests work with.
    registry.jobs()
    monkeypatch.setattr(registry, "_JOBS", {})


@pytest.fixture
def counted():
    calls = []
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


def test_a_failing_job_does_not_stop_the_others() -> None:
    calls = []
    registry.periodic("a-broken", every=timedelta(minutes=5))(lambda now: 1 / 0)
    registry.periodic("b-fine", every=timedelta(minutes=5))(lambda now: calls.append(now))
    assert registry.run_due_jobs() == ["a-broken", "b-fine"]
    assert len(calls) == 1
