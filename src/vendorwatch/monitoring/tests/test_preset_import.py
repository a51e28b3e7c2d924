"""Each tool's sample export imported end to end and checked against hand-worked SLA results.

The seven tickets, the agreement and every due time and verdict are worked out in
samples/cases.py; the import runs on 3 November 2026, with the format recognised by itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine

from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.monitoring.tests.samples.cases import (
    DISAGREE,
    NOW,
    SAMPLES,
    TICKETS,
    Expected,
    make_monitoring,
    sample_path,
    utc,
)

KEYS = list(SAMPLES)


def run_import(key: str, tmp_path: Path) -> tuple[ImportJob, dict[str, ExternalTicket]]:
    provider, policy = make_monitoring()
    path = sample_path(SAMPLES[key], tmp_path)
    with time_machine.travel(NOW, tick=False):
        job = pipeline.job_create(
            provider=provider,
            sla_policy=policy,
            file=str(path),
            file_name=path.name,
            options=ImportOptions(preset="auto"),
        )
        job = pipeline.job_analyse(job)
        assert job.state == ImportJob.State.PREVIEW, job.message
        job = pipeline.job_commit(job)
    assert job.state == ImportJob.State.DONE
    tickets = ExternalTicket.objects.in_force().filter(provider=provider)
    return job, {t.ticket_id: t for t in tickets}


@pytest.mark.parametrize("key", KEYS)
def test_the_format_is_recognised(db, key: str, tmp_path: Path) -> None:
    job, _tickets = run_import(key, tmp_path)
    assert job.preset_used == key


@pytest.mark.parametrize("key", KEYS)
def test_every_ticket_is_imported_with_its_rank(db, key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    _job, tickets = run_import(key, tmp_path)
    assert [tickets[sample.id_of(t)].priority_rank for t in TICKETS] == list(sample.ranks)


@pytest.mark.parametrize("key", KEYS)
def test_the_compliance_is_the_hand_worked_one(db, key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    _job, tickets = run_import(key, tmp_path)
    for ticket in TICKETS:
        found = tickets[sample.id_of(ticket)]
        assert sample.expected(ticket).of(found) == sample.expected(ticket), ticket


@pytest.mark.parametrize("key", KEYS)
def test_the_ticket_across_the_clock_change_is_met(db, key: str, tmp_path: Path) -> None:
    # Created Fri 23.10.2026 16:00 summer time; 1 h on Friday and 7 h on Monday in winter
    # time: due Mon 26.10.2026 15:00 (14:00 UTC); resolved 10:00, so met.
    sample = SAMPLES[key]
    _job, tickets = run_import(key, tmp_path)
    t3 = tickets[sample.id_of("T3")]
    assert (t3.resolution_due, t3.resolution_met) == (utc("2026-10-26 14:00"), True)


@pytest.mark.parametrize("key", KEYS)
def test_the_open_ticket_has_no_resolution_verdict(db, key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    _job, tickets = run_import(key, tmp_path)
    t5 = tickets[sample.id_of("T5")]
    assert (t5.resolved, t5.resolution_met, t5.response_met) == (None, None, True)


@pytest.mark.parametrize("key", [k for k in KEYS if SAMPLES[k].verdicts])
def test_the_providers_wrong_verdicts_are_listed(db, key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    job, tickets = run_import(key, tmp_path)
    differing = {number for number, ticket in tickets.items() if ticket.disagrees}
    assert differing == {sample.id_of(t) for t in DISAGREE}
    assert job.disagreements == len(DISAGREE)


@pytest.mark.parametrize("key", [k for k in KEYS if not SAMPLES[k].verdicts])
def test_without_a_verdict_column_nothing_differs(db, key: str, tmp_path: Path) -> None:
    job, tickets = run_import(key, tmp_path)
    assert not any(ticket.disagrees for ticket in tickets.values())
    assert job.disagreements == 0


def test_glpi_exceeded_columns_are_stored_the_right_way_round(db, tmp_path: Path) -> None:
    # 4716: "Time to own exceeded" Yes, "Time to resolve exceeded" No.
    _job, tickets = run_import("glpi", tmp_path)
    t6 = tickets["4716"]
    assert (t6.provider_response_met, t6.provider_resolution_met) == (False, True)


def test_autotask_overall_verdict_is_stored(db, tmp_path: Path) -> None:
    _job, tickets = run_import("autotask", tmp_path)
    assert [tickets[n].provider_met for n in ("T20261019.0001", "T20261023.0002")] == [
        True,
        False,
    ]


def test_zendesk_first_response_is_created_plus_first_reply_minutes(db, tmp_path: Path) -> None:
    # 8802: created Tue 20.10. 16:30, first reply after 975 minutes: Wed 08:45 (06:45 UTC).
    _job, tickets = run_import("zendesk", tmp_path)
    assert tickets["8802"].first_response == utc("2026-10-21 06:45")


def test_halopsa_utc_times_give_the_same_results(db, tmp_path: Path) -> None:
    _job, tickets = run_import("halopsa", tmp_path)
    t1 = tickets["3301"]
    assert (t1.created, t1.response_due) == (utc("2026-10-19 07:00"), utc("2026-10-19 07:30"))


def test_german_excel_rejects_the_impossible_and_the_reversed_rows(db, tmp_path: Path) -> None:
    job, _tickets = run_import("excel_de", tmp_path)
    rejected = list(job.rejections.values_list("row", "reason"))
    assert (job.rows_read, job.imported, job.rejected) == (10, 8, 2)
    assert rejected == [(14, "impossible_date"), (15, "response_before_created")]


def test_german_excel_holiday_is_skipped_and_equality_counts_as_met(db, tmp_path: Path) -> None:
    # 1008, P2: created Wed 3.6.2026 16:00 (summer time); Thu 4.6. is Corpus Christi, a
    # public holiday in Bavaria. Resolution: 1 h Wednesday + 7 h Friday -> due Fri 5.6.
    # 15:00 (13:00 UTC); resolved at exactly 15:00: met. Response due Wed 17:00, at 16:30.
    _job, tickets = run_import("excel_de", tmp_path)
    found = tickets["1008"]
    assert Expected.of(found, found) == Expected(
        utc("2026-06-03 14:00"),
        utc("2026-06-03 14:30"),
        utc("2026-06-05 13:00"),
        utc("2026-06-03 15:00"),
        True,
        utc("2026-06-05 13:00"),
        True,
    )
