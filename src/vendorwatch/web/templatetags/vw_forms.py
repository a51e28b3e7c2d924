from __future__ import annotations

from typing import Any

from django import template
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext

register = template.Library()
# Django's empty choice, a row of dashes: a reader does not know what it asks for.
DJANGO_EMPTY_LABEL = "---------"


@register.filter
def has_required(form: Any) -> bool:
    """Whether a visible field of the form must be filled (then the page explains the mark)."""
    return any(bound.field.required for bound in form.visible_fields())


@register.filter
def choice_label(label: Any) -> Any:
    """A choice of our own (a translated text) starts with a capital; a record's name, which
    the user typed ("eBay GmbH"), is shown as typed."""
    if label == DJANGO_EMPTY_LABEL:
        return gettext("– please choose –")
    return capfirst(str(label)) if isinstance(label, Promise) else label
