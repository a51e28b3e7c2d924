"""Step 5, the weighted comparison: list, create, the answer page with the ranking, chart and
derivation, the weights (in place with htmx, or a plain POST), entered points, own criteria,
the PDF for the managing director and the decision."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.alternatives.compare_forms import (
    ComparisonForm,
    CriterionForm,
    DecisionForm,
    ScoresForm,
    WeightsForm,
)
from vendorwatch.alternatives.comparison import (
    Result,
    build_comparison,
    rank,
    starter_criteria,
)
from vendorwatch.alternatives.comparison_chart import chart_description, chart_height_px
from vendorwatch.alternatives.models import Comparison, Criterion, Score
from vendorwatch.audit.recording import record_update
from vendorwatch.web.crud import confirm_delete, paginate, perm

VIEW = "alternatives.view_comparison"
CHANGE = "alternatives.change_comparison"


def _comparison(pk: int) -> Comparison:
    return get_object_or_404(
        Comparison.objects.select_related(
            "current_provider",
            "current_contract__sla_policy",
            "decided_offer__provider",
            "decided_by",
        ),
        pk=pk,
    )


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def chart_version(result: Result) -> str:
    """Part of the chart's address that changes with what it shows, so that a page updated in
    place loads the new picture instead of the one the browser keeps."""
    text = "|".join(
        f"{s.option.key}:{s.total}:{s.excluded}:{s.option.label}" for s in result.standings
    )
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def result_context(result: Result, **extra: Any) -> dict[str, Any]:
    return {
        "result": result,
        "comparison": result.comparison,
        "chart_version": chart_version(result),
        "chart_description": chart_description(result),
        "chart_height": chart_height_px(result),
        **extra,
    }


@require_safe
@perm(VIEW)
def comparison_list(request: HttpRequest) -> HttpResponse:
    comparisons = (
        Comparison.objects.select_related("current_provider", "decided_offer__provider")
        .annotate(offer_count=Count("offers"))
        .order_by("-created_at", "-pk")
    )
    return render(
        request, "alternatives/comparison_list.html", {"page": paginate(request, comparisons)}
    )


@require_http_methods(["GET", "POST"])
@perm("alternatives.add_comparison")
def comparison_add(request: HttpRequest) -> HttpResponse:
    initial = {"title": _("Comparison of offers")}
    form = ComparisonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            comparison = form.save()
            starter_criteria(comparison)
        messages.success(
            request,
            _("The comparison was created with a starter set of criteria and weights."),
        )
        return redirect("alternatives-comparison-detail", pk=comparison.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("New comparison"),
            "back_url": reverse("alternatives-comparison-list"),
            "back_label": _("Comparisons of offers"),
        },
    )


@require_http_methods(["GET", "POST"])
@perm(CHANGE)
def comparison_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comparison = _comparison(pk)
    form = ComparisonForm(request.POST or None, instance=comparison)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The comparison was saved."))
        return redirect("alternatives-comparison-detail", pk=pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("Edit comparison"),
            "back_url": reverse("alternatives-comparison-detail", args=[pk]),
            "back_label": comparison.title,
        },
    )


@require_http_methods(["GET", "POST"])
@perm("alternatives.delete_comparison")
def comparison_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return confirm_delete(
        request,
        obj=_comparison(pk),
        success_url=reverse("alternatives-comparison-list"),
        cancel_url=reverse("alternatives-comparison-detail", args=[pk]),
        consequence=_("The offers stay; only the comparison, its points and decision go."),
    )


@require_safe
@perm(VIEW)
def comparison_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comparison = _comparison(pk)
    result = build_comparison(comparison, today=timezone.localdate())
    context = result_context(
        result,
        weights_form=WeightsForm(criteria=[row.criterion for row in result.rows]),
        decision_form=DecisionForm(result=result),
    )
    return render(request, "alternatives/comparison_detail.html", context)


@require_safe
@perm(VIEW)
def comparison_chart(request: HttpRequest, pk: int) -> HttpResponse:
    from vendorwatch.alternatives.comparison_chart import comparison_svg
    from vendorwatch.web.charts import svg_response

    result = build_comparison(_comparison(pk), today=timezone.localdate())
    response = svg_response(comparison_svg(result))
    response["Cache-Control"] = "private, no-cache"
    return response


@require_http_methods(["GET", "POST"])
@perm(CHANGE)
def comparison_weights(request: HttpRequest, pk: int) -> HttpResponse:
    """All weights in one form. From the page (htmx) the answer is the ranking and chart,
    recomputed; without script a plain POST saves and goes back to the page. Weights that do
    not add up to 100 % are refused with the sum named, and nothing is saved."""
    comparison = _comparison(pk)
    result = build_comparison(comparison, today=timezone.localdate())
    criteria = [row.criterion for row in result.rows]
    form = WeightsForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
            rank(result)
            if _is_htmx(request):
                return render(
                    request,
                    "alternatives/comparison_result_update.html",
                    result_context(result, saved=True),
                )
            messages.success(request, _("The weights were saved."))
            return redirect("alternatives-comparison-detail", pk=pk)
        if _is_htmx(request):
            return render(
                request,
                "alternatives/comparison_result_update.html",
                result_context(result, weights_errors=form.non_field_errors(), weights_form=form),
            )
    return render(
        request,
        "alternatives/comparison_weights.html",
        result_context(result, weights_form=form),
    )


@require_http_methods(["GET", "POST"])
@perm(CHANGE)
def comparison_scores(request: HttpRequest, pk: int) -> HttpResponse:
    comparison = _comparison(pk)
    result = build_comparison(comparison, today=timezone.localdate())
    form = ScoresForm(request.POST or None, result=result)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # The points as they were, for the audit trail (the update below passes it by).
            stored = {
                (s.criterion_id, s.offer_id): s
                for s in Score.objects.filter(criterion__comparison=comparison).select_related(
                    "criterion"
                )
            }
            for criterion, offer_id, value in form.entries():
                scores = Score.objects.filter(criterion=criterion)
                scores = (
                    scores.filter(offer__isnull=True)
                    if offer_id is None
                    else scores.filter(offer_id=offer_id)
                )
                if value is None:
                    scores.delete()
                elif scores.update(value=value):
                    if (old := stored.get((criterion.pk, offer_id))) is not None:
                        record_update(old, {"value": old.value}, {"value": value})
                else:
                    Score.objects.create(criterion=criterion, offer_id=offer_id, value=value)
        messages.success(request, _("The points were saved."))
        return redirect("alternatives-comparison-detail", pk=pk)
    return render(request, "alternatives/comparison_scores.html", result_context(result, form=form))


@require_http_methods(["GET", "POST"])
@perm(CHANGE)
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    comparison = _comparison(pk)
    last = comparison.criteria.order_by("-position").values_list("position", flat=True).first()
    criterion = Criterion(
        comparison=comparison,
        kind=Criterion.Kind.JUDGEMENT,
        weight=0,
        position=(last or 0) + 1,
    )
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _(
                "The criterion was added with a weight of 0 %. Give it a weight below (the "
                "weights must still add up to 100 %) and enter its points."
            ),
        )
        return redirect(reverse("alternatives-comparison-detail", args=[pk]) + "#weights")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("New criterion"),
            "back_url": reverse("alternatives-comparison-detail", args=[pk]),
            "back_label": comparison.title,
        },
    )


@require_http_methods(["GET", "POST"])
@perm(CHANGE)
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("comparison"), pk=pk)
    url = reverse("alternatives-comparison-detail", args=[criterion.comparison_id])
    return confirm_delete(
        request,
        obj=criterion,
        success_url=url + "#weights",
        cancel_url=url,
        consequence=_(
            "Its points go with it; give its weight to the other criteria afterwards so that "
            "they add up to 100 % again."
        ),
    )


@require_safe
@perm(VIEW)
def comparison_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from vendorwatch.alternatives.comparison_pdf import comparison_pdf as make_pdf
    from vendorwatch.web.pdf import pdf_download

    comparison = _comparison(pk)
    today = timezone.localdate()
    return pdf_download(
        request,
        filename=f"vergleich-{comparison.pk}-{today:%Y-%m-%d}.pdf",
        render=lambda: make_pdf(comparison, today=today),
        back_url=reverse("alternatives-comparison-detail", args=[pk]),
    )


@require_POST
@perm(CHANGE)
def comparison_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision (an offer, or staying), why and when, with the user."""
    comparison = _comparison(pk)
    result = build_comparison(comparison, today=timezone.localdate())
    form = DecisionForm(request.POST, result=result)
    if form.is_valid():
        form.apply(comparison, request.user)
        messages.success(request, _("The decision was recorded."))
        return redirect(reverse("alternatives-comparison-detail", args=[pk]) + "#decision")
    context = result_context(
        result,
        weights_form=WeightsForm(criteria=[row.criterion for row in result.rows]),
        decision_form=form,
    )
    return render(request, "alternatives/comparison_detail.html", context, status=400)
