"""The trail's pages: one record's history for whoever may see the record, and the full list
with its CSV export for administrators. Nothing here changes an entry: every URL answers only
GET and HEAD (anything else gets 405)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from vendorwatch.accounts.roles import Role, role_of
from vendorwatch.audit.display import kind_label, shown_entries
from vendorwatch.audit.export import csv_lines
from vendorwatch.audit.forms import AuditFilterForm
from vendorwatch.audit.models import AuditEntry
from vendorwatch.audit.policy import audited_models, is_audited


def _is_administrator(request: HttpRequest) -> bool:
    return role_of(request.user) == Role.ADMINISTRATOR


def _audited_model(kind: str) -> type[models.Model]:
    app_label, _dot, model_name = kind.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404 from None
    if not is_audited(model):
        raise Http404
    return model


def _viewable_kinds(request: HttpRequest) -> list[int] | None:
    """The kinds of record whose entries the user may see (None: all, for administrators)."""
    if _is_administrator(request):
        return None
    models_seen = [
        m
        for m in audited_models()
        if request.user.has_perm(f"{m._meta.app_label}.view_{m._meta.model_name}")
    ]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models_seen).values()]


def _page_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@require_safe
def record_history(request: HttpRequest, kind: str, object_id: str) -> HttpResponse:
    """Every change of one record and of its parts, newest first."""
    model = _audited_model(kind)
    meta = model._meta
    if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        raise PermissionDenied
    try:
        pk = meta.pk.to_python(object_id)
    except ValidationError:
        raise Http404 from None
    content_type = ContentType.objects.get_for_model(model)
    entries = AuditEntry.objects.select_related("content_type").filter(
        Q(content_type=content_type, object_id=str(pk))
        | Q(parent_type=content_type, parent_id=str(pk))
    )
    kinds = _viewable_kinds(request)
    if kinds is not None:
        entries = entries.filter(content_type__in=kinds)
    record = model._base_manager.filter(pk=pk).first()
    latest = entries.filter(content_type=content_type, object_id=str(pk)).first()
    if record is None and latest is None:
        raise Http404
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {
            "record": record,
            "record_name": str(record) if record is not None else latest.object_repr,  # type: ignore[union-attr]
            "back_url": _back_url(request),
            "kind": kind_label(model),
            "content_type": content_type,
            "object_id": str(pk),
            "page": page,
            "shown": shown_entries(list(page.object_list)),
            "page_query": _page_query(request),
        },
    )


def _back_url(request: HttpRequest) -> str:
    """The record's page the history was opened from (only a path of this site)."""
    back = request.GET.get("back", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return ""


@require_safe
def entry_list(request: HttpRequest) -> HttpResponse:
    """All changes, filtered, for administrators."""
    if not _is_administrator(request):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = form.entries()
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "shown": shown_entries(list(page.object_list)),
            "page_query": _page_query(request),
            "querystring": query.urlencode(),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
        },
    )


@require_safe
def entry_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list as CSV (semicolons, UTF-8 with a byte order mark for Excel)."""
    if not _is_administrator(request):
        raise PermissionDenied
    entries: QuerySet[AuditEntry] = AuditFilterForm(request.GET or None).entries()
    response = StreamingHttpResponse(csv_lines(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aenderungen.csv"'
    return response
