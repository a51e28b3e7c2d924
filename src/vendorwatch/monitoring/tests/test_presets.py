"""Presets: which tool wrote a header row, which column holds what, priorities and verdicts."""

from __future__ import annotations

import pytest
from django.utils import translation

from vendorwatch.monitoring import presets
from vendorwatch.monitoring.presets import BUILTIN, detect, map_priority, read_verdict

GENERIC = BUILTIN["generic"]


def test_every_tool_of_the_issue_has_a_preset() -> None:
    assert list(BUILTIN) == [
        "zammad",
        "znuny",
        "glpi",
        "jira",
        "freshdesk",
        "zendesk",
        "autotask",
        "connectwise",
        "halopsa",
        "atera",
        "excel_de",
        "generic",
    ]


def test_every_preset_names_the_required_fields() -> None:
    for preset in BUILTIN.values():
        assert {"id", "created", "priority"} <= set(preset.columns), preset.key


def test_detect_counts_the_fields_found() -> None:
    preset, matched = detect(["Ticket#", "Erstellt", "Priorität", "Queue", "Betreff"])
    assert (preset.key, matched) == ("znuny", 5)


def test_detect_compares_headers_regardless_of_case_and_spaces() -> None:
    assert detect(["  issue KEY", "created", "PRIORITY", "summary"])[0].key == "jira"


def test_detect_ignores_a_byte_order_mark_on_the_first_header() -> None:
    assert detect(["\ufeffTicket Number", "Created", "Priority", "Complete Date"])[0].key == (
        "autotask"
    )


def test_detect_prefers_a_tool_over_the_generic_preset_on_equal_required_fields() -> None:
    # Atera's three required names are also generic synonyms, and the generic preset knows
    # "Kategorie" as well; the tool still wins.
    headers = ["Ticket ID", "Title", "Created", "Priority", "Kategorie"]
    assert detect(headers)[0].key == "atera"


def test_detect_falls_back_to_generic_when_no_tool_finds_more() -> None:
    preset, matched = detect(["Vorgang", "Angelegt am", "Dringlichkeit"])
    assert (preset.key, matched) == ("generic", 3)


def test_detect_tells_atera_from_freshdesk_by_the_creation_column() -> None:
    assert detect(["Ticket ID", "Subject", "Created time", "Priority"])[0].key == "freshdesk"
    assert detect(["Ticket ID", "Title", "Created", "Priority"])[0].key == "atera"


def test_resolve_columns_takes_the_first_of_a_repeated_name() -> None:
    headers = ["Issue key", "Labels", "Created", "Labels", "Priority", "Created"]
    assert presets.resolve_columns(BUILTIN["jira"], headers) == {
        "id": 0,
        "created": 2,
        "priority": 4,
    }


def test_resolve_columns_prefers_the_presets_more_specific_name() -> None:
    # ConnectWise writes both; "Date Resolved" is when the work was done.
    headers = ["Ticket #", "Date Entered", "Closed Date", "Date Resolved", "Priority"]
    assert presets.resolve_columns(BUILTIN["connectwise"], headers)["resolved"] == 3


def test_resolve_columns_lets_the_users_override_win() -> None:
    headers = ["Ticketnummer", "Erstellt am", "Eingang", "Priorität"]
    columns = presets.resolve_columns(BUILTIN["excel_de"], headers, {"created": "Eingang"})
    assert columns["created"] == 2


def test_resolve_columns_uses_no_column_for_two_fields() -> None:
    headers = ["Ticketnummer", "Erstellt am", "Priorität"]
    columns = presets.resolve_columns(BUILTIN["excel_de"], headers, {"id": "Erstellt am"})
    assert columns["id"] == 1 and "created" not in columns


def test_resolve_columns_leaves_out_a_field_the_user_says_is_missing() -> None:
    headers = ["Ticketnummer", "Erstellt am", "Priorität", "Erste Reaktion"]
    columns = presets.resolve_columns(BUILTIN["excel_de"], headers, {"first_response": ""})
    assert "first_response" not in columns


def test_resolve_columns_refuses_an_override_naming_no_column() -> None:
    with pytest.raises(presets.UnknownColumn) as error:
        presets.resolve_columns(GENERIC, ["Ticket", "Created"], {"priority": "Prio"})
    assert (error.value.field, error.value.column) == ("priority", "Prio")


def test_freshdesk_never_reads_a_duration_as_the_first_response() -> None:
    headers = ["Ticket ID", "Created time", "Priority", "First response time (in hrs)"]
    assert "first_response" not in presets.resolve_columns(BUILTIN["freshdesk"], headers)


def test_zendesk_first_response_comes_from_the_minutes_after_creation() -> None:
    headers = ["ID", "Created at", "Priority", "First reply time in minutes"]
    columns = presets.resolve_columns(BUILTIN["zendesk"], headers)
    assert presets.resolve_durations(BUILTIN["zendesk"], headers, columns) == {
        "first_response": (3, 60)
    }


def test_a_first_response_column_wins_over_the_minutes() -> None:
    headers = ["ID", "Created at", "Priority", "First reply time in minutes", "First reply at"]
    columns = presets.resolve_columns(BUILTIN["zendesk"], headers)
    assert presets.resolve_durations(BUILTIN["zendesk"], headers, columns) == {}


@pytest.mark.parametrize(
    ("value", "rank"),
    [
        ("3 normal", 3),
        ("P2", 2),
        ("p 4", 4),
        ("Prio 1", 1),
        ("Priority 1 - Emergency Response", 1),
        ("Priority 4 - Schedule Maintenance", 4),
        ("Kritisch", 1),
        ("sehr hoch", 1),
        ("Urgent", 1),
        ("dringend", 1),
        ("Highest", 1),
        ("High", 2),
        ("hoch", 2),
        ("Medium", 3),
        ("normal", 3),
        ("Mittel", 3),
        ("Low", 4),
        ("niedrig", 4),
        ("Lowest", 5),
        ("Very low", 5),
        ("sehr niedrig", 5),
        ("Planning", 5),
        ("2", 2),
        (2.0, 2),
    ],
)
def test_map_priority_general_rules(value: object, rank: int) -> None:
    assert map_priority(GENERIC, value) == rank


@pytest.mark.parametrize("value", ["", None, "xyz", "0", "Priority"])
def test_map_priority_gives_none_for_what_it_cannot_tell(value: object) -> None:
    assert map_priority(GENERIC, value) is None


def test_words_go_before_a_bare_number_that_counts_upwards() -> None:
    # Zammad's "1 low" is its lowest priority, not our P1.
    assert map_priority(GENERIC, "1 low") == 4


def test_znuny_counts_its_priorities_upwards() -> None:
    znuny = BUILTIN["znuny"]
    values = ["5 very high", "4 high", "3 normal", "2 low", "1 very low"]
    assert [map_priority(znuny, v) for v in values] == [1, 2, 3, 4, 5]
    assert map_priority(znuny, "5 sehr hoch") == 1


def test_zammad_priorities_map_to_three_ranks() -> None:
    zammad = BUILTIN["zammad"]
    assert [map_priority(zammad, v) for v in ["3 high", "2 normal", "1 low"]] == [2, 3, 4]


def test_glpi_major_is_the_most_urgent() -> None:
    assert map_priority(BUILTIN["glpi"], "Major") == 1


def test_the_users_priority_map_wins_over_the_preset() -> None:
    assert map_priority(BUILTIN["jira"], "Highest", {"highest": 2}) == 2


def test_the_users_priority_map_is_compared_normalised() -> None:
    assert map_priority(GENERIC, "  Stufe   A ", {"stufe a": 1}) == 1


@pytest.mark.parametrize(
    "value",
    ["Within SLA", "Met", "Yes", "Ja", "eingehalten", "true", "1", "OK", "in", True, 1, 1.0],
)
def test_read_verdict_met(value: object) -> None:
    assert read_verdict(value) is True


@pytest.mark.parametrize(
    "value",
    [
        "SLA Violated",
        "Breached",
        "No",
        "Nein",
        "verletzt",
        "überschritten",
        "nicht eingehalten",
        "Not met",
        "false",
        "0",
        "out",
        False,
        0,
    ],
)
def test_read_verdict_missed(value: object) -> None:
    assert read_verdict(value) is False


@pytest.mark.parametrize("value", ["", None, "   ", "maybe", "-15m", "2h 30m", 5])
def test_read_verdict_none_for_empty_or_unknown(value: object) -> None:
    assert read_verdict(value) is None


def test_an_exceeded_column_is_read_the_other_way_round() -> None:
    glpi = BUILTIN["glpi"]
    assert glpi.verdict("Time to resolve exceeded", "Yes") is False
    assert glpi.verdict("time to resolve  EXCEEDED", "No") is True
    assert glpi.verdict("Time to resolve exceeded", "") is None


def test_a_met_column_is_read_as_it_stands() -> None:
    assert BUILTIN["freshdesk"].verdict("Resolution status", "Within SLA") is True


def test_known_headers_holds_every_presets_names_normalised() -> None:
    known = presets.known_headers()
    assert {"ticket#", "erstellt am", "first reply time in minutes"} <= known


def test_the_german_excel_label_is_translated() -> None:
    with translation.override("de"):
        label = BUILTIN["excel_de"].display_label
    assert label != "German Excel CSV" and label


def test_choices_list_every_preset_once() -> None:
    assert [key for key, _label in presets.choices()] == list(BUILTIN)


def test_detect_reads_a_file_with_unknown_column_names_as_generic() -> None:
    assert detect(["Vorgang", "Eingang", "Wichtigkeit", "SLA breached"])[0].key == "generic"


def test_detect_reads_a_file_with_one_tool_column_only_as_generic() -> None:
    assert detect(["Vorgang", "Eingang", "Priority"])[0].key == "generic"


def test_tool_labels_are_shown_in_german() -> None:
    with translation.override("de"):
        assert BUILTIN["zammad"].display_label == "Zammad (Bericht als XLSX)"
