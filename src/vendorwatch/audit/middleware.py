from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from vendorwatch.audit.context import reset_actor, set_actor


class AuditActorMiddleware:
    """Changes made while answering a page request are the logged-in user's, via the web.

    The actor is reset once the response is made: a server thread that answers the next
    request never carries this one's user into it (the API's token check sets its own actor
    further in, which the reset undoes as well).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_actor(getattr(request, "user", None), "web")
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)
