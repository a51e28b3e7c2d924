from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"summary": _("Summary and notes")}
        help_texts = {
            "period_start": _(
                "The first day the review looks back on; the figures above are for this period."
            ),
            "period_end": _("The last day the review looks back on, usually today."),
            "reviewed_on": _("The day you held the review."),
            "rating": _("Your overall judgement of the provider in this period, like a grade."),
            "outcome": _(
                "What you decide to do next; Vendorwatch adds the follow-up items that go "
                "with it, e.g. a reminder before the notice deadline."
            ),
            "summary": _(
                "What went well, what did not, what you agreed. Shown on the review's page."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcome, rating = self.fields["outcome"], self.fields["rating"]
        assert isinstance(outcome, forms.ChoiceField) and isinstance(rating, forms.ChoiceField)
        outcome.choices = ContractReview.Outcome.choices  # radio buttons: no empty "------"
        rating.choices = [("", gettext("– please choose –")), *ContractReview.Rating.choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", gettext("The period cannot end before it starts."))
        return cleaned


class FindingForm(FindingBase):
    """One service's finding. A review has one per service, alike: only the first explains
    its fields (``explain``), the others would repeat it a dozen times."""

    class Meta:
        model = ReviewFinding
        fields = ["delivered", "evidence", "comment"]
        formfield_callback = strict_formfield
        widgets = {
            "delivered": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "evidence": _(
                "What the records show for this service; filled in from the problem log and "
                "the invoices – add to it."
            ),
            "comment": _("Your own view, e.g. what the provider should do better."),
        }

    def __init__(self, *args: Any, explain: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not explain:
            for field in self.fields.values():
                field.help_text = ""
