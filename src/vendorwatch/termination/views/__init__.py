"""Step 6's pages. Everything of a withdrawn termination is kept as it was:
:func:`refuse_if_withdrawn` is the one check every view that changes something makes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vendorwatch.termination.models import Termination

WITHDRAWN_MESSAGE = _("This termination was withdrawn: its records are kept and cannot be changed.")


def refuse_if_withdrawn(
    request: HttpRequest,
    termination: Termination,
    *,
    url: str | None = None,
    message: str | Promise = WITHDRAWN_MESSAGE,
) -> HttpResponse | None:
    """A redirect with ``message`` when ``termination`` was withdrawn, else ``None``."""
    if termination.status != Termination.Status.WITHDRAWN:
        return None
    messages.error(request, str(message))
    return redirect(url or reverse("termination-detail", args=[termination.pk]))
