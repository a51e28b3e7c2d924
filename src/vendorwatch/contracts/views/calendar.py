from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vendorwatch.contracts.ical import contract_calendar
from vendorwatch.contracts.models import CalendarFeedToken
from vendorwatch.web.crud import perm


@require_safe
@perm("contracts.view_contract")
def calendar_page(request: HttpRequest) -> HttpResponse:
    feeds = CalendarFeedToken.objects.filter(
        user_id=int(request.user.pk or 0), revoked_at__isnull=True
    )
    return render(request, "contracts/calendar.html", {"feeds": feeds})


@require_POST
@perm("contracts.add_calendarfeedtoken")
def calendar_create(request: HttpRequest) -> HttpResponse:
    _feed, token = CalendarFeedToken.issue(user=request.user, language=get_language()[:2])
    url = request.build_absolute_uri(reverse("contracts-calendar-feed", args=[token]))
    feeds = CalendarFeedToken.objects.filter(
        user_id=int(request.user.pk or 0), revoked_at__isnull=True
    )
    # Shown once: only the hash is stored, so the address cannot be displayed again.
    return render(request, "contracts/calendar.html", {"feeds": feeds, "new_url": url})


@require_POST
@perm("contracts.add_calendarfeedtoken")
def calendar_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(CalendarFeedToken, pk=pk, user_id=request.user.pk)
    feed.revoke()
    messages.success(request, _("The calendar address was revoked; it no longer works."))
    return redirect("contracts-calendar")


@login_not_required
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: calendar programs cannot log in; the secret address is the key."""
    feed = CalendarFeedToken.find(token)
    if feed is None or not feed.user.has_perm("contracts.view_contract"):
        raise Http404
    response = HttpResponse(
        contract_calendar(language=feed.language), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="vertraege.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
