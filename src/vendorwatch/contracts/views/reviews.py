from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.contracts.models import Contract, ContractReview, FollowUp
from vendorwatch.contracts.review_forms import FindingForm, ReviewForm
from vendorwatch.contracts.services import (
    contract_review_create,
    finding_evidence,
    review_evidence,
    review_period,
)
from vendorwatch.web.crud import confirm_delete, perm


@require_http_methods(["GET", "POST"])
@perm("contracts.add_contractreview")
def review_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract.objects.select_related("provider"), pk=pk)
    today = timezone.localdate()
    start, end = review_period(contract, today)
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(
        data, initial={"period_start": start, "period_end": end, "reviewed_on": today}
    )
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["period_start"], form.cleaned_data["period_end"]
    evidence = review_evidence(contract, start=start, end=end)
    services = list(contract.services.all())
    findings = [
        (
            service,
            FindingForm(
                data,
                prefix=f"service-{service.pk}",
                initial={"evidence": finding_evidence(evidence, service.pk)},
                explain=number == 0,
            ),
        )
        for number, service in enumerate(services)
    ]
    if form.is_bound and form.is_valid() and all(f.is_valid() for _s, f in findings):
        review = contract_review_create(
            contract=contract,
            review=form.save(commit=False),
            findings=[{"service": s, **f.cleaned_data} for s, f in findings],
            evidence=evidence,
            user=request.user,
        )
        messages.success(request, _("The review was saved; follow-up items were created."))
        return redirect("contracts-review-detail", review.pk)
    context = {"contract": contract, "form": form, "findings": findings, "evidence": evidence}
    return render(request, "contracts/review_form.html", context)


@require_safe
@perm("contracts.view_contractreview")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(ContractReview.objects.select_related("contract"), pk=pk)
    context = {
        "review": review,
        "findings": review.findings.select_related("service"),
        "follow_ups": review.follow_ups.all(),
    }
    return render(request, "contracts/review_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_contractreview")
def review_delete(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(ContractReview, pk=pk)
    url = reverse("contracts-detail", args=[review.contract_id])
    return confirm_delete(
        request,
        obj=review,
        success_url=url,
        cancel_url=reverse("contracts-review-detail", args=[pk]),
    )


@require_POST
@perm("contracts.change_followup")
def follow_up_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FollowUp, pk=pk)
    item.done = not item.done
    item.save(update_fields=["done"])
    return redirect("contracts-detail", item.contract_id)
