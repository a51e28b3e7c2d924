"""Holiday regions by name, closed days and targets in words people read at once."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vendorwatch.organisation.models import FederalState
from vendorwatch.sla.forms import region_choices
from vendorwatch.sla.tests.factory import make_calendar
from vendorwatch.sla.wording import describe_target, duration_text, holiday_summary, region_name

GERMAN_STATES = {
    "DE-BW": ("Baden-Württemberg", "Baden-Württemberg"),
    "DE-BY": ("Bayern", "Bavaria"),
    "DE-BE": ("Berlin", "Berlin"),
    "DE-BB": ("Brandenburg", "Brandenburg"),
    "DE-HB": ("Bremen", "Bremen"),
    "DE-HH": ("Hamburg", "Hamburg"),
    "DE-HE": ("Hessen", "Hesse"),
    "DE-MV": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "DE-NI": ("Niedersachsen", "Lower Saxony"),
    "DE-NW": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "DE-RP": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "DE-SL": ("Saarland", "Saarland"),
    "DE-SN": ("Sachsen", "Saxony"),
    "DE-ST": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "DE-SH": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "DE-TH": ("Thüringen", "Thuringia"),
    "DE": ("Deutschland (bundesweit)", "Germany (nationwide)"),
}


def test_every_german_state_is_named_in_both_languages() -> None:
    assert set(GERMAN_STATES) == {state.value for state in FederalState} | {"DE"}
    for code, (german, english) in GERMAN_STATES.items():
        with translation.override("de"):
            assert region_name(code) == german
        with translation.override("en"):
            assert region_name(code) == english


def test_the_summary_names_the_region_and_the_kind_of_holidays() -> None:
    with translation.override("de"):
        assert holiday_summary("DE-BY", "public") == "Bayern — gesetzliche Feiertage"
        assert holiday_summary("DE", "public") == "Deutschland (bundesweit) — gesetzliche Feiertage"
        assert holiday_summary("", "public") == "Keine Feiertage"
    with translation.override("en"):
        assert holiday_summary("DE-BY", "public") == "Bavaria — public holidays"


def test_a_region_abroad_is_named_by_country_and_region() -> None:
    with translation.override("de"):
        assert region_name("AT-9") == "Österreich – Wien"
        assert region_name("CH-ZH") == "Schweiz – Zürich"
        assert holiday_summary("AT", "public") == "Österreich — gesetzliche Feiertage"
    with translation.override("en"):
        assert region_name("AT") == "Austria"
        assert region_name("JP") == "Japan"


def test_the_region_choices_show_names_not_codes() -> None:
    with translation.override("de"):
        labels = [str(label) for _value, label in region_choices()]
    assert "Bayern" in labels and "Deutschland (bundesweit)" in labels
    assert not any("DE-" in label or "(public)" in label for label in labels)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "closed"), [("de", "geschlossen"), ("en", "closed")])
def test_a_closed_day_reads_closed(client: Client, viewer, language: str, closed: str) -> None:
    calendar = make_calendar()
    calendar.days.create(date="2026-12-28", windows=[], note="")
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = language
    text = client.get(reverse("sla-calendar-detail", args=[calendar.pk])).text
    saturday = text.split(">Samstag</th>" if language == "de" else ">Saturday</th>")[1]
    assert saturday.split("</tr>")[0] == f"<td>{closed}</td>"
    exception = text.split("28.12.2026</td>")[1].split("</tr>")[0]
    assert f"<td>{closed}</td>" in exception
    assert "abgeschlossen" not in text


def test_a_target_reads_as_a_duration_not_as_a_time_of_day() -> None:
    with translation.override("de"):
        assert describe_target(8, "hours", "business") == "8 Std. Servicezeit"
        assert describe_target(30, "minutes", "calendar") == "30 Min. Kalenderzeit"
        assert describe_target(270, "minutes", "business") == "4 Std. 30 Min. Servicezeit"
        assert duration_text(120) == "2 Std."
    with translation.override("en"):
        assert describe_target(8, "hours", "business") == "8 h business time"
        assert describe_target(270, "minutes", "business") == "4 h 30 min business time"
        assert duration_text(45) == "45 min"


@pytest.mark.parametrize(
    ("amount", "basis", "german", "english"),
    [
        (1, "business", "1 Arbeitstag", "1 business day"),
        (3, "business", "3 Arbeitstage", "3 business days"),
        (1, "calendar", "1 Kalendertag", "1 calendar day"),
        (2, "calendar", "2 Kalendertage", "2 calendar days"),
    ],
)
def test_days_are_counted_with_the_right_plural(
    amount: int, basis: str, german: str, english: str
) -> None:
    with translation.override("de"):
        assert describe_target(amount, "days", basis) == german
    with translation.override("en"):
        assert describe_target(amount, "days", basis) == english
