from datetime import date
from decimal import Decimal

import pytest
from django import forms

from vendorwatch.web.parsing import (
    PlausibleDateField,
    StrictDecimalField,
    StrictIntegerField,
    StrictModelMultipleChoiceField,
    parse_date,
    parse_decimal,
    parse_int,
)


@pytest.mark.parametrize("text", ["²", "٣", "1e3", "", " ", "1.5", "0x10", "1_000", "9" * 30])
def test_parse_int_refuses_anything_but_ascii_digits(text: str) -> None:
    assert parse_int(text) is None


def test_parse_int_reads_plain_digits() -> None:
    assert parse_int(" 2026 ") == 2026


def test_parse_int_refuses_values_out_of_range() -> None:
    assert parse_int("1999", minimum=2000, maximum=2100) is None


@pytest.mark.parametrize("text", ["sNaN", "NaN", "Infinity", "-inf", "1e5", "²", "1.234,50"])
def test_parse_decimal_refuses_non_finite_and_foreign_forms(text: str) -> None:
    assert parse_decimal(text) is None


def test_parse_decimal_accepts_a_german_comma() -> None:
    assert parse_decimal("1234,50") == Decimal("1234.50")


@pytest.mark.parametrize("text", ["01.01.0001", "31.12.9999", "²7.11.2026", "2026-02-30"])
def test_parse_date_refuses_implausible_or_malformed_dates(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_reads_the_german_form() -> None:
    assert parse_date("27.11.2026") == date(2026, 11, 27)


class _Form(forms.Form):
    number = StrictIntegerField(required=False)
    amount = StrictDecimalField(required=False, max_digits=10, decimal_places=2)
    day = PlausibleDateField(required=False)


@pytest.mark.parametrize(
    "field,value", [("number", "²"), ("amount", "sNaN"), ("day", "01.01.0001")]
)
def test_strict_fields_turn_bad_input_into_a_field_error(field: str, value: str) -> None:
    form = _Form({field: value})
    assert not form.is_valid() and field in form.errors


def test_plausible_date_field_names_the_range_in_its_message() -> None:
    form = _Form({"day": "31.12.9999"})
    form.is_valid()
    assert "2199" in form.errors["day"][0]


class _ChoiceForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        from vendorwatch.providers.models import Provider

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["providers"] = StrictModelMultipleChoiceField(queryset=Provider.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["99999999999999999999", "²", "-1", "0"])
def test_a_multiple_choice_refuses_keys_no_record_can_have(key: str) -> None:
    form = _ChoiceForm({"providers": [key]})
    assert not form.is_valid() and "providers" in form.errors


@pytest.mark.django_db
def test_a_multiple_choice_takes_existing_records() -> None:
    from vendorwatch.testing.factory import make_provider

    provider = make_provider()
    form = _ChoiceForm({"providers": [str(provider.pk)]})
    assert form.is_valid() and list(form.cleaned_data["providers"]) == [provider]
