from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.utils import formats
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.parametrize(
    "text",
    [
        "sNaN",
        "NaN",
        "Infinity",
        "-inf",
        "1e5",
        "²",
        "1.23,50",
        "12.345,",
        "1..5",
        "€",
        "1.234,567.89",
        "1.234,567",
        "1 5",
    ],
)
def test_parse_decimal_refuses_non_finite_and_foreign_forms(text: str) -> None:
    assert parse_decimal(text) is None


def test_parse_decimal_accepts_a_german_comma() -> None:
    assert parse_decimal("1234,50") == Decimal("1234.50")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.234,50", "1234.50"),
        ("1.234.567,5", "1234567.5"),
        ("1.234", "1234"),
        ("1.234,50 €", "1234.50"),
        ("1 234,50", "1234.50"),
        ("-1.234,5", "-1234.5"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("0.500", "0.500"),
        ("1,234.50", "1234.50"),
    ],
)
def test_parse_decimal_reads_german_thousands(text: str, number: str) -> None:
    assert parse_decimal(text, grouping=".") == Decimal(number)


@pytest.mark.parametrize(("text", "number"), [("1,234", "1234"), ("1.234", "1.234")])
def test_parse_decimal_reads_english_thousands(text: str, number: str) -> None:
    assert parse_decimal(text, grouping=",") == Decimal(number)


def test_a_decimal_field_shows_its_value_with_german_thousands() -> None:
    class Form(forms.Form):
        amount = StrictDecimalField()

    assert 'value="1.234,50"' in str(Form(initial={"amount": Decimal("1234.50")})["amount"])


def test_a_decimal_field_takes_german_thousands() -> None:
    class Form(forms.Form):
        amount = StrictDecimalField()

    form = Form(data={"amount": "1.234,50"})
    assert form.is_valid()
    assert form.cleaned_data["amount"] == Decimal("1234.50")


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


@given(st.text(alphabet="0123456789.,-+ €x", max_size=20), st.sampled_from([".", ","]))
def test_parse_decimal_never_fails_on_typed_text(text: str, grouping: str) -> None:
    number = parse_decimal(text, grouping=grouping)
    assert number is None or number.is_finite()


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, max_value=10**12, min_value=-(10**12)
    )
)
def test_a_number_shown_with_german_thousands_reads_back_the_same(number: Decimal) -> None:
    shown = formats.number_format(number, 2, use_l10n=True, force_grouping=True)
    assert parse_decimal(shown, grouping=".") == number
