"""The SLA reports: one answer per provider, the report of any period, its chart, PDF and
the people who get it by e-mail every month."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.feedback.report_section import report_section
from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.models import ImportJob, ReportRecipient
from vendorwatch.monitoring.report_pdf import report_pdf
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import organisation_zone
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import StrictModelMultipleChoiceField, parse_date, parse_int

VIEW = "monitoring.view_externalticket"
SHORTCUT_MONTHS = 6


def requested_period(request: HttpRequest) -> tuple[date, date, str]:
    """The period asked for (``?from=…&to=…``, 01.11.2026 or 2026-11-01); the last full month
    when none was asked for, or with a message when the dates cannot be used."""
    default = figures.last_full_month()
    raw_from, raw_to = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    if not raw_from and not raw_to:
        return (*default, "")
    start, end = parse_date(raw_from), parse_date(raw_to)
    if start is None or end is None:
        message = _(
            "Please enter the first and the last day as dates like 01.11.2026 (between 1900 "
            "and 2199). Shown instead: the last full month."
        )
        return (*default, message)
    if start > end:
        return (
            *default,
            _("The first day is after the last day. Shown instead: the last full month."),
        )
    return start, end, ""


def period_query(start: date, end: date) -> str:
    return urlencode({"from": f"{start:%d.%m.%Y}", "to": f"{end:%d.%m.%Y}"})


def month_shortcuts(pk: int, start: date, end: date) -> list[dict[str, Any]]:
    today = timezone.localdate(timezone=organisation_zone())
    months = []
    first = today.replace(day=1)
    for back in range(SHORTCUT_MONTHS, 0, -1):
        month = figures.month_start(first.year, first.month - back)
        last = figures.month_start(month.year, month.month + 1) - timedelta(days=1)
        months.append(
            {
                "label": figures.month_label(month),
                "url": reverse("monitoring-report", args=[pk]) + "?" + period_query(month, last),
                "current": (month, last) == (start, end),
            }
        )
    return months


def url_or(name: str, path: str) -> str:
    """The import pages' address by name, or their plain path where they are not installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return path


def import_url(provider: Provider | None = None) -> str:
    """The import form; for a provider with that provider chosen already."""
    url = url_or("monitoring-import-new", "/reports/imports/new/")
    return url if provider is None else f"{url}?{urlencode({'provider': provider.pk})}"


@require_safe
@perm(VIEW)
def index(request: HttpRequest) -> HttpResponse:
    start, _end = figures.last_full_month()
    imported = list(
        Provider.objects.filter(ticket_imports__state=ImportJob.State.DONE)
        .annotate(last_import=Max("ticket_imports__committed_at"))
        .order_by("name")
    )
    answers = figures.latest_answers(imported, start)
    rows = [
        {
            "provider": provider,
            "total": answers[provider.pk],
            "state": figures.answer_state(answers[provider.pk]),
            "headline": figures.answer_headline(answers[provider.pk]),
            "url": reverse("monitoring-report", args=[provider.pk]),
            "import_url": import_url(provider),
        }
        for provider in imported
    ]
    waiting = (
        Provider.objects.filter(sla_policies__isnull=False)
        .exclude(pk__in=[p.pk for p in imported])
        .distinct()
        .order_by("name")
    )
    context = {
        "rows": rows,
        "waiting": waiting,
        "month": figures.month_label(start),
        "import_url": import_url(),
        "history_url": url_or("monitoring-import-list", "/reports/imports/"),
    }
    return render(request, "monitoring/index.html", context)


@require_safe
@perm(VIEW)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    start, end, error = requested_period(request)
    result = figures.sla_report(provider, start, end)
    query = period_query(start, end)
    priorities = result.row_priorities()
    breaches = page_of(request, result.breaches(), "page")
    disagreements = page_of(request, result.disagreements(), "verdicts")
    context = {
        "report": result,
        "error": error,
        "query": query,
        "start_text": f"{start:%d.%m.%Y}",
        "end_text": f"{end:%d.%m.%Y}",
        "shortcuts": month_shortcuts(pk, start, end),
        "chart_url": reverse("monitoring-report-chart", args=[pk]) + "?" + query,
        "pdf_url": reverse("monitoring-report-pdf", args=[pk]) + "?" + query,
        "recipients_url": reverse("monitoring-recipients", args=[pk]),
        "import_url": import_url(provider),
        "breaches": breaches,
        "breach_rows": figures.ticket_rows(breaches, priorities, explain=False),
        "disagreements": disagreements,
        "disagreement_rows": figures.ticket_rows(disagreements, priorities, explain=True),
        "recipients": recipient_users(provider),
        "feedback_section": report_section(provider, result.start, result.end),
    }
    return render(request, "monitoring/report.html", context)


def page_of(request: HttpRequest, items: Any, name: str) -> Any:
    number = parse_int(request.GET.get(name), minimum=1) or 1
    page = Paginator(items, settings.PAGE_SIZE).get_page(number)
    # The other list's page and the period stay as they are when this list turns a page.
    others = {k: v for k, v in request.GET.items() if k != name}
    page.querystring = urlencode(others)  # type: ignore[attr-defined]
    page.parameter = name  # type: ignore[attr-defined]
    return page


@require_safe
@perm(VIEW)
def chart(request: HttpRequest, pk: int) -> HttpResponse:
    from vendorwatch.web.charts import svg_response

    provider = get_object_or_404(Provider, pk=pk)
    _start, end, _error = requested_period(request)
    return svg_response(figures.trend_svg(provider, figures.monthly_trend(provider, end)))


@require_safe
@perm(VIEW)
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    from vendorwatch.web.pdf import pdf_download

    provider = get_object_or_404(Provider, pk=pk)
    start, end, _error = requested_period(request)
    return pdf_download(
        request,
        filename=f"sla-report-{start:%Y-%m-%d}-{end:%Y-%m-%d}.pdf",
        render=lambda: report_pdf(provider, start, end),
        back_url=reverse("monitoring-report", args=[pk]) + "?" + period_query(start, end),
    )


# --- recipients --------------------------------------------------------------------------


def recipient_users(provider: Provider) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=ReportRecipient.objects.filter(provider=provider).values("user")
        ).order_by("first_name", "last_name", "username")
    )


class UserChoice(StrictModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.email})"


class RecipientsForm(forms.Form):
    users = UserChoice(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Who gets the report by e-mail"),
        help_text=gettext_lazy("Only active users with an e-mail address can be chosen."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True).exclude(email="").order_by("first_name", "username")
        )


@require_http_methods(["GET", "POST"])
@perm("monitoring.view_reportrecipient")
def recipients(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    may_change = request.user.has_perms(
        ["monitoring.add_reportrecipient", "monitoring.delete_reportrecipient"]
    )
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    current = recipient_users(provider)
    form = RecipientsForm(request.POST or None, initial={"users": current})
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["users"])
        with transaction.atomic():
            ReportRecipient.objects.filter(provider=provider).exclude(user__in=chosen).delete()
            for user in chosen:
                ReportRecipient.objects.get_or_create(provider=provider, user=user)
        messages.success(request, _("The recipients of the monthly report were saved."))
        return redirect("monitoring-recipients", pk=provider.pk)
    context = {
        "provider": provider,
        "current": current,
        "form": form if may_change else None,
        "report_url": reverse("monitoring-report", args=[provider.pk]),
        "inactive": [u for u in current if not u.is_active or not u.email],
    }
    return render(request, "monitoring/recipients.html", context)
