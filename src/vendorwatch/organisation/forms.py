from __future__ import annotations

import zoneinfo
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.organisation.models import Organisation

if TYPE_CHECKING:
    OrganisationBase = forms.ModelForm[Organisation]
else:
    OrganisationBase = forms.ModelForm


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class OrganisationForm(OrganisationBase):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "federal_state",
            "time_zone",
            "document_language",
        ]
        help_texts = {
            "document_language": _("The language of the documents and letters for your provider."),
        }
