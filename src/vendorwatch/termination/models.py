"""Step 6: ending a contract cleanly — the termination with its dates (ordinary notice or
termination for cause under § 314 BGB), the letters, how each was sent and the proof that it
arrived, and the exit checklist tied to the end of the contract.

The dates of an ordinary termination are not stored: they follow from the contract's terms by
the deadline engine on every look (:mod:`vendorwatch.termination.services`), so a corrected
contract never leaves an old deadline behind. What is stored is what happened: the facts of a
termination for cause, the letters as written, their dispatch and the receipt as proven.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.models import Contract
from vendorwatch.expectations.models import Service
from vendorwatch.providers.models import Contact

# A long text (the facts of a termination for cause, a letter's body) fits on about two pages.
TEXT_LIMIT = 5_000


class Termination(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary termination")
        FOR_CAUSE = "for_cause", _("termination for cause (§ 314 BGB)")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("being prepared")
        SENT = "sent", _("notice sent")
        RECEIVED = "received", _("receipt proven")
        WITHDRAWN = "withdrawn", _("withdrawn")

    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="terminations",
        verbose_name=_("contract"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREPARING
    )
    # Termination for cause (§ 314 BGB): the facts, when we learned of them, the warning.
    reason = models.TextField(_("reason (the facts)"), max_length=TEXT_LIMIT, blank=True)
    learned_on = models.DateField(_("we learned of the reason on"), null=True, blank=True)
    warning_dispensable = models.BooleanField(
        _("a warning is dispensable"),
        default=False,
        help_text=_(
            "Only where the provider seriously and finally refused to perform, or where "
            "special circumstances justify ending the contract at once (§ 314 (2) BGB)."
        ),
    )
    dispensable_reason = models.TextField(
        _("why a warning is dispensable"), max_length=TEXT_LIMIT, blank=True
    )
    remedy_deadline = models.DateField(_("deadline to remedy"), null=True, blank=True)
    remedied_on = models.DateField(_("remedied on"), null=True, blank=True)
    # For cause: the day the contract is to end (the day of receipt for an immediate end).
    effective_date = models.DateField(_("contract to end on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=TEXT_LIMIT, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The last day for which the job runner queued "receipt not yet proven" (once a day).
    receipt_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One termination in progress per contract; a withdrawn one leaves room for a new one.
            models.UniqueConstraint(
                fields=["contract"],
                condition=~Q(status="withdrawn"),
                name="termination_one_active_per_contract",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.contract}"

    @property
    def is_for_cause(self) -> bool:
        return self.kind == self.Kind.FOR_CAUSE


class Letter(models.Model):
    class Kind(models.TextChoices):
        TERMINATION = "termination", _("termination")
        CONFIRMATION = "confirmation", _("request to confirm receipt and the end date")
        WARNING = "warning", _("warning letter (Abmahnung)")
        DATA_RETURN = "data_return", _("request to hand over and delete data")

    termination = models.ForeignKey(
        Termination,
        on_delete=models.CASCADE,
        related_name="letters",
        verbose_name=_("termination"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    letter_date = models.DateField(_("date of the letter"))
    # Written when the letter is created, in the document language; editable until it is sent.
    recipient = models.TextField(_("address"), max_length=1_000)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), max_length=TEXT_LIMIT)
    language = models.CharField(_("language"), max_length=2, default="de")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["letter_date", "pk"]

    def __str__(self) -> str:
        return self.subject


class Dispatch(models.Model):
    """One sending of a letter and what proves that it arrived."""

    class Channel(models.TextChoices):
        POST = "post", _("letter by post")
        REGISTERED = "registered", _("registered letter (Einwurf-Einschreiben)")
        REGISTERED_RECEIPT = "registered_receipt", _("registered letter with return receipt")
        COURIER = "courier", _("courier")
        BY_HAND = "by_hand", _("delivered in person or by messenger")
        EMAIL = "email", _("e-mail")
        FAX = "fax", _("fax")

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("letter")
    )
    channel = models.CharField(_("sent as"), max_length=20, choices=Channel.choices)
    sent_on = models.DateField(_("sent on"))
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    # Proof of receipt: the day the delivery record or the provider's confirmation shows.
    received_on = models.DateField(_("received on"), null=True, blank=True)
    confirmed_on = models.DateField(_("provider confirmed on"), null=True, blank=True)
    confirmed_end = models.DateField(_("end date the provider confirmed"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=TEXT_LIMIT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("sent_on")),
                name="dispatch_received_not_before_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.sent_on:%d.%m.%Y}"


class ExitTask(models.Model):
    class Category(models.TextChoices):
        CREDENTIALS = "credentials", _("admin access and passwords")
        DOCUMENTATION = "documentation", _("documentation")
        DATA = "data", _("data and backups")
        LICENCES = "licences", _("licences")
        DOMAINS = "domains", _("domains, DNS and certificates")
        REMOTE_ACCESS = "remote_access", _("remote access and monitoring")
        HARDWARE = "hardware", _("hardware")
        KNOWLEDGE = "knowledge", _("knowledge transfer")
        DELETION = "deletion", _("deletion of data")
        OTHER = "other", _("other")

    termination = models.ForeignKey(
        Termination,
        on_delete=models.CASCADE,
        related_name="exit_tasks",
        verbose_name=_("termination"),
    )
    # What the item was generated from ("credentials", "service:12:data" …); empty: added by hand.
    source_key = models.CharField(max_length=100, blank=True, editable=False)
    category = models.CharField(
        _("area"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    title = models.CharField(_("task"), max_length=300)
    details = models.TextField(_("details"), max_length=TEXT_LIMIT, blank=True)
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible (our side)"),
    )
    provider_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact at the provider"),
    )
    # Due relative to the end of the contract (negative: before it); see ``due_date``.
    days_from_end = models.SmallIntegerField(
        _("due (days relative to the end of the contract)"),
        default=0,
        validators=[MinValueValidator(-730), MaxValueValidator(365)],
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evidence = models.TextField(_("evidence (note)"), max_length=TEXT_LIMIT, blank=True)
    position = models.PositiveIntegerField(default=0)
    # The due date for which a reminder was queued, and whether the overdue notice went out.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    overdue_noticed_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("exit task")
        verbose_name_plural = _("exit tasks")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["termination", "source_key"],
                condition=~Q(source_key=""),
                name="exit_task_generated_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def due_date(self, contract_end: date | None) -> date | None:
        """The due date for a contract ending on ``contract_end``."""
        if contract_end is None:
            return None
        try:
            return contract_end + timedelta(days=self.days_from_end)
        except OverflowError:
            return None


def file_path(instance: TerminationFile, filename: str) -> str:
    # The stored name is not the user's: it cannot collide or climb out of the folder.
    suffix = Path(filename).suffix.lower()[:10]
    return f"termination/{instance.termination_id}/{instance.token}{suffix}"


def new_token() -> str:
    return secrets.token_hex(16)


class TerminationFile(models.Model):
    """A file that proves something: a delivery record, the provider's confirmation, the
    evidence for an exit task."""

    class Kind(models.TextChoices):
        DELIVERY_RECORD = "delivery_record", _("delivery record")
        CONFIRMATION = "confirmation", _("provider's confirmation")
        EVIDENCE = "evidence", _("evidence")

    termination = models.ForeignKey(
        Termination, on_delete=models.CASCADE, related_name="files", verbose_name=_("termination")
    )
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    exit_task = models.ForeignKey(
        ExitTask, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    file = models.FileField(_("file"), upload_to=file_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename
