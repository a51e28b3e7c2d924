"""The escalation ladder: rules of the SLA policy applied to a problem's running clocks.

Internal notices go out at once through the outbox (keyed, so never twice); e-mails to the
provider are only drafted and wait until a user confirms them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from vendorwatch.audit.recording import record_update
from vendorwatch.core import businesstime as bt
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.problems.clock import Clocked, ClockSummary
from vendorwatch.problems.durations import (
    business_duration,
    day_of,
    day_seconds,
    target_duration,
)
from vendorwatch.problems.models import Escalation, EscalationRule, EventKind, Problem
from vendorwatch.problems.report import document_language, moment, sla_terms
from vendorwatch.problems.services import (
    clock_fields_set,
    fetch,
    of_ids,
    problem_event_add,
    problems_refresh_open,
)
from vendorwatch.providers.models import Contact
from vendorwatch.web.pdf import shorten

# The description in an escalation e-mail: enough to recognise the problem, the rest is known.
EMAIL_TEXT_CHARS = 2000
EMAIL_TEXT_LINES = 40

Action = EscalationRule.Action


def _result(summary: ClockSummary, rule: EscalationRule) -> bt.TargetResult | None:
    return summary.response if rule.target == EscalationRule.Target.RESPONSE else summary.resolution


def rules_due(
    *, summary: ClockSummary, rules: list[EscalationRule]
) -> list[tuple[EscalationRule, bt.TargetResult]]:
    """Rules whose threshold a still running clock of an open problem has reached."""
    due = []
    for rule in rules:
        result = _result(summary, rule)
        if result is None or result.stop is not None or not summary.is_open:
            continue
        if rule.fires(result.elapsed_seconds, result.target_seconds):
            due.append((rule, result))
    return due


def _email_text(text: str) -> tuple[str, bool]:
    part = shorten(text, max_chars=EMAIL_TEXT_CHARS, max_lines=EMAIL_TEXT_LINES, break_words=False)
    return part.text, part.shortened


def facts(problem: Problem, result: bt.TargetResult) -> dict[str, Any]:
    overdue = -result.margin_seconds
    day = day_of(result, day_seconds(problem.sla_version))
    what_happened, what_happened_shortened = _email_text(problem.what_happened)
    business_impact, business_impact_shortened = _email_text(problem.business_impact)
    return {
        "problem": problem,
        "result": result,
        "kind": result.kind.value,
        "due": moment(result.due),
        "reported": moment(problem.reported_to_provider_at),
        "what_happened": what_happened,
        "what_happened_shortened": what_happened_shortened,
        "business_impact": business_impact,
        "business_impact_shortened": business_impact_shortened,
        "target": target_duration(result.target_seconds, day),
        "elapsed": business_duration(result.elapsed_seconds, day),
        "overdue": business_duration(overdue, day) if overdue > 0 else "",
        "remaining": business_duration(result.margin_seconds, day) if overdue <= 0 else "",
        "url": settings.SITE_URL.rstrip("/") + reverse("problems-detail", args=[problem.pk]),
        "version": problem.sla_version,
        "priority": problem.priority,
    }


def reopen_count(problem: Problem) -> int:
    """How often the problem was reopened (from prefetched events when a job loaded them)."""
    return sum(1 for event in problem.events.all() if event.kind == EventKind.REOPENED)


def _notify(problem: Problem, rule: EscalationRule, result: bt.TargetResult, reopened: int) -> None:
    person = problem.owner or problem.reporter
    recipient = person.email if person is not None else ""
    context = facts(problem, result)
    body = render_to_string("problems/email/notify_owner.txt", context)
    subject = gettext("SLA warning: #%(number)s %(title)s") % {
        "number": problem.pk,
        "title": problem.title,
    }
    message = None
    if recipient:
        message = outbox_enqueue(
            to=[recipient],
            subject=subject,
            body=body,
            key=f"problem:{problem.pk}:rule:{rule.pk}:notify"
            + (f":reopened:{reopened}" if reopened else ""),
            related=problem,
        )
    Escalation.objects.create(
        problem=problem,
        rule=rule,
        kind=rule.action,
        reopen_count=reopened,
        recipient=recipient,
        subject=subject,
        body=body,
        status=Escalation.Status.SENT if message else Escalation.Status.DISCARDED,
        message=message,
        decided_at=timezone.now(),
    )


def _contact(
    problem: Problem, rule: EscalationRule, contacts: dict[tuple[int, int], Contact | None]
) -> Contact | None:
    key = (problem.provider_id, rule.contact_level)
    if key not in contacts:
        contacts[key] = (
            Contact.objects.filter(provider=problem.provider, escalation_level__gte=key[1])
            .exclude(email="")
            .order_by("escalation_level", "name")
            .first()
        )
    return contacts[key]


def _draft(
    problem: Problem,
    rule: EscalationRule,
    result: bt.TargetResult,
    reopened: int,
    summary: ClockSummary,
    contacts: dict[tuple[int, int], Contact | None] | None = None,
) -> None:
    """``contacts``: whom each provider's escalations at each level went to, for a batch."""
    contact = _contact(problem, rule, {} if contacts is None else contacts)
    with translation.override(document_language()):
        context = {
            **facts(problem, result),
            "contact": contact,
            "rule": rule,
            "sla": sla_terms(problem, summary=summary),
        }
        body = render_to_string("problems/email/escalation_provider.txt", context)
        subject = gettext("Escalation: ticket %(ticket)s – %(title)s") % {
            "ticket": problem.provider_ticket_number or f"#{problem.pk}",
            "title": problem.title,
        }
    Escalation.objects.create(
        problem=problem,
        rule=rule,
        kind=rule.action,
        reopen_count=reopened,
        contact=contact,
        recipient=contact.email if contact else "",
        subject=subject,
        body=body,
    )


def escalation_apply_rules(
    *, problem: Problem, summary: ClockSummary, rules: list[EscalationRule] | None = None
) -> int:
    """Apply every rule that is due and has not been applied to this problem yet.

    After a reopening the ladder starts afresh: the provider's fix did not hold, so a clock
    that runs out again (or still is) escalates again, once per rule and reopening.
    """
    if rules is None:
        rules = list(EscalationRule.objects.filter(policy_id=problem.sla_policy_id))
    reopened = reopen_count(problem)
    done = set(problem.escalations.filter(reopen_count=reopened).values_list("rule_id", flat=True))
    due = [(rule, result) for rule, result in rules_due(summary=summary, rules=rules)]
    return _apply(
        problem, [(r, result) for r, result in due if r.pk not in done], reopened, summary
    )


def _apply(
    problem: Problem,
    due: list[tuple[EscalationRule, bt.TargetResult]],
    reopened: int,
    summary: ClockSummary,
    contacts: dict[tuple[int, int], Contact | None] | None = None,
) -> int:
    applied = 0
    for rule, result in due:
        try:
            with transaction.atomic():
                if rule.action == Action.NOTIFY_OWNER:
                    _notify(problem, rule, result, reopened)
                else:
                    _draft(problem, rule, result, reopened, summary, contacts)
        except IntegrityError:
            continue  # another runner applied it a moment ago
        applied += 1
    return applied


class Ladder:
    """The escalation ladder for the clock job, a batch of problems at a time.

    For each batch it applies the rules that are due and not yet applied (a few queries for
    the batch, plus the e-mails and drafts themselves), and tells the job at how many business
    seconds the remaining rules fire, so that the job looks at a problem again only then.
    """

    def __init__(self) -> None:
        self.rules: dict[int, list[EscalationRule]] = {}
        for rule in EscalationRule.objects.all():
            self.rules.setdefault(rule.policy_id, []).append(rule)
        self.applied = 0

    def __call__(
        self, batch: list[Clocked], now: datetime
    ) -> dict[int, dict[bt.TargetKind, list[int]]]:
        concerned = [c for c in batch if c.policy_id in self.rules and c.summary.is_open]
        done: dict[int, set[tuple[int | None, int]]] = {c.pk: set() for c in concerned}
        applied = of_ids(Escalation.objects.order_by(), "problem_id", list(done))
        for pk, rule_id, round_ in fetch(applied, ("problem_id", "rule_id", "reopen_count"), ()):
            done[pk].add((rule_id, round_))
        marks: dict[int, dict[bt.TargetKind, list[int]]] = {}
        to_apply = []
        for clocked in concerned:
            rules = self.rules[clocked.policy_id or 0]
            waiting = [r for r in rules if (r.pk, clocked.reopened) not in done[clocked.pk]]
            due = rules_due(summary=clocked.summary, rules=waiting)
            if due:
                to_apply.append((clocked, due))
            fired = {rule.pk for rule, _result in due}
            for rule in waiting:
                result = _result(clocked.summary, rule)
                if rule.pk in fired or result is None or result.stop is not None:
                    continue
                threshold = rule.threshold_seconds(result.target_seconds)
                mark = threshold + 1 if rule.percent == 100 else threshold
                marks.setdefault(clocked.pk, {}).setdefault(result.kind, []).append(mark)
        if to_apply:
            self._apply_batch(to_apply, now)
        return marks

    def _apply_batch(
        self,
        to_apply: list[tuple[Clocked, list[tuple[EscalationRule, bt.TargetResult]]]],
        now: datetime,
    ) -> None:
        related = ("sla_version__policy", "priority", "provider", "owner", "reporter", "sla_policy")
        problems = Problem.objects.select_related(*related).in_bulk([c.pk for c, _due in to_apply])
        contacts: dict[tuple[int, int], Contact | None] = {}  # looked up once per batch
        for clocked, due in to_apply:
            problem = problems.get(clocked.pk)
            if problem is None:
                continue  # deleted a moment ago
            clock_fields_set(problem, clocked.summary, now)
            self.applied += _apply(problem, due, clocked.reopened, clocked.summary, contacts)


def escalations_run(*, now: datetime) -> int:
    """Refresh the clocks that can have changed and apply the escalation ladder; returns how
    many rules fired."""
    from vendorwatch.organisation.models import read_once

    ladder = Ladder()
    with read_once():  # the company's name and language, for every e-mail of the pass
        problems_refresh_open(now=now, ladder=ladder)
    return ladder.applied


def escalation_signature(user: Any) -> str:
    """How an escalation e-mail ends: the sender's name, the company and its address."""
    from vendorwatch.organisation.models import Organisation

    name = (user.get_full_name() or user.username) if getattr(user, "pk", None) else ""
    context = {"name": name, "organisation": Organisation.load()}
    with translation.override(document_language()):
        text = render_to_string("problems/email/signature.txt", context)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def escalation_body(escalation: Escalation, user: Any) -> str:
    """The draft as it goes out: its text, then the signature of the person who sends it."""
    lines = escalation.body.rstrip().splitlines()
    with translation.override(document_language()):
        closing = gettext("Kind regards")
    # Drafts made before the signature existed end with the greeting alone.
    if lines and lines[-1].strip() == closing:
        lines.pop()
    return "\n".join(lines).rstrip() + "\n\n" + escalation_signature(user) + "\n"


@transaction.atomic
def escalation_confirm(*, escalation: Escalation, recipient: str, user: Any) -> Escalation:
    """Send a drafted e-mail to the provider and note it on the timeline.

    It goes out from the installation's sender address (DEFAULT_FROM_EMAIL), signed by the
    user, and the provider's answer goes to the user (Reply-To).
    """
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if escalation.status != Escalation.Status.DRAFTED:
        return escalation
    body = escalation_body(escalation, user)
    email = getattr(user, "email", "") if getattr(user, "pk", None) else ""
    message = outbox_enqueue(
        to=[recipient],
        subject=escalation.subject,
        body=body,
        reply_to=[email] if email else [],
        key=f"problem:{escalation.problem_id}:escalation:{escalation.pk}",
        related=escalation.problem,
        created_by=user,
    )
    escalation.body = body
    escalation.recipient = recipient
    escalation.status = Escalation.Status.SENT
    escalation.message = message
    escalation.decided_by = user if getattr(user, "pk", None) else None
    escalation.decided_at = timezone.now()
    escalation.save(
        update_fields=["body", "recipient", "status", "message", "decided_by", "decided_at"]
    )
    problem_event_add(
        problem=escalation.problem,
        kind=EventKind.ESCALATED,
        occurred_at=escalation.decided_at,
        text=gettext("E-mail to %(recipient)s: %(subject)s")
        % {"recipient": recipient, "subject": escalation.subject},
        user=user,
    )
    return escalation


def escalation_discard(*, escalation: Escalation, user: Any) -> Escalation:
    decided = {
        "status": Escalation.Status.DISCARDED,
        "decided_by": user if getattr(user, "pk", None) else None,
        "decided_at": timezone.now(),
    }
    if Escalation.objects.filter(pk=escalation.pk, status=Escalation.Status.DRAFTED).update(
        **decided
    ):
        record_update(escalation, {"status": Escalation.Status.DRAFTED}, decided)
    escalation.refresh_from_db()
    return escalation
