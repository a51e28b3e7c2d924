"""Service hours (business calendars) and their exception days."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.sla.forms import CalendarDayForm, CalendarForm
from vendorwatch.sla.models import BusinessCalendar, CalendarDay
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE, parse_int


@require_safe
@perm("sla.view_businesscalendar")
def calendar_list(request: HttpRequest) -> HttpResponse:
    calendars = BusinessCalendar.objects.annotate(day_count=Count("days")).order_by("name")
    return render(request, "sla/calendar_list.html", {"page": paginate(request, calendars)})


@require_safe
@perm("sla.view_businesscalendar")
def calendar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The hours, the exceptions, the next 14 days and the holidays of one year (``?year=``)."""
    calendar = get_object_or_404(BusinessCalendar, pk=pk)
    today = timezone.localdate()
    language = get_language() or "de"
    requested = request.GET.get("year")
    year = parse_int(requested, minimum=EARLIEST_DATE.year, maximum=LATEST_DATE.year)
    context: dict[str, Any] = {
        "calendar": calendar,
        "days": calendar.days.all(),
        "year": year or today.year,
        "year_error": requested is not None and year is None,
        "earliest_year": EARLIEST_DATE.year,
        "latest_year": LATEST_DATE.year,
    }
    if calendar.engine_or_none() is None:
        context["broken"] = True
    else:
        context["preview"] = calendar.preview(today, 14, language)
        context["holidays"] = calendar.holidays_in(context["year"], language)
    return render(request, "sla/calendar_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("sla.add_businesscalendar")
def calendar_add(request: HttpRequest) -> HttpResponse:
    form = CalendarForm(request.POST or None)
    back = reverse("sla-calendar-list")
    return form_page(
        request,
        form=form,
        template="sla/calendar_form.html",
        success_url=back,
        success_message=_("The service hours were saved."),
        context={
            "title": _("New service hours"),
            "back_url": back,
            "back_label": _("Service hours"),
        },
    )


@require_http_methods(["GET", "POST"])
@perm("sla.change_businesscalendar")
def calendar_edit(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = get_object_or_404(BusinessCalendar, pk=pk)
    detail = reverse("sla-calendar-detail", args=[pk])
    return form_page(
        request,
        form=CalendarForm(request.POST or None, instance=calendar),
        template="sla/calendar_form.html",
        success_url=detail,
        success_message=_("The service hours were saved."),
        context={
            "title": _("Edit service hours"),
            "back_url": detail,
            "back_label": calendar.name,
            "intro": _(
                "SLA versions already made keep the service hours they were made with; "
                "a change applies to new versions."
            )
            if calendar.sla_versions.exists()
            else "",
        },
    )


@require_http_methods(["GET", "POST"])
@perm("sla.delete_businesscalendar")
def calendar_delete(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = get_object_or_404(BusinessCalendar, pk=pk)
    return confirm_delete(
        request,
        obj=calendar,
        success_url=reverse("sla-calendar-list"),
        cancel_url=reverse("sla-calendar-detail", args=[pk]),
        consequence=_(
            "Its exception days are deleted with it. Service hours that an SLA policy or a "
            "service uses cannot be deleted."
        ),
    )


@require_http_methods(["GET", "POST"])
@perm("sla.add_calendarday")
def calendar_day_add(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = get_object_or_404(BusinessCalendar, pk=pk)
    detail = reverse("sla-calendar-detail", args=[pk])
    return form_page(
        request,
        form=CalendarDayForm(request.POST or None, instance=CalendarDay(calendar=calendar)),
        template="web/form_page.html",
        success_url=detail,
        success_message=_("The exception was saved."),
        context={
            "title": _("New exception: closed or other hours on one day"),
            "back_url": detail,
            "back_label": calendar.name,
        },
    )


@require_http_methods(["GET", "POST"])
@perm("sla.delete_calendarday")
def calendar_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(CalendarDay, pk=pk)
    detail = reverse("sla-calendar-detail", args=[day.calendar_id])
    return confirm_delete(request, obj=day, success_url=detail, cancel_url=detail)
