"""Employees pasted as lines: each usual form is understood, and a line that cannot be added
is reported with its number and the reason."""

from __future__ import annotations

import pytest

from vendorwatch.feedback.models import Employee
from vendorwatch.feedback.services import employees_add, split_name_address
from vendorwatch.feedback.tests.factory import make_employee

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mia Müller <mia.mueller@example.com>", ("Mia Müller", "mia.mueller@example.com")),
        ('"Müller, Mia" <mia.mueller@example.com>', ("Müller, Mia", "mia.mueller@example.com")),
        ("<mia.mueller@example.com>", ("", "mia.mueller@example.com")),
        ("Mia Müller; mia.mueller@example.com", ("Mia Müller", "mia.mueller@example.com")),
        ("Mia Müller, mia.mueller@example.com", ("Mia Müller", "mia.mueller@example.com")),
        ("Müller, Mia, mia.mueller@example.com", ("Müller, Mia", "mia.mueller@example.com")),
        ("Mia Müller\tmia.mueller@example.com", ("Mia Müller", "mia.mueller@example.com")),
        ("Mia Müller mia.mueller@example.com", ("Mia Müller", "mia.mueller@example.com")),
        ("mia.mueller@example.com", ("", "mia.mueller@example.com")),
        ("  mia.mueller@example.com  ", ("", "mia.mueller@example.com")),
    ],
)
def test_each_line_form_is_understood(line: str, expected: tuple[str, str]) -> None:
    assert split_name_address(line) == expected


def test_the_lines_are_added_with_names() -> None:
    added, refused = employees_add(
        "Mia Müller <mia.mueller@example.com>\nJonas Weber; jonas.weber@example.com\n"
        "lea@example.com\n"
    )
    assert refused == []
    assert [(e.name, e.email) for e in added] == [
        ("Mia Müller", "mia.mueller@example.com"),
        ("Jonas Weber", "jonas.weber@example.com"),
        ("", "lea@example.com"),
    ]
    assert Employee.objects.count() == 3
    assert all(e.active for e in Employee.objects.all())


def test_blank_lines_are_skipped_but_counted() -> None:
    added, refused = employees_add("\n  \nmia@example.com\n\nkein-at-zeichen\n")
    assert [e.email for e in added] == ["mia@example.com"]
    assert refused == [(5, "kein-at-zeichen", "keine gültige E-Mail-Adresse")]


def test_invalid_lines_are_reported_with_their_numbers() -> None:
    added, refused = employees_add("Mia <mia@example>\nok@example.com\nJonas; jonas@@example.com")
    assert [e.email for e in added] == ["ok@example.com"]
    assert [(number, line) for number, line, _reason in refused] == [
        (1, "Mia <mia@example>"),
        (3, "Jonas; jonas@@example.com"),
    ]


def test_an_address_too_long_for_the_list_is_refused() -> None:
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".de"
    assert len(address) > 254
    added, refused = employees_add(address)
    assert added == []
    assert refused[0][0] == 1


def test_two_addresses_on_one_line_are_refused() -> None:
    added, refused = employees_add("mia@example.com, jonas@example.com")
    assert added == []
    assert refused == [
        (1, "mia@example.com, jonas@example.com", "bitte nur eine Adresse pro Zeile")
    ]


def test_an_address_already_on_the_list_is_refused_whatever_its_capitals() -> None:
    make_employee(email="Mia.Mueller@example.com")
    added, refused = employees_add("Mia <mia.mueller@EXAMPLE.com>")
    assert added == []
    assert refused == [(1, "Mia <mia.mueller@EXAMPLE.com>", "steht schon auf der Liste")]
    assert Employee.objects.count() == 1


def test_a_second_line_with_the_same_address_is_refused() -> None:
    added, refused = employees_add("mia@example.com\nMia <MIA@example.com>")
    assert [e.email for e in added] == ["mia@example.com"]
    assert [number for number, _line, _reason in refused] == [2]


def test_a_long_name_is_cut_to_the_field() -> None:
    added, _refused = employees_add(f"{'N' * 300} <mia@example.com>")
    assert len(Employee.objects.get().name) == 200
    assert added[0].email == "mia@example.com"


def test_the_reasons_are_in_english_for_english_readers() -> None:
    from django.utils import translation

    with translation.override("en"):
        _added, refused = employees_add("nonsense\nmia@example.com\nmia@example.com")
    assert [reason for _n, _l, reason in refused] == [
        "not a valid e-mail address",
        "already on the list",
    ]
