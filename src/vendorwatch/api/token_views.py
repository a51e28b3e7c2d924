"""Each user's own API tokens: the list, a new token (shown once), revoking one.

A viewer may use these pages too: they change only the user's own tokens, never the company's
data (hence ``allowed_read_only``), and a viewer's token can only read.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.accounts.middleware import allowed_read_only
from vendorwatch.accounts.roles import may_change
from vendorwatch.api.models import ApiToken
from vendorwatch.api.token_forms import DUPLICATE_NAME, TokenForm

PAGE_SIZE = 25
# The keys of the last token forms that created a token, kept in the session (the tokens are not).
SENT_FORMS = "api_token_forms_sent"
KEPT_SENT_FORMS = 20


@require_safe
def token_list(request: HttpRequest) -> HttpResponse:
    show_revoked = request.GET.get("revoked") == "1"
    tokens = ApiToken.objects.filter(user=cast(User, request.user))
    revoked_count = tokens.filter(revoked_at__isnull=False).count()
    if not show_revoked:
        tokens = tokens.filter(revoked_at__isnull=True)
    page = Paginator(tokens, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "page_query": "revoked=1&" if show_revoked else "",
        "show_revoked": show_revoked,
        "revoked_count": revoked_count,
        "may_change": may_change(request.user),
    }
    return render(request, "api/token_list.html", context)


def _sent_before(request: HttpRequest) -> bool:
    once = request.POST.get("once", "")
    return bool(once) and once in request.session.get(SENT_FORMS, [])


def _remember_sent(request: HttpRequest) -> None:
    if once := request.POST.get("once", ""):
        sent = request.session.get(SENT_FORMS, [])[-(KEPT_SENT_FORMS - 1) :]
        request.session[SENT_FORMS] = [*sent, once]


@allowed_read_only
@require_http_methods(["GET", "POST"])
def token_add(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _sent_before(request):
        # The browser reloaded the page that showed the token: it is not shown a second time.
        messages.warning(
            request,
            _(
                "This token was already created and is not shown again. If you did not copy it, "
                "revoke it and create a new one."
            ),
        )
        return redirect("api-tokens")
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                row, token = ApiToken.issue(
                    request.user, form.cleaned_data["name"], form.cleaned_data["scope"]
                )
        except IntegrityError:
            # The same name was taken a moment ago (a second tab, a double click).
            form.add_error("name", str(DUPLICATE_NAME))
        else:
            _remember_sent(request)
            # Shown in this answer only: the token is in no address, session or message, and
            # the database keeps its hash alone. The page is not stored (NoStoreMiddleware).
            return render(request, "api/token_created.html", {"row": row, "token": token})
    return render(request, "api/token_form.html", {"form": form})


@allowed_read_only
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ApiToken, pk=pk, user=cast(User, request.user), revoked_at__isnull=True)
    if request.method == "POST":
        row.revoke()
        messages.success(
            request,
            _("The token “%(name)s” was revoked and no longer works.") % {"name": row.name},
        )
        return redirect("api-tokens")
    return render(request, "api/token_confirm_revoke.html", {"row": row})
