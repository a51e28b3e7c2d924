"""Step 2: meetings with the provider, their agendas and minutes, and the action items and open
questions that come out of them (or out of a problem or a contract review).

A series stores its recurrence as an RFC 5545 rule; single occurrences exist as rows only once
someone prepares, moves or cancels them (``Meeting.recurrence_id`` names the occurrence as the
rule gives it, so a moved meeting is still the same occurrence for calendar programs).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.models import Contract
from vendorwatch.problems.models import Problem
from vendorwatch.providers.models import Contact, Provider

# A long text (notes of one agenda point, a decision) fits on about two printed pages.
TEXT_LIMIT = 5_000


def new_uid() -> str:
    return f"{uuid.uuid4()}@vendorwatch"


class MeetingSeries(models.Model):
    class Kind(models.TextChoices):
        JOUR_FIXE = "jour_fixe", _("regular meeting (Jour fixe)")
        SERVICE_REVIEW = "review", _("service review")
        OTHER = "other", _("other meeting")

    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        related_name="meeting_series",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.JOUR_FIXE)
    # RFC 5545 RRULE value without the "RRULE:" prefix, e.g. FREQ=MONTHLY;BYDAY=1TU.
    rule = models.CharField(_("repeats"), max_length=500)
    first_date = models.DateField(_("first meeting on"))
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Berlin")
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meeting_series",
        verbose_name=_("our participants"),
    )
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="meeting_series",
        verbose_name=_("provider's participants"),
    )
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    # Raised with every change that calendar programs must see (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    ended = models.BooleanField(_("ended"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["provider__name", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=720),
                name="meetingseries_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    """One meeting: an occurrence of a series that was prepared, moved or cancelled, or a
    one-off meeting (no series)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    class Minutes(models.TextChoices):
        NONE = "none", _("not started")
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("meeting series"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=200)
    # The start the series' rule gives this occurrence (RECURRENCE-ID); empty for a one-off.
    recurrence_id = models.DateTimeField(null=True, blank=True, editable=False)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meetings",
        verbose_name=_("our participants"),
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="meetings", verbose_name=_("provider's participants")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.CharField(_("reason"), max_length=500, blank=True)
    uid = models.CharField(max_length=100, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    agenda_refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=Minutes.choices, default=Minutes.NONE
    )
    # The revision the minutes are in: 1 for the first approval, +1 for every correction.
    revision = models.PositiveSmallIntegerField(default=1, editable=False)
    minutes_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    minutes_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # While approved minutes are being corrected: why (shown with the next revision).
    correction_reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["series", "recurrence_id"],
                condition=Q(series__isnull=False),
                name="meeting_unique_occurrence",
            ),
        ]
        indexes = [models.Index(fields=["provider", "starts_at"], name="meeting_provider_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_status == self.Minutes.APPROVED

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())


class AgendaItem(models.Model):
    """A point on a meeting's agenda: generated from what is open (``source_key`` names what it
    came from, so a refresh adds only what is new) or written by the user."""

    class Kind(models.TextChoices):
        ACTION_REVIEW = "action_review", _("action items from the last meeting")
        PROBLEMS_OPENED = "opened", _("new problems")
        PROBLEMS_RESOLVED = "resolved", _("resolved problems")
        BREACH = "breach", _("missed deadline")
        AT_RISK = "at_risk", _("deadline at risk")
        SLA_FIGURES = "sla", _("SLA figures")
        ACTION = "action", _("open action item")
        QUESTION = "question", _("open question")
        INVOICE = "invoice", _("invoice deviates from the contract")
        DEADLINE = "deadline", _("contract deadline")
        REVIEW = "review", _("last contract review")
        FREE = "free", _("other topic")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.FREE)
    source_key = models.CharField(max_length=100, blank=True, editable=False)
    title = models.CharField(_("topic"), max_length=300)
    details = models.TextField(_("details"), blank=True, max_length=TEXT_LIMIT)
    problem = models.ForeignKey(
        Problem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        "ActionItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The user changed the generated text: a refresh leaves it as it is.
    edited = models.BooleanField(default=False, editable=False)
    # The user took a generated item off: a refresh does not bring it back.
    removed = models.BooleanField(default=False, editable=False)
    notes = models.TextField(_("notes"), blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_key"],
                condition=~Q(source_key=""),
                name="agendaitem_unique_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_internal(self) -> bool:
        """A point for our side only (our negotiating position): left out of the provider's
        copy of the agenda."""
        return self.kind in INTERNAL_AGENDA_KINDS


# When a notice could be sent and how we judged the contract are our business, not the
# provider's.
INTERNAL_AGENDA_KINDS = frozenset({AgendaItem.Kind.DEADLINE, AgendaItem.Kind.REVIEW})


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"), max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    """Something one side must do by a date, or a question one side must answer."""

    class Kind(models.TextChoices):
        ACTION = "action", _("action item")
        QUESTION = "question", _("open question")

    class Side(models.TextChoices):
        OURS = "ours", _("our side")
        PROVIDER = "provider", _("the provider")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ACTION)
    title = models.CharField(_("what"), max_length=300)
    details = models.TextField(_("details"), blank=True, max_length=TEXT_LIMIT)
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("provider")
    )
    side = models.CharField(_("who"), max_length=10, choices=Side.choices, default=Side.OURS)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible on our side"),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible at the provider"),
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("answer or result"), blank=True, max_length=TEXT_LIMIT)
    dropped_reason = models.CharField(_("reason for dropping it"), max_length=500, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("raised in meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    problem = models.ForeignKey(
        Problem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("problem"),
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("contract"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["status", "due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="actionitem_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
                name="actionitem_dropped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())


class ActionReview(models.Model):
    """What a meeting found about an action item of an earlier meeting."""

    class Outcome(models.TextChoices):
        DONE = "done", _("done")
        OPEN = "open", _("still open")
        DROPPED = "dropped", _("dropped")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_reviews", verbose_name=_("meeting")
    )
    action = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("action item")
    )
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("action item review")
        verbose_name_plural = _("action item reviews")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "action"], name="actionreview_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.get_outcome_display()})"


class MinutesRevision(models.Model):
    """Approved minutes as they were: the first approval and every later correction, so a
    change after approval stays visible."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    approved_at = models.DateTimeField(_("approved at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    # Why the approved minutes were opened again (empty for the first approval).
    reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)
    text = models.TextField(_("minutes"))

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutesrevision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.number})"
