from datetime import date, datetime

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import PlausibleDateField
from vendorwatch.web.widgets import DateTimeInput


class ReportForm(SectionedForm, forms.Form):
    title = forms.CharField(label="title")
    details = forms.CharField(label="Details", required=False)
    stray = forms.CharField(label="Stray", required=False)
    sections = (
        Section("The essentials", ("title",)),
        Section("More", ("details",), folded=True),
    )


def rendered(form: forms.Form) -> str:
    return render_to_string("web/_form_fields.html", {"form": form})


def test_a_required_field_is_marked() -> None:
    html = str(ReportForm()["title"].as_field_group())
    assert '<span class="required-mark" title="Pflichtfeld"> *</span>' in html


def test_an_optional_field_is_not_marked() -> None:
    assert "required-mark" not in str(ReportForm()["details"].as_field_group())


def test_the_form_explains_the_mark_once() -> None:
    assert rendered(ReportForm()).count("Pflichtfeld</p>") == 1


def test_a_label_starts_with_a_capital() -> None:
    assert ">Title<span" in str(ReportForm()["title"].as_field_group())


def test_a_choice_starts_with_a_capital() -> None:
    class Form(forms.Form):
        level = forms.ChoiceField(choices=[("h", _("high"))], widget=forms.RadioSelect)

    assert " Hoch</label>" in str(Form()["level"])


def test_a_name_the_user_typed_is_shown_as_typed() -> None:
    class Form(forms.Form):
        provider = forms.ChoiceField(choices=[("1", "eBay GmbH")])

    assert ">eBay GmbH</option>" in str(Form()["provider"])


def test_an_empty_choice_asks_to_choose() -> None:
    class Form(forms.Form):
        provider = forms.ChoiceField(choices=[("", "---------"), ("1", "eBay GmbH")])

    assert '<option value="" selected>– bitte wählen –</option>' in str(Form()["provider"])


def test_sections_are_rendered_in_their_order() -> None:
    html = rendered(ReportForm())
    assert html.index("<legend>The essentials</legend>") < html.index("<summary>More</summary>")


def test_a_folded_section_is_closed() -> None:
    assert '<details class="form-section">' in rendered(ReportForm())


def test_a_folded_section_opens_when_a_field_in_it_has_an_error() -> None:
    class Form(ReportForm):
        def clean_details(self) -> str:
            raise forms.ValidationError("wrong")

    form = Form(data={"title": "x", "details": "y"})
    form.is_valid()
    assert '<details class="form-section" open>' in rendered(form)


def test_a_field_no_section_names_is_shown_in_the_first() -> None:
    names = [bound.name for bound in ReportForm().grouped[0].fields]
    assert names == ["title", "stray"]


def test_a_section_shown_for_one_choice_names_it() -> None:
    class Form(SectionedForm, forms.Form):
        term = forms.CharField()
        sections = (Section("Term", ("term",), shown_for=("renewing", "minimum")),)

    assert 'data-shown-for="renewing minimum"' in rendered(Form())


def test_a_date_is_typed_the_german_way() -> None:
    class Form(forms.Form):
        day = PlausibleDateField()

    form = Form(data={"day": "03.12.2026"})
    assert form.is_valid()
    assert form.cleaned_data["day"] == date(2026, 12, 3)


def test_a_date_field_is_text_with_a_calendar() -> None:
    class Form(forms.Form):
        day = PlausibleDateField()

    html = str(Form(initial={"day": date(2026, 12, 3)})["day"])
    assert 'type="text"' in html
    assert 'value="03.12.2026"' in html
    assert 'data-picker="date"' in html


@pytest.mark.parametrize("typed", ["03.12.2026 14:30", "2026-12-03T14:30"])
def test_a_date_and_time_is_typed_the_german_way(typed: str) -> None:
    class Form(forms.Form):
        when = forms.DateTimeField(widget=DateTimeInput())

    form = Form(data={"when": typed})
    assert form.is_valid()
    assert form.cleaned_data["when"].replace(tzinfo=None) == datetime(2026, 12, 3, 14, 30)


def test_a_date_and_time_is_shown_the_german_way() -> None:
    class Form(forms.Form):
        when = forms.DateTimeField(widget=DateTimeInput())

    html = str(Form(initial={"when": datetime(2026, 12, 3, 14, 30)})["when"])
    assert 'value="03.12.2026 14:30"' in html
