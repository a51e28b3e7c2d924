"""Dates and times of a ticket export as UTC instants, a column at a time."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import numpy as np
import pytest
from django.utils import translation

from vendorwatch.monitoring import instants
from vendorwatch.monitoring.instants import MISSING, format_label, parse_instants

BERLIN = "Europe/Berlin"


def utc(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())  # type: ignore[misc]


def parse(values: list[Any], **options: Any) -> instants.ParsedInstants:
    options.setdefault("time_zone", BERLIN)
    options.setdefault("field", "created")
    return parse_instants(values, **options)


def assumption(parsed: instants.ParsedInstants, code: str) -> dict[str, Any]:
    return next(item["params"] for item in parsed.assumptions if item["code"] == code)


def codes(parsed: instants.ParsedInstants) -> list[str]:
    return [item["code"] for item in parsed.assumptions]


# --- the formats of real exports ---------------------------------------------------------------


def test_german_dates_are_local_time_in_the_zone() -> None:
    parsed = parse(["27.11.2026 14:30", "", "01.07.2026 08:00"])
    assert list(parsed.epoch) == [utc(2026, 11, 27, 13, 30), MISSING, utc(2026, 7, 1, 6, 0)]
    assert list(parsed.error) == ["", "", ""]
    assert parsed.date_format == "%d.%m.%Y %H:%M"
    assert assumption(parsed, "time_zone") == {"zone": BERLIN}


def test_the_date_format_is_told_in_the_readers_words() -> None:
    with translation.override("en"):
        parsed = parse(["27.11.2026 14:30"])
    assert assumption(parsed, "date_format")["format"] == "DD.MM.YYYY hh:mm"
    with translation.override("de"):
        assert format_label("%d.%m.%Y %H:%M") == "TT.MM.JJJJ hh:mm"


def test_german_dates_with_seconds_and_two_digit_years() -> None:
    parsed = parse(["27.11.26 14:30:15", "01.01.99 00:00:00"])
    assert list(parsed.epoch) == [utc(2026, 11, 27, 13, 30, 15), utc(1998, 12, 31, 23, 0)]
    assert parsed.date_format == "%d.%m.%y %H:%M:%S"


def test_a_column_mixing_times_with_and_without_seconds_is_read_whole() -> None:
    parsed = parse(["27.11.2026 14:30", "27.11.2026 14:30:59", "27.11.2026"])
    assert list(parsed.epoch) == [
        utc(2026, 11, 27, 13, 30),
        utc(2026, 11, 27, 13, 30, 59),
        utc(2026, 11, 26, 23, 0),
    ]


def test_iso_without_offset_is_local_time() -> None:
    parsed = parse(["2026-02-01T08:00:00", "2026-02-01 09:30", "2026-02-01"])
    assert list(parsed.epoch) == [
        utc(2026, 2, 1, 7, 0),
        utc(2026, 2, 1, 8, 30),
        utc(2026, 1, 31, 23, 0),
    ]
    assert "offset" not in codes(parsed)
    assert parsed.date_format == ""


def test_iso_with_an_offset_or_z_is_the_exact_instant() -> None:
    parsed = parse(
        ["2026-02-01T08:00:00+01:00", "2026-02-01T08:00:00Z", "2026-07-01T08:00:00.250-04:00"]
    )
    assert list(parsed.epoch) == [
        utc(2026, 2, 1, 7, 0),
        utc(2026, 2, 1, 8, 0),
        utc(2026, 7, 1, 12, 0),
    ]
    assert assumption(parsed, "offset") == {"field": "created"}
    assert "time_zone" not in codes(parsed)


def test_iso_with_and_without_offsets_in_one_column() -> None:
    parsed = parse(["2026-02-01T08:00:00+00:00", "2026-02-01T08:00:00"])
    assert list(parsed.epoch) == [utc(2026, 2, 1, 8, 0), utc(2026, 2, 1, 7, 0)]
    assert {"offset", "time_zone"} <= set(codes(parsed))


def test_jira_dates_with_month_names_and_am_pm() -> None:
    parsed = parse(["25/Feb/26 10:17 PM", "01/Mar/26 9:05 AM", "12/Mar/26 12:00 AM"])
    assert list(parsed.epoch) == [
        utc(2026, 2, 25, 21, 17),
        utc(2026, 3, 1, 8, 5),
        utc(2026, 3, 11, 23, 0),
    ]
    assert parsed.date_format == "%d/%b/%y %I:%M %p"


def test_american_twelve_hour_dates_are_month_first() -> None:
    with translation.override("en"):
        parsed = parse(["1/2/2026 8:20 AM", "1/2/2026 12:15 PM"])
    assert list(parsed.epoch) == [utc(2026, 1, 2, 7, 20), utc(2026, 1, 2, 11, 15)]
    assert assumption(parsed, "month_first")["example"] == "1/2/2026 8:20 AM = 2 January 2026"


def test_a_day_above_twelve_decides_for_day_first() -> None:
    parsed = parse(["1/2/2026 08:20", "13/2/2026 09:00"])
    assert list(parsed.epoch) == [utc(2026, 2, 1, 7, 20), utc(2026, 2, 13, 8, 0)]
    assert assumption(parsed, "day_first")["example"].startswith("13/2/2026 09:00")


def test_a_second_number_above_twelve_decides_for_month_first() -> None:
    parsed = parse(["1/2/2026 08:20", "2/13/2026 09:00"], day_first=True)
    assert list(parsed.epoch) == [utc(2026, 1, 2, 7, 20), utc(2026, 2, 13, 8, 0)]
    assert "month_first" in codes(parsed)


def test_a_deciding_value_far_down_the_column_is_found() -> None:
    values = ["1/2/2026 08:20"] * 5000 + ["25/12/2026 10:00"]
    parsed = parse(values)
    assert parsed.epoch[0] == utc(2026, 2, 1, 7, 20)
    assert parsed.epoch[-1] == utc(2026, 12, 25, 9, 0)


def test_undecided_day_and_month_follow_the_argument() -> None:
    parsed = parse(["1/2/2026 08:20", "3/4/2026 10:00"], day_first=False)
    assert list(parsed.epoch) == [utc(2026, 1, 2, 7, 20), utc(2026, 3, 4, 9, 0)]
    assert "month_first" in codes(parsed)


def test_undecided_day_and_month_without_a_hint_are_day_first() -> None:
    parsed = parse(["1/2/2026 08:20", "3/4/2026 10:00"])
    assert list(parsed.epoch) == [utc(2026, 2, 1, 7, 20), utc(2026, 4, 3, 8, 0)]
    assert "day_first" in codes(parsed)


def test_formats_given_are_used_in_order() -> None:
    parsed = parse(["05.06.2026 10:00"], formats=("%m.%d.%Y %H:%M", "%d.%m.%Y %H:%M"))
    assert (parsed.date_format, parsed.epoch[0]) == ("%m.%d.%Y %H:%M", utc(2026, 5, 6, 8, 0))


def test_formats_given_that_read_nothing_give_way_to_detection() -> None:
    parsed = parse(["2026-02-01T08:00:00Z"], formats=("%d.%m.%Y %H:%M",))
    assert parsed.epoch[0] == utc(2026, 2, 1, 8, 0)


def test_formats_given_strictly_reject_what_does_not_fit() -> None:
    parsed = parse(["2026-02-01T08:00:00Z"], formats=("%d.%m.%Y %H:%M",), detect=False)
    assert (parsed.epoch[0], parsed.error[0]) == (MISSING, "bad_date")


def test_utc_exports_are_not_shifted() -> None:
    parsed = parse(["01.07.2026 08:00"], time_zone="UTC")
    assert parsed.epoch[0] == utc(2026, 7, 1, 8, 0)
    assert assumption(parsed, "time_zone") == {"zone": "UTC"}


# --- Excel --------------------------------------------------------------------------------------


def test_native_excel_datetimes_are_local_and_aware_ones_exact() -> None:
    eastern = timezone(timedelta(hours=-5))
    parsed = parse(
        [
            datetime(2026, 2, 1, 8, 0),
            datetime(2026, 2, 1, 8, 0, tzinfo=eastern),
            date(2026, 2, 2),
            None,
        ]
    )
    assert list(parsed.epoch) == [
        utc(2026, 2, 1, 7, 0),
        utc(2026, 2, 1, 13, 0),
        utc(2026, 2, 1, 23, 0),
        MISSING,
    ]
    assert parsed.date_format == ""


def test_a_column_of_only_excel_datetimes() -> None:
    parsed = parse([datetime(2026, 7, 1, 8, 0), None, datetime(2026, 12, 1, 8, 0)])
    assert list(parsed.epoch) == [utc(2026, 7, 1, 6, 0), MISSING, utc(2026, 12, 1, 7, 0)]


def test_excel_serial_numbers_are_days_since_1899_12_30() -> None:
    parsed = parse([46054.5, 46054, 46054.999988426])
    assert list(parsed.epoch) == [
        utc(2026, 2, 1, 11, 0),
        utc(2026, 1, 31, 23, 0),
        utc(2026, 2, 1, 22, 59, 59),
    ]
    assert assumption(parsed, "excel_serial") == {"field": "created"}


def test_excel_serial_numbers_written_as_text() -> None:
    parsed = parse(["46054.5", "46055"])
    assert list(parsed.epoch) == [utc(2026, 2, 1, 11, 0), utc(2026, 2, 1, 23, 0)]
    assert "excel_serial" in codes(parsed)


def test_a_mixed_excel_column_of_text_dates_and_serials() -> None:
    parsed = parse([datetime(2026, 2, 1, 8, 0), "01.02.2026 09:00", 46054.5, "", None])
    assert list(parsed.epoch) == [
        utc(2026, 2, 1, 7, 0),
        utc(2026, 2, 1, 8, 0),
        utc(2026, 2, 1, 11, 0),
        MISSING,
        MISSING,
    ]
    assert list(parsed.error) == ["", "", "", "", ""]


def test_booleans_and_times_of_day_are_not_dates() -> None:
    from datetime import time

    parsed = parse([True, time(8, 0), datetime(2026, 2, 1, 8, 0)])
    assert list(parsed.error) == ["bad_date", "bad_date", ""]


def test_implausible_serial_numbers() -> None:
    parsed = parse([0.5, 500000.0, 46054.0])
    assert list(parsed.error) == ["implausible_date", "implausible_date", ""]


# --- empty cells and errors ----------------------------------------------------------------------


def test_empty_cells_are_missing_without_an_error() -> None:
    parsed = parse(["", "   ", None, "01.02.2026 08:00"])
    assert list(parsed.epoch[:3]) == [MISSING, MISSING, MISSING]
    assert list(parsed.error) == ["", "", "", ""]


def test_a_column_of_only_empty_cells() -> None:
    parsed = parse(["", ""])
    assert list(parsed.epoch) == [MISSING, MISSING]
    assert parsed.assumptions == []


def test_each_cell_gets_its_own_error() -> None:
    parsed = parse(
        [
            "27.11.2026 14:30",
            "n/a",
            "31.02.2026 10:00",
            "27.11.2026 24:61",
            "01.01.1850 10:00",
            "01.01.2250 10:00",
            "2026-11-27",
        ]
    )
    assert list(parsed.error) == [
        "",
        "bad_date",
        "impossible_date",
        "impossible_date",
        "implausible_date",
        "implausible_date",
        "bad_date",
    ]
    assert list(parsed.epoch[1:]) == [MISSING] * 6


def test_iso_errors() -> None:
    parsed = parse(["2026-02-01T08:00:00", "2026-02-30T08:00:00", "9999-01-01T00:00:00", "soon"])
    assert list(parsed.error) == ["", "impossible_date", "implausible_date", "bad_date"]


def test_a_column_without_any_date_is_all_bad() -> None:
    parsed = parse(["Drucker", "Server"])
    assert list(parsed.error) == ["bad_date", "bad_date"]
    assert parsed.date_format == ""


def test_extra_spaces_inside_a_date_are_forgiven() -> None:
    parsed = parse(["27.11.2026  14:30", " 27.11.2026 14:30 "])
    assert list(parsed.epoch) == [utc(2026, 11, 27, 13, 30)] * 2


def test_text_longer_than_any_date_is_bad() -> None:
    parsed = parse(["27.11.2026 14:30", "27.11.2026 14:30 " + "x" * 100_000])
    assert list(parsed.error) == ["", "bad_date"]


# --- daylight saving time -------------------------------------------------------------------------


def test_a_time_in_the_skipped_hour_moves_forward_to_three_oclock() -> None:
    parsed = parse(["29.03.2026 02:30"])
    assert parsed.epoch[0] == utc(2026, 3, 29, 1, 0)  # 03:00 summer time


def test_a_time_in_the_repeated_hour_is_the_first_one() -> None:
    parsed = parse(["25.10.2026 02:30"])
    assert parsed.epoch[0] == utc(2026, 10, 25, 0, 30)  # 02:30 summer time


def test_a_ticket_across_the_change_to_summer_time_lasts_an_hour_less() -> None:
    created, resolved = parse(["28.03.2026 18:00", "30.03.2026 08:00"]).epoch
    assert resolved - created == 37 * 3600  # 38 hours on the wall clock


def test_a_ticket_across_the_change_to_winter_time_lasts_an_hour_more() -> None:
    created, resolved = parse(["24.10.2026 18:00", "26.10.2026 08:00"]).epoch
    assert resolved - created == 39 * 3600


def test_utc_instants_are_not_moved_by_the_change() -> None:
    parsed = parse(["2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"])
    assert list(parsed.epoch) == [
        utc(2026, 3, 29, 1, 30),
        utc(2026, 10, 25, 0, 30),
        utc(2026, 10, 25, 1, 30),
    ]


# --- the column reader agrees with strptime -------------------------------------------------------


def _random_text(rng: random.Random, fmt: str) -> str:
    numbers = {
        "%d": rng.choice([str(rng.randint(0, 32)), f"{rng.randint(0, 32):02d}"]),
        "%m": rng.choice([str(rng.randint(0, 13)), f"{rng.randint(0, 13):02d}"]),
        "%Y": f"{rng.choice([rng.randint(1890, 2210), rng.randint(0, 99)]):04d}",
        "%y": f"{rng.randint(0, 99):02d}",
        "%H": rng.choice([str(rng.randint(0, 25)), f"{rng.randint(0, 25):02d}"]),
        "%I": rng.choice([str(rng.randint(0, 13)), f"{rng.randint(0, 13):02d}"]),
        "%M": f"{rng.randint(0, 61):02d}",
        "%S": f"{rng.randint(0, 61):02d}",
        "%b": rng.choice(["Jan", "feb", "MAR", "Dec", "Foo", "Sep"]),
        "%p": rng.choice(["AM", "pm", "PM", "xm"]),
    }
    text = fmt
    for directive, value in numbers.items():
        text = text.replace(directive, value)
    if rng.random() < 0.05:
        text = text.replace(".", "/").replace(":", "-")
    return text


def test_the_column_reader_reads_exactly_what_strptime_reads() -> None:
    rng = random.Random(11)
    formats = [fmt for fmt in instants.CANDIDATES if fmt not in (instants.ISO, instants.SERIAL)]
    texts = [_random_text(rng, rng.choice(formats)) for _ in range(4000)]
    prepared = instants._prepare(np.asarray(texts, dtype=object))
    for fmt in formats:
        got = instants._read_format(prepared, fmt)
        for text, seconds in zip(texts, got.tolist(), strict=True):
            try:
                value = datetime.strptime(text, fmt)
            except ValueError:
                expected = MISSING
            else:
                expected = int((value - datetime(1970, 1, 1)).total_seconds())
            if expected == MISSING and seconds != MISSING and "0000" in text:
                continue  # year 0: read here (then refused as implausible), not by strptime
            assert (fmt, text, seconds) == (fmt, text, expected)


@pytest.mark.parametrize("size", [0, 1, 3])
def test_tiny_columns(size: int) -> None:
    parsed = parse(["01.02.2026 08:00"] * size)
    assert parsed.epoch.dtype == np.int64
    assert len(parsed.epoch) == len(parsed.error) == size


def test_the_plausible_years_end_exactly_at_1900_and_2199() -> None:
    parsed = parse(["31.12.1899 23:59", "01.01.1900 00:00", "31.12.2199 23:59", "01.01.2200 00:00"])
    assert list(parsed.error) == ["implausible_date", "", "", "implausible_date"]


def test_an_instant_with_an_offset_at_the_edge_of_1900_is_kept() -> None:
    parsed = parse(["1900-01-01T00:30:00+01:00"])
    assert (parsed.error[0], parsed.epoch[0]) == ("", utc(1899, 12, 31, 23, 30))
