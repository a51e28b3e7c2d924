from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.Model):
    """An external IT service provider: the one under contract, a candidate, or a former one."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CANDIDATE = "candidate", _("candidate")
        FORMER = "former", _("former")

    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    customer_number = models.CharField(_("our customer number"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="provider_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person at the provider; the escalation level says whom to turn to when."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("provider")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 = support desk, 2 = team lead or account manager, 3 = managing director"),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["provider", "escalation_level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(escalation_level__gte=1, escalation_level__lte=9),
                name="contact_escalation_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"
