"""The provider's own tickets, imported from its helpdesk's exports, and the imports themselves.

Every import writes its rows as new :class:`ExternalTicket` rows while it is analysed. The
version of a ticket in force is its ``current`` row of a completed (DONE) import: rows of an
import that is still a preview, was killed half way or discarded count nowhere, so committing
needs no pass over the import's own rows, and a half-finished import never changes what the
pages and reports show. Committing makes the earlier rows of the same ticket ids not current
(or the import's own row, where a completed import holds a newer version by "last changed");
undoing an import makes the earlier row current again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendorwatch.web.uploads import random_name


class ImportPreset(models.Model):
    """A column mapping a user set up in the browser and saved under a name."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # ImportOptions.to_json(): columns, date_format, time_zone, priority_map, ...
    options = models.JSONField(_("settings"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved import format")
        verbose_name_plural = _("saved import formats")

    def __str__(self) -> str:
        return self.name


def import_path(instance: ImportJob, filename: str) -> str:
    # A random name in the month's folder: the user's own name is kept in ``file_name``.
    return random_name(f"imports/{timezone.now():%Y/%m}", filename)


class ImportJob(models.Model):
    """One upload of a ticket export, from preview to commit (and perhaps undo)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        ANALYSING = "analysing", _("being read")
        PREVIEW = "preview", _("ready to check")
        COMMITTING = "committing", _("being saved")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        DISCARDED = "discarded", _("discarded")
        UNDONE = "undone", _("undone")

    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        related_name="ticket_imports",
        verbose_name=_("provider"),
    )
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy",
        on_delete=models.PROTECT,
        related_name="ticket_imports",
        verbose_name=_("SLA"),
    )
    file = models.FileField(_("file"), upload_to=import_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    # What the user asked for ("auto", a built-in key, or "saved:<pk>") and what was used.
    preset = models.CharField(_("format"), max_length=60, default="auto")
    preset_used = models.CharField(_("format used"), max_length=60, blank=True)
    options = models.JSONField(_("settings"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.QUEUED, db_index=True
    )
    # [{"code": ..., "params": {...}}], rendered by monitoring.reasons.assumption_text
    assumptions = models.JSONField(_("assumptions"), default=list, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    imported = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    superseded = models.PositiveIntegerField(_("superseded"), default=0)
    # Tickets an earlier import holds in a newer version (by "last changed"): kept as they are.
    outdated = models.PositiveIntegerField(_("older than imported before"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    disagreements = models.PositiveIntegerField(_("verdicts differ"), default=0)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ticket import")
        verbose_name_plural = _("ticket imports")

    def __str__(self) -> str:
        return self.file_name


class ImportRejection(models.Model):
    """A row of the file that was not imported, and why (rendered by monitoring.reasons)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rejections")
    row = models.PositiveIntegerField(_("row"))
    field = models.CharField(_("field"), max_length=30, blank=True)
    reason = models.CharField(_("reason"), max_length=40)
    value = models.CharField(_("value"), max_length=200, blank=True)

    class Meta:
        ordering = ["job", "row", "id"]
        indexes = [models.Index(fields=["job", "row"], name="rejection_job_row")]

    def __str__(self) -> str:
        return f"{self.row}: {self.reason}"


class TicketQuerySet(models.QuerySet["ExternalTicket"]):
    def in_force(self) -> TicketQuerySet:
        """The version of each ticket in force: the current rows of completed imports.

        "current IN (true)" rather than plain "current": SQLite uses the index on (provider,
        current, created) for a range of creation times only behind an equality it can see.
        """
        return self.filter(current__in=[True], job__state=ImportJob.State.DONE)


class ExternalTicket(models.Model):
    """One version of one ticket from the provider's helpdesk, with our own SLA verdicts.

    ``*_met`` is None where no verdict is final yet (no first response yet, still open) or
    no target applies; ``provider_*_met`` is the provider's own verdict where the export
    carries one; ``disagrees`` is True where a provider verdict and ours differ.
    """

    # No index of their own: the indexes below begin with them (one index less to keep up
    # to date for each of a million rows).
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.CASCADE,
        related_name="external_tickets",
        db_index=False,
    )
    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="tickets", db_index=False
    )
    # The latest version of the ticket; in force once its import is DONE.
    current = models.BooleanField(default=True)
    row = models.PositiveIntegerField(_("row"))
    ticket_id = models.CharField(_("ticket"), max_length=100)
    title = models.CharField(_("title"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=100, blank=True)
    priority_value = models.CharField(_("priority in the export"), max_length=100, blank=True)
    priority_rank = models.PositiveSmallIntegerField(_("priority"))
    created = models.DateTimeField(_("created"))
    first_response = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved = models.DateTimeField(_("resolved"), null=True, blank=True)
    updated = models.DateTimeField(_("last changed"), null=True, blank=True)
    sla_version = models.ForeignKey(
        "sla.SlaVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_due = models.DateTimeField(_("response due"), null=True, blank=True)
    response_seconds = models.BigIntegerField(null=True, blank=True)
    response_met = models.BooleanField(_("response met"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    resolution_seconds = models.BigIntegerField(null=True, blank=True)
    resolution_met = models.BooleanField(_("resolution met"), null=True, blank=True)
    provider_met = models.BooleanField(null=True, blank=True)
    provider_response_met = models.BooleanField(null=True, blank=True)
    provider_resolution_met = models.BooleanField(null=True, blank=True)
    provider_verdict = models.CharField(max_length=100, blank=True)
    disagrees = models.BooleanField(default=False)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("ticket from the provider")
        verbose_name_plural = _("tickets from the provider")
        indexes = [
            models.Index(fields=["provider", "current", "created"], name="ticket_provider_created"),
            models.Index(fields=["provider", "ticket_id"], name="ticket_provider_id"),
            models.Index(fields=["job", "ticket_id"], name="ticket_job_id"),
        ]

    def __str__(self) -> str:
        return self.ticket_id


class ReportRecipient(models.Model):
    """A user who gets a provider's SLA report by e-mail on the first business day of a month."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="report_recipients"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "user"], name="report_recipient_unique")
        ]
        verbose_name = _("report recipient")
        verbose_name_plural = _("report recipients")

    def __str__(self) -> str:
        return f"{self.provider_id}: {self.user_id}"
