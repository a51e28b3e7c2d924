"""The filters of the full list of changes (a GET form: the filtered list has an address)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.audit.display import kind_label
from vendorwatch.audit.models import AuditEntry
from vendorwatch.audit.policy import audited_models
from vendorwatch.web.widgets import DateInput


def kind_choices() -> list[tuple[str, Any]]:
    kinds = [(m._meta.label_lower, kind_label(m)) for m in audited_models()]
    return [("", _("all")), *sorted(kinds, key=lambda pair: pair[1].lower())]


def _all(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("all")), *choices]


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("all"),
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=_all(AuditEntry.Action.choices), required=False
    )
    channel = forms.ChoiceField(
        label=_("Via"), choices=_all(AuditEntry.Channel.choices), required=False
    )
    date_from = forms.DateField(label=_("Changed from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Changed until"), required=False, widget=DateInput())
    q = forms.CharField(label=_("Record name"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()  # type: ignore[attr-defined]
        users = self.fields["user"]
        users.queryset = get_user_model().objects.order_by("username")  # type: ignore[attr-defined]
        users.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end lies before the start."))
        return cleaned

    def entries(self) -> QuerySet[AuditEntry]:
        """The entries the filters let through, newest first; all when the filters are not
        valid (the form shows why)."""
        entries = AuditEntry.objects.select_related("content_type")
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("kind"):
            app_label, _dot, model = data["kind"].partition(".")
            try:
                kind = ContentType.objects.get_by_natural_key(app_label, model)
            except ContentType.DoesNotExist:
                return entries.none()
            entries = entries.filter(content_type=kind)
        if data.get("user"):
            entries = entries.filter(actor=data["user"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("channel"):
            entries = entries.filter(channel=data["channel"])
        if data.get("date_from"):
            entries = entries.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to") and data["date_to"] < dt.date.max:
            entries = entries.filter(at__lt=_start_of(data["date_to"] + dt.timedelta(days=1)))
        if data.get("q"):
            entries = entries.filter(Q(object_repr__icontains=data["q"].strip()))
        return entries


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of the day in the local time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
