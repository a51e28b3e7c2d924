"""Problems with sensible defaults: Mo–Fr 08–17 service hours (Bavaria), the usual priorities.

P2 (impact high, urgency medium): response 1 h, resolution 8 h business time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from vendorwatch.problems.models import EscalationRule, EventKind, Problem, ProblemEvent
from vendorwatch.problems.services import problem_create, problem_event_add
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider


def make_problem(reported: datetime | str = "2026-11-23 09:00+01:00", **fields: Any) -> Problem:
    if isinstance(reported, str):
        reported = datetime.fromisoformat(reported)
    policy: SlaPolicy = fields.pop("sla_policy", None) or make_policy()
    user = fields.pop("user", None)
    fields.setdefault("title", "Drucker im Büro druckt nicht")
    fields.setdefault("what_happened", "Fehlermeldung 'Offline'")
    fields.setdefault("since", reported)
    fields.setdefault("impact", "high")
    fields.setdefault("urgency", "medium")
    fields.setdefault("channel", "phone")
    fields.setdefault("provider", policy.provider or make_provider())
    problem = Problem(sla_policy=policy, reported_to_provider_at=reported, **fields)
    return problem_create(problem=problem, user=user)


def add_event(problem: Problem, kind: EventKind | str, at: str, text: str = "") -> ProblemEvent:
    return problem_event_add(
        problem=problem, kind=kind, occurred_at=datetime.fromisoformat(at), text=text
    )


def make_rule(policy: SlaPolicy, **fields: Any) -> EscalationRule:
    fields.setdefault("target", EscalationRule.Target.RESPONSE)
    fields.setdefault("action", EscalationRule.Action.NOTIFY_OWNER)
    return EscalationRule.objects.create(policy=policy, **fields)
