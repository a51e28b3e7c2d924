from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

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


# The organisation row as read in the current request (see :func:`read_once`); outside a
# request every look reads the database, so a job never works with an old copy.
_seen: ContextVar[dict[str, Organisation | None] | None] = ContextVar("organisation", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block the organisation row is read from the database at most once (a page
    looks at it up to eight times: header, time zone, holidays, letterhead …)."""
    token = _seen.set({})
    try:
        yield
    finally:
        _seen.reset(token)


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

    # The letterhead of letters (termination, warning): how the provider reaches us, and who signs.
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    signatory = models.CharField(
        _("letters are signed by"),
        max_length=200,
        blank=True,
        help_text=_("Name and position, e.g. “Anna Keller, Managing Director”."),
    )
    letter_footer = models.TextField(
        _("footer of letters"),
        max_length=1_000,
        blank=True,
        help_text=_("For example managing directors, commercial register, VAT number."),
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        _forget()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        _forget()
        return deleted

    @classmethod
    def load(cls) -> Organisation | None:
        seen = _seen.get()
        if seen is None:
            return cls.objects.filter(pk=cls.SINGLETON_ID).first()
        if "row" not in seen:
            seen["row"] = cls.objects.filter(pk=cls.SINGLETON_ID).first()
        # A copy each time: a form that changes its instance and is not saved (invalid input)
        # must not change what the rest of the page shows.
        return copy.copy(seen["row"])

    @classmethod
    def current_name(cls) -> str:
        organisation = cls.load()
        return organisation.name if organisation else ""


def _forget() -> None:
    seen = _seen.get()
    if seen is not None:
        seen.clear()
