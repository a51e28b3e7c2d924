"""The scorecard of a provider: the answer (traffic light and total) first, the recommended
next step with a link to where it is done, then each part with its computation, and the
12-month trend as a chart with the same figures as a table."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from vendorwatch.alternatives import scorecard as cards
from vendorwatch.alternatives.scorecard_chart import trend_svg
from vendorwatch.contracts.models import Contract
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import organisation_zone
from vendorwatch.web.charts import svg_response
from vendorwatch.web.crud import perm

VIEW = "providers.view_provider"


def today() -> Any:
    return timezone.localdate(timezone=organisation_zone())


def step_url(step: str, provider: Provider) -> str:
    """Where the recommended step is done; terminating: the provider's contract, if it has
    one (the latest started), else the contract register."""
    if step == cards.TERMINATE:
        contract = Contract.objects.filter(provider=provider).order_by("-start_date", "-pk").first()
        if contract is not None:
            return reverse("contracts-detail", args=[contract.pk])
    return url_or_empty(cards.STEP_URLS.get(step, "contracts-list"))


def url_or_empty(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # that part of the product is not there (yet)
        return ""


@require_safe
@perm(VIEW)
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    card = cards.provider_scorecard(provider, today=today())
    context = {
        "provider": provider,
        "card": card,
        "view": cards.card_view(card),
        "step_url": step_url(card.next_step.step, provider),
        "chart_url": reverse("alternatives-scorecard-chart", args=[provider.pk]),
        "index_url": url_or_empty("alternatives-index"),
    }
    return render(request, "alternatives/scorecard.html", context)


@require_safe
@perm(VIEW)
def chart(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    card = cards.provider_scorecard(provider, today=today())
    return svg_response(trend_svg(provider.name, card.trend, **cards.light_borders()))
