"""Local holidays: Assumption Day in Catholic Bavarian municipalities, Augsburg's Peace Festival.

Hand-worked: 15.08.2026 is a Saturday, 08.08.2025 a Friday. Neither day is a holiday of
Bavaria as a whole, so a calendar without the options is open on both.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vendorwatch.sla.local_holidays import from_storage, to_storage
from vendorwatch.sla.tests.factory import make_calendar

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_TO_SATURDAY = [["08:00-17:00"]] * 5 + [["08:00-12:00"], []]


def bavarian_calendar(*local: str, weekly: list[list[str]] | None = None):
    region, categories = to_storage("DE-BY", local)
    return make_calendar(
        holiday_region=region,
        holiday_categories=categories,
        weekly=weekly or [["08:00-17:00"]] * 5 + [[], []],
    ).to_engine()


def test_with_assumption_day_saturday_15_august_2026_is_closed() -> None:
    rule = bavarian_calendar("assumption", weekly=MONDAY_TO_SATURDAY).day_rule(
        date(2026, 8, 15), "de"
    )
    assert (rule.windows, rule.holiday) == ((), "Mariä Himmelfahrt")


def test_without_assumption_day_saturday_15_august_2026_is_open() -> None:
    engine = bavarian_calendar(weekly=MONDAY_TO_SATURDAY)
    assert [str(w) for w in engine.windows_on(date(2026, 8, 15))] == ["08:00-12:00"]


def test_with_the_peace_festival_friday_8_august_2025_is_closed() -> None:
    rule = bavarian_calendar("augsburg_peace").day_rule(date(2025, 8, 8), "de")
    assert (rule.windows, rule.holiday) == ((), "Augsburger Hohes Friedensfest")


def test_without_the_peace_festival_friday_8_august_2025_is_open() -> None:
    engine = bavarian_calendar("assumption")
    assert [str(w) for w in engine.windows_on(date(2025, 8, 8))] == ["08:00-17:00"]


def test_augsburg_also_has_assumption_day() -> None:
    engine = bavarian_calendar("augsburg_peace", weekly=MONDAY_TO_SATURDAY)
    assert engine.windows_on(date(2026, 8, 15)) == ()


def test_a_response_due_on_friday_moves_past_the_peace_festival() -> None:
    # Thu 07.08.2025 16:00 + 2 business hours: 1 hour on Thursday, 1 hour on the next open day.
    start = datetime(2025, 8, 7, 16, 0, tzinfo=BERLIN)
    assert bavarian_calendar().due(start, timedelta(hours=2)) == datetime(
        2025, 8, 8, 9, 0, tzinfo=BERLIN
    )
    assert bavarian_calendar("augsburg_peace").due(start, timedelta(hours=2)) == datetime(
        2025, 8, 11, 9, 0, tzinfo=BERLIN
    )


@pytest.mark.parametrize(
    ("chosen", "stored", "shown"),
    [
        ([], ("DE-BY", "public"), []),
        (["assumption"], ("DE-BY", "public,catholic"), ["assumption"]),
        (["augsburg_peace"], ("DE-Augsburg", "public"), ["assumption", "augsburg_peace"]),
        (
            ["assumption", "augsburg_peace"],
            ("DE-Augsburg", "public,catholic"),
            ["assumption", "augsburg_peace"],
        ),
    ],
)
def test_the_choices_are_stored_as_the_holiday_data_knows_them(chosen, stored, shown) -> None:
    assert to_storage("DE-BY", chosen) == stored
    assert from_storage(*stored) == ("DE-BY", shown)


def test_corpus_christi_in_thuringia_is_its_catholic_category() -> None:
    assert to_storage("DE-TH", ["corpus_christi_th"]) == ("DE-TH", "public,catholic")
    assert from_storage("DE-TH", "public,catholic") == ("DE-TH", ["corpus_christi_th"])


def test_the_summary_names_the_local_holidays_in_german() -> None:
    calendar = make_calendar(holiday_region="DE-Augsburg")
    assert calendar.holiday_summary() == (
        "Bayern — gesetzliche Feiertage, dazu die örtlichen Feiertage: Mariä Himmelfahrt "
        "(15. August), "
        "Augsburger Hohes Friedensfest (8. August)"
    )
