"""The page on which a user ticks entries of a starter set; shared by requirements and services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from vendorwatch.expectations.forms import StarterPickForm


def starter_page(
    request: HttpRequest,
    *,
    model: type[Model],
    entries: Sequence[Any],
    cells: Callable[[Any, str], list[str]],
    headings: list[str],
    add: Callable[..., list[Any]],
    added_message: Callable[[int], str],
    template: str,
    success_url: str,
) -> HttpResponse:
    """Offer the entries not added yet; add the ticked ones in the page's language.

    ``cells(entry, language)`` gives the table cells of an entry, the first being its name.
    """
    language = get_language() or "de"
    manager = model._default_manager
    taken = set(manager.exclude(starter_key="").values_list("starter_key", flat=True))
    available = [entry for entry in entries if entry.key not in taken]
    rows = [{"entry": entry, "cells": cells(entry, language)} for entry in available]
    form = StarterPickForm(
        request.POST if request.method == "POST" else None,
        choices=[(row["entry"].key, row["cells"][0]) for row in rows],
    )
    if request.method == "POST" and form.is_valid():
        created = add(keys=form.cleaned_data["keys"], language=language)
        messages.success(request, added_message(len(created)))
        return redirect(success_url)
    context = {"form": form, "rows": rows, "headings": headings, "taken_count": len(taken)}
    return render(request, template, context)
