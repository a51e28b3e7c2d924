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


def test_a_local_holiday_of_another_state_is_refused_next_to_the_choice() -> None:
    form = CalendarForm(calendar_post_data(region="DE-NW", local_holidays=["assumption"]))
    assert not form.is_valid()
    assert form.errors["local_holidays"] == [
        "Mariä Himmelfahrt (15. August) ist ein örtlicher Feiertag nur in Bayern. "
        "Wählen Sie oben Bayern oder entfernen Sie den Haken."
    ]


def test_a_local_holiday_needs_public_holidays_at_all() -> None:
    form = CalendarForm(calendar_post_data(region="none", local_holidays=["augsburg_peace"]))
    assert not form.is_valid()
    assert "local_holidays" in form.errors


def test_assumption_day_is_kept_as_the_catholic_category_of_bavaria() -> None:
    form = CalendarForm(calendar_post_data(local_holidays=["assumption"]))
    assert form.is_valid(), form.errors
    calendar = form.save()
    assert (calendar.holiday_region, calendar.holiday_categories) == ("DE-BY", "public,catholic")


def test_the_peace_festival_makes_the_calendar_one_of_the_city_of_augsburg() -> None:
    form = CalendarForm(calendar_post_data(local_holidays=["augsburg_peace"]))
    assert form.is_valid(), form.errors
    calendar = form.save()
    assert (calendar.holiday_region, calendar.holiday_categories) == ("DE-Augsburg", "public")


def test_editing_augsburg_shows_bavaria_with_both_local_holidays_ticked() -> None:
    calendar = make_calendar(holiday_region="DE-Augsburg", holiday_categories="public")
    form = CalendarForm(instance=calendar)
    assert form.initial["region"] == "DE-BY"
    assert form.initial["local_holidays"] == ["assumption", "augsburg_peace"]


def test_the_form_offers_both_local_holidays_by_their_german_names() -> None:
    html = str(CalendarForm()["local_holidays"])
    assert "Bayern: Mariä Himmelfahrt (15. August)" in html
    assert "Bayern: Augsburger Hohes Friedensfest (8. August)" in html


def test_no_public_holidays_leaves_the_region_empty() -> None:
    form = CalendarForm(calendar_post_data(region="none"))
    assert form.is_valid(), form.errors
    assert form.save().holiday_region == ""


def test_editing_shows_an_unlisted_region_as_another_country() -> None:
    calendar = make_calendar(holiday_region="AT-9")
    form = CalendarForm(instance=calendar)
    assert form.initial["region"] == "other"
    assert form.initial["region_other"] == "AT-9"
