"""The job runner's part of imports: queued files read, large commits made, dead runs restarted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vendorwatch.jobs.registry import jobs
from vendorwatch.monitoring import import_jobs, pipeline
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.pipeline_factory import (
    analyse,
    current,
    make_monitoring,
    options,
    ticket,
    write_csv,
)

State = ImportJob.State


@pytest.fixture
def setup(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_monitoring()


def queued(setup, tmp_path, name="export.csv", rows=None) -> ImportJob:
    provider, policy = setup
    path = write_csv(tmp_path, rows or [ticket("1", "2026-03-02 09:00")], name=name)
    return pipeline.job_create(
        provider=provider, sla_policy=policy, file=str(path), file_name=name, options=options()
    )


def interrupted(job: ImportJob, *, attempts: int) -> ImportJob:
    """As a run leaves its job when it is killed: ANALYSING, rows staged, claim run out."""
    ImportJob.objects.filter(pk=job.pk).update(
        state=State.ANALYSING,
        attempts=attempts,
        claimed_until=timezone.now() - timedelta(seconds=1),
        progress_done=2,
    )
    job.refresh_from_db()
    return job


def test_the_runner_knows_the_import_job() -> None:
    assert import_jobs.IMPORT_JOB in [job.name for job in jobs()]


def test_queued_file_is_read(setup, tmp_path) -> None:
    job = queued(setup, tmp_path)
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert (job.state, job.imported, job.attempts) == (State.PREVIEW, 1, 1)


def test_oldest_waiting_job_goes_first(setup, tmp_path) -> None:
    first = queued(setup, tmp_path, "a.csv")
    second = queued(setup, tmp_path, "b.csv")
    import_jobs.run_one(timezone.now())
    states = dict(ImportJob.objects.values_list("pk", "state"))
    assert (states[first.pk], states[second.pk]) == (State.PREVIEW, State.QUEUED)


def test_nothing_to_do_is_fine(setup) -> None:
    assert import_jobs.run_one(timezone.now()) == ""


def test_large_commit_is_made_by_the_runner(setup, tmp_path, settings) -> None:
    settings.IMPORT_INLINE_BYTES = 10
    provider, _ = setup
    job = pipeline.job_request_commit(pipeline.job_analyse(queued(setup, tmp_path)))
    assert job.state == State.COMMITTING
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert job.state == State.DONE
    assert list(current(provider)) == ["1"]


def test_commit_claimed_by_another_runner_is_left_alone(setup, tmp_path, settings) -> None:
    settings.IMPORT_INLINE_BYTES = 10
    job = pipeline.job_request_commit(pipeline.job_analyse(queued(setup, tmp_path)))
    later = timezone.now() + timedelta(minutes=1)
    ImportJob.objects.filter(pk=job.pk).update(claimed_until=later)
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert job.state == State.COMMITTING


def test_analysis_in_progress_is_left_alone(setup, tmp_path) -> None:
    job = queued(setup, tmp_path)
    ImportJob.objects.filter(pk=job.pk).update(
        state=State.ANALYSING, attempts=1, claimed_until=timezone.now() + timedelta(minutes=1)
    )
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.ANALYSING, 1)


def test_analysis_whose_run_died_starts_again_without_its_rows(setup, tmp_path) -> None:
    provider, policy = setup
    rows = [ticket("1", "2026-03-02 09:00"), ticket("2", "2026-03-02 09:00")]
    job = interrupted(analyse(write_csv(tmp_path, rows), provider, policy), attempts=1)
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert (job.state, job.attempts, job.imported) == (State.PREVIEW, 2, 2)
    assert ExternalTicket.objects.filter(job=job).count() == 2


def test_analysis_that_died_three_times_is_given_up(setup, tmp_path) -> None:
    provider, policy = setup
    job = analyse(write_csv(tmp_path, [ticket("1", "2026-03-02 09:00")]), provider, policy)
    job = interrupted(job, attempts=pipeline.MAX_ATTEMPTS)
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert "3" in job.message
    assert not ExternalTicket.objects.filter(job=job).exists()


def test_commit_whose_run_died_is_made_again(setup, tmp_path, settings) -> None:
    settings.IMPORT_INLINE_BYTES = 10
    provider, _ = setup
    job = pipeline.job_request_commit(pipeline.job_analyse(queued(setup, tmp_path)))
    ImportJob.objects.filter(pk=job.pk).update(
        attempts=1, claimed_until=timezone.now() - timedelta(seconds=1)
    )
    import_jobs.run_one(timezone.now())
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)
    assert list(current(provider)) == ["1"]


def test_run_that_lost_its_job_stops_writing(setup, tmp_path, monkeypatch) -> None:
    from vendorwatch.monitoring import analysis

    monkeypatch.setattr(analysis, "CHUNK_ROWS", 1)
    job = queued(setup, tmp_path, rows=[ticket(str(n), "2026-03-02 09:00") for n in range(3)])
    real = analysis.Analysis._chunk

    def taken_over(self, numbers, rows):
        if numbers[0] == 3:  # after the first chunk another run restarts the job
            ImportJob.objects.filter(pk=job.pk).update(attempts=9)
        real(self, numbers, rows)

    monkeypatch.setattr(analysis.Analysis, "_chunk", taken_over)
    pipeline.job_analyse(job)
    assert ExternalTicket.objects.filter(job=job).count() == 1
