from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vendorwatch.expectations.models import Responsibility
from vendorwatch.expectations.units import unit_after
from vendorwatch.web.money import eur_text

register = template.Library()

_KINDS = Responsibility.Kind.choices
# Ids no database hands out, replaced in one reversed URL by each cell's own.
_TASK_MARK, _PARTY_MARK = 987654321, 987654322


@register.filter
def money(value: Decimal | int | None) -> str:
    """1234.5 → "1.234,50 €" in German, "1,234.50 €" in English; "–" for no amount."""
    return eur_text(value)


@register.filter
def quantity(value: Decimal | int | None) -> str:
    """A quantity as people write it: 28 (not 28,00), 2,5, 1.200; "–" for none."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    digits = format(amount.normalize(), "f").partition(".")[2]
    return formats.number_format(amount, len(digits), use_l10n=True, force_grouping=True)


@register.filter
def quantity_with_unit(service: Any) -> str:
    """ "28 Arbeitsplätze", "1 Vorgang": the number, and its unit in the right number."""
    unit = unit_after(service.quantity, service.unit or "")
    count = quantity(service.quantity)
    return f"{count}\N{NO-BREAK SPACE}{unit}" if unit else count


@register.simple_tag(takes_context=True)
def raci_cell(
    context: template.Context,
    task: Any,
    party: Any,
    kind: str,
    error: str = "",
    saved: bool = False,
) -> SafeString:
    """One cell of the RACI grid: a select that saves itself (htmx), or shows the value to
    someone who may not change it. After a save the cell says so (``saved``) or shows why
    it was refused (``error``). Written in Python: a grid of 40 tasks and 10 parties
    rendered by an included template costs a page most of its time."""
    shared = context.render_context.get("raci_cell")
    if shared is None:
        user = context.get("user")
        editable = user is not None and user.has_perm("expectations.change_responsibility")
        # One reverse for every cell: the ids go where these two stand.
        url = reverse("expectations-raci-cell", args=[_TASK_MARK, _PARTY_MARK])
        shared = context.render_context["raci_cell"] = (editable, url)
    editable, url = shared
    key = f"{task.pk}-{party.pk}"
    label = _("%(task)s – %(party)s") % {"task": task.title, "party": party.name}
    if editable:
        target = url.replace(str(_TASK_MARK), str(task.pk)).replace(str(_PARTY_MARK), str(party.pk))
        # Only this cell's value is sent, not the whole grid's form around it.
        action = format_html(
            ' hx-post="{}" hx-trigger="change" hx-target="#cell-{}" hx-swap="outerHTML"'
            ' hx-params="cell-{}"',
            target,
            key,
            key,
        )
    else:
        action = mark_safe(" disabled")
    invalid = format_html(' aria-invalid="true" aria-describedby="error-{}"', key) if error else ""
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, mark_safe(" selected") if kind == value else "", value) for value, _l in _KINDS),
    )
    message: SafeString | str = ""
    if error:
        message = format_html(
            '<small class="cell-error" id="error-{}" role="alert">{}</small>', key, error
        )
    elif saved:
        # Seen in the cell; screen readers hear it from the grid's status line (raci.html).
        message = format_html(
            '<small class="cell-saved">{} <span aria-hidden="true">✓</span></small>', _("Saved")
        )
    return format_html(
        '<td id="cell-{key}" class="raci-cell{state_class}">'
        '<select name="cell-{key}" id="select-{key}" aria-label="{label}"{invalid}{action}>'
        '<option value=""{empty}>–</option>{options}</select>{message}</td>',
        key=key,
        state_class=" has-error" if error else " is-saved" if saved else "",
        label=label,
        invalid=invalid,
        action=action,
        empty=mark_safe(" selected") if not kind else "",
        options=options,
        message=message,
    )
