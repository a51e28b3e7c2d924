"""The form on which a problem is reported (and later changed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Lower, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.accounts.roles import Role
from vendorwatch.problems.forms import PlausibleDateTimeField, not_in_future
from vendorwatch.problems.listing import MAX_ID
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.priority import PriorityPreview, priority_preview
from vendorwatch.problems.uploads import MultipleFileField
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.web.forms import Section, SectionedForm
from vendorwatch.web.parsing import parse_int
from vendorwatch.web.uploads import with_upload_limit
from vendorwatch.web.widgets import DateTimeInput

# The fields whose values decide the priority, sent along with every preview request.
PREVIEW_INPUTS = "#id_sla_policy, #id_impact, #id_urgency, #id_reported_to_provider_at"
# One request after the other, in the order of the changes: an earlier answer arriving late
# must not overwrite the preview of the later choice (nor a preview the SLA of a new provider).
PREVIEW_SYNC = "#priority-preview:queue all"


def people_who_may_act(*, also: int | None = None) -> QuerySet[User]:
    """Active users with a role that may change things (editors and administrators, see
    :mod:`vendorwatch.accounts.roles`; not viewers), sorted by the name they are shown by:
    the full name, the log-in name only for someone without one. ``also``: a person chosen
    earlier, kept on the list although they may no longer act."""
    roles = [Role.EDITOR.value, Role.ADMINISTRATOR.value]
    may_act = User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=roles))
    wanted = Q(pk__in=may_act.filter(is_active=True).values("pk"))
    if also is not None:
        wanted |= Q(pk=also)
    full_name = Trim(Concat("first_name", Value(" "), "last_name"))
    shown = Lower(Coalesce(NullIf(full_name, Value("")), "username"))
    return User.objects.filter(wanted).annotate(shown_name=shown).order_by("shown_name", "pk")


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ProblemForm(SectionedForm, forms.ModelForm):  # type: ignore[type-arg]
    """The precise description of a problem and whom it was reported to.

    The SLA follows the provider: only the provider's own SLAs are offered (the first one
    chosen), "no SLA agreed" only for a provider without one. The page swaps the SLA field
    with htmx when the provider changes; without JavaScript the check on saving is the rule.
    Choosing the extent, the urgency or the SLA shows the priority they give
    (:mod:`vendorwatch.problems.priority`) before the problem is saved.

    The fields that decide the clock (when and how it was reported) stay open although
    they have sensible defaults: a required field is never hidden.
    """

    sections = (
        Section(_("The problem"), ("title", "what_happened", "since")),
        Section(_("How bad is it?"), ("impact", "urgency"), name="priority"),
        Section(_("Who is to solve it?"), ("provider", "sla_policy", "service")),
        Section(
            _("Reported to the provider"), ("reported_to_provider_at", "channel"), name="report"
        ),
        Section(
            _("More details for the provider (optional)"),
            (
                "affected_users",
                "affected_email",
                "affected_systems",
                "business_impact",
                "already_tried",
                "expected",
                "how_to_reproduce",
            ),
            folded=True,
            intro=_("The more the provider knows at once, the fewer questions it has to ask."),
        ),
        Section(
            _("Ticket number and who follows it up (optional)"),
            ("provider_ticket_number", "owner"),
            folded=True,
        ),
        Section(_("Files (optional)"), ("attachments",), name="files"),
    )

    attachments = MultipleFileField(
        label=_("Attach files"),
        required=False,
        help_text=with_upload_limit(
            _(
                "Screenshots of error messages, logs, PDF or e-mails; you can choose several "
                "at once, each up to %(limit)d MB."
            )
        ),
    )

    class Meta:
        model = Problem
        fields = [
            "title",
            "what_happened",
            "since",
            "affected_users",
            "affected_email",
            "affected_systems",
            "service",
            "business_impact",
            "already_tried",
            "expected",
            "how_to_reproduce",
            "impact",
            "urgency",
            "provider",
            "sla_policy",
            "reported_to_provider_at",
            "channel",
            "provider_ticket_number",
            "owner",
        ]
        field_classes = {
            "since": PlausibleDateTimeField,
            "reported_to_provider_at": PlausibleDateTimeField,
            "owner": PersonChoiceField,
        }
        widgets = {
            "since": DateTimeInput(),
            "reported_to_provider_at": DateTimeInput(),
            "what_happened": forms.Textarea(attrs={"rows": 4}),
            "affected_users": forms.Textarea(attrs={"rows": 2}),
            "affected_systems": forms.Textarea(attrs={"rows": 2}),
            "business_impact": forms.Textarea(attrs={"rows": 2}),
            "already_tried": forms.Textarea(attrs={"rows": 2}),
            "expected": forms.Textarea(attrs={"rows": 2}),
            "how_to_reproduce": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "since": _("Since when"),
            "impact": _("How many are affected? (extent)"),
            "urgency": _("How soon must it be solved? (urgency)"),
            "business_impact": _("What does it cost us? (consequences for the business)"),
            "affected_users": _("Who is affected"),
            "affected_email": _("E-mail of the affected person"),
            "affected_systems": _("Which devices and programs"),
            "already_tried": _("What we already tried"),
            "expected": _("What should happen instead"),
            "how_to_reproduce": _("How to make the error appear"),
            "sla_policy": _("SLA"),
            "service": _("Affected service"),
            "reported_to_provider_at": _("Reported to the provider at"),
            "channel": _("Reported via"),
            "provider_ticket_number": _("Provider's ticket number"),
            "owner": _("Internally responsible"),
        }
        help_texts = {
            "title": _(
                "So that everyone recognises it, e.g. “Printer in accounts prints nothing”."
            ),
            "what_happened": _("What exactly does not work? Copy error messages word for word."),
            "since": _("When it started, as far as you know; not when you reported it."),
            "impact": _(
                "High: the whole company or a whole department cannot work. Medium: several "
                "people, or one important function. Low: one person, or there is a way around it."
            ),
            "urgency": _(
                "High: we lose money or customers within hours. Medium: it must be solved "
                "today or tomorrow. Low: it can wait a few days."
            ),
            "business_impact": _(
                "Orders that cannot go out, deadlines at risk, customers waiting: a sentence "
                "or two, so that the provider sees why it matters."
            ),
            "affected_users": _("Names or departments, and how many people cannot work."),
            "affected_email": _(
                "Is asked to rate the solution once the problem is solved. Empty: the person "
                "who reported the problem."
            ),
            "affected_systems": _("E.g. “PC at the front desk”, “accounting program”, “internet”."),
            "already_tried": _(
                "E.g. restarted the PC, checked the cable: the provider need not ask again."
            ),
            "expected": _("E.g. “prints again as before”: then everyone knows when it is solved."),
            "how_to_reproduce": _("The steps after which the error appears, one per line."),
            "provider": _("The provider who is to solve the problem."),
            "sla_policy": _(
                "The agreement with this provider; it sets the priority and the deadlines."
            ),
            "service": _("From your list of services, if the problem concerns one of them."),
            "reported_to_provider_at": _(
                "When you told the provider (call, e-mail or portal): the SLA deadlines are "
                "counted from this moment."
            ),
            "channel": _("How you told the provider."),
            "provider_ticket_number": _(
                "The number the provider gave the case, e.g. in its confirmation e-mail; it is "
                "named in every letter about the problem."
            ),
            "owner": _(
                "Who in our company follows the problem up; warnings before a deadline is "
                "missed go to this person (otherwise to whoever reported the problem)."
            ),
        }

    def __init__(self, *args: Any, sla_url: str = "", preview_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offer_people()
        if self.instance.pk:
            # Files are attached on the problem's page once it exists.
            del self.fields["attachments"]
        else:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("reported_to_provider_at", now)
            self.initial.setdefault("since", now)
            self.initial.setdefault("provider", default_provider_id())
        provider = self.fields["provider"]
        if sla_url:
            # htmx: a changed provider fetches the SLA field for it from the same page; only a
            # different provider does ("changed"), so a chosen SLA is never replaced for nothing.
            # The answer brings the priority preview for the new SLA along.
            provider.widget.attrs.update(
                {
                    "hx-get": sla_url,
                    "hx-trigger": "change changed",
                    "hx-target": "#sla-field",
                    "hx-swap": "outerHTML",
                    "hx-include": PREVIEW_INPUTS,
                    "hx-sync": PREVIEW_SYNC,
                }
            )
        if preview_url:
            for name in ("impact", "urgency", "sla_policy", "reported_to_provider_at"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-get": preview_url,
                        "hx-trigger": "change",
                        "hx-target": "#priority-preview",
                        "hx-swap": "innerHTML",
                        "hx-include": PREVIEW_INPUTS,
                        "hx-sync": PREVIEW_SYNC,
                        "aria-controls": "priority-preview",
                    }
                )
        self._offer_slas_of(self.chosen_provider_id())

    def _offer_people(self) -> None:
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = people_who_may_act(also=self.instance.owner_id)

    def priority_preview(self) -> PriorityPreview:
        """What the form's current values give (the data sent, or the initial values)."""
        return priority_preview(
            sla_policy=self["sla_policy"].value(),
            impact=self["impact"].value(),
            urgency=self["urgency"].value(),
            reported=self["reported_to_provider_at"].value(),
        )

    def chosen_provider_id(self) -> int | None:
        if self.is_bound:
            return parse_int(self.data.get(self.add_prefix("provider")), minimum=1, maximum=MAX_ID)
        value = self.initial.get("provider", self.instance.provider_id)
        return parse_int(getattr(value, "pk", value), minimum=1, maximum=MAX_ID)

    def _offer_slas_of(self, provider_id: int | None) -> None:
        """Offer the provider's SLAs; the whole table stays the field's queryset, so that a
        policy of another provider is refused with a message rather than as no choice."""
        field = self.fields["sla_policy"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = SlaPolicy.objects.select_related("provider")
        policies = []
        if provider_id is not None:
            policies = list(SlaPolicy.objects.filter(provider_id=provider_id).order_by("name"))
        choices: list[tuple[Any, Any]] = [(p.pk, p.name) for p in policies]
        recorded = self.instance.pk and self.instance.provider_id == provider_id
        current = self.instance.sla_policy if recorded else None
        kept = current is not None and current.pk in {p.pk for p in policies}
        if current is not None and not kept:
            # An SLA recorded earlier that is not the provider's: shown, so that saving can
            # refuse it with the reason instead of silently choosing another one.
            choices.append((current.pk, current.name))
        if provider_id is None:
            choices.insert(0, ("", _("first choose the provider")))
        elif not policies:
            choices.insert(0, ("", _("no SLA agreed")))
            field.help_text = _("No SLA is agreed with this provider: the problem has no clock.")
        if not self.is_bound and current is None:
            self.initial["sla_policy"] = policies[0].pk if policies else None
        field.widget.choices = choices

    def clean_since(self) -> datetime:
        value: datetime = self.cleaned_data["since"]
        not_in_future(value)
        return value

    def clean_reported_to_provider_at(self) -> datetime:
        value: datetime = self.cleaned_data["reported_to_provider_at"]
        not_in_future(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, reported = data.get("since"), data.get("reported_to_provider_at")
        if since and reported and since > reported:
            self.add_error("since", _("The problem cannot start after it was reported."))
        self._check_sla(data.get("provider"), data.get("sla_policy"), reported)
        if self.instance.pk and reported:
            first = self.instance.events.exclude(kind=EventKind.REPORTED).order_by("occurred_at")
            earliest = first.values_list("occurred_at", flat=True).first()
            if earliest and reported > earliest:
                self.add_error(
                    "reported_to_provider_at",
                    _("There are events before this time; move them first."),
                )
        return data

    def _check_sla(
        self, provider: Provider | None, policy: SlaPolicy | None, reported: datetime | None
    ) -> None:
        if provider is None:
            return
        if policy is None:
            if provider.sla_policies.exists():
                self.add_error(
                    "sla_policy",
                    _("Please choose the SLA agreed with %(provider)s.")
                    % {"provider": provider.name},
                )
            return
        if policy.provider_id != provider.pk:
            self.add_error(
                "sla_policy",
                _(
                    "The SLA “%(policy)s” was not agreed with %(provider)s. "
                    "Please choose one of the SLAs of %(provider)s."
                )
                % {"policy": policy.name, "provider": provider.name},
            )
        elif reported and policy.version_at(reported) is None:
            self.add_error(
                "sla_policy", _("This SLA policy has no version valid on the day of the report.")
            )


def default_provider_id() -> int | None:
    """The provider a new problem most likely concerns: the only one, or the first with an
    SLA."""
    ids = list(Provider.objects.order_by("name").values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return ids[0]
    with_sla = Provider.objects.filter(sla_policies__isnull=False).order_by("name")
    return with_sla.values_list("pk", flat=True).first()
