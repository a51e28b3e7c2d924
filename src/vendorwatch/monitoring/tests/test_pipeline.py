"""The import pipeline from file to staged rows: checks, evaluation, counts, assumptions."""

from __future__ import annotations

import pytest
import time_machine

from vendorwatch.monitoring import analysis
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportRejection
from vendorwatch.monitoring.tests.pipeline_factory import (
    analyse,
    current,
    local,
    make_monitoring,
    run_import,
    ticket,
    write_csv,
)

DAY = "2026-03-02 09:00"


@pytest.fixture
def setup(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_monitoring()


def rejections(job: ImportJob) -> list[tuple[int, str, str]]:
    return list(job.rejections.order_by("row").values_list("row", "field", "reason"))


def test_analysis_stages_rows_that_count_nowhere_before_the_commit(setup, tmp_path) -> None:
    provider, policy = setup
    path = write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00", "2026-03-02 10:00")])
    job = analyse(path, provider, policy)
    assert job.state == ImportJob.State.PREVIEW, job.message
    assert (job.rows_read, job.imported, job.updated, job.rejected) == (1, 1, 0, 0)
    staged = ExternalTicket.objects.get(job=job)
    assert staged.created == local("2026-03-02 09:00")
    assert current(provider) == {}


def test_staged_row_carries_our_verdicts(setup, tmp_path) -> None:
    provider, policy = setup
    row = ticket("1001", "2026-03-02 09:00", "2026-03-02 10:00", "2026-03-03 09:00")
    job = analyse(write_csv(tmp_path, [row]), provider, policy)
    staged = ExternalTicket.objects.get(job=job)
    assert (staged.response_met, staged.resolution_met) == (True, False)
    assert (staged.response_seconds, staged.resolution_seconds) == (3600, 9 * 3600)
    assert staged.resolution_due == local("2026-03-02 17:00")
    assert staged.sla_version == policy.versions.get()


def test_open_ticket_within_target_is_staged_without_resolution_verdict(setup, tmp_path) -> None:
    provider, policy = setup
    with time_machine.travel(local("2026-03-02 12:00")):
        job = analyse(
            write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00", "2026-03-02 09:30")]),
            provider,
            policy,
        )
    staged = ExternalTicket.objects.get(job=job)
    assert (staged.response_met, staged.resolution_met, staged.resolved) == (True, None, None)


def test_commit_makes_the_rows_current(setup, tmp_path) -> None:
    provider, policy = setup
    path = write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00", "2026-03-02 10:00")])
    job = run_import(path, provider, policy)
    assert list(current(provider)) == ["1001"]
    assert (job.imported, job.updated, job.committed_at is not None) == (1, 0, True)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (ticket("", "2026-03-02 09:00"), ("id", "empty_id")),
        (ticket("1" * 101, "2026-03-02 09:00"), ("id", "too_long")),
        (ticket("1001", ""), ("created", "empty_created")),
        (ticket("1001", "gestern"), ("created", "bad_date")),
        (ticket("1001", "2026-02-30 09:00"), ("created", "impossible_date")),
        (ticket("1001", "2317-03-02 09:00"), ("created", "implausible_date")),
        (ticket("1001", DAY, "2026-03-02 08:00"), ("first_response", "response_before_created")),
        (ticket("1001", DAY, "", "2026-03-01 09:00"), ("resolved", "resolved_before_created")),
        (ticket("1001", "2026-03-02 09:00", resolved="31.31.2026"), ("resolved", "bad_date")),
        (ticket("1001", "2026-03-02 09:00", priority=""), ("priority", "empty_priority")),
        (ticket("1001", DAY, priority="Sonnenschein"), ("priority", "unknown_priority")),
        (ticket("1001", "2026-03-02 09:00", priority="P7"), ("priority", "unknown_priority")),
    ],
)  # fmt: skip
def test_bad_rows_are_rejected_with_their_reason(setup, tmp_path, row, expected) -> None:
    provider, policy = setup
    good = ticket("1000", "2026-03-02 09:00", "2026-03-02 09:10")
    job = analyse(write_csv(tmp_path, [good, row]), provider, policy)
    assert (job.rows_read, job.imported, job.rejected) == (2, 1, 1)
    assert rejections(job) == [(3, *expected)]


def test_rejected_value_is_kept_shortened(setup, tmp_path) -> None:
    provider, policy = setup
    job = analyse(write_csv(tmp_path, [ticket("x" * 500, "2026-03-02 09:00")]), provider, policy)
    assert job.rejections.get().value == "x" * 200


def test_a_row_gets_its_first_reason_only(setup, tmp_path) -> None:
    provider, policy = setup
    rows = [ticket("1000", "2026-03-02 09:00"), ticket("", "", "gestern", priority="")]
    job = analyse(write_csv(tmp_path, rows), provider, policy)
    assert rejections(job) == [(3, "id", "empty_id")]


def test_long_texts_are_shortened_and_said_so(setup, tmp_path) -> None:
    provider, policy = setup
    row = ticket("1001", "2026-03-02 09:00", title="Drucker " * 100)
    job = analyse(write_csv(tmp_path, [row]), provider, policy)
    assert len(ExternalTicket.objects.get(job=job).title) == 300
    assert {"code": "truncated", "params": {"field": "title", "length": 300}} in job.assumptions


def test_assumptions_name_preset_columns_priorities_and_no_pauses(setup, tmp_path) -> None:
    provider, policy = setup
    job = analyse(write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00")]), provider, policy)
    codes = [item["code"] for item in job.assumptions]
    assert codes[0] == "preset_chosen"
    assert {"code": "column", "params": {"field": "id", "column": "Ticket"}} in job.assumptions
    priority = {"code": "priority", "params": {"value": "P2", "priority": "P2 Hoch"}}
    assert priority in job.assumptions
    assert codes[-1] == "no_pauses"


def test_resolution_as_response_is_an_assumption(setup, tmp_path) -> None:
    provider, policy = setup
    row = ticket("1001", "2026-03-02 09:00", "", "2026-03-02 09:45")
    job = analyse(write_csv(tmp_path, [row]), provider, policy)
    assert "response_from_resolution" in [item["code"] for item in job.assumptions]
    assert ExternalTicket.objects.get(job=job).response_met is True


def test_priority_map_of_the_options_wins(setup, tmp_path) -> None:
    provider, policy = setup
    row = ticket("1001", "2026-03-02 09:00", "2026-03-02 09:40", priority="Sofort")
    job = analyse(write_csv(tmp_path, [row]), provider, policy, priority_map={"sofort": 1})
    assert ExternalTicket.objects.get(job=job).priority_rank == 1
    assert ExternalTicket.objects.get(job=job).response_met is False  # 40 min > 30 min


def test_provider_verdict_that_differs_from_ours_is_marked(setup, tmp_path) -> None:
    provider, policy = setup
    rows = [
        ticket("1", "2026-03-02 09:00", "2026-03-02 09:30", "2026-03-02 12:00", **{"SLA": "Ja"}),
        ticket("2", "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 12:00", **{"SLA": "Ja"}),
        ticket("3", "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 12:00", **{"SLA": "Nein"}),
    ]
    job = analyse(write_csv(tmp_path, rows), provider, policy, columns={"sla_met": "SLA"})
    tickets = {t.ticket_id: t for t in ExternalTicket.objects.filter(job=job)}
    assert [tickets[i].disagrees for i in "123"] == [False, True, False]
    assert (tickets["2"].provider_met, tickets["2"].provider_verdict) == (True, "Ja")
    assert job.disagreements == 1


def test_same_ticket_twice_the_later_row_wins(setup, tmp_path) -> None:
    provider, policy = setup
    rows = [
        ticket("1001", "2026-03-02 09:00", title="alt"),
        ticket("1001", "2026-03-02 09:00", title="neu"),
    ]
    job = analyse(write_csv(tmp_path, rows), provider, policy, columns={"updated": ""})
    assert (job.imported, job.superseded) == (1, 1)
    assert list(ExternalTicket.objects.filter(job=job).values_list("title", flat=True)) == ["neu"]


def test_same_ticket_twice_the_latest_update_wins_wherever_it_is(setup, tmp_path) -> None:
    provider, policy = setup
    rows = [
        ticket("1001", "2026-03-02 09:00", title="neu", updated="2026-03-05 10:00"),
        ticket("1001", "2026-03-02 09:00", title="alt", updated="2026-03-03 10:00"),
        ticket("1002", "2026-03-02 09:00", title="anderes"),
    ]
    job = analyse(write_csv(tmp_path, rows), provider, policy)
    assert (job.imported, job.superseded) == (2, 1)
    assert ExternalTicket.objects.get(job=job, ticket_id="1001").title == "neu"


def test_duplicates_across_chunks_are_found(setup, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(analysis, "CHUNK_ROWS", 2)
    provider, policy = setup
    rows = [ticket(str(n), "2026-03-02 09:00", title=f"v{n}") for n in (1, 2, 3)]
    rows.append(ticket("1", "2026-03-02 09:00", title="v1 neu"))
    job = analyse(write_csv(tmp_path, rows), provider, policy, columns={"updated": ""})
    assert (job.imported, job.superseded) == (3, 1)
    assert ExternalTicket.objects.get(job=job, ticket_id="1").title == "v1 neu"


def test_progress_reaches_the_total(setup, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(analysis, "CHUNK_ROWS", 2)
    provider, policy = setup
    rows = [ticket(str(n), "2026-03-02 09:00") for n in range(5)]
    job = analyse(write_csv(tmp_path, rows), provider, policy)
    assert (job.progress_done, job.progress_total) == (6, 6)  # header + 5 lines


def test_only_the_first_rejections_are_stored_but_all_are_counted(
    setup, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(analysis, "REJECTIONS_KEPT", 3)
    monkeypatch.setattr(analysis, "CHUNK_ROWS", 2)
    provider, policy = setup
    job = analyse(write_csv(tmp_path, [ticket(str(n), "") for n in range(7)]), provider, policy)
    assert job.rejected == 7
    assert [row for row, _field, _reason in rejections(job)] == [2, 3, 4]


def test_missing_required_column_fails_and_names_it(setup, tmp_path) -> None:
    provider, policy = setup
    path = write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00")])
    job = analyse(path, provider, policy, columns={"priority": ""})
    assert job.state == ImportJob.State.FAILED
    assert "Priorit" in job.message and "Ticket" in job.message
    assert not ExternalTicket.objects.filter(job=job).exists()


def test_mapping_to_a_column_the_file_lacks_fails_and_names_it(setup, tmp_path) -> None:
    provider, policy = setup
    path = write_csv(tmp_path, [ticket("1001", "2026-03-02 09:00")])
    job = analyse(path, provider, policy, columns={"status": "Zustand"})
    assert job.state == ImportJob.State.FAILED
    assert "Zustand" in job.message


def test_analysis_takes_only_a_queued_job(setup, tmp_path) -> None:
    provider, policy = setup
    job = run_import(write_csv(tmp_path, [ticket("1", "2026-03-02 09:00")]), provider, policy)
    from vendorwatch.monitoring import pipeline

    assert pipeline.job_analyse(job).state == ImportJob.State.DONE
    assert ExternalTicket.objects.filter(job=job).count() == 1


def test_discard_drops_the_staged_rows(setup, tmp_path) -> None:
    from vendorwatch.monitoring import pipeline

    provider, policy = setup
    job = analyse(
        write_csv(tmp_path, [ticket("1", "2026-03-02 09:00"), ticket("", "")]), provider, policy
    )
    job = pipeline.job_discard(job)
    assert job.state == ImportJob.State.DISCARDED
    assert not ExternalTicket.objects.filter(job=job).exists()
    assert not ImportRejection.objects.filter(job=job).exists()
    assert not job.file


def test_reanalyse_reads_the_file_again_with_other_settings(setup, tmp_path) -> None:
    from vendorwatch.monitoring import pipeline
    from vendorwatch.monitoring.tests.pipeline_factory import options

    provider, policy = setup
    row = ticket("1001", "2026-03-02 09:00", priority="Sonnenschein")
    job = analyse(write_csv(tmp_path, [row]), provider, policy)
    assert job.rejected == 1
    job = pipeline.job_reanalyse(job, options(priority_map={"Sonnenschein": 1}))
    job = pipeline.job_analyse(job)
    assert (job.state, job.rejected, job.imported) == (ImportJob.State.PREVIEW, 0, 1)
    assert ExternalTicket.objects.filter(job=job).count() == 1


def test_texts_arrive_unchanged_and_empty_stays_empty(setup, tmp_path) -> None:
    provider, policy = setup
    title = 'Er sagt "geht nicht";\nZeile 2 \\ mit 😀 und ,Komma'
    rows = [ticket("1", DAY, title=title), ticket("2", DAY, title="")]
    job = analyse(write_csv(tmp_path, rows), provider, policy)
    tickets = {t.ticket_id: t for t in ExternalTicket.objects.filter(job=job)}
    assert (tickets["1"].title, tickets["2"].title) == (title, "")
    assert (tickets["2"].first_response, tickets["2"].provider_met) == (None, None)


@pytest.mark.parametrize(
    ("zone", "created", "resolved"),
    [
        ("Europe/Berlin", "2026-03-27 16:00", "2026-03-30 09:00"),  # local time, CET -> CEST
        ("UTC", "2026-03-27 15:00", "2026-03-30 07:00"),  # the same instants in UTC
    ],
)
def test_ticket_across_the_change_to_summer_time(setup, tmp_path, zone, created, resolved) -> None:
    # Friday 16:00-17:00 and Monday 08:00-09:00: two business hours, whatever the clocks did.
    provider, policy = setup
    row = ticket("1001", created, created, resolved)
    job = analyse(write_csv(tmp_path, [row]), provider, policy, time_zone=zone)
    staged = ExternalTicket.objects.get(job=job)
    assert staged.resolved == local("2026-03-30 09:00")
    assert (staged.resolution_seconds, staged.resolution_met) == (2 * 3600, True)


def test_a_ticket_created_before_the_sla_applied_is_rejected(setup, tmp_path) -> None:
    provider, policy = setup
    first = policy.versions.order_by("valid_from").first()
    day_before = first.valid_from.fromordinal(first.valid_from.toordinal() - 1)
    row = ticket("1001", f"{day_before:%Y-%m-%d} 09:00", f"{day_before:%Y-%m-%d} 10:00")
    job = analyse(write_csv(tmp_path, [row]), provider, policy)
    assert [(field, reason) for _row, field, reason in rejections(job)] == [
        ("created", "before_sla")
    ]


def test_discard_records_who_discarded_and_when(setup, tmp_path, editor) -> None:
    from vendorwatch.monitoring import pipeline

    provider, policy = setup
    job = analyse(write_csv(tmp_path, [ticket("1", "2026-03-02 09:00")]), provider, policy)
    with time_machine.travel(local("2026-03-05 10:00"), tick=False):
        job = pipeline.job_discard(job, user=editor)
    assert (job.undone_by, job.undone_at) == (editor, local("2026-03-05 10:00"))
