"""Forms of the meeting pages: a series, a single meeting (one-off, or moving an occurrence),
cancelling, and an agenda item."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.meetings.models import AgendaItem, Meeting, MeetingSeries
from vendorwatch.meetings.presets import CUSTOM, PRESET_CHOICES, preset_of, preset_rule
from vendorwatch.meetings.recurrence import RuleError, normalize_rule
from vendorwatch.organisation.models import Organisation
from vendorwatch.problems.forms import PlausibleDateTimeField
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import strict_formfield
from vendorwatch.web.widgets import DateInput, DateTimeInput
from vendorwatch.web.zones import all_zone_choices

if TYPE_CHECKING:
    SeriesBase = forms.ModelForm[MeetingSeries]
    MeetingBase = forms.ModelForm[Meeting]
    AgendaBase = forms.ModelForm[AgendaItem]
else:
    SeriesBase = MeetingBase = AgendaBase = forms.ModelForm


class UserChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.email})"


class ContactChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        details = ", ".join(part for part in (obj.role, obj.email) if part)
        label = f"{obj.name} ({details})" if details else obj.name
        return f"{label} – {obj.provider.name}"


def _people_fields(form: forms.BaseForm, provider: Provider | None) -> None:
    """Our users with an e-mail address; the provider's contacts (all active providers' while
    the provider is not yet chosen: ``clean`` checks that they belong to the one chosen)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    form.fields["participants"] = UserChoiceField(
        queryset=users.order_by("first_name", "last_name", "username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Our participants"),
        help_text=_("They receive the invitation and the agenda by e-mail."),
    )
    contacts = Contact.objects.select_related("provider").order_by("provider__name", "name")
    if provider is not None:
        contacts = contacts.filter(provider=provider)
    else:
        contacts = contacts.filter(provider__status=Provider.Status.ACTIVE)
    form.fields["contacts"] = ContactChoiceField(
        queryset=contacts,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Participants from the provider"),
        help_text=_("Only contacts of the chosen provider can take part."),
    )


def _check_contacts(form: forms.BaseForm, cleaned: dict[str, Any], provider: Any) -> None:
    contacts = cleaned.get("contacts")
    if provider is None or not contacts:
        return
    if any(contact.provider_id != provider.pk for contact in contacts):
        form.add_error(
            "contacts",
            gettext("Choose only contacts of %(provider)s.") % {"provider": provider.name},
        )


class ReachAndNotice(forms.Form):
    """Where to meet online and whether to tell the participants: the same for a series and
    for a single meeting."""

    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The address of the video call, if there is one."),
    )
    send_update = forms.BooleanField(
        label=_("Send the change to the participants by e-mail"),
        required=False,
        initial=True,
    )


class SeriesForm(SectionedForm, SeriesBase, ReachAndNotice):
    preset = forms.ChoiceField(
        label=_("Repeats"),
        choices=PRESET_CHOICES,
        widget=forms.Select(attrs={"data-sections": ""}),
        help_text=_("Counted from the day of the first meeting."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The meeting keeps its time in this zone, also when summer time begins."),
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "provider",
            "title",
            "kind",
            "first_date",
            "start_time",
            "duration_minutes",
            "time_zone",
            "rule",
            "location",
            "video_link",
        ]
        formfield_callback = strict_formfield
        widgets = {
            "first_date": DateInput(),
            "start_time": forms.TimeInput(
                format="%H:%M", attrs={"placeholder": _("hh:mm"), "inputmode": "numeric"}
            ),
        }
        labels = {
            "title": _("Name of the series"),
            "first_date": _("First meeting on"),
            "start_time": _("Starts at"),
            "duration_minutes": _("Duration in minutes"),
            "rule": _("Rule"),
            "location": _("Place"),
        }
        help_texts = {
            "title": _("E.g. “Jour fixe” or “Quarterly service review”."),
            "start_time": _("E.g. 10:00."),
            "duration_minutes": _("Between 5 and 720 minutes."),
            "rule": _(
                "A repetition as calendar programs write it (RFC 5545), e.g. "
                "FREQ=MONTHLY;BYDAY=-1FR for the last Friday of each month."
            ),
            "location": _("E.g. the meeting room or the provider's address."),
        }

    sections = (
        Section(_("Meeting series"), ("provider", "title", "kind")),
        Section(_("When"), ("first_date", "start_time", "duration_minutes", "preset")),
        Section(_("Rule"), ("rule",), shown_for=(CUSTOM,), name="rule"),
        Section(_("Time zone"), ("time_zone",), folded=True),
        Section(_("Where"), ("location", "video_link")),
        Section(_("Participants"), ("participants", "contacts")),
        Section(_("Tell the participants"), ("send_update",), name="notify"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        provider_field = self.fields["provider"]
        assert isinstance(provider_field, forms.ModelChoiceField)
        active = Provider.objects.filter(status=Provider.Status.ACTIVE)
        if editing:
            active = Provider.objects.filter(pk=self.instance.provider_id) | active
        provider_field.queryset = active
        provider_field.empty_label = gettext("– please choose –")
        _people_fields(self, self.instance.provider if editing else None)
        if editing:
            self.initial["participants"] = list(self.instance.participants.all())
            self.initial["contacts"] = list(self.instance.contacts.all())
            self.initial["preset"] = preset_of(self.instance.rule, self.instance.first_date)
        else:
            del self.fields["send_update"]
            organisation = Organisation.load()
            self.initial.setdefault(
                "time_zone", organisation.time_zone if organisation else "Europe/Berlin"
            )
            self.initial.setdefault("preset", "monthly_weekday")
        zone = self.fields["time_zone"]
        assert isinstance(zone, forms.ChoiceField)
        zone.choices = all_zone_choices(keep=self.instance.time_zone if editing else "")
        self.fields["rule"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_contacts(self, cleaned, cleaned.get("provider"))
        first_date, start_time = cleaned.get("first_date"), cleaned.get("start_time")
        preset, zone_name = cleaned.get("preset"), cleaned.get("time_zone")
        if not (first_date and start_time and preset and zone_name):
            return cleaned
        if preset == CUSTOM and "rule" in self.errors:
            return cleaned
        custom = preset == CUSTOM
        text = (cleaned.get("rule") or "") if custom else preset_rule(preset, first_date)
        field = "rule" if custom else "preset"
        if not text:
            self.add_error("rule", gettext("Enter the rule, e.g. FREQ=MONTHLY;BYDAY=1TU."))
            return cleaned
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            self.add_error("time_zone", gettext("Choose a time zone from the list."))
            return cleaned
        try:
            cleaned["rule"] = normalize_rule(
                text, first_date=first_date, start_time=start_time, zone=zone
            )
        except RuleError as error:
            self.add_error(field, str(error.message))
        return cleaned

    def save(self, commit: bool = True) -> MeetingSeries:
        series = super().save(commit=commit)
        if commit:
            series.participants.set(self.cleaned_data.get("participants") or [])
            series.contacts.set(self.cleaned_data.get("contacts") or [])
        return series


class MeetingForm(SectionedForm, MeetingBase, ReachAndNotice):
    """A one-off meeting, or a change to one meeting (moving an occurrence of a series)."""

    class Meta:
        model = Meeting
        fields = ["provider", "title", "starts_at", "ends_at", "location", "video_link"]
        formfield_callback = strict_formfield
        field_classes = {"starts_at": PlausibleDateTimeField, "ends_at": PlausibleDateTimeField}
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        labels = {
            "starts_at": _("Starts"),
            "ends_at": _("Ends"),
            "location": _("Place"),
        }
        help_texts = {
            "starts_at": _("Day and time, e.g. 03.12.2026 10:00."),
            "location": _("E.g. the meeting room or the provider's address."),
        }

    sections = (
        Section(_("Meeting"), ("provider", "title", "starts_at", "ends_at")),
        Section(_("Where"), ("location", "video_link")),
        Section(_("Participants"), ("participants", "contacts")),
        Section(_("Tell the participants"), ("send_update",), name="notify"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        if editing:
            del self.fields["provider"]
            self.initial["participants"] = list(self.instance.participants.all())
            self.initial["contacts"] = list(self.instance.contacts.all())
        else:
            del self.fields["send_update"]
            provider = self.fields["provider"]
            assert isinstance(provider, forms.ModelChoiceField)
            provider.queryset = Provider.objects.filter(status=Provider.Status.ACTIVE)
            provider.empty_label = gettext("– please choose –")
        _people_fields(self, self.instance.provider if editing else None)
        if editing and self.instance.series_id is not None:
            self.fields["title"].disabled = True
            self.fields["title"].help_text = _("The name of the series; change it there.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        provider = self.instance.provider if self.instance.pk else cleaned.get("provider")
        _check_contacts(self, cleaned, provider)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", gettext("The end must be after the start."))
        return cleaned

    def save(self, commit: bool = True) -> Meeting:
        meeting = super().save(commit=commit)
        if commit:
            meeting.participants.set(self.cleaned_data.get("participants") or [])
            meeting.contacts.set(self.cleaned_data.get("contacts") or [])
        return meeting


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("The participants read it in the cancellation, e.g. “Holiday”."),
    )
    send_update = forms.BooleanField(
        label=_("Send the cancellation to the participants by e-mail"),
        required=False,
        initial=True,
    )


class AgendaItemForm(SectionedForm, AgendaBase):
    class Meta:
        model = AgendaItem
        fields = ["title", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}
        labels = {"title": _("Topic"), "details": _("Details")}
        help_texts = {"details": _("What should be discussed; shown under the topic.")}
