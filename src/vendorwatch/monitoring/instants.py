"""Dates and times from an export as UTC epoch seconds, a whole column at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from vendorwatch.core.businesstime import MISSING  # int64 marker of an empty cell

__all__ = ["MISSING", "ParsedInstants", "parse_instants"]


@dataclass
class ParsedInstants:
    epoch: npt.NDArray[np.int64]  # seconds since 1970 UTC; MISSING where the cell was empty
    # per cell: "" fine or empty, else a reasons.REASONS code: "bad_date", "impossible_date",
    # "implausible_date"
    error: npt.NDArray[np.str_]
    # what was assumed for this column, reasons.ASSUMPTIONS entries (format, zone, serials)
    assumptions: list[dict[str, Any]]
    date_format: str  # the strptime format used ("" for native/ISO/serial values)


def parse_instants(
    values: Sequence[Any],
    *,
    field: str,
    formats: Sequence[str] = (),
    time_zone: str,
    day_first: bool | None = None,
) -> ParsedInstants:
    """Parse one column: str (any format in ``formats``, else detected), datetime (Excel),
    int/float (Excel serial), None/"" (empty). Times without an offset are local to
    ``time_zone``; in the hour that occurs twice when the clocks go back, the first is taken.
    """
    raise NotImplementedError
