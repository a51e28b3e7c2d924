"""The contract register: a contract's terms, its documents and certificates.

The notice terms are stored as plain columns; :meth:`Contract.to_terms` turns them into the
deadline engine's :class:`~vendorwatch.core.deadlines.ContractTerms`, the engine never sees a
model.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.core import deadlines as dl
from vendorwatch.providers.models import Provider

DEFAULT_REMINDER_DAYS = "90, 60, 30, 14, 7"


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    QUARTERS = "quarters", _("quarters")
    YEARS = "years", _("years")


class Contract(models.Model):
    class Kind(models.TextChoices):
        MANAGED_SERVICES = "managed_services", _("managed services")
        SOFTWARE_LICENCE = "software_licence", _("software licence")
        HOSTING = "hosting", _("hosting")
        TELEPHONY = "telephony", _("telephony")
        MAINTENANCE = "maintenance", _("maintenance")
        HARDWARE_LEASE = "hardware_lease", _("hardware lease")
        OTHER = "other", _("other")

    class AfterMinimum(models.TextChoices):
        RENEWS = "renews", _("renews by the renewal term unless terminated")
        OPEN_ENDED = "open_ended", _("continues open-ended")
        ENDS = "ends", _("ends (fixed term, no notice needed)")

    class Anchor(models.TextChoices):
        TERM_END = "term_end", _("to the end of the term")
        MONTH_END = "month_end", _("to the end of a month")
        QUARTER_END = "quarter_end", _("to the end of a quarter")
        YEAR_END = "year_end", _("to the end of a calendar year")
        ANY_DAY = "any_day", _("to any day")
        WORKING_DAY = "working_day", _("by the N-th working day of a month")

    class ContinuationAnchor(models.TextChoices):
        MONTH_END = "month_end", _("to the end of a month")
        QUARTER_END = "quarter_end", _("to the end of a quarter")
        YEAR_END = "year_end", _("to the end of a calendar year")
        ANY_DAY = "any_day", _("to any day")

    class PayPeriod(models.TextChoices):
        DAILY = "daily", _("by the day")
        WEEKLY = "weekly", _("by the week")
        MONTHLY = "monthly", _("by the month")
        QUARTERLY = "quarterly_or_longer", _("by the quarter or longer")
        NOT_BY_PERIOD = "not_by_period", _("not by time periods")

    class Form(models.TextChoices):
        WRITTEN = "written", _("written form with signature")
        TEXT = "text", _("text form")
        EMAIL = "email", _("e-mail")

    class FeePeriod(models.TextChoices):
        MONTH = "month", _("per month")
        YEAR = "year", _("per year")

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("contract number"), max_length=100, blank=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=Kind.choices, default=Kind.MANAGED_SERVICES
    )
    start_date = models.DateField(_("start of contract"))
    minimum_term_amount = models.PositiveSmallIntegerField(_("minimum term"), null=True, blank=True)
    minimum_term_unit = models.CharField(
        _("unit of the minimum term"),
        max_length=10,
        choices=PeriodUnit.choices,
        default=PeriodUnit.MONTHS,
    )
    after_minimum_term = models.CharField(
        _("after the minimum term"),
        max_length=12,
        choices=AfterMinimum.choices,
        default=AfterMinimum.RENEWS,
    )
    renewal_term_amount = models.PositiveSmallIntegerField(_("renewal term"), null=True, blank=True)
    renewal_term_unit = models.CharField(
        _("unit of the renewal term"),
        max_length=10,
        choices=PeriodUnit.choices,
        default=PeriodUnit.MONTHS,
    )
    notice_amount = models.PositiveSmallIntegerField(_("notice period"), null=True, blank=True)
    notice_unit = models.CharField(
        _("unit of the notice period"),
        max_length=10,
        choices=PeriodUnit.choices,
        default=PeriodUnit.MONTHS,
    )
    notice_anchor = models.CharField(
        _("notice runs"), max_length=12, choices=Anchor.choices, default=Anchor.TERM_END
    )
    working_day_nth = models.PositiveSmallIntegerField(
        _("working day of the month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    working_day_months_after = models.PositiveSmallIntegerField(
        _("months after that month"), null=True, blank=True, validators=[MaxValueValidator(24)]
    )
    continuation_notice_amount = models.PositiveSmallIntegerField(
        _("notice period after the minimum term"), null=True, blank=True
    )
    continuation_notice_unit = models.CharField(
        _("unit of the notice period after the minimum term"),
        max_length=10,
        choices=PeriodUnit.choices,
        default=PeriodUnit.MONTHS,
    )
    continuation_notice_anchor = models.CharField(
        _("notice after the minimum term runs"),
        max_length=12,
        choices=ContinuationAnchor.choices,
        blank=True,
    )
    service_contract = models.BooleanField(_("service contract (§ 611 BGB)"), default=False)
    pay_period = models.CharField(
        _("pay measured"), max_length=20, choices=PayPeriod.choices, blank=True
    )
    required_form = models.CharField(
        _("required form of notice"), max_length=10, choices=Form.choices, default=Form.WRITTEN
    )
    fee = models.DecimalField(
        _("fee (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    fee_period = models.CharField(
        _("fee period"), max_length=5, choices=FeePeriod.choices, default=FeePeriod.MONTH
    )
    services = models.ManyToManyField(
        "expectations.Service",
        blank=True,
        related_name="contracts",
        verbose_name=_("contracted services"),
    )
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("SLA"),
    )
    postal_days = models.PositiveSmallIntegerField(
        _("business days for the post"),
        default=dl.DEFAULT_POSTAL_DAYS,
        validators=[MaxValueValidator(30)],
    )
    reminder_days = models.CharField(
        _("reminders (days before the send date)"),
        max_length=100,
        default=DEFAULT_REMINDER_DAYS,
    )
    reminder_recipients = models.TextField(
        _("reminder recipients"),
        blank=True,
        help_text=_("E-mail addresses, one per line; empty: all administrators and editors."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    avv_present = models.BooleanField(_("data processing agreement (AVV) signed"), default=False)
    avv_signed_on = models.DateField(_("AVV signed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The recommended send date as last computed on ``send_date_checked_on`` (date.max: none
    # needed, NULL: cannot be computed). It does not move while that deadline lies ahead, so
    # the dashboard computes only contracts whose stored date is near or unknown.
    known_send_date = models.DateField(null=True, blank=True, editable=False)
    send_date_checked_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["provider__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="contract_fee_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1), name="contract_review_interval"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The terms may have changed: the stored send date is computed again when next needed.
        self.send_date_checked_on = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "send_date_checked_on"}
        super().save(*args, **kwargs)
        # New or changed terms may make a reminder due today: run the reminder job at the
        # next round, once the change is committed (imported here: jobs imports the models).
        from vendorwatch.contracts.jobs import reminders_due_now

        transaction.on_commit(reminders_due_now)

    # --- conversion for the deadline engine --------------------------------------------

    def to_terms(self) -> dl.ContractTerms:
        """The engine's view of these terms; raises :class:`~dl.TermsError` if incomplete."""
        clause = None
        anchor = dl.NoticeAnchor.TERM_END
        if self.notice_anchor == self.Anchor.WORKING_DAY:
            clause = dl.WorkingDayClause(
                nth=self.working_day_nth or 0, months_after=self.working_day_months_after or 0
            )
        else:
            anchor = dl.NoticeAnchor(self.notice_anchor)
        return dl.ContractTerms(
            start=self.start_date,
            minimum_term=_period(self.minimum_term_amount, self.minimum_term_unit),
            after_minimum_term=dl.AfterMinimumTerm(self.after_minimum_term),
            renewal_term=_period(self.renewal_term_amount, self.renewal_term_unit),
            notice_period=None if clause else _period(self.notice_amount, self.notice_unit),
            notice_anchor=anchor,
            continuation_notice_period=_period(
                self.continuation_notice_amount, self.continuation_notice_unit
            ),
            continuation_notice_anchor=(
                dl.NoticeAnchor(self.continuation_notice_anchor)
                if self.continuation_notice_anchor
                else None
            ),
            working_day_clause=clause,
            service_contract=self.service_contract,
            pay_period=dl.PayPeriod(self.pay_period) if self.pay_period else None,
        )

    def deadline(self, today: date, subdivision: str | None = None) -> dl.DeadlineResult | None:
        """The deadlines as seen on ``today``; ``None`` when the terms are incomplete.

        Raises what the engine raises for terms it cannot compute (a start in the year 9999
        runs past the calendar): lists use :func:`vendorwatch.contracts.deadlines.
        contract_deadline`, which turns that into "cannot be computed" for this record.
        """
        if subdivision is None:
            subdivision = organisation_subdivision()
        return self.deadline_in(today, subdivision)

    def deadline_in(self, today: date, subdivision: str | None) -> dl.DeadlineResult | None:
        """Like :meth:`deadline` for the given federal state (``None``: nationwide), without
        touching the database."""
        try:
            terms = self.to_terms()
        except dl.TermsError:
            return None
        return _computed_deadline(terms, today, subdivision, self.postal_days)

    @property
    def reminder_leads(self) -> list[int]:
        """Lead times in days, largest first; unreadable entries are ignored."""
        leads = {int(part) for part in re.findall(r"[0-9]+", self.reminder_days, re.ASCII)}
        return sorted((lead for lead in leads if 0 < lead <= 730), reverse=True)

    @property
    def recipient_list(self) -> list[str]:
        return [part for part in re.split(r"[\s,;]+", self.reminder_recipients) if "@" in part]

    @property
    def monthly_fee(self) -> Decimal | None:
        if self.fee is None:
            return None
        if self.fee_period == self.FeePeriod.YEAR:
            return (self.fee / 12).quantize(Decimal("0.01"))
        return self.fee


def _period(amount: int | None, unit: str) -> dl.Period | None:
    if amount is None:
        return None
    return dl.Period(amount, dl.Unit(unit))


@functools.lru_cache(maxsize=4096)
def _computed_deadline(
    terms: dl.ContractTerms, today: date, subdivision: str | None, postal_days: int
) -> dl.DeadlineResult:
    """The engine's answer, kept: it depends on nothing but these four values (the result is
    immutable), and the dashboard, lists, feed and reminders ask for the same contracts
    many times a day."""
    return dl.compute_deadline(terms, today, subdivision=subdivision, postal_days=postal_days)


def organisation_subdivision() -> str | None:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.federal_state if organisation else None


def document_path(instance: ContractDocument, filename: str) -> str:
    # A random name: the user's own could collide or climb out (the download is named
    # after the title and version).
    from vendorwatch.web.uploads import random_name

    return random_name(f"documents/contracts/{instance.contract_id}", filename)


class ContractDocument(models.Model):
    """An uploaded PDF; uploading a document with the same title again adds a new version."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", _("contract")
        AMENDMENT = "amendment", _("amendment")
        AVV = "avv", _("data processing agreement (AVV)")
        CERTIFICATE = "certificate", _("certificate")
        OTHER = "other", _("other")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="documents", verbose_name=_("contract")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CONTRACT)
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    file = models.FileField(_("file (PDF)"), upload_to=document_path)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "title", "version"], name="contract_document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Certificate(models.Model):
    """A certificate the provider holds (ISO 27001, insurance, …), with its expiry."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("contract")
    )
    name = models.CharField(_("certificate"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["valid_until", "name"]

    def __str__(self) -> str:
        return self.name

    def expired(self, today: date) -> bool:
        return self.valid_until < today
