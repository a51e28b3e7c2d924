"""Reading ticket exports: CSV in its many dialects and XLSX, found by content."""

from __future__ import annotations

from pathlib import Path

from vendorwatch.monitoring.reading import read_table


def write(tmp_path: Path, data: bytes, name: str = "export.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_cp1252_semicolon_file_with_title_block_and_footer_is_read(tmp_path: Path) -> None:
    text = (
        "Ticket-Bericht\r\nZeitraum: Januar\r\n\r\nTicket;Erstellt;Priorität;Titel\r\n"
        '1;01.01.2026 10:00;hoch;"Störung\r\nim Netz"\r\n2;02.01.2026 10:00;niedrig;Drucker\r\n'
        "Summe: 2;;;\r\n"
    )
    table = read_table(write(tmp_path, text.encode("cp1252")))
    assert (table.headers, table.header_row) == (["Ticket", "Erstellt", "Priorität", "Titel"], 4)
    assert list(table.rows) == [
        (5, ["1", "01.01.2026 10:00", "hoch", "Störung\r\nim Netz"]),
        (7, ["2", "02.01.2026 10:00", "niedrig", "Drucker"]),
    ]
