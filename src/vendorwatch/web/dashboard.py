"""Dashboard panels: each part of the product contributes what needs attention today.

An app adds a ``dashboard.py`` with a function decorated by :func:`panel`; it receives the
request and returns the context for its template, or ``None`` to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.module_loading import autodiscover_modules

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


def rendered_panels(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    autodiscover_modules("dashboard")
    result = []
    for item in sorted(_PANELS.values(), key=lambda p: (p.order, p.template)):
        context = item.context(request)
        if context is not None:
            result.append((item.template, context))
    return result
