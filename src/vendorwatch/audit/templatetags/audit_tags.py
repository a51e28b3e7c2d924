"""``{% history_link record %}``: the link to a record's history, for whoever may see it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vendorwatch.audit.policy import is_audited

register = template.Library()


def history_url(record: models.Model, back: str = "") -> str:
    meta = record._meta
    url = reverse("audit-history", args=[meta.label_lower, record.pk])
    return f"{url}?{urlencode({'back': back})}" if back else url


@register.simple_tag(takes_context=True)
def history_link(context: dict[str, Any], record: Any) -> SafeString | str:
    """A "History" link to the record's changes; nothing for a record not saved yet, a kind
    the trail leaves out, or a user who may not see this kind of record."""
    if not isinstance(record, models.Model) or record.pk is None or not is_audited(type(record)):
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    meta = record._meta
    if user is None or not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        return ""
    back = request.get_full_path() if request is not None else ""
    return format_html(
        '<a class="history-link" href="{}">{}</a>', history_url(record, back), _("History")
    )
