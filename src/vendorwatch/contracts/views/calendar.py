from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vendorwatch.contracts.ical import contract_calendar, feed_version
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


FEED_CACHE_SECONDS = 2 * 24 * 3600


def _first_seen(version: str) -> int:
    """When this version of the feed was first made (seconds): its Last-Modified. Any change
    makes a new version, so the date moves exactly when the feed changes."""
    now = int(timezone.now().timestamp())
    seen = cache.get_or_set(f"calendar-feed-seen:{version}", now, FEED_CACHE_SECONDS)
    return int(seen or now)


@login_not_required
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: calendar programs cannot log in; the secret address is the key.

    Answers "not modified" (304) when the client's copy is current (ETag or date), and keeps
    the feed it made under its version, so polling costs a few small queries.
    """
    feed = CalendarFeedToken.find(token)
    if feed is None or not feed.user.has_perm("contracts.view_contract"):
        raise Http404
    # The forwarded scheme (SECURE_PROXY_SSL_HEADER) and host, as for every absolute address.
    base_url = request.build_absolute_uri("/").rstrip("/")
    today = timezone.localdate()
    meetings = feed.user.has_perm("meetings.view_meetingseries")
    version = feed_version(
        language=feed.language, today=today, base_url=base_url, meetings=meetings
    )
    etag, modified = f'"{version}"', _first_seen(version)
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        # Only the latest feed per language and address is kept, so memory does not grow.
        key = f"calendar-feed:{feed.language}:{int(meetings)}:{base_url}"
        kept_version, body = cache.get(key, (None, b""))
        if kept_version != version:
            body = contract_calendar(
                language=feed.language, base_url=base_url, today=today, meetings=meetings
            )
            cache.set(key, (version, body), FEED_CACHE_SECONDS)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="vertraege.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "private, max-age=900"
    return response
