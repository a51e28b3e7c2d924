from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.contracts.chart import cost_chart
from vendorwatch.contracts.costs import BudgetStatus, budget_statuses
from vendorwatch.contracts.form_fields import BUDGET_YEARS
from vendorwatch.contracts.forms import BudgetForm, QuotaForm
from vendorwatch.contracts.models import Budget, Contract, HoursQuota
from vendorwatch.web.charts import svg_response
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm
from vendorwatch.web.parsing import parse_int


def _year(request: HttpRequest) -> int:
    year = parse_int(request.GET.get("year"), minimum=BUDGET_YEARS[0], maximum=BUDGET_YEARS[1])
    return year if year is not None else timezone.localdate().year


BUDGETS_SHOWN = 50


def _over_first(status: BudgetStatus) -> tuple[bool, Decimal]:
    return (not status.over, status.remaining if status.over else Decimal(0))


@require_safe
@perm("contracts.view_invoice")
def costs(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    chart = cost_chart(year)
    context = {
        "year": year,
        "years": [year - 1, year + 1],
        "chart": chart,
        "months": chart.months,
        "total": chart.total,
        "budget": chart.budget,
        "per_month": chart.per_month,
        # Over budget first, the most over at the top; then the others as entered.
        "page": paginate(request, sorted(budget_statuses(year), key=_over_first), BUDGETS_SHOWN),
        "page_query": f"year={year}&",
    }
    return render(request, "contracts/costs.html", context)


@require_safe
@perm("contracts.view_invoice")
def costs_chart(request: HttpRequest) -> HttpResponse:
    """The cost chart as an SVG image of its own (the page shows it with ``<img>``)."""
    return svg_response(cost_chart(_year(request)).svg())


def _costs_context(title: str) -> dict[str, str]:
    return {"title": title, "back_url": reverse("contracts-costs"), "back_label": _("Costs")}


@require_http_methods(["GET", "POST"])
@perm("contracts.add_budget")
def budget_add(request: HttpRequest) -> HttpResponse:
    form = BudgetForm(request.POST or None, initial={"year": timezone.localdate().year})
    return form_page(
        request,
        form=form,
        template="web/form_page.html",
        success_url=reverse("contracts-costs"),
        success_message=_("The budget was saved."),
        context=_costs_context(_("New budget")),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.change_budget")
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return form_page(
        request,
        form=BudgetForm(request.POST or None, instance=get_object_or_404(Budget, pk=pk)),
        template="web/form_page.html",
        success_url=reverse("contracts-costs"),
        success_message=_("The budget was saved."),
        context=_costs_context(_("Edit budget")),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_budget")
def budget_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("contracts-costs")
    return confirm_delete(
        request, obj=get_object_or_404(Budget, pk=pk), success_url=url, cancel_url=url
    )


def _quota_context(title: str, contract: Contract) -> dict[str, str]:
    return {
        "title": title,
        "back_url": reverse("contracts-detail", args=[contract.pk]),
        "back_label": contract.title,
    }


@require_http_methods(["GET", "POST"])
@perm("contracts.add_hoursquota")
def quota_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    return form_page(
        request,
        form=QuotaForm(request.POST or None, instance=HoursQuota(contract=contract)),
        template="web/form_page.html",
        success_url=reverse("contracts-detail", args=[pk]),
        success_message=_("The prepaid hours were saved."),
        context=_quota_context(_("Add prepaid hours"), contract),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.change_hoursquota")
def quota_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quota = get_object_or_404(HoursQuota.objects.select_related("contract"), pk=pk)
    return form_page(
        request,
        form=QuotaForm(request.POST or None, instance=quota),
        template="web/form_page.html",
        success_url=reverse("contracts-detail", args=[quota.contract_id]),
        success_message=_("The prepaid hours were saved."),
        context=_quota_context(_("Edit prepaid hours"), quota.contract),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_hoursquota")
def quota_delete(request: HttpRequest, pk: int) -> HttpResponse:
    quota = get_object_or_404(HoursQuota, pk=pk)
    url = reverse("contracts-detail", args=[quota.contract_id])
    return confirm_delete(request, obj=quota, success_url=url, cancel_url=url)
