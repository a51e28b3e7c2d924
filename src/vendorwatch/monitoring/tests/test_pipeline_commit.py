"""Committing, re-importing and undoing imports: which rows are current afterwards."""

from __future__ import annotations

import pytest

from vendorwatch.monitoring import pipeline, staging
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.pipeline_factory import (
    analyse,
    current,
    make_monitoring,
    run_import,
    snapshot,
    ticket,
    write_csv,
)
from vendorwatch.testing.factory import make_provider


@pytest.fixture
def setup(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_monitoring()


def export(tmp_path, name, *rows):
    return write_csv(tmp_path, list(rows), name=name)


def first_and_second(setup, tmp_path):
    """January's export (1001, 1002), then February's (1002 changed, 1003)."""
    provider, policy = setup
    first = run_import(
        export(
            tmp_path,
            "jan.csv",
            ticket("1001", "2026-03-02 09:00", title="eins"),
            ticket("1002", "2026-03-02 10:00", title="zwei"),
        ),
        provider,
        policy,
    )
    second_file = export(
        tmp_path,
        "feb.csv",
        ticket("1002", "2026-03-02 10:00", "2026-03-02 10:30", title="zwei, erledigt"),
        ticket("1003", "2026-03-03 10:00", title="drei"),
    )
    return first, second_file


def test_reimport_counts_new_and_updated_tickets_in_the_preview(setup, tmp_path) -> None:
    provider, policy = setup
    _first, second_file = first_and_second(setup, tmp_path)
    preview = analyse(second_file, provider, policy)
    assert (preview.imported, preview.updated) == (1, 1)


def test_reimport_updates_tickets_without_duplicates(setup, tmp_path) -> None:
    provider, policy = setup
    _first, second_file = first_and_second(setup, tmp_path)
    second = run_import(second_file, provider, policy)
    tickets = current(provider)
    assert sorted(tickets) == ["1001", "1002", "1003"]
    assert (tickets["1002"].title, tickets["1002"].job_id) == ("zwei, erledigt", second.pk)
    assert ExternalTicket.objects.filter(provider=provider, ticket_id="1002").count() == 2


def test_same_file_twice_changes_nothing_but_the_import(setup, tmp_path) -> None:
    provider, policy = setup
    path = export(tmp_path, "jan.csv", ticket("1001", "2026-03-02 09:00"))
    run_import(path, provider, policy)
    again = run_import(path, provider, policy)
    assert (again.imported, again.updated) == (0, 1)
    assert [t.job_id for t in current(provider).values()] == [again.pk]


def test_tickets_of_another_provider_stay_apart(setup, tmp_path) -> None:
    provider, policy = setup
    other = make_provider(name="Andere IT")
    path = export(tmp_path, "jan.csv", ticket("1001", "2026-03-02 09:00"))
    run_import(path, other, policy)
    job = run_import(path, provider, policy)
    assert (job.imported, job.updated) == (1, 0)
    assert list(current(other)) == ["1001"]


def test_undo_brings_back_the_state_before_the_import(setup, tmp_path) -> None:
    provider, policy = setup
    _first, second_file = first_and_second(setup, tmp_path)
    before = snapshot(provider)
    second = run_import(second_file, provider, policy)
    undone = pipeline.job_undo(second)
    assert undone.state == ImportJob.State.UNDONE and undone.undone_at is not None
    assert snapshot(provider) == before
    assert not ExternalTicket.objects.filter(job=second).exists()


def test_undo_of_an_older_import_keeps_the_newer_ones_rows(setup, tmp_path) -> None:
    provider, policy = setup
    first, second_file = first_and_second(setup, tmp_path)
    second = run_import(second_file, provider, policy)
    pipeline.job_undo(first)
    tickets = current(provider)
    assert sorted(tickets) == ["1002", "1003"]
    assert {t.job_id for t in tickets.values()} == {second.pk}


def test_undo_of_all_imports_leaves_no_current_ticket(setup, tmp_path) -> None:
    provider, policy = setup
    first, second_file = first_and_second(setup, tmp_path)
    second = run_import(second_file, provider, policy)
    pipeline.job_undo(second)
    pipeline.job_undo(first)
    assert current(provider) == {}


def test_undo_skips_an_undone_import_when_going_back(setup, tmp_path) -> None:
    provider, policy = setup
    first, second_file = first_and_second(setup, tmp_path)
    second = run_import(second_file, provider, policy)
    third = run_import(second_file, provider, policy)
    pipeline.job_undo(second)
    pipeline.job_undo(third)
    tickets = current(provider)
    assert sorted(tickets) == ["1001", "1002"]
    assert {t.job_id for t in tickets.values()} == {first.pk}


def test_undo_is_only_for_finished_imports(setup, tmp_path) -> None:
    provider, policy = setup
    preview = analyse(
        export(tmp_path, "jan.csv", ticket("1", "2026-03-02 09:00")), provider, policy
    )
    assert pipeline.job_undo(preview).state == ImportJob.State.PREVIEW
    assert ExternalTicket.objects.filter(job=preview).count() == 1


def test_commit_that_fails_half_way_changes_nothing(setup, tmp_path, monkeypatch) -> None:
    provider, policy = setup
    _first, second_file = first_and_second(setup, tmp_path)
    before = snapshot(provider)
    preview = analyse(second_file, provider, policy)
    real = staging.make_current

    def broken(job_id: int, provider_id: int, done: str) -> tuple[int, int]:
        real(job_id, provider_id, done)  # the earlier rows replaced, then the connection is lost
        raise ConnectionError("database went away")

    monkeypatch.setattr(staging, "make_current", broken)
    with pytest.raises(ConnectionError):
        pipeline.job_commit(preview)
    preview.refresh_from_db()
    assert preview.state == ImportJob.State.PREVIEW
    assert snapshot(provider) == before


def test_commit_twice_commits_once(setup, tmp_path) -> None:
    provider, policy = setup
    preview = analyse(
        export(tmp_path, "jan.csv", ticket("1", "2026-03-02 09:00")), provider, policy
    )
    done = pipeline.job_commit(preview)
    committed_at = done.committed_at
    assert pipeline.job_commit(done).committed_at == committed_at


def test_large_preview_is_left_to_the_job_runner(setup, tmp_path, settings) -> None:
    settings.IMPORT_INLINE_BYTES = 10
    provider, policy = setup
    preview = analyse(
        export(tmp_path, "jan.csv", ticket("1", "2026-03-02 09:00")), provider, policy
    )
    job = pipeline.job_request_commit(preview)
    assert job.state == ImportJob.State.COMMITTING
    assert current(provider) == {}


def test_small_preview_is_committed_at_once(setup, tmp_path) -> None:
    provider, policy = setup
    preview = analyse(
        export(tmp_path, "jan.csv", ticket("1", "2026-03-02 09:00")), provider, policy
    )
    assert pipeline.job_request_commit(preview).state == ImportJob.State.DONE
    assert list(current(provider)) == ["1"]


def newer_then_older(setup, tmp_path):
    """Ticket 1002 imported as changed on 10.03., then an export from 05.03. (1002 still open,
    1004 new)."""
    provider, policy = setup
    newer = run_import(
        export(
            tmp_path,
            "newer.csv",
            ticket(
                "1002",
                "2026-03-02 10:00",
                "2026-03-02 10:30",
                title="neu",
                updated="2026-03-10 08:00",
            ),
        ),
        provider,
        policy,
    )
    older_file = export(
        tmp_path,
        "older.csv",
        ticket("1002", "2026-03-02 10:00", title="alt", updated="2026-03-05 08:00"),
        ticket("1004", "2026-03-04 10:00", title="vier", updated="2026-03-05 08:00"),
    )
    return newer, older_file


def test_older_export_after_a_newer_one_keeps_the_newer_version(setup, tmp_path) -> None:
    provider, policy = setup
    newer, older_file = newer_then_older(setup, tmp_path)
    run_import(older_file, provider, policy)
    tickets = current(provider)
    assert (tickets["1002"].title, tickets["1002"].job_id) == ("neu", newer.pk)
    assert tickets["1004"].title == "vier"


def test_older_export_counts_its_outdated_tickets_in_preview_and_import(setup, tmp_path) -> None:
    provider, policy = setup
    _newer, older_file = newer_then_older(setup, tmp_path)
    preview = analyse(older_file, provider, policy)
    counts = (preview.imported, preview.updated, preview.outdated)
    done = pipeline.job_commit(preview)
    assert counts == (done.imported, done.updated, done.outdated) == (1, 0, 1)


def test_undo_of_the_newer_import_brings_back_the_older_export_s_version(setup, tmp_path) -> None:
    provider, policy = setup
    newer, older_file = newer_then_older(setup, tmp_path)
    older = run_import(older_file, provider, policy)
    pipeline.job_undo(newer)
    tickets = current(provider)
    assert (tickets["1002"].title, tickets["1002"].job_id) == ("alt", older.pk)


def test_reimport_with_the_same_last_change_takes_the_new_row(setup, tmp_path) -> None:
    provider, policy = setup
    row = ticket("1002", "2026-03-02 10:00", updated="2026-03-10 08:00")
    path = export(tmp_path, "same.csv", row)
    run_import(path, provider, policy)
    again = run_import(path, provider, policy)
    assert (again.updated, again.outdated) == (1, 0)
    assert current(provider)["1002"].job_id == again.pk


def test_commit_leaves_the_rows_of_another_waiting_preview_alone(setup, tmp_path) -> None:
    provider, policy = setup
    path = export(tmp_path, "jan.csv", ticket("1001", "2026-03-02 09:00"))
    waiting = analyse(path, provider, policy)
    first = run_import(path, provider, policy)
    assert current(provider)["1001"].job_id == first.pk
    later = pipeline.job_commit(waiting)
    assert (later.updated, current(provider)["1001"].job_id) == (1, waiting.pk)


def test_rows_of_a_preview_count_nowhere(setup, tmp_path) -> None:
    provider, policy = setup
    analyse(export(tmp_path, "jan.csv", ticket("1001", "2026-03-02 09:00")), provider, policy)
    assert ExternalTicket.objects.filter(provider=provider).count() == 1
    assert not ExternalTicket.objects.in_force().exists()
