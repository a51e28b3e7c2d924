from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent, or the record of one that was.

    Messages are written here first and sent by the job runner, so an SMTP outage only delays
    them: a failed attempt is retried later and nothing is lost. ``key`` makes enqueuing
    idempotent (the same reminder is never queued twice); the claim in
    :func:`vendorwatch.jobs.outbox.outbox_send_due` makes sending happen once even when several
    runners work at the same time. After a bounded number of failed attempts a message is given
    up (``failed_at``) and waits for an administrator to send it again.
    """

    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    to = models.JSONField(_("to"))
    cc = models.JSONField(_("cc"), default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    send_after = models.DateTimeField(_("send after"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # What the message is about (a problem, a contract), so it can be shown there.
    related_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["related_type", "related_id"], name="outbox_related"),
            models.Index(fields=["sent_at", "send_after"], name="outbox_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(failed_at__isnull=True),
                name="outbox_sent_or_failed",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class OutboxAttachment(models.Model):
    """A file sent with a message (an invitation's .ics, minutes as PDF), stored with it so a
    retry hours later sends exactly what was queued."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    # The full MIME type, parameters included (text/calendar; method=REQUEST; charset=utf-8).
    content_type = models.CharField(max_length=200)
    content = models.BinaryField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return self.filename


class JobRun(models.Model):
    """When a periodic job is next due: the row every runner competes for."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RunnerHeartbeat(models.Model):
    """A job runner's last sign of life, written every round, so /healthz can tell when
    reminders and escalations have stopped. One row per machine (host name)."""

    name = models.CharField(max_length=200, unique=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    # The runner's pause between rounds: a runner that pauses long is not late at once.
    interval_seconds = models.PositiveIntegerField(default=30)

    class Meta:
        verbose_name = _("job runner")
        verbose_name_plural = _("job runners")
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return self.name
