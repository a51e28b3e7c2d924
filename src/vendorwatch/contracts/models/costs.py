"""What the contracts cost: invoices and their lines, budgets, prepaid hours."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.models.contract import Contract
from vendorwatch.providers.models import Provider

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
# No line of a small business's invoice comes near it; a larger amount is a typing mistake,
# and the database computes each line's amount in whole numbers that must not overflow.
MAX_LINE_AMOUNT = Decimal("1000000000")
# A line's amount in euros above which the database does not compute it: well below the
# 9.2 × 10^14 EUR where its amount in ten-thousandths would overflow a 64-bit integer.
OVERFLOW_GUARD = 1_000_000_000_000


def invoice_path(instance: Invoice, filename: str) -> str:
    # A random name: the user's own could collide or climb out (the download is named
    # after the invoice number).
    from vendorwatch.web.uploads import random_name

    return random_name(f"documents/invoices/{instance.contract_id}", filename)


class Invoice(models.Model):
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="invoices", verbose_name=_("contract")
    )
    number = models.CharField(_("invoice number"), max_length=100)
    invoice_date = models.DateField(_("invoice date"))
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    pdf = models.FileField(_("invoice (PDF)"), upload_to=invoice_path, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-invoice_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="invoice_number_unique"),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="invoice_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.all()), Decimal("0"))


def line_cents_sql(quantity: str, price: str) -> str:
    """SQL for a line's amount in cents, rounded half to even like :attr:`InvoiceLine.amount`.

    Quantity and unit price have two decimal places, so each in cents is an exact integer
    (SQLite keeps the columns as floating point: rounded to whole cents, they are exact
    again) and their product is the amount in ten-thousandths of a euro; the rounding to
    cents is done in integers, so every sum stays exact. Plain SQL that both databases
    compute the same way, without the ``%`` operator (a column definition would need it
    written differently on each).
    """
    product = f"(CAST(ROUND({quantity} * 100) AS BIGINT) * CAST(ROUND({price} * 100) AS BIGINT))"
    size = f"ABS({product})"
    # (size + 50) / 100 rounds half up; a remainder of exactly 50 on an even cent goes back
    # down to it. A line beyond any real invoice (the form refuses more than
    # MAX_LINE_AMOUNT; one stored before that rule, or written around the form) has no
    # amount here instead of overflowing the whole numbers: sums leave it out.
    return (
        f"CASE WHEN ABS({quantity} * {price}) > {OVERFLOW_GUARD} THEN NULL"
        f" ELSE (CASE WHEN {product} < 0 THEN -1 ELSE 1 END)"
        f" * (({size} + 50) / 100"
        f" - (CASE WHEN {size} - ({size} / 200) * 200 = 50 THEN 1 ELSE 0 END)) END"
    )


class InvoiceLine(models.Model):
    class Check(models.TextChoices):
        AS_AGREED = "ok", _("as agreed")
        DEVIATION = "deviation", _("price deviates from the contract")
        UNEXPECTED = "unexpected", _("not in the contract")
        NO_PRICE = "no_price", _("no contracted price to compare")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice")
    )
    service = models.ForeignKey(
        "expectations.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoice_lines",
        verbose_name=_("service"),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=NOT_NEGATIVE,
    )
    unit_price = models.DecimalField(_("unit price (EUR)"), max_digits=12, decimal_places=2)
    # Kept by the database on every write: budget and cost sums add up this column instead
    # of computing every line's amount of the year on every page.
    cents = models.GeneratedField(
        expression=RawSQL(
            line_cents_sql('"quantity"', '"unit_price"'), (), output_field=models.BigIntegerField()
        ),
        output_field=models.BigIntegerField(),
        db_persist=True,
        verbose_name=_("amount in cents"),
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="invoice_line_quantity"),
        ]

    def __str__(self) -> str:
        return self.description or str(self.service or "")

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(Decimal("0.01"))

    def clean(self) -> None:
        super().clean()
        quantity, price = self.quantity, self.unit_price
        if quantity is not None and price is not None and abs(quantity * price) > MAX_LINE_AMOUNT:
            raise ValidationError(
                {
                    "unit_price": _(
                        "Quantity times unit price is more than %(limit)s EUR; please check both."
                    )
                    % {"limit": number_format(MAX_LINE_AMOUNT, 0, force_grouping=True)}
                }
            )


class Budget(models.Model):
    """A yearly budget, either for all contracts of a provider or for one contract."""

    year = models.PositiveSmallIntegerField(_("year"))
    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("provider"),
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("contract"),
    )
    amount = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, validators=NOT_NEGATIVE
    )

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "provider__name", "contract__title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=True, contract__isnull=False)
                | Q(provider__isnull=False, contract__isnull=True),
                name="budget_for_provider_or_contract",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_not_negative"),
            models.UniqueConstraint(fields=["year", "provider"], name="budget_one_per_provider"),
            models.UniqueConstraint(fields=["year", "contract"], name="budget_one_per_contract"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.contract or self.provider}"


class HoursQuota(models.Model):
    """Prepaid hours (Stundenkontingent): bought, used, and when the rest expires."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("contract")
    )
    name = models.CharField(_("name"), max_length=200)
    hours_bought = models.DecimalField(
        _("hours bought"), max_digits=8, decimal_places=2, validators=NOT_NEGATIVE
    )
    hours_used = models.DecimalField(
        _("hours used"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    bought_on = models.DateField(_("bought on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    price = models.DecimalField(
        _("price (EUR)"),
        null=True,
        blank=True,
        max_digits=12,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )

    class Meta:
        verbose_name = _("prepaid hours")
        verbose_name_plural = _("prepaid hours")
        ordering = ["-bought_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_bought__gte=0, hours_used__gte=0), name="quota_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("bought_on")),
                name="quota_expires_after_purchase",
                violation_error_message=_("The hours cannot expire before they were bought."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def price_per_hour(self) -> Decimal | None:
        """What one hour of the quota cost (the price is what all of them cost together)."""
        if self.price is None or not self.hours_bought:
            return None
        return (self.price / self.hours_bought).quantize(Decimal("0.01"))

    @property
    def hours_remaining(self) -> Decimal:
        return self.hours_bought - self.hours_used

    @property
    def overdrawn(self) -> bool:
        """More hours used than bought: the provider billed, or will bill, beyond the quota."""
        return self.hours_used > self.hours_bought

    @property
    def hours_over(self) -> Decimal:
        return max(self.hours_used - self.hours_bought, Decimal("0"))

    def clean(self) -> None:
        if self.expires_on and self.bought_on and self.expires_on < self.bought_on:
            raise ValidationError(
                {"expires_on": _("The hours cannot expire before they were bought.")}
            )

    def expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today
