"""The problem log: problems, their timeline, attachments and the escalation ladder.

The SLA state of a problem is derived from its events by the business-time engine
(:mod:`vendorwatch.problems.clock`). What the list filters and sorts on is kept in columns
of :class:`Problem` (state, due instants, breached), refreshed after every change of the
timeline and by a periodic job, so that the list never computes a clock per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.sla.models import Level
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE


class ClockState(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    BREACHED = "breached", _("deadline missed")
    PAUSED = "paused", _("paused")
    MET = "met", _("met")
    NO_SLA = "no_sla", _("no SLA agreed")
    # A stored problem, its events or its SLA hold something no clock can be computed from
    # (a year 9999 written to the database): the record is shown, the rest works as usual.
    INVALID = "invalid", _("cannot be computed — please check")


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    PORTAL = "portal", _("ticket portal")


class Status(models.TextChoices):
    REPORTED = "reported", _("reported")
    IN_PROGRESS = "in_progress", _("in progress")
    WAITING_ON_US = "waiting_on_us", _("waiting on us")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("confirmed and closed")


class Problem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    what_happened = models.TextField(_("what happened"))
    since = models.DateTimeField(_("since when"))
    affected_users = models.TextField(_("affected users"), blank=True)
    # Asked to rate the resolution (employee feedback); empty: the person who reported it.
    affected_email = models.EmailField(_("e-mail of the affected person"), blank=True)
    affected_systems = models.TextField(_("affected systems"), blank=True)
    business_impact = models.TextField(_("business impact"), blank=True)
    already_tried = models.TextField(_("what was already tried"), blank=True)
    expected = models.TextField(_("what we expect"), blank=True)
    how_to_reproduce = models.TextField(_("how to reproduce"), blank=True)
    impact = models.CharField(_("impact"), max_length=6, choices=Level.choices)
    urgency = models.CharField(_("urgency"), max_length=6, choices=Level.choices)
    # No index of its own for the keys: every index costs each of the clock job's updates (on
    # PostgreSQL all of them, whichever column changed). Provider, service and reporter begin
    # composite indexes below; no page looks problems up by the others, and deleting a user,
    # an SLA or a priority (rare) reads the table once.
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        db_index=False,
        related_name="problems",
        verbose_name=_("provider"),
    )
    service = models.ForeignKey(
        "expectations.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="problems",
        verbose_name=_("affected service"),
    )
    # Empty for a provider with whom no SLA was agreed: the problem is recorded without clock.
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="problems",
        verbose_name=_("SLA"),
    )
    reported_to_provider_at = models.DateTimeField(_("reported to the provider at"))
    channel = models.CharField(_("reported by"), max_length=6, choices=Channel.choices)
    provider_ticket_number = models.CharField(
        _("provider's ticket number"), max_length=100, blank=True
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        db_index=False,
        related_name="reported_problems",
        verbose_name=_("reported by (person)"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="owned_problems",
        verbose_name=_("internal owner"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Derived from the SLA version and the events; refreshed by problems.clock.problem_refresh.
    sla_version = models.ForeignKey(
        "sla.SlaVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("SLA version"),
    )
    priority = models.ForeignKey(
        "sla.Priority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("priority"),
    )
    priority_rank = models.PositiveSmallIntegerField(_("priority rank"), default=99)
    status = models.CharField(
        _("status"), max_length=13, choices=Status.choices, default=Status.REPORTED
    )
    is_open = models.BooleanField(_("open"), default=True)
    state = models.CharField(
        _("SLA state"), max_length=8, choices=ClockState.choices, default=ClockState.ON_TRACK
    )
    response_state = models.CharField(max_length=8, choices=ClockState.choices, blank=True)
    resolution_state = models.CharField(max_length=8, choices=ClockState.choices, blank=True)
    response_due = models.DateTimeField(_("response due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    next_due = models.DateTimeField(_("next due"), null=True, blank=True)
    breached = models.BooleanField(_("deadline missed"), default=False)
    breached_at = models.DateTimeField(_("deadline missed at"), null=True, blank=True)
    clock_refreshed_at = models.DateTimeField(null=True, blank=True)
    # When the periodic job must look at the problem next: the first instant at which its
    # stored clocks or its escalation ladder can change by the passing of time alone, or the
    # moment of a change the job has not seen yet. Empty when time alone changes nothing
    # (closed, no SLA, every clock stopped).
    clock_check_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-reported_to_provider_at", "-pk"]
        indexes = [
            models.Index(fields=["-reported_to_provider_at", "-id"], name="problem_reported"),
            models.Index(fields=["state", "-reported_to_provider_at"], name="problem_state"),
            models.Index(fields=["priority_rank", "-id"], name="problem_priority"),
            models.Index(fields=["provider", "-reported_to_provider_at"], name="problem_provider"),
            models.Index(fields=["service", "-reported_to_provider_at"], name="problem_service"),
            models.Index(fields=["reporter", "-reported_to_provider_at"], name="problem_reporter"),
            models.Index(fields=["breached", "-reported_to_provider_at"], name="problem_breached"),
            models.Index(fields=["is_open", "next_due", "id"], name="problem_open_next_due"),
            models.Index(fields=["next_due", "id"], name="problem_next_due"),
            models.Index(
                fields=["priority_rank", "reported_to_provider_at", "id"],
                name="problem_priority_reported",
            ),
            models.Index(fields=["response_due", "id"], name="problem_response_due"),
            models.Index(fields=["resolution_due", "id"], name="problem_resolution_due"),
            models.Index(fields=["breached_at"], name="problem_breached_at"),
            # Closed problems whose stored clocks wait to be computed again (after a fix of
            # the clock rules), picked up by the periodic job a chunk at a time.
            models.Index(
                fields=["id"],
                condition=Q(clock_refreshed_at__isnull=True, is_open=False),
                name="problem_clock_stale",
            ),
            models.Index(
                fields=["clock_check_at", "id"],
                condition=Q(clock_check_at__isnull=False),
                name="problem_clock_check",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def shown_state(self) -> str:
        """The state to show: a stored time no business means (written to the database
        directly, not yet seen by the clock job) is "cannot be computed" at once."""
        if self.state == ClockState.INVALID or not self.times_plausible:
            return ClockState.INVALID
        return self.state

    @property
    def times_plausible(self) -> bool:
        stored = (
            self.since,
            self.reported_to_provider_at,
            self.response_due,
            self.resolution_due,
            self.next_due,
            self.breached_at,
        )
        return all(plausible(moment) for moment in stored if moment is not None)


# The same bounds for aware times in UTC, compared without taking the date of each.
EARLIEST_MOMENT = datetime.combine(EARLIEST_DATE, time.min, tzinfo=UTC)
LATEST_MOMENT = datetime.combine(LATEST_DATE, time.max, tzinfo=UTC)


def moments_plausible(moments: Iterable[datetime | None]) -> bool:
    """:attr:`Problem.times_plausible` for aware times in UTC read straight from the database
    (exports of many rows)."""
    return all(EARLIEST_MOMENT <= m <= LATEST_MOMENT for m in moments if m is not None)


def plausible(moment: date) -> bool:
    """A date or time within the dates a business can mean (the bounds of the forms)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return EARLIEST_DATE <= day <= LATEST_DATE


class EventKind(models.TextChoices):
    REPORTED = "reported", _("reported")
    FIRST_RESPONSE = "first_response", _("first response")
    STATUS_UPDATE = "status_update", _("status update")
    WAITING_ON_US = "waiting_on_us", _("waiting on us")
    RESUMED = "resumed", _("resumed")
    WORKAROUND = "workaround", _("workaround")
    RESOLVED = "resolved", _("resolved")
    CONFIRMED = "confirmed", _("confirmed")
    REOPENED = "reopened", _("reopened")
    ESCALATED = "escalated", _("escalated")
    COMMENT = "comment", _("comment")


class ProblemEvent(models.Model):
    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="events", verbose_name=_("problem")
    )
    kind = models.CharField(_("what happened"), max_length=14, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("when"))
    text = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["problem", "occurred_at"], name="event_problem_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%d.%m.%Y %H:%M}"


class EventEdit(models.Model):
    """A changed timestamp of an event, with the reason the user gave: the history is kept."""

    event = models.ForeignKey(
        ProblemEvent, on_delete=models.CASCADE, related_name="edits", verbose_name=_("event")
    )
    old_occurred_at = models.DateTimeField(_("previous time"))
    new_occurred_at = models.DateTimeField(_("new time"))
    reason = models.CharField(_("reason for the change"), max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of an event time")
        verbose_name_plural = _("changes of event times")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reason


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is not the user's: it cannot collide or climb out of the folder.
    suffix = Path(filename).suffix.lower()[:10]
    return f"problems/{instance.problem_id}/{instance.token}{suffix}"


class Attachment(models.Model):
    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("problem")
    )
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename


class EscalationRule(models.Model):
    """One rung of the escalation ladder of an SLA policy (it holds for all its versions).

    The rule fires once per problem (and again after each reopening) when the business time
    used on a running clock reaches ``percent`` % of its target plus ``hours_after_breach``
    business hours; at 100 % it fires only when the target is actually exceeded (a breach).
    """

    class Target(models.TextChoices):
        RESPONSE = "response", _("response time")
        RESOLUTION = "resolution", _("resolution time")

    class Action(models.TextChoices):
        NOTIFY_OWNER = "notify_owner", _("notify the internal owner by e-mail")
        DRAFT_PROVIDER = "draft_provider", _("draft an escalation e-mail to the provider")

    policy = models.ForeignKey(
        "sla.SlaPolicy",
        on_delete=models.CASCADE,
        related_name="escalation_rules",
        verbose_name=_("SLA policy"),
    )
    target = models.CharField(_("clock"), max_length=10, choices=Target.choices)
    percent = models.PositiveSmallIntegerField(
        _("at % of the target"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    hours_after_breach = models.PositiveSmallIntegerField(
        _("business hours after the breach"), default=0
    )
    action = models.CharField(_("action"), max_length=14, choices=Action.choices)
    contact_level = models.PositiveSmallIntegerField(
        _("escalation level of the contact"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )

    class Meta:
        verbose_name = _("escalation rule")
        verbose_name_plural = _("escalation rules")
        ordering = ["policy", "target", "percent", "hours_after_breach", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100)
                & (Q(hours_after_breach=0) | Q(percent=100)),
                name="escalationrule_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} {self.percent} % +{self.hours_after_breach} h"

    def threshold_seconds(self, budget: int) -> int:
        return budget * self.percent // 100 + self.hours_after_breach * 3600

    def fires(self, elapsed: int, budget: int) -> bool:
        threshold = self.threshold_seconds(budget)
        return elapsed > threshold if self.percent == 100 else elapsed >= threshold


class Escalation(models.Model):
    """What a rule did for one problem: an internal notice sent, or a draft to the provider."""

    class Status(models.TextChoices):
        DRAFTED = "drafted", _("draft, not sent")
        SENT = "sent", _("sent")
        DISCARDED = "discarded", _("discarded")

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="escalations", verbose_name=_("problem")
    )
    rule = models.ForeignKey(
        EscalationRule, on_delete=models.SET_NULL, null=True, related_name="escalations"
    )
    kind = models.CharField(max_length=14, choices=EscalationRule.Action.choices)
    # A reopened problem runs through the ladder again: each rule fires once per round.
    reopen_count = models.PositiveSmallIntegerField(_("times reopened before"), default=0)
    contact = models.ForeignKey(
        "providers.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact"),
    )
    recipient = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.DRAFTED
    )
    message = models.ForeignKey(
        "jobs.OutboxMessage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "rule", "reopen_count"], name="escalation_once_per_rule_round"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="escalation_status")]

    def __str__(self) -> str:
        return self.subject


@receiver(post_save, sender=EscalationRule)
@receiver(post_delete, sender=EscalationRule)
def _rule_changed(instance: EscalationRule, **kwargs: object) -> None:
    """A new or changed rung can fire for problems the job did not plan to look at: it looks
    at every open problem of the policy at its next run."""
    problems_check_now(Problem.objects.filter(sla_policy_id=instance.policy_id))


@receiver(post_save, sender="sla.SlaVersion")
def _version_changed(instance: models.Model, **kwargs: object) -> None:
    problems_check_now(Problem.objects.filter(sla_version_id=instance.pk))


@receiver(post_save, sender="sla.Priority")
def _priority_changed(instance: models.Model, **kwargs: object) -> None:
    problems_check_now(Problem.objects.filter(priority_id=instance.pk))


def problems_check_now(problems: models.QuerySet[Problem]) -> int:
    """Let the periodic job look at these open problems at its next run."""
    return (
        problems.filter(is_open=True)
        .exclude(state=ClockState.NO_SLA)
        .update(clock_check_at=timezone.now())
    )
