"""The import pipeline from file to current tickets: staging, counts, commit."""

from __future__ import annotations

from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.pipeline_factory import (
    analyse,
    current,
    local,
    make_monitoring,
    run_import,
    ticket,
    write_csv,
)


def test_analysis_stages_rows_without_making_them_current(db, tmp_path) -> None:
    provider, policy = make_monitoring()
    path = write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00", "2026-03-02 10:00")])
    job = analyse(path, provider, policy)
    assert job.state == ImportJob.State.PREVIEW, job.message
    assert (job.rows_read, job.imported, job.updated, job.rejected) == (1, 1, 0, 0)
    staged = ExternalTicket.objects.get(job=job)
    assert (staged.current, staged.created) == (False, local("2026-03-02 09:00"))


def test_commit_makes_the_rows_current(db, tmp_path) -> None:
    provider, policy = make_monitoring()
    path = write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00", "2026-03-02 10:00")])
    run_import(path, provider, policy)
    assert list(current(provider)) == ["1001"]
