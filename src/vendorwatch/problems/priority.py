"""The priority a problem will get, shown on the form before it is saved.

It is read from the same place saving reads it (the impact × urgency matrix of the SLA
version valid on the day of the report, :func:`services.problem_assign_priority`), so that
the preview and the saved problem can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from vendorwatch.problems.listing import MAX_ID
from vendorwatch.sla.models import Level, Priority, SlaPolicy
from vendorwatch.web.parsing import parse_int


@dataclass(frozen=True)
class PriorityPreview:
    # "choose": extent or urgency not chosen yet; "no_sla": no SLA chosen; "no_version": the
    # SLA has no version on the day of the report; "no_priority": its matrix leaves the cell
    # empty; "found": ``priority`` is the one.
    state: str
    priority: Priority | None = None


def priority_preview(
    *, sla_policy: Any, impact: Any, urgency: Any, reported: Any
) -> PriorityPreview:
    """The priority for the raw values of the form (what the browser sent, or the form's
    initial values); values that are not (yet) valid give a sentence instead of an error."""
    if impact not in Level.values or urgency not in Level.values:
        return PriorityPreview("choose")
    policy_id = parse_int(getattr(sla_policy, "pk", sla_policy), minimum=1, maximum=MAX_ID)
    policy = SlaPolicy.objects.filter(pk=policy_id).first() if policy_id else None
    if policy is None:
        return PriorityPreview("no_sla")
    version = policy.version_at(_moment(reported))
    if version is None:
        return PriorityPreview("no_version")
    priority = version.priority_for(impact, urgency)
    if priority is None:
        return PriorityPreview("no_priority")
    return PriorityPreview("found", priority)


def _moment(value: Any) -> datetime:
    """The time of the report as typed (or as the form shows it: in local time, without a
    zone); now while it cannot be read."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            return value
        try:
            return timezone.make_aware(value)
        except (ValueError, OverflowError):
            return timezone.now()
    from vendorwatch.problems.forms import PlausibleDateTimeField

    try:
        moment = PlausibleDateTimeField(required=False).clean(value)
    except forms.ValidationError:
        moment = None
    return moment or timezone.now()
