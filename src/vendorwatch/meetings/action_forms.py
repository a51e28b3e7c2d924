"""Forms of action items and open questions, and the one list of everything that is to be done.

The list holds the action items and open questions of meetings, problems and contracts and,
as rows of their own kind, the follow-up items of contract reviews: both are read with one
``UNION`` query that the database sorts (overdue first, then by due date) and pages, so the
page costs the same few queries however many items there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.models import Contract, FollowUp
from vendorwatch.meetings.models import TEXT_LIMIT, ActionItem, AgendaItem, Meeting
from vendorwatch.problems.models import Problem, Status
from vendorwatch.problems.problem_form import PersonChoiceField, people_who_may_act
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import parse_int, strict_formfield
from vendorwatch.web.widgets import DateInput

if TYPE_CHECKING:
    ActionBase = forms.ModelForm[ActionItem]
else:
    ActionBase = forms.ModelForm

MAX_ID = 2**63 - 1
# The follow-up items of contract reviews, as the list names their kind.
FOLLOW_UP = "follow_up"


class ContactChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.role})" if getattr(obj, "role", "") else str(obj.name)


class ProblemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"#{obj.pk} {obj.title}"


def problems_to_link(provider: Provider, *, also: int | None = None) -> QuerySet[Problem]:
    """The provider's problems not yet closed (and the one linked already)."""
    wanted = ~Q(status=Status.CLOSED)
    if also is not None:
        wanted |= Q(pk=also)
    return Problem.objects.filter(wanted, provider=provider).only("pk", "title").order_by("-pk")


# The fields whose choices are read from the database.
CHOICE_FIELDS = ("owner", "contact", "problem", "contract")


@dataclass(frozen=True)
class ActionChoices:
    """The choices of a provider's new action items, read once and shared by every form of a
    page: the minutes with thirty agenda items ask for them once, not thirty times."""

    fields: dict[str, list[Any]]

    @classmethod
    def read(cls, provider: Provider) -> ActionChoices:
        form = ActionForm(provider=provider)
        fields = {}
        for name in CHOICE_FIELDS:
            field = form.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            fields[name] = list(cast(Iterable[Any], field.choices))
        return cls(fields)


class ActionForm(SectionedForm, ActionBase):
    """An action item or open question of one provider: what, who, by when, what it concerns.

    The provider is fixed before the form is shown (by the meeting, problem or contract it
    comes from, or chosen first), so every choice offered belongs to it.

    ``choices``: the choices read once for a page (:class:`ActionChoices`), for a new item.
    ``agenda_item``: the form adds to one agenda item of the minutes; it offers that item's
    problem only (or no problem field when the item has none), so a page of many items does
    not list every open problem under each one. Another problem can be linked on the action
    item's own page.
    """

    sections = (
        Section(_("What is to be done?"), ("kind", "title", "details", "due_date")),
        Section(_("Who is responsible?"), ("side",)),
        Section(_("Responsible on our side"), ("owner",), shown_for=("ours",)),
        Section(_("Responsible at the provider"), ("contact",), shown_for=("provider",)),
        Section(_("What it concerns"), ("problem", "contract")),
    )

    class Meta:
        model = ActionItem
        fields = [
            "kind",
            "title",
            "details",
            "due_date",
            "side",
            "owner",
            "contact",
            "problem",
            "contract",
        ]
        formfield_callback = strict_formfield
        field_classes = {
            "owner": PersonChoiceField,
            "contact": ContactChoiceField,
            "problem": ProblemChoiceField,
        }
        widgets = {
            "kind": forms.RadioSelect,
            "side": forms.Select(attrs={"data-sections": ""}),
            "details": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
        }
        labels = {
            "title": _("What is to be done or answered?"),
            "details": _("Details"),
            "side": _("Who must do it or answer?"),
            "owner": _("Person on our side"),
            "contact": _("Person at the provider"),
            "problem": _("Problem"),
            "contract": _("Contract"),
        }
        help_texts = {
            "kind": _("An action item is something to do; an open question needs an answer."),
            "due_date": _("By when it must be done or answered."),
            "problem": _("Only problems of this provider that are not closed are offered."),
        }

    def __init__(
        self,
        *args: Any,
        provider: Provider,
        choices: ActionChoices | None = None,
        agenda_item: AgendaItem | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.provider = provider
        self.instance.provider = provider
        kind, side = self.fields["kind"], self.fields["side"]
        assert isinstance(kind, forms.ChoiceField) and isinstance(side, forms.ChoiceField)
        kind.choices = ActionItem.Kind.choices
        side.choices = ActionItem.Side.choices
        owner, contact = self.fields["owner"], self.fields["contact"]
        problem, contract = self.fields["problem"], self.fields["contract"]
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(contact, forms.ModelChoiceField)
        assert isinstance(problem, forms.ModelChoiceField)
        assert isinstance(contract, forms.ModelChoiceField)
        owner.queryset = people_who_may_act(also=self.instance.owner_id)
        contact.queryset = Contact.objects.filter(provider=provider).order_by("name", "pk")
        problem.queryset = problems_to_link(provider, also=self._initial_pk("problem"))
        contract.queryset = Contract.objects.filter(provider=provider).order_by("title", "pk")
        for name in CHOICE_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.empty_label = gettext("– none –")
            if choices is not None:
                # Validation still asks the queryset; only the shown list is shared.
                field.choices = choices.fields[name]
        if agenda_item is not None:
            self._only_the_items_problem(problem, agenda_item)
        title = self.fields["title"]
        assert isinstance(title, forms.CharField)
        title.widget.attrs["maxlength"] = str(title.max_length)

    def _only_the_items_problem(self, field: forms.ModelChoiceField, item: AgendaItem) -> None:  # type: ignore[type-arg]
        if item.problem is None:
            del self.fields["problem"]
            return
        field.queryset = Problem.objects.filter(pk=item.problem.pk)
        field.choices = [
            ("", field.empty_label),
            (item.problem.pk, field.label_from_instance(item.problem)),
        ]
        field.help_text = gettext(
            "The agenda item's problem. Another problem can be linked on the action item's "
            "own page once it is saved."
        )

    def _initial_pk(self, name: str) -> int | None:
        value = self.initial.get(name)
        if isinstance(value, Problem | Contract):
            return int(value.pk)
        return parse_int(value, minimum=1, maximum=MAX_ID)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Only the person of the side that is responsible is kept (without the page's script
        # both choices are shown).
        if cleaned.get("side") == ActionItem.Side.OURS:
            cleaned["contact"] = None
        elif cleaned.get("side") == ActionItem.Side.PROVIDER:
            cleaned["owner"] = None
        return cleaned


class CloseForm(forms.Form):
    """Close an open item: done (with what came of it) or dropped (with why)."""

    outcome = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (ActionItem.Status.DONE, _("done or answered")),
            (ActionItem.Status.DROPPED, _("dropped")),
        ],
        widget=forms.RadioSelect,
        initial=ActionItem.Status.DONE,
    )
    answer = forms.CharField(
        label=_("Answer or result"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what was done, or the answer to the question."),
    )
    reason = forms.CharField(
        label=_("Reason for dropping it"),
        required=False,
        max_length=500,
        help_text=_("Required when the item is dropped."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == ActionItem.Status.DROPPED and not cleaned.get("reason"):
            self.add_error("reason", gettext("Please say why the item is dropped."))
        return cleaned


def action_close(*, action: ActionItem, outcome: str, answer: str = "", reason: str = "") -> None:
    action.status = outcome
    action.closed_at = timezone.now()
    if answer:
        action.answer = answer
    action.dropped_reason = reason.strip() if outcome == ActionItem.Status.DROPPED else ""
    action.save(update_fields=["status", "closed_at", "answer", "dropped_reason", "updated_at"])


def action_reopen(*, action: ActionItem) -> None:
    action.status = ActionItem.Status.OPEN
    action.closed_at = None
    action.dropped_reason = ""
    action.save(update_fields=["status", "closed_at", "dropped_reason", "updated_at"])


def action_initial(
    *,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    problem: Problem | None = None,
    contract: Contract | None = None,
) -> dict[str, Any]:
    """What a new item starts with: the problem or contract it comes from (an agenda item's
    own), and a due date two weeks ahead."""
    today = timezone.localdate()
    initial: dict[str, Any] = {"due_date": today.fromordinal(today.toordinal() + 14)}
    if agenda_item is not None:
        problem = problem or agenda_item.problem
        contract = contract or agenda_item.contract
    if problem is not None:
        initial["problem"] = problem.pk
    if contract is not None:
        initial["contract"] = contract.pk
    return initial


# --- the one list ----------------------------------------------------------------------------

WHO_CHOICES = [
    ("", _("everyone")),
    ("mine", _("mine")),
    ("ours", _("our side")),
    ("provider", _("the provider")),
]
KIND_CHOICES = [
    ("", _("all kinds")),
    (ActionItem.Kind.ACTION, _("action items")),
    (ActionItem.Kind.QUESTION, _("open questions")),
    (FOLLOW_UP, _("follow-up items of contract reviews")),
]
STATUS_CHOICES = [
    ("open", _("open")),
    ("done", _("done")),
    ("dropped", _("dropped")),
    ("all", _("all")),
]


class ListFilterForm(forms.Form):
    """The list's filters, read from the address; anything unknown falls back to the default."""

    who = forms.ChoiceField(label=_("Responsible"), choices=WHO_CHOICES, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ChoiceField)
        providers = Provider.objects.order_by("name", "pk").values_list("pk", "name")
        provider.choices = [("", gettext("all providers"))] + [
            (str(pk), name) for pk, name in providers
        ]

    def values(self) -> dict[str, Any]:
        if not self.is_valid():
            clean: dict[str, Any] = {}
            for name in self.fields:
                if name not in self.errors:
                    clean[name] = self.cleaned_data.get(name)
        else:
            clean = dict(self.cleaned_data)
        return {
            "who": clean.get("who") or "",
            "status": clean.get("status") or "open",
            "kind": clean.get("kind") or "",
            "provider": parse_int(clean.get("provider"), minimum=1, maximum=MAX_ID),
            "overdue": bool(clean.get("overdue")),
        }

    def querystring(self) -> str:
        from urllib.parse import urlencode

        values = self.values()
        pairs = [
            (name, value)
            for name, value in (
                ("who", values["who"]),
                ("status", values["status"] if values["status"] != "open" else ""),
                ("kind", values["kind"]),
                ("provider", values["provider"] or ""),
                ("overdue", "on" if values["overdue"] else ""),
            )
            if value
        ]
        return urlencode(pairs)


def _actions(values: dict[str, Any], user: User, today: date) -> QuerySet[Any] | None:
    if values["kind"] == FOLLOW_UP:
        return None
    query = ActionItem.objects.all()
    if values["kind"]:
        query = query.filter(kind=values["kind"])
    if values["who"] == "mine":
        query = query.filter(owner=user, side=ActionItem.Side.OURS)
    elif values["who"] in ("ours", "provider"):
        query = query.filter(side=values["who"])
    if values["status"] != "all":
        query = query.filter(status=values["status"])
    if values["overdue"]:
        query = query.filter(status=ActionItem.Status.OPEN, due_date__lt=today)
    if values["provider"]:
        query = query.filter(provider_id=values["provider"])
    return (
        query.order_by()
        .annotate(
            row_kind=F("kind"),
            row_status=F("status"),
            row_provider=F("provider_id"),
            row_late=Case(
                When(status=ActionItem.Status.OPEN, due_date__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .values("row_late", "due_date", "row_kind", "pk", "row_status", "row_provider")
    )


def _follow_ups(values: dict[str, Any], today: date) -> QuerySet[Any] | None:
    if values["kind"] not in ("", FOLLOW_UP) or values["who"] in ("mine", "provider"):
        return None
    if values["status"] == "dropped":
        return None
    query = FollowUp.objects.all()
    if values["status"] == "open":
        query = query.filter(done=False)
    elif values["status"] == "done":
        query = query.filter(done=True)
    if values["overdue"]:
        query = query.filter(done=False, due_date__lt=today)
    if values["provider"]:
        query = query.filter(contract__provider_id=values["provider"])
    return (
        query.order_by()
        .annotate(
            row_kind=Value(FOLLOW_UP, output_field=CharField()),
            row_status=Case(
                When(done=True, then=Value(ActionItem.Status.DONE)),
                default=Value(ActionItem.Status.OPEN),
                output_field=CharField(),
            ),
            row_provider=F("contract__provider_id"),
            row_late=Case(
                When(done=False, due_date__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .values("row_late", "due_date", "row_kind", "pk", "row_status", "row_provider")
    )


def list_rows(values: dict[str, Any], user: User, today: date) -> QuerySet[Any] | None:
    """The keys of the listed items, overdue first, then by due date (follow-up items without
    one last); ``None`` when the filters leave nothing to list."""
    found = (_actions(values, user, today), _follow_ups(values, today))
    parts = [query for query in found if query is not None]
    if not parts:
        return None
    rows = parts[0].union(parts[1], all=True) if len(parts) == 2 else parts[0]
    return rows.order_by("row_late", F("due_date").asc(nulls_last=True), "row_kind", "pk")


@dataclass(frozen=True)
class Row:
    """One line of the list: an action item or open question, or a contract review's
    follow-up item."""

    kind: str
    item: ActionItem | FollowUp
    late: bool

    @property
    def is_follow_up(self) -> bool:
        return self.kind == FOLLOW_UP


def load_rows(keys: list[dict[str, Any]]) -> list[Row]:
    """The records of one page's keys, in the page's order, in two queries."""
    action_pks = [k["pk"] for k in keys if k["row_kind"] != FOLLOW_UP]
    follow_pks = [k["pk"] for k in keys if k["row_kind"] == FOLLOW_UP]
    actions = ActionItem.objects.select_related(
        "provider", "owner", "contact", "meeting", "problem", "contract"
    ).in_bulk(action_pks)
    follow_ups = FollowUp.objects.select_related("contract__provider", "review").in_bulk(follow_pks)
    rows = []
    for key in keys:
        found: ActionItem | FollowUp | None = (
            follow_ups.get(key["pk"]) if key["row_kind"] == FOLLOW_UP else actions.get(key["pk"])
        )
        if found is not None:
            rows.append(Row(key["row_kind"], found, key["row_late"] == 0))
    return rows


def open_counts(user: User, today: date | None = None) -> dict[str, int]:
    """Open items in total, overdue, and the user's own (for a dashboard panel)."""
    today = today or timezone.localdate()
    open_actions = ActionItem.objects.filter(status=ActionItem.Status.OPEN)
    open_follow_ups = FollowUp.objects.filter(done=False)
    return {
        "open": open_actions.count() + open_follow_ups.count(),
        "overdue": open_actions.filter(due_date__lt=today).count()
        + open_follow_ups.filter(due_date__lt=today).count(),
        "mine": open_actions.filter(owner=user, side=ActionItem.Side.OURS).count(),
    }
