"""The forms of the minutes: one per agenda item's notes, one per decision, the review of the
earlier meetings' action items, and the reason for a correction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.meetings.models import TEXT_LIMIT, ActionItem, ActionReview, Meeting


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("New decision"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was agreed, in one or two sentences."),
    )


class ReviewForm(forms.Form):
    """What the meeting found about one action item of an earlier meeting."""

    outcome = forms.ChoiceField(
        label=_("Result"),
        choices=ActionReview.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for dropping it"),
        required=False,
        max_length=500,
        help_text=_("Required when the item is dropped."),
    )

    def __init__(self, *args: Any, action: ActionItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action

    @property
    def outcome_label(self) -> str:
        """The stored result, as the page shows it."""
        value = self.initial.get("outcome")
        return str(ActionReview.Outcome(value).label) if value else gettext("not discussed")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("outcome") == ActionReview.Outcome.DROPPED
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", gettext("Please say why the item is dropped."))
        return cleaned


def review_forms(meeting: Meeting, actions: list[ActionItem], data: Any = None) -> list[ReviewForm]:
    found = {r.action_id: r for r in meeting.action_reviews.all()}
    forms_ = []
    for action in actions:
        review = found.get(action.pk)
        initial = {"outcome": review.outcome, "reason": review.reason} if review else {}
        forms_.append(
            ReviewForm(data, prefix=f"review-{action.pk}", initial=initial, action=action)
        )
    return forms_


@transaction.atomic
def reviews_save(*, meeting: Meeting, forms_: list[ReviewForm]) -> int:
    """Stores each chosen result and sets the item's status to match; an item without a
    result chosen is left as it was. Returns how many results were stored."""
    saved = 0
    now = timezone.now()
    for form in forms_:
        outcome = form.cleaned_data.get("outcome")
        if not outcome:
            continue
        reason = form.cleaned_data.get("reason", "").strip()
        if outcome != ActionReview.Outcome.DROPPED:
            reason = ""
        ActionReview.objects.update_or_create(
            meeting=meeting, action=form.action, defaults={"outcome": outcome, "reason": reason}
        )
        action = form.action
        if outcome == ActionReview.Outcome.DONE:
            if action.status != ActionItem.Status.DONE:
                action.closed_at = now
            action.status, action.dropped_reason = ActionItem.Status.DONE, ""
        elif outcome == ActionReview.Outcome.DROPPED:
            if action.status != ActionItem.Status.DROPPED:
                action.closed_at = now
            action.status, action.dropped_reason = ActionItem.Status.DROPPED, reason
        else:
            action.status, action.dropped_reason = ActionItem.Status.OPEN, ""
            action.closed_at = None
        action.save(update_fields=["status", "dropped_reason", "closed_at", "updated_at"])
        saved += 1
    return saved


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        help_text=_(
            "Shown with the corrected minutes, e.g. “Date of the next test corrected”. The "
            "minutes approved so far stay visible."
        ),
    )
