"""An SLA policy as a JSON file: what the export writes, what the import checks and creates."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from vendorwatch.expectations.models import Service
from vendorwatch.sla import policy_json
from vendorwatch.sla.models import BusinessCalendar, SlaPolicy, SlaVersion
from vendorwatch.sla.policy_json import (
    PolicyFileError,
    PolicyNameTaken,
    check,
    dumps,
    parse_text,
    policy_import,
)
from vendorwatch.sla.tests.factory import add_version, make_calendar, make_policy, terms
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def full_policy(name: str = "SLA Systemhaus") -> SlaPolicy:
    """Two versions, exception days, duties, credits and an availability target."""
    provider = make_provider(name="Brandl IT")
    calendar = make_calendar(name="Bürozeiten", holiday_region="DE-BY")
    calendar.days.create(date=date(2026, 12, 24), windows=["08:00-12:00"])
    calendar.days.create(date=date(2026, 12, 31), windows=[])
    service = Service.objects.create(name="E-Mail", provider=provider)
    policy = make_policy(
        name=name,
        provider=provider,
        description="Aus dem Rahmenvertrag.",
        terms=terms(
            calendar,
            credit_percent_per_breach=Decimal("2.5"),
            credit_cap_percent=Decimal("20"),
            customer_duties=["Störungen sofort melden"],
            provider_duties=["Monatlicher Bericht"],
            service_targets={service: Decimal("99.95")},
            change_note="Erste Fassung",
        ),
    )
    add_version(policy, date(2026, 7, 1))
    return policy


def exported(policy: SlaPolicy, **kwargs: Any) -> dict[str, Any]:
    return json.loads(dumps(policy_json.policy_json(policy, **kwargs)))


def problems_of(document: Any) -> list[str]:
    with pytest.raises(PolicyFileError) as caught:
        check(document)
    return caught.value.problems


# --- export ------------------------------------------------------------------------------------


def test_export_names_the_format_and_lists_every_version_oldest_first() -> None:
    data = exported(full_policy())
    assert data["format"] == "vendorwatch-sla-policy"
    assert data["version"] == 1
    assert data["name"] == "SLA Systemhaus"
    assert data["description"] == "Aus dem Rahmenvertrag."
    assert [(v["number"], v["valid_from"]) for v in data["versions"]] == [
        (1, "2026-01-01"),
        (2, "2026-07-01"),
    ]


def test_export_writes_the_service_hours_by_weekday_with_the_exception_days() -> None:
    hours = exported(full_policy())["versions"][0]["service_hours"]
    assert hours["name"] == "Bürozeiten"
    assert hours["weekly"]["mon"] == ["08:00-17:00"]
    assert hours["weekly"]["sun"] == []
    assert hours["holiday_region"] == "DE-BY"
    assert hours["days"] == [
        {"date": "2026-12-24", "windows": ["08:00-12:00"]},
        {"date": "2026-12-31", "windows": []},
    ]


def test_export_keeps_the_service_hours_each_version_promised() -> None:
    policy = full_policy()
    calendar = BusinessCalendar.objects.get(name="Bürozeiten")
    calendar.weekly = [["07:00-19:00"]] * 5 + [[], []]
    calendar.save()
    assert exported(policy)["versions"][0]["service_hours"]["weekly"]["mon"] == ["08:00-17:00"]


def test_export_writes_priorities_by_rank_with_targets_and_no_update_as_null() -> None:
    priorities = exported(full_policy())["versions"][0]["priorities"]
    assert [p["rank"] for p in priorities] == [1, 2, 3, 4]
    assert priorities[0]["code"] == "P1"
    assert priorities[0]["response"] == {"amount": 30, "unit": "minutes", "basis": "business"}
    assert priorities[0]["update"] is None


def test_export_writes_credit_and_availability_as_numbers() -> None:
    version = exported(full_policy())["versions"][0]
    assert version["credit"] == {"percent_per_breach": 2.5, "cap_percent": 20}
    assert version["service_targets"] == [{"service": "E-Mail", "availability_percent": 99.95}]
    assert version["duties"] == [
        {"party": "customer", "text": "Störungen sofort melden"},
        {"party": "provider", "text": "Monatlicher Bericht"},
    ]
    assert len(version["matrix"]) == 9


def test_export_of_the_latest_version_only() -> None:
    versions = exported(full_policy(), latest_only=True)["versions"]
    assert [v["number"] for v in versions] == [2]


def test_export_text_keeps_umlauts_and_ends_with_a_newline() -> None:
    text = dumps(policy_json.policy_json(full_policy()))
    assert "Bürozeiten" in text
    assert text.endswith("}\n")


# --- round trip and import ---------------------------------------------------------------------


def test_round_trip_gives_the_same_file_apart_from_the_name() -> None:
    original = exported(full_policy())
    policy_import(check(original), name="SLA Kopie")
    again = exported(SlaPolicy.objects.get(name="SLA Kopie"))
    assert again.pop("name") == "SLA Kopie"
    original.pop("name")
    assert again == original


def test_import_creates_the_versions_with_their_numbers_dates_and_terms() -> None:
    data = exported(full_policy())
    provider = make_provider(name="Anderer Dienstleister")
    policy = policy_import(check(data), name="Neu", provider=provider)
    assert policy.provider == provider
    first, second = policy.versions.order_by("valid_from")
    assert (first.number, first.valid_from) == (1, date(2026, 1, 1))
    assert (second.number, second.valid_from) == (2, date(2026, 7, 1))
    assert first.credit_percent_per_breach == Decimal("2.50")
    assert first.priorities.get(rank=1).response_amount == 30
    assert second.priorities.get(rank=1).response_amount == 15
    assert first.service_targets.get().availability_percent == Decimal("99.95")


def test_import_keeps_version_numbers_of_a_single_exported_version() -> None:
    data = exported(full_policy(), latest_only=True)
    policy = policy_import(check(data), name="Vorlage")
    assert policy.versions.get().number == 2


def test_import_reuses_identical_service_hours() -> None:
    data = exported(full_policy())
    before = BusinessCalendar.objects.count()
    policy_import(check(data), name="Kopie")
    assert BusinessCalendar.objects.count() == before


def test_import_creates_service_hours_under_a_free_name_when_they_differ() -> None:
    data = exported(full_policy())
    for version in data["versions"]:
        version["service_hours"]["weekly"]["sat"] = ["09:00-12:00"]
    policy = policy_import(check(data), name="Kopie")
    calendar = policy.versions.first().calendar  # type: ignore[union-attr]
    assert calendar.name == "Bürozeiten (2)"
    assert calendar.weekly[5] == ["09:00-12:00"]
    assert [day.date for day in calendar.days.all()] == [date(2026, 12, 24), date(2026, 12, 31)]
    assert BusinessCalendar.objects.filter(name__startswith="Bürozeiten").count() == 2


def test_import_in_a_new_installation_creates_the_service_hours() -> None:
    data = exported(full_policy())
    SlaPolicy.objects.all().delete()
    BusinessCalendar.objects.all().delete()
    policy = policy_import(check(data))
    assert policy.name == "SLA Systemhaus"
    assert BusinessCalendar.objects.get().name == "Bürozeiten"


def test_a_service_that_does_not_exist_is_left_out_with_a_warning() -> None:
    data = exported(full_policy())
    data["versions"][0]["service_targets"][0]["service"] = "Telefonanlage"
    plan = check(data)
    assert plan.warnings == [
        "versions[0].service_targets[0].service: there is no service “Telefonanlage” here; "
        "this availability target is left out"
    ]
    policy = policy_import(plan, name="Kopie")
    assert not policy.versions.get(number=1).service_targets.exists()


def test_services_of_the_same_name_are_told_apart_by_the_provider() -> None:
    data = exported(full_policy())
    other = make_provider(name="Anderer")
    Service.objects.create(name="E-Mail", provider=other)
    assert check(data).warnings  # ambiguous without a provider
    plan = check(data, provider=other)
    assert not plan.warnings
    assert next(iter(plan.versions[0].service_targets)).provider == other


def test_an_existing_name_is_refused_and_nothing_is_created() -> None:
    data = exported(full_policy())
    counts = (SlaPolicy.objects.count(), SlaVersion.objects.count())
    with pytest.raises(PolicyNameTaken):
        policy_import(check(data))
    assert (SlaPolicy.objects.count(), SlaVersion.objects.count()) == counts


def test_a_failure_half_way_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    data = exported(full_policy())
    data["versions"][1]["service_hours"]["weekly"]["sat"] = ["09:00-12:00"]
    counts = (SlaPolicy.objects.count(), BusinessCalendar.objects.count())

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(policy_json, "sla_version_create", broken)
    with pytest.raises(RuntimeError):
        policy_import(check(data), name="Kopie")
    assert (SlaPolicy.objects.count(), BusinessCalendar.objects.count()) == counts


def test_a_hand_written_minimal_file_is_enough() -> None:
    document = {
        "format": "vendorwatch-sla-policy",
        "version": 1,
        "name": "Einfach",
        "versions": [
            {
                "valid_from": "2026-01-01",
                "service_hours": {
                    "name": "Mo–Fr",
                    "time_zone": "Europe/Berlin",
                    "weekly": {
                        "mon": ["8:00-17:00"],
                        "tue": ["08:00-17:00"],
                        "wed": ["08:00-17:00"],
                        "thu": ["08:00-17:00"],
                        "fri": ["08:00-12:00", "13:00-17:00"],
                        "sat": [],
                        "sun": [],
                    },
                    "holiday_region": "de-nw",
                },
                "priorities": [
                    {
                        "rank": 1,
                        "code": "A",
                        "name": "Dringend",
                        "response": {"amount": 1, "unit": "hours", "basis": "business"},
                        "resolution": {"amount": 1, "unit": "days", "basis": "business"},
                    }
                ],
            }
        ],
    }
    version = policy_import(check(document)).versions.get()
    assert version.number == 1
    assert version.pausing_states == ["waiting_on_us"]
    assert version.calendar.weekly[0] == ["08:00-17:00"]
    assert version.calendar.holiday_region == "DE-NW"
    assert version.matrix.count() == 9
    assert {cell.priority.code for cell in version.matrix.select_related("priority")} == {"A"}


# --- checking ----------------------------------------------------------------------------------


def valid() -> dict[str, Any]:
    return exported(full_policy())


def test_a_negative_amount_is_reported_with_its_place() -> None:
    data = valid()
    data["versions"][0]["priorities"][2]["response"]["amount"] = -1
    assert problems_of(data) == [
        "versions[0].priorities[2].response.amount: must be a whole number from 1 to 9999"
    ]


@pytest.mark.parametrize("amount", [4.5, "4", True, None])
def test_an_amount_must_be_a_whole_number(amount: Any) -> None:
    data = json.loads(json.dumps(valid()))
    data["versions"][0]["priorities"][0]["resolution"]["amount"] = amount
    text = json.dumps(data).encode()
    assert problems_of(parse_text(text)) == [
        "versions[0].priorities[0].resolution.amount: must be a whole number from 1 to 9999"
    ]


def test_every_problem_is_reported_not_only_the_first() -> None:
    data = valid()
    data["versions"][0]["service_hours"]["time_zone"] = "Mars/Olympus"
    data["versions"][0]["service_hours"]["weekly"]["mon"] = ["17:00-08:00"]
    data["versions"][1]["at_risk_percent"] = 100
    data["versions"][1]["priorities"][1]["response"]["unit"] = "weeks"
    assert problems_of(data) == [
        "versions[0].service_hours.time_zone: is no time zone this system knows "
        "(e.g. Europe/Berlin)",
        "versions[0].service_hours.weekly.mon: The window 17:00–08:00 does not end after "
        "it starts.",
        "versions[1].at_risk_percent: must be a whole number from 1 to 99",
        "versions[1].priorities[1].response.unit: must be one of: minutes, hours, days",
    ]


def test_unknown_and_missing_fields_are_named() -> None:
    data = valid()
    data["versions"][0]["priorities"][0]["resposne"] = data["versions"][0]["priorities"][0].pop(
        "response"
    )
    problems = problems_of(data)
    assert problems[0].startswith("versions[0].priorities[0].resposne: unknown field (expected: ")
    assert problems[1] == "versions[0].priorities[0].response: is missing"


def test_ranks_must_run_from_one_without_gaps() -> None:
    data = valid()
    data["versions"][0]["priorities"][3]["rank"] = 7
    assert problems_of(data) == [
        "versions[0].priorities: the ranks must be 1, 2, 3 … without gaps or repeats, "
        "1 the most urgent (found 1, 2, 3, 7)"
    ]


def test_ranks_decide_the_order_not_the_position_in_the_file() -> None:
    data = valid()
    data["versions"][0]["priorities"].reverse()
    specs = check(data).versions[0].priorities
    assert [spec.code for spec in specs] == ["P1", "P2", "P3", "P4"]


def test_a_resolution_shorter_than_the_response_is_refused() -> None:
    data = valid()
    data["versions"][0]["priorities"][0]["resolution"] = {
        "amount": 10,
        "unit": "minutes",
        "basis": "business",
    }
    assert problems_of(data) == [
        "versions[0].priorities[0].resolution: must not be shorter than the response time"
    ]


def test_codes_must_differ_and_the_matrix_must_use_them() -> None:
    data = valid()
    data["versions"][0]["priorities"][1]["code"] = "P1"
    data["versions"][1]["matrix"][0]["priority"] = "P9"
    problems = problems_of(data)
    assert "versions[0].priorities[1].code: P1 is already the code of " in problems[0]
    assert problems[1] == (
        "versions[1].matrix[0].priority: must be the code of one of the version's priorities: "
        "P1, P2, P3, P4"
    )


def test_a_matrix_cell_given_twice_is_refused() -> None:
    data = valid()
    data["versions"][0]["matrix"][1] = dict(data["versions"][0]["matrix"][0])
    assert problems_of(data) == ["versions[0].matrix[1]: this impact and urgency appear twice"]


def test_credit_cap_below_the_credit_per_breach_is_refused() -> None:
    data = valid()
    data["versions"][0]["credit"] = {"percent_per_breach": 10, "cap_percent": 5}
    assert problems_of(data) == [
        "versions[0].credit.cap_percent: must not be lower than the credit per breach"
    ]


@pytest.mark.parametrize("percent", ["100.5", 100.001, -1, "99,5", True])
def test_percentages_are_checked(percent: Any) -> None:
    data = json.loads(json.dumps(valid()))
    data["versions"][0]["service_targets"][0]["availability_percent"] = percent
    assert problems_of(parse_text(json.dumps(data).encode())) == [
        "versions[0].service_targets[0].availability_percent: must be a number from 0 to 100 "
        "with at most two decimal places"
    ]


def test_versions_need_different_days() -> None:
    data = valid()
    data["versions"][1]["valid_from"] = "2026-01-01"
    problems = problems_of(data)
    assert problems[0].startswith("versions[1].valid_from: versions[0] starts on the same day")


def test_version_numbers_rise_with_the_start_day() -> None:
    data = valid()
    data["versions"][0]["number"] = 5
    assert problems_of(data) == [
        "versions: the version numbers must be different and rise with valid_from (found 5, 2)"
    ]


def test_a_date_must_be_a_real_day_in_iso_form() -> None:
    data = valid()
    data["versions"][0]["valid_from"] = "01.01.2026"
    data["versions"][1]["service_hours"]["days"][0]["date"] = "2026-02-30"
    assert problems_of(data) == [
        "versions[0].valid_from: must be a date written as YYYY-MM-DD from 2000-01-01 to "
        "2099-12-31",
        "versions[1].service_hours.days[0].date: must be a date written as YYYY-MM-DD from "
        "2000-01-01 to 2099-12-31",
    ]


def test_an_unknown_holiday_region_or_category_is_refused() -> None:
    data = valid()
    data["versions"][0]["service_hours"]["holiday_region"] = "DE-XX"
    data["versions"][1]["service_hours"]["holiday_categories"] = "public,bogus"
    problems = problems_of(data)
    assert problems[0].startswith("versions[0].service_hours.holiday_region: ")
    assert "DE-XX" in problems[0]
    assert problems[1].startswith(
        "versions[1].service_hours: these service hours cannot be computed: "
    )


def test_a_week_without_any_service_hours_is_refused() -> None:
    data = valid()
    data["versions"][0]["service_hours"]["weekly"] = {day: [] for day in policy_json.WEEKDAYS}
    assert problems_of(data) == [
        "versions[0].service_hours.weekly: enter service hours for at least one day of the week"
    ]


def test_an_unknown_pausing_state_is_refused() -> None:
    data = valid()
    data["versions"][0]["pausing_states"] = ["waiting"]
    assert problems_of(data)[0].startswith("versions[0].pausing_states[0]: must be one of: ")


def test_another_kind_of_file_is_refused_at_once() -> None:
    assert problems_of({"tickets": []}) == [
        "format: must be “vendorwatch-sla-policy”: this is not an SLA policy file of Vendorwatch"
    ]
    assert problems_of([1, 2]) == [
        "format: must be “vendorwatch-sla-policy”: this is not an SLA policy file of Vendorwatch"
    ]


def test_a_file_from_a_newer_vendorwatch_says_so() -> None:
    data = valid()
    data["version"] = 2
    assert problems_of(data) == [
        "version: is 2: the file was written by a newer Vendorwatch; this one reads version 1"
    ]


def test_a_long_list_of_problems_is_cut_short() -> None:
    data = valid()
    data["versions"][0]["duties"] = [{"party": "nobody", "text": "x"}] * 80
    problems = problems_of(data)
    assert len(problems) == 51
    assert problems[-1] == "… and 30 more problems."


def test_checking_writes_nothing() -> None:
    data = valid()
    counts = (SlaPolicy.objects.count(), BusinessCalendar.objects.count())
    data["versions"][0]["service_hours"]["weekly"]["sat"] = ["09:00-12:00"]  # new hours
    check(data)
    assert (SlaPolicy.objects.count(), BusinessCalendar.objects.count()) == counts


# --- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        (b"", "The file is empty."),
        (b"  \n", "The file is empty."),
        (b"\xff\xfe{}", "The file is not UTF-8 text (byte 1)"),
        (b'{"format": ', "The file is not valid JSON: line 1, column 12"),
        (b'{"a": 1, "a": 2}', "The file is not valid JSON: the field “a” appears twice"),
        (b'{"a": NaN}', "The file is not valid JSON: NaN is not a number JSON allows"),
        (b"[" * 100_000, "The file is not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "The file is not UTF-8 text"),
    ],
)
def test_unreadable_text_gets_one_clear_message(raw: bytes, start: str) -> None:
    with pytest.raises(PolicyFileError) as caught:
        parse_text(raw)
    [message] = caught.value.problems
    assert message.startswith(start), message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{'a': 1}", "line 1, column 2: a field name in double quotes is expected here"),
        (b'{"a": 1,}', "line 1, column 9: a field name in double quotes is expected here"),
        (b'{"a" 1}', "line 1, column 6: a colon “:” is missing after the field name"),
        (b"[1 2]", "line 1, column 4: a comma “,” is missing between two entries"),
        (b'{"a": "abc', "line 1, column 7: a text is not closed with a double quote"),
        (b'"a\nb"', "line 1, column 3: a text holds a line break or a control character"),
        (b'"\\x"', "line 1, column 2: a backslash “\\” in a text is not followed by a valid"),
        (b"{} x", "line 1, column 4: more text follows after the end of the document"),
        (b'{\n  "a": tru\n}', "line 2, column 8: a value is missing here, or it is not written"),
        (b"[" * 100_000, "it is nested too deeply"),
        (b"1" * 5000, "a number in it is too long"),
    ],
)
def test_a_json_mistake_is_said_in_our_words_with_line_and_column(raw: bytes, message: str) -> None:
    with pytest.raises(PolicyFileError) as caught:
        parse_text(raw)
    [problem] = caught.value.problems
    assert problem.startswith(f"The file is not valid JSON: {message}"), problem


def test_a_json_mistake_reads_in_german() -> None:
    with translation.override("de"), pytest.raises(PolicyFileError) as caught:
        parse_text(b"{'a': 1}")
    assert caught.value.problems == [
        "Die Datei ist kein gültiges JSON: Zeile 1, Spalte 2: hier fehlt ein Feldname in "
        "doppelten Anführungszeichen (ein Komma zu viel oder einfache Anführungszeichen?)"
    ]


def test_a_file_that_does_not_exist_is_said_in_german(tmp_path: Path) -> None:
    path = tmp_path / "fehlt.json"
    with translation.override("de"), pytest.raises(PolicyFileError) as caught:
        policy_json.read_file(str(path))
    assert caught.value.problems == [
        f"Die Datei {path} lässt sich nicht lesen: die Datei oder ihr Ordner existiert nicht"
    ]


def test_a_folder_given_as_the_file_is_said_so(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError) as caught:
        policy_json.read_file(str(tmp_path))
    assert caught.value.problems == [
        f"The file {tmp_path} cannot be read: it is a folder, not a file"
    ]


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_text(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_a_huge_file_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(PolicyFileError) as caught:
        parse_text(b" " * (policy_json.MAX_FILE_BYTES + 1))
    assert caught.value.problems[0].startswith("The file is larger than 5 MB")


def test_messages_are_german_by_default() -> None:
    data = valid()
    data["versions"][0]["priorities"][2]["response"]["amount"] = 0
    with translation.override("de"):
        assert problems_of(data) == [
            "versions[0].priorities[2].response.amount: muss eine ganze Zahl von 1 bis 9999 sein"
        ]


def test_the_example_in_the_readme_is_a_valid_file() -> None:
    readme = (Path(__file__).parents[4] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## SLA policies as files", 1)[1]
    example = section.split("```json\n", 1)[1].split("```", 1)[0]
    plan = check(parse_text(example.encode("utf-8")))
    policy = policy_import(plan)
    version = policy.versions.get()
    assert [p.code for p in version.priorities.order_by("rank")] == ["P1", "P2"]
    assert version.credit_cap_percent == Decimal("20")
    assert plan.warnings  # the example's service does not exist in an empty installation
