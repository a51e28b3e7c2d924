from datetime import date

import pytest
from django.utils import translation

from vendorwatch.meetings.presets import (
    BIWEEKLY,
    CUSTOM,
    MONTHLY_DAY,
    MONTHLY_WEEKDAY,
    QUARTERLY,
    WEEKLY,
    describe,
    preset_of,
    preset_rule,
)

TUESDAY = date(2026, 1, 6)  # the first Tuesday of January 2026


@pytest.mark.parametrize(
    ("preset", "rule"),
    [
        (WEEKLY, "FREQ=WEEKLY;BYDAY=TU"),
        (BIWEEKLY, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        (MONTHLY_WEEKDAY, "FREQ=MONTHLY;BYDAY=1TU"),
        (MONTHLY_DAY, "FREQ=MONTHLY;BYMONTHDAY=6"),
        (QUARTERLY, "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU"),
    ],
)
def test_a_preset_gives_its_rule_from_the_first_date(preset: str, rule: str) -> None:
    assert preset_rule(preset, TUESDAY) == rule
    assert preset_of(rule, TUESDAY) == preset


def test_the_fifth_weekday_of_a_month_becomes_the_last() -> None:
    assert preset_rule(MONTHLY_WEEKDAY, date(2026, 3, 31)) == "FREQ=MONTHLY;BYDAY=-1TU"


def test_a_rule_no_preset_gives_is_custom() -> None:
    assert preset_rule(CUSTOM, TUESDAY) is None
    assert preset_of("FREQ=MONTHLY;BYDAY=-1FR", TUESDAY) == CUSTOM


@pytest.mark.parametrize(
    ("rule", "english", "german"),
    [
        (
            "FREQ=MONTHLY;BYDAY=1TU",
            "every first Tuesday of the month",
            "jeden ersten Dienstag im Monat",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            "every two weeks on Tuesday",
            "alle zwei Wochen am Dienstag",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU",
            "every 3 months on the first Tuesday",
            "alle 3 Monate am ersten Dienstag",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR",
            "every last Friday of the month",
            "jeden letzten Freitag im Monat",
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "every week on Monday and Thursday",
            "jede Woche am Montag und Donnerstag",
        ),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "every month on day 15", "jeden Monat am 15."),
        (
            "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
            "every week on Tuesday, 10 times in total",
            "jede Woche am Dienstag, insgesamt 10-mal",
        ),
    ],
)
def test_a_rule_is_described_in_plain_words(rule: str, english: str, german: str) -> None:
    with translation.override("en"):
        assert describe(rule) == english
    with translation.override("de"):
        assert describe(rule) == german


@pytest.mark.parametrize(
    "rule", ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYWEEKNO=20", "nonsense"]
)
def test_a_rule_the_words_cannot_say_is_shown_as_stored(rule: str) -> None:
    assert describe(rule) == rule
