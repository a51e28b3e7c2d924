from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.organisation.models import Organisation
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.zones import all_zone_choices

if TYPE_CHECKING:
    OrganisationBase = forms.ModelForm[Organisation]
else:
    OrganisationBase = forms.ModelForm

COMPANY_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "federal_state",
    "time_zone",
    "document_language",
)
LETTERHEAD_FIELDS = ("phone", "email", "website", "signatory", "letter_footer")


class OrganisationForm(SectionedForm, OrganisationBase):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Where your company works: deadlines and times are shown in this zone."),
    )

    sections = (
        Section(_("Company"), COMPANY_FIELDS, name="company"),
        Section(
            _("Letterhead"),
            LETTERHEAD_FIELDS,
            name="letterhead",
            intro=_(
                "Printed on your letters to the provider (termination, warning letter): how "
                "the provider reaches you, who signs, and the footer."
            ),
        ),
    )

    class Meta:
        model = Organisation
        fields = [*COMPANY_FIELDS, *LETTERHEAD_FIELDS]
        widgets = {"letter_footer": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "document_language": _("The language of the documents and letters for your provider."),
            "website": _("For example www.example.com."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A zone stored before the list named places only ("CET") stays the one chosen.
        zone = self.fields["time_zone"]
        assert isinstance(zone, forms.ChoiceField)
        zone.choices = all_zone_choices(keep=self.instance.time_zone)
        for name in LETTERHEAD_FIELDS:
            field = self.fields[name]
            if isinstance(field, forms.CharField) and field.max_length:
                field.widget.attrs["maxlength"] = str(field.max_length)
