"""The periodic contract review, its findings per service and the follow-up items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.models.contract import Contract


class ContractReview(models.Model):
    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("continue")
        RENEGOTIATE = "renegotiate", _("renegotiate")
        ALTERNATIVES = "alternatives", _("check alternatives")
        TERMINATE = "terminate", _("terminate")

    class Rating(models.IntegerChoices):
        VERY_GOOD = 1, _("1 – very good")
        GOOD = 2, _("2 – good")
        SATISFACTORY = 3, _("3 – satisfactory")
        POOR = 4, _("4 – poor")
        UNACCEPTABLE = 5, _("5 – unacceptable")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("contract")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    reviewed_on = models.DateField(_("reviewed on"))
    rating = models.PositiveSmallIntegerField(_("overall rating"), choices=Rating.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    summary = models.TextField(_("summary"), blank=True)
    evidence = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("contract review")
        verbose_name_plural = _("contract reviews")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="review_period_in_order",
            ),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.contract} {self.reviewed_on:%d.%m.%Y}"


class ReviewFinding(models.Model):
    class Delivered(models.TextChoices):
        YES = "yes", _("yes")
        PARTLY = "partly", _("partly")
        NO = "no", _("no")

    review = models.ForeignKey(
        ContractReview, on_delete=models.CASCADE, related_name="findings", verbose_name=_("review")
    )
    service = models.ForeignKey(
        "expectations.Service",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("service"),
    )
    delivered = models.CharField(
        _("delivered as agreed?"), max_length=6, choices=Delivered.choices, default=Delivered.YES
    )
    evidence = models.TextField(_("evidence"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.service}: {self.delivered}"


class FollowUp(models.Model):
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("contract")
    )
    review = models.ForeignKey(
        ContractReview,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("review"),
    )
    text = models.CharField(_("follow-up"), max_length=300)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["done", "due_date", "pk"]

    def __str__(self) -> str:
        return self.text
