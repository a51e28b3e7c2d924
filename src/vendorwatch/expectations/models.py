from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendorwatch.providers.models import Provider


class Requirement(models.Model):
    """Something the company needs from its provider, with a criterion that can be checked."""

    class Priority(models.TextChoices):
        MUST = "must", _("must")
        SHOULD = "should", _("should")
        COULD = "could", _("could")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority.choices, default=Priority.MUST
    )
    acceptance_criterion = models.TextField(
        _("acceptance criterion"),
        help_text=_(
            "How you can check that it is met, e.g. “restore tested quarterly, report delivered”."
        ),
    )
    # Agreements are kept per provider (RequirementAgreement). This date is from before that,
    # when it could not be told with which provider it was agreed: shown to the user, never
    # printed in a provider's document.
    unattributed_agreed_on = models.DateField(
        _("agreed on, provider not recorded"), null=True, blank=True, editable=False
    )
    services = models.ManyToManyField(
        "expectations.Service", blank=True, related_name="requirements", verbose_name=_("services")
    )
    # Existing requirements were written for whoever provides the service: they stay for all.
    for_all_providers = models.BooleanField(_("for all providers"), default=True)
    providers = models.ManyToManyField(
        Provider,
        blank=True,
        related_name="requirements",
        verbose_name=_("only for these providers"),
    )
    starter_key = models.CharField(max_length=50, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["category", "title"]

    def __str__(self) -> str:
        return self.title

    def applies_to(self, provider: Provider) -> bool:
        """In ``provider``'s document: for all providers, or ticked for this one."""
        if self.for_all_providers:
            return True
        return any(p.pk == provider.pk for p in self.providers.all())


class RequirementAgreement(models.Model):
    """That one provider agreed to a requirement, and on which day.

    Kept per provider: a requirement for all providers may be agreed with one and still open
    with another, and one provider's document must never claim another provider's agreement.
    """

    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("requirement"),
    )
    provider = models.ForeignKey(
        Provider,
        # What was agreed stays on record: a provider with agreements is marked "former".
        on_delete=models.PROTECT,
        related_name="requirement_agreements",
        verbose_name=_("provider"),
    )
    agreed_on = models.DateField(_("agreed on"))

    class Meta:
        verbose_name = _("agreement on a requirement")
        verbose_name_plural = _("agreements on requirements")
        ordering = ["provider__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "provider"], name="requirementagreement_one_per_provider"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} / {self.provider}: {self.agreed_on:%d.%m.%Y}"


class Service(models.Model):
    """A service the company needs, and whether (and by whom) it is contracted."""

    class PricePeriod(models.TextChoices):
        MONTH = "month", _("per month")
        YEAR = "year", _("per year")
        ONCE = "once", _("once")

    name = models.CharField(_("name"), max_length=200)
    scope = models.TextField(_("scope"), blank=True)
    needed = models.BooleanField(_("needed"), default=True)
    contracted = models.BooleanField(_("contracted"), default=False)
    provider = models.ForeignKey(
        Provider,
        # A provider still covering services is marked "former", not deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("provider"),
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    price = models.DecimalField(
        _("price (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    price_period = models.CharField(
        _("price period"), max_length=5, choices=PricePeriod.choices, default=PricePeriod.MONTH
    )
    calendar = models.ForeignKey(
        "sla.BusinessCalendar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("service hours"),
    )
    availability_target = models.DecimalField(
        _("availability target (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    starter_key = models.CharField(max_length=50, blank=True, editable=False)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="service_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="service_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(availability_target__isnull=True)
                | Q(availability_target__gte=0, availability_target__lte=100),
                name="service_availability_is_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_gap(self) -> bool:
        """Needed but not contracted: nobody is obliged to deliver it."""
        return self.needed and not self.contracted

    @property
    def total_price(self) -> Decimal | None:
        """Quantity × price per unit, to the cent; None while no price is known."""
        if self.price is None:
            return None
        return (Decimal(self.quantity) * Decimal(self.price)).quantize(Decimal("0.01"))


class Party(models.Model):
    """Who can hold a responsibility: an internal role or a role at the provider."""

    class Side(models.TextChoices):
        INTERNAL = "internal", _("our company")
        PROVIDER = "provider", _("provider")

    name = models.CharField(_("name"), max_length=100)
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    provider = models.ForeignKey(
        Provider,
        # A provider named in the matrix is marked "former", not deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raci_parties",
        verbose_name=_("at provider"),
        help_text=_(
            "Only for a role at a provider. Leave empty if the role stands for whichever "
            "provider the document is for."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starter_key = models.CharField(max_length=50, blank=True, editable=False)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["side", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="party_unique_name"),
            models.CheckConstraint(
                condition=Q(provider__isnull=True) | Q(side="provider"),
                name="party_provider_only_on_provider_side",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def belongs_to(self, provider: Provider) -> bool:
        """Shown in ``provider``'s document: our roles, and provider roles not tied to another."""
        return self.provider_id is None or self.provider_id == provider.pk


class Task(models.Model):
    """A recurring task whose responsibilities the matrix assigns."""

    title = models.CharField(_("task"), max_length=200)
    category = models.CharField(_("category"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starter_key = models.CharField(max_length=50, blank=True, editable=False)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Responsibility(models.Model):
    """One cell of the RACI matrix."""

    class Kind(models.TextChoices):
        RESPONSIBLE = "R", _("R – does the work")
        ACCOUNTABLE = "A", _("A – answers for the result")
        CONSULTED = "C", _("C – is consulted")
        INFORMED = "I", _("I – is informed")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("task")
    )
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("party")
    )
    kind = models.CharField(_("responsibility"), max_length=1, choices=Kind.choices)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["task", "party"]
        constraints = [
            models.UniqueConstraint(fields=["task", "party"], name="responsibility_one_per_cell"),
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(kind="A"),
                name="responsibility_one_accountable_per_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} / {self.party}: {self.kind}"


class ExpectationsDocument(models.Model):
    """An issued version of one provider's expectations document, kept as the handed-over PDF.

    Versions count per provider. Documents issued before there was one per provider have no
    provider: they held everything and keep their own numbering.
    """

    provider = models.ForeignKey(
        Provider,
        # What was handed over stays on record: a provider with documents is marked "former".
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expectations_documents",
        verbose_name=_("provider"),
    )
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    language = models.CharField(_("language"), max_length=2)
    pdf = models.FileField(_("PDF"), upload_to="documents/expectations/")

    class Meta:
        verbose_name = _("expectations document")
        verbose_name_plural = _("expectations documents")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "version"], name="expectationsdocument_version_per_provider"
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(provider__isnull=True),
                name="expectationsdocument_version_without_provider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}"
