import pytest
from django.core.exceptions import ValidationError

from vendorwatch.sla.fields import parse_windows


def test_it_reads_several_windows_and_sorts_them() -> None:
    assert parse_windows("13:00-17:00, 8:00 – 12:00") == ["08:00-12:00", "13:00-17:00"]


def test_empty_means_closed() -> None:
    assert parse_windows("  ") == []


def test_24_00_is_allowed_as_end() -> None:
    assert parse_windows("00:00-24:00") == ["00:00-24:00"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("8 bis 17", "format"),
        ("17:00-08:00", "order"),
        ("09:00-09:00", "order"),
        ("08:00-25:00", "range"),
        ("08:00-12:00, 11:00-13:00", "overlap"),
    ],
)
def test_it_rejects_bad_windows(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_windows(text)
    assert [error.code for error in raised.value.error_list] == [code]


def test_touching_windows_do_not_overlap() -> None:
    assert parse_windows("08:00-12:00, 12:00-13:00") == ["08:00-12:00", "12:00-13:00"]
