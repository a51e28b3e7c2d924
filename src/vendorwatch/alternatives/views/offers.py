"""Offers from candidates: terms, prices per service and answers per requirement."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.alternatives.models import Offer, OfferAnswer, OfferPrice, OfferRequest
from vendorwatch.alternatives.offer_forms import AnswersForm, OfferForm, PricesForm
from vendorwatch.expectations.models import Requirement
from vendorwatch.providers.models import Provider
from vendorwatch.web.crud import confirm_delete, perm
from vendorwatch.web.parsing import parse_int

MAX_KEY = 2**63 - 1


def _detail(offer: Offer) -> str:
    return reverse("alternatives-offer-detail", args=[offer.pk])


def _initial(request: HttpRequest) -> dict[str, Any]:
    """The provider and the request the address names (?provider=, ?request=)."""
    initial: dict[str, Any] = {"received_on": timezone.localdate()}
    key = parse_int(request.GET.get("provider"), minimum=1, maximum=MAX_KEY)
    if key is not None and (provider := Provider.objects.filter(pk=key).first()) is not None:
        initial["provider"] = provider
    key = parse_int(request.GET.get("request"), minimum=1, maximum=MAX_KEY)
    if key is not None and (asked := OfferRequest.objects.filter(pk=key).first()) is not None:
        initial["request"] = asked
    return initial


@require_http_methods(["GET", "POST"])
@perm("alternatives.add_offer")
def offer_add(request: HttpRequest) -> HttpResponse:
    initial = _initial(request)
    form = OfferForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        offer = form.save()
        messages.success(request, _("The offer was saved. Now enter its prices and its answers."))
        return redirect(reverse("alternatives-offer-prices", args=[offer.pk]))
    provider = initial.get("provider")
    back = (
        reverse("alternatives-candidate-list")
        if provider is not None
        else reverse("alternatives-index")
    )
    context = {
        "form": form,
        "title": _("New offer"),
        "back_url": back,
        "back_label": _("Back"),
    }
    return render(request, "alternatives/offer_form.html", context)


@dataclass(frozen=True)
class AnswerLine:
    requirement: Requirement
    answer: OfferAnswer | None

    def said(self, answer: str) -> bool:
        return self.answer is not None and self.answer.answer == answer


def offer_rows(offer: Offer) -> dict[str, Any]:
    prices = list(offer.prices.select_related("service").order_by("service__name"))
    answers = {answer.requirement_id: answer for answer in offer.answers.all()}
    requirements = list(Requirement.objects.order_by("category", "title", "pk"))
    rows = [AnswerLine(r, answers.get(r.pk)) for r in requirements]
    musts = [row for row in rows if row.requirement.priority == Requirement.Priority.MUST]
    return {
        "prices": prices,
        "one_off_total": sum((price.one_off for price in prices), Decimal("0")),
        "monthly_total": sum((price.monthly for price in prices), Decimal("0")),
        "answer_rows": rows,
        "must_count": len(musts),
        "must_fulfilled": sum(1 for row in musts if row.said(OfferAnswer.Answer.FULFILLED)),
        "must_missing": [row for row in musts if row.said(OfferAnswer.Answer.NOT)],
        "unanswered": sum(1 for row in rows if row.answer is None),
    }


@require_safe
@perm("alternatives.view_offer")
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("provider", "request"), pk=pk)
    context = {"offer": offer, **offer_rows(offer)}
    return render(request, "alternatives/offer_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("alternatives.change_offer")
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("provider"), pk=pk)
    form = OfferForm(request.POST if request.method == "POST" else None, instance=offer)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(_detail(offer))
    context = {
        "form": form,
        "title": _("Change “%(title)s”") % {"title": offer.title},
        "back_url": _detail(offer),
        "back_label": offer.title,
    }
    return render(request, "alternatives/offer_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("alternatives.delete_offer")
def offer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("provider"), pk=pk)
    return confirm_delete(
        request,
        obj=offer,
        success_url=reverse("alternatives-candidate-list"),
        cancel_url=_detail(offer),
        consequence=_("Its prices and answers are deleted with it."),
    )


@require_http_methods(["GET", "POST"])
@perm("alternatives.change_offer")
def offer_prices(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.select_related("provider").prefetch_related(
            Prefetch("prices", queryset=OfferPrice.objects.all())
        ),
        pk=pk,
    )
    form = PricesForm(request.POST if request.method == "POST" else None, offer=offer)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The prices were saved."))
        return redirect(_detail(offer))
    if form.is_bound:
        messages.error(request, _("Please check the marked prices."))
    return render(request, "alternatives/offer_prices.html", {"offer": offer, "form": form})


@require_http_methods(["GET", "POST"])
@perm("alternatives.change_offer")
def offer_answers(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.select_related("provider").prefetch_related("answers"), pk=pk
    )
    form = AnswersForm(request.POST if request.method == "POST" else None, offer=offer)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The answers were saved."))
        return redirect(_detail(offer))
    if form.is_bound:
        messages.error(request, _("Please check the marked answers."))
    return render(request, "alternatives/offer_answers.html", {"offer": offer, "form": form})
