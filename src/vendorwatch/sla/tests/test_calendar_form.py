import pytest

from vendorwatch.sla.forms import CalendarForm, check_region
from vendorwatch.sla.tests.factory import calendar_post_data, make_calendar
from vendorwatch.testing.factory import make_organisation

pytestmark = pytest.mark.django_db


def test_it_saves_weekly_hours_and_region() -> None:
    form = CalendarForm(calendar_post_data(day_0="08:00-12:00, 13:00-17:00"))
    assert form.is_valid(), form.errors
    calendar = form.save()
    assert calendar.weekly[0] == ["08:00-12:00", "13:00-17:00"]
    assert calendar.weekly[5] == []
    assert calendar.holiday_region == "DE-BY"


def test_a_window_ending_before_it_starts_is_shown_next_to_its_day() -> None:
    form = CalendarForm(calendar_post_data(day_2="17:00-08:00"))
    assert not form.is_valid()
    assert form.errors["day_2"] == ["Das Zeitfenster 17:00–08:00 endet nicht nach seinem Beginn."]


def test_around_the_clock_fills_every_day() -> None:
    form = CalendarForm(calendar_post_data(always_open="on", day_0="", day_1=""))
    assert form.is_valid(), form.errors
    assert form.save().is_always_open


def test_a_calendar_without_any_hours_is_rejected() -> None:
    form = CalendarForm(calendar_post_data(**{f"day_{i}": "" for i in range(5)}))
    assert not form.is_valid()
    assert "mindestens einen Tag" in str(form.non_field_errors())


def test_the_region_is_preselected_from_the_company_state() -> None:
    make_organisation(federal_state="DE-NW")
    assert CalendarForm().initial["region"] == "DE-NW"


def test_another_country_is_checked_against_the_holiday_package() -> None:
    form = CalendarForm(calendar_post_data(region="other", region_other="XX-99"))
    assert not form.is_valid()
    assert "kennt „XX-99“ nicht" in form.errors["region_other"][0]


def test_another_country_with_a_region_is_accepted() -> None:
    assert check_region("at-9") == "AT-9"
    form = CalendarForm(calendar_post_data(region="other", region_other="CH-ZH"))
    assert form.is_valid(), form.errors
    assert form.save().holiday_region == "CH-ZH"


def test_catholic_holidays_must_exist_in_the_region() -> None:
    data = calendar_post_data(region="other", region_other="US", categories=["catholic"])
    form = CalendarForm(data)
    assert not form.is_valid()
    assert "categories" in form.errors


def test_no_public_holidays_leaves_the_region_empty() -> None:
    form = CalendarForm(calendar_post_data(region="none"))
    assert form.is_valid(), form.errors
    assert form.save().holiday_region == ""


def test_editing_shows_an_unlisted_region_as_another_country() -> None:
    calendar = make_calendar(holiday_region="AT-9")
    form = CalendarForm(instance=calendar)
    assert form.initial["region"] == "other"
    assert form.initial["region_other"] == "AT-9"
