from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FederalState(models.TextChoices):
    """The German federal states, as holiday regions (ISO 3166-2)."""

    BW = "DE-BW", _("Baden-Württemberg")
    BY = "DE-BY", _("Bavaria")
    BE = "DE-BE", _("Berlin")
    BB = "DE-BB", _("Brandenburg")
    HB = "DE-HB", _("Bremen")
    HH = "DE-HH", _("Hamburg")
    HE = "DE-HE", _("Hesse")
    MV = "DE-MV", _("Mecklenburg-Western Pomerania")
    NI = "DE-NI", _("Lower Saxony")
    NW = "DE-NW", _("North Rhine-Westphalia")
    RP = "DE-RP", _("Rhineland-Palatinate")
    SL = "DE-SL", _("Saarland")
    SN = "DE-SN", _("Saxony")
    ST = "DE-ST", _("Saxony-Anhalt")
    SH = "DE-SH", _("Schleswig-Holstein")
    TH = "DE-TH", _("Thuringia")


class Organisation(models.Model):
    """The company using this installation: one row, used in letters and documents."""

    SINGLETON_ID = 1

    name = models.CharField(_("company name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    federal_state = models.CharField(
        _("federal state"),
        max_length=5,
        choices=FederalState.choices,
        default=FederalState.BY,
        help_text=_("Sets the public holidays of your default service hours."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Berlin")
    document_language = models.CharField(
        _("language of documents"),
        max_length=2,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="organisation_single_row"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> Organisation | None:
        return cls.objects.filter(pk=cls.SINGLETON_ID).first()

    @classmethod
    def current_name(cls) -> str:
        return cls.objects.filter(pk=cls.SINGLETON_ID).values_list("name", flat=True).first() or ""
