"""E-mails that could not be sent, for administrators: what failed, why, and send it again.

Only administrators see them: the messages include invitations and password-reset links, and
the errors name mail servers and addresses.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from vendorwatch.accounts.roles import Role, role_of
from vendorwatch.jobs.heartbeat import runner_status
from vendorwatch.jobs.outbox import failed_messages, outbox_retry


def _administrators_only(request: HttpRequest) -> None:
    if role_of(request.user) != Role.ADMINISTRATOR:
        raise PermissionDenied


@require_safe
def failed_emails(request: HttpRequest) -> HttpResponse:
    _administrators_only(request)
    page = Paginator(failed_messages().order_by("-failed_at", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "jobs/failed_emails.html", {"page": page, "runner": runner_status()})


@require_POST
def email_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _administrators_only(request)
    message = get_object_or_404(failed_messages(), pk=pk)
    outbox_retry(message_ids=[message.pk])
    messages.success(
        request,
        _("The e-mail “%(subject)s” will be sent again shortly.") % {"subject": message.subject},
    )
    return redirect("jobs-failed-emails")


@require_POST
def email_retry_all(request: HttpRequest) -> HttpResponse:
    _administrators_only(request)
    count = outbox_retry()
    messages.success(
        request,
        ngettext(
            "%(count)d e-mail will be sent again shortly.",
            "%(count)d e-mails will be sent again shortly.",
            count,
        )
        % {"count": count},
    )
    return redirect("jobs-failed-emails")
