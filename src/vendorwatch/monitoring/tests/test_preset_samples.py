"""Each tool's sample export: read, recognised, its columns found, its dates and priorities read.

The samples (tests/samples/) hold the same seven tickets T1–T7 (see samples/cases.py), each
written the way its tool writes an export, so the same instants come out of every file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from vendorwatch.monitoring import presets, reading
from vendorwatch.monitoring.instants import MISSING, parse_instants
from vendorwatch.monitoring.tests.samples.cases import SAMPLES, TICKETS, Sample, sample_path

KEYS = list(SAMPLES)


def read(sample: Sample, tmp_path: Path) -> tuple[reading.Table, list[tuple[int, list[Any]]]]:
    table = reading.read_table(
        str(sample_path(sample, tmp_path)),
        file_name=sample.file,
        known_headers=sorted(presets.known_headers()),
    )
    rows = list(table.rows)
    return table, rows


def by_id(sample: Sample, table: reading.Table, rows: list[tuple[int, list[Any]]]) -> dict:
    columns = presets.resolve_columns(presets.BUILTIN[sample.preset], table.headers)
    return {str(cells[columns["id"]]): cells for _row, cells in rows}


def instants(sample: Sample, table: reading.Table, rows: list, field: str) -> dict[str, Any]:
    """ticket id -> the field's instant as an aware UTC datetime (None where empty)."""
    preset = presets.BUILTIN[sample.preset]
    columns = presets.resolve_columns(preset, table.headers)
    parsed = parse_instants(
        [cells[columns[field]] for _row, cells in rows],
        field=field,
        formats=preset.date_formats,
        time_zone=preset.time_zone or "Europe/Berlin",
        day_first=preset.day_first,
    )
    ids = [str(cells[columns["id"]]) for _row, cells in rows]
    errors = {t: e for t, e in zip(ids, parsed.error.tolist(), strict=True) if e}
    assert not set(errors) & set(sample.ids), errors
    return {
        ticket: None if epoch == MISSING else datetime.fromtimestamp(int(epoch), UTC)
        for ticket, epoch in zip(ids, parsed.epoch.tolist(), strict=True)
    }


@pytest.mark.parametrize("key", KEYS)
def test_the_sample_is_recognised_as_its_tool(key: str, tmp_path: Path) -> None:
    table, _rows = read(SAMPLES[key], tmp_path)
    assert presets.detect(table.headers)[0].key == key


@pytest.mark.parametrize("key", KEYS)
def test_the_required_columns_are_found(key: str, tmp_path: Path) -> None:
    table, _rows = read(SAMPLES[key], tmp_path)
    columns = presets.resolve_columns(presets.BUILTIN[key], table.headers)
    assert {"id", "created", "priority"} <= set(columns)


@pytest.mark.parametrize("key", KEYS)
def test_every_ticket_is_read(key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    assert set(sample.ids) <= set(by_id(sample, table, rows))


@pytest.mark.parametrize("key", KEYS)
def test_priorities_map_to_the_expected_ranks(key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    preset = presets.BUILTIN[key]
    column = presets.resolve_columns(preset, table.headers)["priority"]
    cells = by_id(sample, table, rows)
    values = [cells[number][column] for number in sample.ids]
    assert values == list(sample.priorities)
    assert [presets.map_priority(preset, value) for value in values] == list(sample.ranks)


@pytest.mark.parametrize("key", KEYS)
def test_created_instants_are_the_same_in_every_export(key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    created = instants(sample, table, rows, "created")
    assert [created[sample.id_of(t)] for t in TICKETS] == [
        sample.expected(t).created for t in TICKETS
    ]


@pytest.mark.parametrize("key", KEYS)
def test_the_ticket_across_the_clock_change_is_read_exactly(key: str, tmp_path: Path) -> None:
    # T3: created Fri 23.10.2026 16:00 summer time, resolved Mon 26.10.2026 10:00 winter time.
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    number = sample.id_of("T3")
    created = instants(sample, table, rows, "created")[number]
    resolved = instants(sample, table, rows, "resolved")[number]
    assert created == datetime(2026, 10, 23, 14, 0, tzinfo=UTC)
    assert resolved == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("key", KEYS)
def test_the_open_ticket_has_no_resolution(key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    assert instants(sample, table, rows, "resolved")[sample.id_of("T5")] is None


@pytest.mark.parametrize("key", [k for k in KEYS if k != "zendesk"])
def test_first_responses_are_read(key: str, tmp_path: Path) -> None:
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    response = instants(sample, table, rows, "first_response")
    assert [response[sample.id_of(t)] for t in TICKETS] == [
        sample.expected(t).first_response for t in TICKETS
    ]


def test_zendesk_first_reply_minutes_give_the_first_responses(tmp_path: Path) -> None:
    sample = SAMPLES["zendesk"]
    table, rows = read(sample, tmp_path)
    preset = presets.BUILTIN["zendesk"]
    columns = presets.resolve_columns(preset, table.headers)
    index, unit = presets.resolve_durations(preset, table.headers, columns)["first_response"]
    created = instants(sample, table, rows, "created")
    minutes = {str(cells[columns["id"]]): float(cells[index]) for _row, cells in rows}
    responses = [
        datetime.fromtimestamp(
            created[sample.id_of(t)].timestamp() + minutes[sample.id_of(t)] * unit, UTC
        )
        for t in TICKETS
    ]
    assert responses == [sample.expected(t).first_response for t in TICKETS]


@pytest.mark.parametrize("key", [k for k in KEYS if SAMPLES[k].verdicts])
def test_the_providers_verdicts_are_read(key: str, tmp_path: Path) -> None:
    # T2 said met (wrongly), T3 said breached (wrongly), T6 the response missed, T5 open.
    sample = SAMPLES[key]
    table, rows = read(sample, tmp_path)
    preset = presets.BUILTIN[key]
    columns = presets.resolve_columns(preset, table.headers)
    cells = by_id(sample, table, rows)

    def verdict(ticket: str, field: str) -> bool | None:
        if field not in columns:
            return None
        value = cells[sample.id_of(ticket)][columns[field]]
        return preset.verdict(table.headers[columns[field]], value)

    overall = [verdict(t, "sla_met") for t in ("T1", "T2", "T3", "T6")]
    response = [verdict(t, "response_met") for t in ("T1", "T2", "T3", "T6")]
    resolution = [verdict(t, "resolution_met") for t in ("T1", "T2", "T3", "T6")]
    if "sla_met" in columns:
        assert overall == [True, True, False, False]
    else:
        assert response == [True, True, True, False]
        assert resolution == [True, True, False, True]


def test_jira_sla_clocks_are_not_read_as_verdicts(tmp_path: Path) -> None:
    table, _rows = read(SAMPLES["jira"], tmp_path)
    columns = presets.resolve_columns(presets.BUILTIN["jira"], table.headers)
    assert not {"sla_met", "response_met", "resolution_met"} & set(columns)


def test_connectwise_sla_status_is_a_stage_not_a_verdict(tmp_path: Path) -> None:
    table, _rows = read(SAMPLES["connectwise"], tmp_path)
    columns = presets.resolve_columns(presets.BUILTIN["connectwise"], table.headers)
    assert "sla_met" not in columns


def test_jira_repeated_labels_are_kept_as_columns(tmp_path: Path) -> None:
    table, _rows = read(SAMPLES["jira"], tmp_path)
    assert table.headers.count("Labels") == 2


def test_glpi_multi_line_description_stays_one_cell(tmp_path: Path) -> None:
    sample = SAMPLES["glpi"]
    table, rows = read(sample, tmp_path)
    description = by_id(sample, table, rows)["4714"][table.headers.index("Description")]
    assert description.splitlines()[1] == 'Fehlermeldung: "Papierstau Fach 2"'


def test_glpi_trailing_delimiter_adds_no_column(tmp_path: Path) -> None:
    table, _rows = read(SAMPLES["glpi"], tmp_path)
    assert table.headers[-1] == "Time to resolve exceeded"


def test_the_german_excel_title_block_and_footer_are_skipped(tmp_path: Path) -> None:
    table, rows = read(SAMPLES["excel_de"], tmp_path)
    assert table.header_row == 4
    # 1004's subject spans two lines, so 1005 starts on line 10; the footer is not a ticket.
    assert [row for row, _cells in rows] == [5, 6, 7, 8, 10, 11, 12, 13, 14, 15]


def test_the_german_excel_impossible_date_is_flagged(tmp_path: Path) -> None:
    sample = SAMPLES["excel_de"]
    table, rows = read(sample, tmp_path)
    column = presets.resolve_columns(presets.BUILTIN["excel_de"], table.headers)["created"]
    parsed = parse_instants(
        [cells[column] for _row, cells in rows], field="created", time_zone="Europe/Berlin"
    )
    # 1009 was "created" on 31.02.2026
    assert parsed.error.tolist()[8] == "impossible_date"


def test_the_german_excel_file_is_read_as_windows_1252(tmp_path: Path) -> None:
    sample = SAMPLES["excel_de"]
    table, rows = read(sample, tmp_path)
    assert by_id(sample, table, rows)["1005"][1] == "Neuer Benutzer für Frau Öztürk"


def test_the_zammad_title_and_time_zone_footer_are_skipped(tmp_path: Path) -> None:
    table, rows = read(SAMPLES["zammad"], tmp_path)
    assert (table.header_row, [row for row, _cells in rows]) == (3, list(range(4, 11)))


def test_halopsa_times_are_read_as_utc(tmp_path: Path) -> None:
    sample = SAMPLES["halopsa"]
    table, rows = read(sample, tmp_path)
    assert presets.BUILTIN["halopsa"].time_zone == "UTC"
    created = instants(sample, table, rows, "created")
    assert created["3301"] == datetime(2026, 10, 19, 7, 0, tzinfo=UTC)
