"""Reading a ticket export into rows of cells, whatever the tool and however messy the file.

CSV: UTF-8 with or without BOM, or cp1252; ``;``, ``,`` or tab; quoted multi-line cells; a
title block above the header row and a footer below the data; a trailing delimiter on every
line. XLSX: the first sheet with data; cells as Excel gives them (datetime, number, text).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


class UnreadableFile(Exception):
    """The file cannot be read at all (binary, empty, no header row, truncated, too wide...).

    ``code`` is one of UNREADABLE (below); ``str(exc)`` is the message in the active language.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    headers: list[str]  # as written in the file (duplicates kept, trailing empty one dropped)
    header_row: int  # line (CSV) or sheet row (XLSX) of the header, 1-based
    # (row number, cells): the CSV line where the record starts / the XLSX sheet row; cells
    # are str for CSV, and str/datetime/float/int/None for XLSX; blank rows are skipped,
    # footer rows are not yielded (counted in assumptions).
    rows: Iterator[tuple[int, list[Any]]]
    # [{"code": ..., "params": {...}}] as in reasons.ASSUMPTIONS; the reader appends to it
    # while ``rows`` is consumed (footer_skipped is known only at the end).
    assumptions: list[dict[str, Any]] = field(default_factory=list)


def read_table(
    path: str,
    *,
    file_name: str = "",
    encoding: str = "",
    delimiter: str = "",
    known_headers: Sequence[str] = (),
) -> Table:
    """Open ``path`` and find its header row; raises UnreadableFile with a clear message.

    ``known_headers`` (normalised) help find the header row below a title block.
    """
    raise NotImplementedError
