from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vendorwatch.accounts.roles import role_of
from vendorwatch.jobs.heartbeat import runner_status
from vendorwatch.organisation.models import Organisation
from vendorwatch.providers.models import Provider
from vendorwatch.web.dashboard import rendered_panels
from vendorwatch.web.sections import SECTIONS, section_by_slug

logger = logging.getLogger(__name__)


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    steps = sorted((s for s in SECTIONS if s.step), key=lambda s: s.step or 0)
    context = {
        "organisation": Organisation.load(),
        "providers": Provider.objects.filter(status=Provider.Status.ACTIVE),
        "steps": steps,
        "panels": rendered_panels(request),
    }
    return render(request, "web/dashboard.html", context)


@require_safe
def section(request: HttpRequest, slug: str) -> HttpResponse:
    found = section_by_slug(slug)
    if found is None:
        raise Http404
    return render(request, "web/section_placeholder.html", {"section": found})


@require_safe
def settings_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/settings.html",
        {"organisation": Organisation.load(), "role": role_of(request.user)},
    )


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For monitoring and load balancers: 200 "ok" while the database answers and the job
    runner checks in; 503 with the reason on one line when either fails.

    A runner that has not checked in for five minutes (three of its intervals, if longer) means
    reminders, escalations and e-mail have stopped. An installation where no runner has ever
    run is healthy until e-mail has waited five minutes for one (see jobs/heartbeat.py).
    ``?only=database`` leaves the runner out, for a load balancer that should keep sending
    visitors to a web server whose runner elsewhere has stopped.
    """
    database_only = request.GET.get("only") == "database"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        runner = None if database_only else runner_status()
    except Exception:
        logger.exception("health check: database unreachable")
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    if runner is not None and not runner.healthy:
        logger.warning("health check: %s", runner.reason)
        return HttpResponse(f"{runner.reason}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says: the icon."""
    return HttpResponseRedirect(static("vendorwatch/favicon.svg"))
