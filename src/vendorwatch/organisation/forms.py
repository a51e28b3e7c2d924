from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.organisation.models import Organisation
from vendorwatch.web.zones import all_zone_choices

if TYPE_CHECKING:
    OrganisationBase = forms.ModelForm[Organisation]
else:
    OrganisationBase = forms.ModelForm


class OrganisationForm(OrganisationBase):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Where your company works: deadlines and times are shown in this zone."),
    )

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A zone stored before the list named places only ("CET") stays the one chosen.
        zone = self.fields["time_zone"]
        assert isinstance(zone, forms.ChoiceField)
        zone.choices = all_zone_choices(keep=self.instance.time_zone)
