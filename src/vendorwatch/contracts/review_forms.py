from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext

from vendorwatch.contracts.forms import DATE_INPUT
from vendorwatch.contracts.models import ContractReview, ReviewFinding
from vendorwatch.web.parsing import strict_formfield

if TYPE_CHECKING:
    ReviewBase = forms.ModelForm[ContractReview]
    FindingBase = forms.ModelForm[ReviewFinding]
else:
    ReviewBase = FindingBase = forms.ModelForm


class ReviewForm(ReviewBase):
    class Meta:
        model = ContractReview
        fields = ["period_start", "period_end", "reviewed_on", "rating", "outcome", "summary"]
        formfield_callback = strict_formfield
        widgets = {
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            "reviewed_on": DATE_INPUT,
            "outcome": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", gettext("The period cannot end before it starts."))
        return cleaned


class FindingForm(FindingBase):
    class Meta:
        model = ReviewFinding
        fields = ["delivered", "evidence", "comment"]
        formfield_callback = strict_formfield
        widgets = {
            "delivered": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
