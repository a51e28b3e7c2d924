"""Forms for service hours (business calendars) and their exception days."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

import holidays
from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.organisation.models import FederalState, Organisation
from vendorwatch.sla import local_holidays as local
from vendorwatch.sla.fields import WindowsField
from vendorwatch.sla.models import (
    WEEKDAY_NAMES,
    BusinessCalendar,
    CalendarDay,
    default_weekly,
)
from vendorwatch.sla.wording import state_name
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import PlausibleDateField
from vendorwatch.web.widgets import DateInput
from vendorwatch.web.zones import all_zone_choices

if TYPE_CHECKING:
    CalendarModelForm = forms.ModelForm[BusinessCalendar]
    CalendarDayModelForm = forms.ModelForm[CalendarDay]
else:
    CalendarModelForm = CalendarDayModelForm = forms.ModelForm

NATIONWIDE = "DE"
NO_HOLIDAYS = "none"
OTHER_REGION = "other"
ALWAYS_OPEN = ["00:00-24:00"]
# Exception days a business can mean: this century, give or take.
DAY_EARLIEST = date(2000, 1, 1)
DAY_LATEST = date(2099, 12, 31)


def region_choices() -> list[tuple[str, Any]]:
    """The states by name (“Bayern”), nationwide, none, or another country."""
    return [
        *((state.value, state.label) for state in FederalState),
        (NATIONWIDE, _("Germany (nationwide)")),
        (NO_HOLIDAYS, _("No public holidays")),
        (OTHER_REGION, _("Another country or region")),
    ]


def check_region(value: str) -> str:
    """``AT`` or ``CH-ZH`` as the holidays package knows it; raise ValidationError otherwise."""
    country, _dash, subdivision = value.strip().partition("-")
    country = country.upper()
    known = holidays.list_supported_countries()
    subdivisions = {s.upper(): s for s in known.get(country, [])}
    if country not in known or (subdivision and subdivision.upper() not in subdivisions):
        raise forms.ValidationError(
            _(
                "The holiday calendar does not know “%(region)s”. Enter a country code such as "
                "AT, or a country and region such as AT-9 or CH-ZH."
            ),
            code="region",
            params={"region": value},
        )
    if subdivision:
        return f"{country}-{subdivisions[subdivision.upper()]}"
    return country


class CalendarForm(SectionedForm, CalendarModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        initial="Europe/Berlin",
        help_text=_("The hours above are local times in this zone."),
    )
    region = forms.ChoiceField(
        label=_("Public holidays of"),
        help_text=_("On these days the clock stops, as on a closed day."),
        widget=forms.Select(attrs={"data-sections": ""}),
    )
    region_other = forms.CharField(
        label=_("Country or region"),
        required=False,
        max_length=12,
        help_text=_(
            "As the holiday data writes it: a country such as AT, or a country and region "
            "such as AT-9 (Vienna) or CH-ZH (Zurich)."
        ),
    )
    local_holidays = forms.MultipleChoiceField(
        label=_("Which apply where the work is done?"),
        choices=local.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Days off in some municipalities only, on top of the holidays of the whole state. "
            "Tick none if your municipality has none of them."
        ),
    )
    always_open = forms.BooleanField(
        label=_("Around the clock (24 × 7)"),
        required=False,
        help_text=_("Every day from 00:00 to 24:00; the hours per weekday are then not used."),
    )

    sections = (
        Section(
            _("The service hours"),
            ("name", "always_open", *(f"day_{index}" for index in range(7))),
            intro=_(
                "One or more time windows per day, separated by commas, e.g. 08:00-12:00, "
                "13:00-17:00. Leave a day empty if it is closed. 24:00 is allowed as an end."
            ),
        ),
        Section(_("Public holidays"), ("region",)),
        Section(
            _("Another country or region"),
            ("region_other",),
            shown_for=(OTHER_REGION,),
            name="other",
        ),
        Section(_("Local holidays"), ("local_holidays",)),
        Section(_("Time zone"), ("time_zone",), folded=True),
    )

    class Meta:
        model = BusinessCalendar
        fields = ["name", "time_zone"]
        labels = {"name": _("Name")}
        help_texts = {
            "name": _(
                "How you will find these hours when you write an SLA, e.g. “Office hours "
                "Mon–Fri 8–17”."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = all_zone_choices(
            keep=str(self.initial.get("time_zone") or getattr(self.instance, "time_zone", ""))
        )
        cast(forms.ChoiceField, self.fields["region"]).choices = region_choices()
        for index, label in enumerate(WEEKDAY_NAMES):
            self.fields[f"day_{index}"] = WindowsField(label=label)
        self._set_initial()

    def _set_initial(self) -> None:
        calendar = self.instance
        if calendar.pk is None:
            organisation = Organisation.load()
            self.initial["region"] = organisation.federal_state if organisation else "DE-BY"
            for index, windows in enumerate(default_weekly()):
                self.initial[f"day_{index}"] = windows
            return
        region, keys = local.from_storage(calendar.holiday_region, calendar.holiday_categories)
        known = {value for value, _label in region_choices()}
        if not region:
            self.initial["region"] = NO_HOLIDAYS
        elif region in known:
            self.initial["region"] = region
        else:
            self.initial["region"] = OTHER_REGION
            self.initial["region_other"] = region
        self.initial["local_holidays"] = keys
        self.initial["always_open"] = calendar.is_always_open
        for index, windows in enumerate(calendar.weekly):
            self.initial[f"day_{index}"] = windows

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        region = data.get("region")
        if region == OTHER_REGION:
            other = data.get("region_other", "").strip()
            if not other:
                self.add_error("region_other", _("Enter the country or region."))
            else:
                try:
                    data["holiday_region"] = check_region(other)
                except forms.ValidationError as error:
                    self.add_error("region_other", error)
        elif region is not None:
            data["holiday_region"] = "" if region == NO_HOLIDAYS else region
        if data.get("always_open"):
            data["weekly"] = [ALWAYS_OPEN] * 7
        elif all(f"day_{i}" in data for i in range(7)):
            data["weekly"] = [data[f"day_{i}"] for i in range(7)]
            if not any(data["weekly"]):
                self.add_error(None, _("Enter service hours for at least one day."))
        self._apply_local_holidays(data)
        return data

    def _apply_local_holidays(self, data: dict[str, Any]) -> None:
        """Turn the state and the local holidays ticked into what the holiday data needs."""
        state, keys = data.get("holiday_region"), data.get("local_holidays") or []
        if state is None:
            return
        wrong = local.misplaced(state, keys)
        if wrong:
            self.add_error(
                "local_holidays",
                _(
                    "%(holiday)s is a local holiday in %(state)s only. Choose %(state)s above, "
                    "or untick it."
                )
                % {"holiday": wrong[0].short, "state": state_name(wrong[0].state)},
            )
            return
        data["holiday_region"], data["holiday_categories"] = local.to_storage(state, keys)

    def save(self, commit: bool = True) -> BusinessCalendar:
        calendar = super().save(commit=False)
        calendar.holiday_region = self.cleaned_data["holiday_region"]
        calendar.holiday_categories = self.cleaned_data.get("holiday_categories", "public")
        calendar.weekly = self.cleaned_data["weekly"]
        if commit:
            calendar.save()
        return calendar


class CalendarDayForm(CalendarDayModelForm):
    date = PlausibleDateField(
        label=_("Date"), widget=DateInput(), earliest=DAY_EARLIEST, latest=DAY_LATEST
    )
    hours = WindowsField(
        label=_("Hours on this day"),
        help_text=_("Leave empty if it is closed all day; for a half day e.g. 08:00-12:00."),
    )

    class Meta:
        model = CalendarDay
        fields = ["date", "hours", "note"]
        labels = {"note": _("Note")}
        help_texts = {
            "note": _("Why the hours differ, shown in the list, e.g. “Christmas Eve”."),
        }

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        calendar = self.instance.calendar
        if calendar.days.filter(date=day).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("There is already an exception for %(date)s. Delete it first."),
                code="unique",
                params={"date": day.strftime("%d.%m.%Y")},
            )
        return day

    def save(self, commit: bool = True) -> CalendarDay:
        day = super().save(commit=False)
        day.windows = self.cleaned_data["hours"]
        if commit:
            day.save()
        return day
