"""The few shapes every list-and-form part of the product repeats, written once.

Views stay short: they load the object with its permission check and call one of these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def perm(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Permission check that answers 403 (not a redirect to the log-in page)."""
    return permission_required(name, raise_exception=True)


def paginate(request: HttpRequest, items: Any, per_page: int = 25) -> Page[Any]:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    template: str,
    success_url: str,
    success_message: str,
    context: dict[str, Any] | None = None,
    save: Callable[[Any], Any] | None = None,
) -> HttpResponse:
    """Show a form; on a valid POST save it, say so, and go on to ``success_url``."""
    if request.method == "POST" and form.is_valid():
        if save is not None:
            save(form)
        else:
            form.save()  # type: ignore[attr-defined]
        messages.success(request, success_message)
        return redirect(success_url)
    return render(request, template, {"form": form, **(context or {})})


def confirm_delete(
    request: HttpRequest,
    *,
    obj: models.Model,
    success_url: str,
    cancel_url: str,
    consequence: str = "",
) -> HttpResponse:
    """Ask first (GET), delete on POST; a record still in use is kept with a clear message."""
    if request.method == "POST":
        label = str(obj)
        try:
            obj.delete()
        except ProtectedError:
            messages.error(
                request,
                _("“%(name)s” is still in use elsewhere and was not deleted.") % {"name": label},
            )
            return redirect(cancel_url)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": label})
        return redirect(success_url)
    return render(
        request,
        "web/confirm_delete.html",
        {"object": obj, "cancel_url": cancel_url, "consequence": consequence},
    )
