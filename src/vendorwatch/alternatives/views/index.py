"""The start page of step 5: how the current provider does, the candidates with their offers,
the open requests for offers with their deadlines, and the comparisons."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from vendorwatch.alternatives.models import Comparison, Offer, OfferRequest
from vendorwatch.providers.models import Provider
from vendorwatch.web.crud import perm

SHOWN = 10


def link(name: str, *args: Any) -> str:
    """The address of a page of step 5 another part builds; empty while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def scorecard_light(provider: Provider) -> Any:
    """The scorecard's overall light for the provider, where the scorecard part offers one."""
    try:
        from vendorwatch.alternatives import scorecard
    except ImportError:
        return None
    light = getattr(scorecard, "scorecard_light", None)
    if light is None:
        return None
    try:
        return light(provider)
    except Exception:
        return None


@require_safe
@perm("alternatives.view_offer")
def alternatives_index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    offers = Offer.objects.order_by("-received_on", "pk")
    candidates = list(
        Provider.objects.filter(status=Provider.Status.CANDIDATE)
        .annotate(offer_count=Count("offers"))
        .prefetch_related(Prefetch("offers", queryset=offers))
        .order_by("name", "pk")[:SHOWN]
    )
    current = [
        {
            "provider": provider,
            "url": link("alternatives-scorecard", provider.pk),
            "light": scorecard_light(provider),
        }
        for provider in Provider.objects.filter(status=Provider.Status.ACTIVE).order_by(
            "name", "pk"
        )[:SHOWN]
    ]
    requests = OfferRequest.objects.annotate(offer_count=Count("offers"))
    context: dict[str, Any] = {
        "current": current,
        "candidates": candidates,
        "candidate_count": Provider.objects.filter(status=Provider.Status.CANDIDATE).count(),
        "open_requests": list(requests.filter(deadline__gte=today).order_by("deadline", "pk")),
        "past_requests": list(requests.filter(deadline__lt=today).order_by("-deadline")[:SHOWN]),
        "comparisons": list(Comparison.objects.order_by("-created_at", "-pk")[:SHOWN]),
        "comparison_list_url": link("alternatives-comparison-list"),
        "comparison_add_url": link("alternatives-comparison-add"),
        "today": today,
    }
    context["comparison_rows"] = [
        {"comparison": c, "url": link("alternatives-comparison-detail", c.pk)}
        for c in context["comparisons"]
    ]
    return render(request, "alternatives/index.html", context)
