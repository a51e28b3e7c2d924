"""The data migration brings the rows of imports waiting for their commit to the new form:
written current, counting once the import is DONE."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vendorwatch.testing.migrations import between_migrations

BEFORE = [("monitoring", "0002_import_outdated_count_and_fewer_ticket_indexes")]
AFTER = [("monitoring", "0003_fill_current_of_staged_tickets")]


@pytest.fixture
def old_state(transactional_db):
    with between_migrations(BEFORE, AFTER) as state:
        yield state


def _job(apps, state: str):
    provider = apps.get_model("providers", "Provider").objects.get_or_create(name="Brandl")[0]
    policy = apps.get_model("sla", "SlaPolicy").objects.get_or_create(
        name="SLA Brandl", defaults={"provider": provider}
    )[0]
    return apps.get_model("monitoring", "ImportJob").objects.create(
        provider=provider, sla_policy=policy, file_name=f"{state}.csv", state=state
    )


def _row(apps, job, ticket_id: str, current: bool):
    return apps.get_model("monitoring", "ExternalTicket").objects.create(
        provider_id=job.provider_id,
        job=job,
        current=current,
        row=2,
        ticket_id=ticket_id,
        priority_rank=1,
        created=datetime(2026, 3, 2, 9, tzinfo=UTC),
    )


def _current(apps, ticket_id: str) -> list[bool]:
    rows = apps.get_model("monitoring", "ExternalTicket").objects.filter(ticket_id=ticket_id)
    return list(rows.order_by("id").values_list("current", flat=True))


def test_rows_of_a_waiting_preview_become_current(old_state) -> None:
    apps, run = old_state
    _row(apps, _job(apps, "preview"), "1001", current=False)
    assert _current(run(), "1001") == [True]


def test_rows_of_completed_imports_keep_their_flag(old_state) -> None:
    apps, run = old_state
    done = _job(apps, "done")
    _row(apps, done, "1001", current=False)
    _row(apps, done, "1002", current=True)
    after = run()
    assert (_current(after, "1001"), _current(after, "1002")) == ([False], [True])
