"""Malformed exports get a clear message and change nothing: no staged rows, no current ones."""

from __future__ import annotations

import pytest

from vendorwatch.monitoring import analysis
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportRejection
from vendorwatch.monitoring.tests.pipeline_factory import (
    analyse,
    make_monitoring,
    run_import,
    snapshot,
    ticket,
    write_csv,
)

HEADER = "Ticket;Created;First response;Resolved;Priority;Title;Updated\r\n"


def good_line(number: int) -> str:
    return f"{number};2026-03-02 09:00;2026-03-02 09:10;;P2;Drucker;\r\n"


@pytest.fixture
def before(db, settings, tmp_path):
    """A provider with one imported ticket, and what the pages see of it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    provider, policy = make_monitoring()
    run_import(write_csv(tmp_path, [ticket("1", "2026-03-02 09:00")]), provider, policy)
    return provider, policy, snapshot(provider)


def import_bytes(before, tmp_path, content: bytes, **options) -> ImportJob:
    provider, policy, _ = before
    path = tmp_path / "kaputt.csv"
    path.write_bytes(content)
    return analyse(path, provider, policy, **options)


def assert_nothing_changed(before, job: ImportJob) -> None:
    provider, _policy, seen = before
    assert job.state == ImportJob.State.FAILED
    assert job.message
    assert not ExternalTicket.objects.filter(job=job).exists()
    assert not ImportRejection.objects.filter(job=job).exists()
    assert snapshot(provider) == seen


def test_empty_file(before, tmp_path) -> None:
    job = import_bytes(before, tmp_path, b"")
    assert_nothing_changed(before, job)


def test_binary_file(before, tmp_path) -> None:
    job = import_bytes(before, tmp_path, b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert_nothing_changed(before, job)


def test_header_only(before, tmp_path) -> None:
    job = import_bytes(before, tmp_path, HEADER.encode())
    assert_nothing_changed(before, job)


def test_truncated_inside_a_quoted_cell_after_rows_were_staged(
    before, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(analysis, "CHUNK_ROWS", 5000)
    # Larger than the part the reader looks at first, so the end is found while reading.
    lines = HEADER + "".join(good_line(n) for n in range(10, 20_000))
    lines += '99;2026-03-02 09:00;;;P2;"Drucker druckt nicht, und dann'
    job = import_bytes(before, tmp_path, lines.encode())
    assert job.progress_done > 0  # chunks were written before the end was found broken
    assert_nothing_changed(before, job)


def test_cell_of_two_megabytes_is_shortened(before, tmp_path) -> None:
    content = HEADER + f'77;2026-03-02 09:00;;;P2;"{"x" * 2_000_000}";\r\n'
    job = import_bytes(before, tmp_path, content.encode())
    assert job.state == ImportJob.State.PREVIEW, job.message
    assert len(ExternalTicket.objects.get(job=job).title) == 300


def test_hundred_thousand_columns(before, tmp_path) -> None:
    header = ";".join(f"Spalte {n}" for n in range(100_000)) + "\r\n"
    job = import_bytes(before, tmp_path, (header + ";" * 99_999 + "\r\n").encode())
    assert_nothing_changed(before, job)


def test_wrong_encoding_chosen(before, tmp_path) -> None:
    content = HEADER + "5;2026-03-02 09:00;;;P2;Störung in der Buchhaltung;\r\n"
    job = import_bytes(before, tmp_path, content.encode("cp1252"), encoding="utf-8")
    assert_nothing_changed(before, job)


def test_windows_encoding_is_recognised(before, tmp_path) -> None:
    content = HEADER + "5;2026-03-02 09:00;;;P2;Störung in der Buchhaltung;\r\n"
    job = import_bytes(before, tmp_path, content.encode("cp1252"))
    assert ExternalTicket.objects.get(job=job).title == "Störung in der Buchhaltung"
