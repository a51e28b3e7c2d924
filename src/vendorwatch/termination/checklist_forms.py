"""Forms of the exit checklist: an item (added or changed) and marking it done with evidence.

An item's due date is stored relative to the end of the contract, so it moves when the end
moves. While the end is known (and an ordinary date) the form asks for the day itself and
stores its distance to the end; without a known end it asks for the distance in days.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.meetings.action_forms import ContactChoiceField
from vendorwatch.meetings.minutes_doc import day_text
from vendorwatch.problems.problem_form import PersonChoiceField, people_who_may_act
from vendorwatch.problems.uploads import checked_upload
from vendorwatch.providers.models import Contact
from vendorwatch.termination.models import TEXT_LIMIT, ExitTask, Termination
from vendorwatch.termination.services import local_today
from vendorwatch.web.parsing import (
    EARLIEST_DATE,
    LATEST_DATE,
    PlausibleDateField,
    StrictIntegerField,
    strict_formfield,
)
from vendorwatch.web.uploads import validate_upload_size, with_upload_limit
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    TaskBase = forms.ModelForm[ExitTask]
else:
    TaskBase = forms.ModelForm

# ExitTask.days_from_end's validators: two years before to one year after the end.
EARLIEST_DAYS, LATEST_DAYS = -730, 365


class ServiceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def usable_end(end: date | None) -> bool:
    """Whether a due day can be typed for a contract ending on ``end``."""
    return end is not None and EARLIEST_DATE <= end <= LATEST_DATE


class TaskForm(TaskBase):
    class Meta:
        model = ExitTask
        fields = [
            "category",
            "title",
            "details",
            "days_from_end",
            "service",
            "owner",
            "provider_contact",
        ]
        formfield_callback = strict_formfield
        field_classes = {
            "owner": PersonChoiceField,
            "provider_contact": ContactChoiceField,
            "service": ServiceChoiceField,
            "days_from_end": StrictIntegerField,
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "title": _("What is to be done?"),
            "category": _("Area"),
            "days_from_end": _("Due: days before (−) or after the end of the contract"),
            "owner": _("Responsible on our side"),
            "provider_contact": _("Contact at the provider"),
            "service": _("Service it concerns"),
        }
        help_texts = {
            "days_from_end": _(
                "The end of the contract is not known yet. −30 means 30 days before the end, "
                "0 the last day, 14 two weeks after it."
            ),
        }

    def __init__(self, *args: Any, termination: Termination, end: date | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.instance.termination = termination
        self.end = end
        owner, contact, service = (
            self.fields["owner"],
            self.fields["provider_contact"],
            self.fields["service"],
        )
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(contact, forms.ModelChoiceField)
        assert isinstance(service, forms.ModelChoiceField)
        owner.queryset = people_who_may_act(also=self.instance.owner_id)
        contact.queryset = Contact.objects.filter(provider_id=termination.contract.provider_id)
        contact.queryset = contact.queryset.order_by("name", "pk")
        service.queryset = termination.contract.services.order_by("name", "pk")
        for field in (owner, contact, service):
            field.empty_label = gettext("– none –")
        title = self.fields["title"]
        assert isinstance(title, forms.CharField)
        title.widget.attrs["maxlength"] = str(title.max_length)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = ExitTask.Category.choices
        if usable_end(end):
            self._ask_for_the_day(end)
        else:
            days = self.fields["days_from_end"]
            assert isinstance(days, forms.IntegerField)
            days.min_value, days.max_value = EARLIEST_DAYS, LATEST_DAYS
        self.order_fields(["category", "title", "details", "due_on", "days_from_end"])

    def _ask_for_the_day(self, end: Any) -> None:
        del self.fields["days_from_end"]
        initial = self.instance.due_date(end) if self.instance.pk else end
        self.fields["due_on"] = PlausibleDateField(
            label=_("Due on"),
            initial=initial,
            widget=DateInput(),
            help_text=gettext(
                "Tied to the end of the contract on %(end)s: if the end moves, this day moves "
                "with it."
            )
            % {"end": day_text(end)},
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        due_on = cleaned.get("due_on")
        if due_on is not None and self.end is not None:
            days = (due_on - self.end).days
            if not EARLIEST_DAYS <= days <= LATEST_DAYS:
                self.add_error(
                    "due_on",
                    gettext(
                        "Please choose a day at most two years before and one year after the "
                        "end of the contract (%(end)s)."
                    )
                    % {"end": day_text(self.end)},
                )
            else:
                # Not a field of this form: set on the record, which ``save`` writes.
                self.instance.days_from_end = days
        return cleaned


class DoneForm(forms.Form):
    """Mark an item done, with what shows it: a note and, if there is one, a file."""

    done_on = PlausibleDateField(label=_("Done on"), widget=DateInput())
    evidence = forms.CharField(
        label=_("Evidence (note)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional: what shows that it was done, e.g. “Passwords received in the "
            "password manager, folder ‘Provider’, checked by A. Berger”."
        ),
    )
    file = forms.FileField(
        label=_("File as evidence"),
        required=False,
        help_text=with_upload_limit(
            _("Optional: a receipt, a confirmation, a screenshot; at most %(limit)d MB.")
        ),
        validators=[validate_upload_size],
    )

    def __init__(self, *args: Any, task: ExitTask, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"done_on": task.done_on or local_today(), "evidence": task.evidence},
        )
        super().__init__(*args, **kwargs)

    def clean_done_on(self) -> date:
        day: date = self.cleaned_data["done_on"]
        if day > local_today():
            raise forms.ValidationError(gettext("The day it was done cannot lie in the future."))
        return day

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        return checked_upload(upload) if upload else None
