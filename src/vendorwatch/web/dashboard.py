"""Dashboard panels: each part of the product contributes what needs attention today.

An app adds a ``dashboard.py`` with a function decorated by :func:`panel`; it receives the
request and returns the context for its template, or ``None`` to show nothing.

Each panel is computed and rendered on its own: a panel that fails is logged with its name
and the user, and shown as a short notice, while the rest of the dashboard works as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

PanelContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    template: str
    order: int
    context: PanelContext


_PANELS: dict[str, Panel] = {}


def panel(template: str, *, order: int) -> Callable[[PanelContext], PanelContext]:
    def register(function: PanelContext) -> PanelContext:
        _PANELS[template] = Panel(template, order, function)
        return function

    return register


@dataclass(frozen=True)
class RenderedPanel:
    html: SafeString
    failed: bool = False  # the template shows a short notice instead


def rendered_panels(request: HttpRequest) -> list[RenderedPanel]:
    """Every panel that has something to show, in order, rendered."""
    autodiscover_modules("dashboard")
    result = []
    for item in sorted(_PANELS.values(), key=lambda p: (p.order, p.template)):
        rendered = _render(item, request)
        if rendered is not None:
            result.append(rendered)
    return result


def _render(item: Panel, request: HttpRequest) -> RenderedPanel | None:
    try:
        context = item.context(request)
        if context is None:
            return None
        # Without the request: the page's context processors ran once for the page, not once
        # per panel; a panel's template gets what it needs from the panel's own context.
        html = render_to_string(item.template, {"panel": context})
    except Exception:  # one panel must not take the dashboard down
        logger.exception(
            "dashboard panel %s failed for user %s on %s",
            item.template,
            getattr(request.user, "pk", None),
            request.path,
        )
        return RenderedPanel(mark_safe(""), failed=True)
    return RenderedPanel(mark_safe(html))
