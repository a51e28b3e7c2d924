from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from vendorwatch.accounts.roles import may_change

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def allowed_read_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view whose POST changes nothing of the company's data (log out, language)."""
    view.read_only_allowed = True  # type: ignore[attr-defined]
    return view


class ReadOnlyRoleMiddleware:
    """Refuse every change by a user without a role that may change data.

    Each view also checks its own permission; this is the net under it, so a view that forgets
    its check still cannot be used by a viewer to change anything.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> None:
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return None
        target = getattr(view_func, "view_class", view_func)
        if getattr(view_func, "read_only_allowed", False) or getattr(
            target, "read_only_allowed", False
        ):
            return None
        if not may_change(request.user):
            raise PermissionDenied
        return None
