"""The forms of the weighted comparison: the comparison itself, the weights, entered scores,
an own criterion and the decision."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from vendorwatch.alternatives.comparison import CURRENT, Result, points_text, weights_message
from vendorwatch.alternatives.models import Comparison, Criterion, Offer
from vendorwatch.contracts.models import Contract
from vendorwatch.providers.models import Provider
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import PlausibleDateField, StrictDecimalField, strict_formfield

if TYPE_CHECKING:
    ComparisonBase = forms.ModelForm[Comparison]
    CriterionBase = forms.ModelForm[Criterion]
else:
    ComparisonBase = CriterionBase = forms.ModelForm

HUNDRED = Decimal("100")
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(HUNDRED)]


class ComparisonForm(SectionedForm, ComparisonBase):
    sections = (
        Section(_("What is compared"), ("title", "offers")),
        Section(
            _("Against the current provider"),
            ("current_provider", "current_contract"),
            intro=_(
                "The current provider is shown as a row of its own; what its contract still "
                "costs until it can end is added to every switch."
            ),
        ),
        Section(_("Total cost"), ("years", "hourly_rate")),
    )

    class Meta:
        model = Comparison
        fields = ["title", "offers", "current_provider", "current_contract", "years", "hourly_rate"]
        formfield_callback = strict_formfield
        widgets = {"offers": forms.CheckboxSelectMultiple}
        labels = {"hourly_rate": _("Cost of one hour of our own work (EUR)")}
        help_texts = {
            "offers": _("Tick the offers to compare."),
            "hourly_rate": _("The own effort of a switch is counted with this rate."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offers = self.fields["offers"]
        offers.queryset = Offer.objects.select_related("provider")  # type: ignore[attr-defined]
        providers = self.fields["current_provider"]
        providers.queryset = Provider.objects.exclude(  # type: ignore[attr-defined]
            status=Provider.Status.CANDIDATE
        )
        contracts = self.fields["current_contract"]
        contracts.queryset = Contract.objects.select_related("provider")  # type: ignore[attr-defined]
        contracts.label_from_instance = lambda c: f"{c.provider.name}: {c.title}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        provider, contract = data.get("current_provider"), data.get("current_contract")
        if contract is not None and provider is None:
            data["current_provider"] = contract.provider
        elif contract is not None and provider is not None and contract.provider_id != provider.pk:
            self.add_error(
                "current_contract", gettext("This contract is not with the current provider.")
            )
        decided = self.instance.decided_offer_id
        offers = data.get("offers")
        if decided and offers is not None and decided not in {offer.pk for offer in offers}:
            self.add_error(
                "offers",
                gettext(
                    "The decision was for this offer: it stays in the comparison. Record "
                    "another decision first."
                ),
            )
        return data


class WeightsForm(forms.Form):
    """One weight per criterion (percent); together they must make 100 %."""

    def __init__(self, *args: Any, criteria: Sequence[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = StrictDecimalField(
                label=criterion.name,
                max_digits=5,
                decimal_places=2,
                validators=PERCENT,
                initial=criterion.weight,
                widget=forms.TextInput(attrs={"size": 6}),
            )

    @staticmethod
    def field_name(criterion: Criterion) -> str:
        return f"weight-{criterion.pk}"

    @property
    def rows(self) -> list[tuple[Criterion, forms.BoundField]]:
        return [(c, self[self.field_name(c)]) for c in self.criteria]

    @property
    def total(self) -> Decimal | None:
        values = [self.cleaned_data.get(self.field_name(c)) for c in self.criteria]
        if any(value is None for value in values):
            return None
        return sum((value for value in values if value is not None), Decimal("0"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total = self.total
        if total is not None and total != HUNDRED:
            raise ValidationError(weights_message(total), code="sum")
        return data

    def weights(self) -> dict[str, Decimal]:
        return {str(c.pk): self.cleaned_data[self.field_name(c)] for c in self.criteria}

    def save(self) -> None:
        for criterion in self.criteria:
            criterion.weight = self.cleaned_data[self.field_name(criterion)]
            criterion.save(update_fields=["weight"])


class CriterionForm(CriterionBase):
    class Meta:
        model = Criterion
        fields = ["name"]
        labels = {"name": _("Name of the criterion")}
        help_texts = {
            "name": _(
                "E.g. “impression in the presentation”. You enter its points for each offer; "
                "it starts with a weight of 0 %."
            )
        }


class ScoresForm(forms.Form):
    """Entered points (0–100) for each criterion and option; empty: the computed points."""

    def __init__(self, *args: Any, result: Result, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.result = result
        for row in result.rows:
            for cell in row.cells:
                name = self.field_name(row.criterion.pk, cell.option.key)
                if cell.computed is not None:
                    help_text = gettext("Computed: %(points)s") % {
                        "points": points_text(cell.computed)
                    }
                elif row.criterion.kind == Criterion.Kind.JUDGEMENT:
                    help_text = ""
                else:
                    help_text = gettext("Computed: no data")
                self.fields[name] = StrictDecimalField(
                    label=gettext("%(criterion)s – %(option)s")
                    % {"criterion": row.criterion.name, "option": cell.option.label},
                    required=False,
                    max_digits=4,
                    decimal_places=1,
                    validators=PERCENT,
                    initial=cell.entered,
                    help_text=help_text,
                    widget=forms.TextInput(attrs={"size": 5}),
                )

    @staticmethod
    def field_name(criterion_pk: int, option_key: str) -> str:
        return f"score-{criterion_pk}-{option_key}"

    @property
    def table(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (
                row.criterion,
                [self[self.field_name(row.criterion.pk, cell.option.key)] for cell in row.cells],
            )
            for row in self.result.rows
        ]

    def entries(self) -> list[tuple[Criterion, int | None, Decimal | None]]:
        """(criterion, offer id or None for the current provider, value or None)."""
        found = []
        for row in self.result.rows:
            for cell in row.cells:
                value = self.cleaned_data.get(self.field_name(row.criterion.pk, cell.option.key))
                offer_id = None if cell.option.key == CURRENT else cell.option.offer.pk  # type: ignore[union-attr]
                found.append((row.criterion, offer_id, value))
        return found


class DecisionForm(forms.Form):
    choice = forms.ChoiceField(
        label=pgettext_lazy("comparison", "Decision"), widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In a few sentences, for the file: what tipped the balance."),
    )
    decided_on = PlausibleDateField(label=_("Decided on"))

    def __init__(self, *args: Any, result: Result, **kwargs: Any) -> None:
        comparison = result.comparison
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("decided_on", comparison.decided_on or timezone.localdate())
        initial.setdefault("reason", comparison.decision_reason)
        if comparison.decided_to_stay:
            initial.setdefault("choice", CURRENT)
        elif comparison.decided_offer_id:
            initial.setdefault("choice", str(comparison.decided_offer_id))
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        if comparison.current_provider is not None:
            choices.append(
                (
                    CURRENT,
                    gettext("Stay with %(name)s") % {"name": comparison.current_provider.name},
                )
            )
        # An excluded offer cannot be chosen: it fails a must-requirement.
        choices += [
            (str(o.offer.pk), o.label)
            for o in result.offers
            if o.offer is not None and o.key not in result.excluded
        ]
        self.fields["choice"].choices = choices  # type: ignore[attr-defined]

    def apply(self, comparison: Comparison, user: Any) -> None:
        choice = self.cleaned_data["choice"]
        comparison.decided_to_stay = choice == CURRENT
        comparison.decided_offer = (
            None if choice == CURRENT else comparison.offers.get(pk=int(choice))
        )
        comparison.decision_reason = self.cleaned_data["reason"]
        comparison.decided_on = self.cleaned_data["decided_on"]
        comparison.decided_by = user
        comparison.save()
