"""Step 5: requests for offers, offers from candidate providers, and their weighted comparison
(Nutzwertanalyse) with the total cost over the term, against the current provider."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.models import Contract
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy

TEXT_LIMIT = 5_000
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class OfferRequest(models.Model):
    """A request for offers: one document built from the requirements and the service
    catalogue, which every candidate answers in the same shape."""

    title = models.CharField(_("title"), max_length=200)
    deadline = models.DateField(_("offers by"))
    introduction = models.TextField(_("introduction"), blank=True, max_length=TEXT_LIMIT)
    sla_policy = models.ForeignKey(
        SlaPolicy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("response times wanted"),
        help_text=_("The SLA whose response and resolution times the offers should meet."),
    )
    contact_name = models.CharField(_("contact person for questions"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail for questions and offers"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("request for offers")
        verbose_name_plural = _("requests for offers")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Offer(models.Model):
    class Location(models.TextChoices):
        GERMANY = "de", _("in Germany")
        EU = "eu", _("in the EU")
        OUTSIDE_EU = "non_eu", _("outside the EU")
        UNKNOWN = "unknown", _("not stated")

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="offers", verbose_name=_("provider")
    )
    request = models.ForeignKey(
        OfferRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("answers the request"),
    )
    title = models.CharField(_("title"), max_length=200)
    received_on = models.DateField(_("received on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    minimum_term_months = models.PositiveSmallIntegerField(
        _("minimum term (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"), default=3, validators=[MaxValueValidator(36)]
    )
    response_hours = models.DecimalField(
        _("response time offered (hours)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("For the most urgent problems, in service hours."),
    )
    resolution_hours = models.DecimalField(
        _("resolution time offered (hours)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("For the most urgent problems, in service hours."),
    )
    availability_percent = models.DecimalField(
        _("availability offered (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    references = models.TextField(_("references"), blank=True, max_length=TEXT_LIMIT)
    reference_count = models.PositiveSmallIntegerField(
        _("number of comparable references"), default=0, validators=[MaxValueValidator(1000)]
    )
    iso27001 = models.BooleanField(_("ISO 27001 certified"), default=False)
    certificates = models.CharField(_("other certificates"), max_length=300, blank=True)
    dpa_available = models.BooleanField(_("data processing agreement (AVV) offered"), default=False)
    data_location = models.CharField(
        _("where the data is held"),
        max_length=8,
        choices=Location.choices,
        default=Location.UNKNOWN,
    )
    # Switching costs, counted in the total cost of ownership.
    migration_cost = models.DecimalField(
        _("one-off cost of the switch"),
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
        max_digits=12,
        decimal_places=2,
    )
    parallel_run_months = models.PositiveSmallIntegerField(
        _("months of parallel running"), default=0, validators=[MaxValueValidator(24)]
    )
    internal_effort_hours = models.DecimalField(
        _("our own effort for the switch (hours)"),
        max_digits=7,
        decimal_places=1,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    notes = models.TextField(_("notes"), blank=True, max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["provider__name", "-received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_term_months__gte=1, minimum_term_months__lte=120),
                name="offer_minimum_term_range",
            ),
            models.CheckConstraint(
                condition=Q(migration_cost__gte=0) & Q(internal_effort_hours__gte=0),
                name="offer_switching_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider.name}: {self.title}"


class OfferPrice(models.Model):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="prices", verbose_name=_("offer")
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="offer_prices", verbose_name=_("service")
    )
    one_off = models.DecimalField(
        _("one-off (EUR)"),
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
        max_digits=12,
        decimal_places=2,
    )
    monthly = models.DecimalField(
        _("monthly (EUR)"),
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        verbose_name = _("price in an offer")
        verbose_name_plural = _("prices in offers")
        ordering = ["offer", "service__name"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "service"], name="offerprice_unique"),
            models.CheckConstraint(
                condition=Q(one_off__gte=0) & Q(monthly__gte=0), name="offerprice_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer}: {self.service}"


class OfferAnswer(models.Model):
    class Answer(models.TextChoices):
        FULFILLED = "yes", _("fulfilled")
        PARTLY = "partly", _("partly fulfilled")
        NOT = "no", _("not fulfilled")

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="answers", verbose_name=_("offer")
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.CASCADE,
        related_name="offer_answers",
        verbose_name=_("requirement"),
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("answer to a requirement")
        verbose_name_plural = _("answers to requirements")
        ordering = ["offer", "requirement__title"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "requirement"], name="offeranswer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement}: {self.get_answer_display()}"


class Comparison(models.Model):
    """A weighted comparison of offers, with the current provider as the baseline."""

    title = models.CharField(_("title"), max_length=200)
    years = models.PositiveSmallIntegerField(
        _("years compared"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("The total cost is counted over this many years."),
    )
    hourly_rate = models.DecimalField(
        _("cost of one hour of our own work"),
        default=Decimal("60"),
        validators=NOT_NEGATIVE,
        max_digits=12,
        decimal_places=2,
    )
    current_provider = models.ForeignKey(
        Provider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current provider"),
    )
    current_contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current contract"),
        help_text=_("What it still costs until it can end is added to every switch."),
    )
    offers = models.ManyToManyField(
        Offer, blank=True, related_name="comparisons", verbose_name=_("offers")
    )
    decided_offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    # The decision may also be to stay with the current provider.
    decided_to_stay = models.BooleanField(default=False)
    decision_reason = models.TextField(_("why"), blank=True, max_length=TEXT_LIMIT)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=10), name="comparison_years_range"
            ),
            models.CheckConstraint(
                condition=~(Q(decided_to_stay=True) & Q(decided_offer__isnull=False)),
                name="comparison_one_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_decided(self) -> bool:
        return self.decided_to_stay or self.decided_offer_id is not None


class Criterion(models.Model):
    class Kind(models.TextChoices):
        PRICE = "price", _("price (total cost)")
        SLA = "sla", _("response and resolution times")
        REQUIREMENTS = "requirements", _("requirements fulfilled")
        REFERENCES = "references", _("references")
        SECURITY = "security", _("security and data protection")
        LOCATION = "location", _("where the data is held")
        JUDGEMENT = "judgement", _("your own judgement")

    comparison = models.ForeignKey(
        Comparison, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("comparison")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["comparison", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=0, weight__lte=100), name="criterion_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Score(models.Model):
    """A score entered by the user (0–100) where the criterion is a judgement, or where the
    user overrides what the offer's figures give. ``offer`` empty: the current provider."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scores",
        verbose_name=_("offer"),
    )
    value = models.DecimalField(
        _("score (0–100)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion", "offer"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "offer"],
                condition=Q(offer__isnull=False),
                name="score_unique_per_offer",
            ),
            models.UniqueConstraint(
                fields=["criterion"], condition=Q(offer__isnull=True), name="score_unique_current"
            ),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
