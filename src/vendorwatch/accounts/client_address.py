"""The address a request really came from, also behind a reverse proxy (nginx).

Behind a proxy every connection comes from the proxy (REMOTE_ADDR 127.0.0.1), so failed log-ins
and reset requests from everyone would count against one address. Each proxy appends the
address it received the request from to X-Forwarded-For; the right-most ``PROXY_COUNT``
entries were therefore written by our own proxies and the client's address is the
``PROXY_COUNT``-th from the right. Anything further left came from the client and is never
trusted: an attacker could write any address there.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address; django-axes calls this too (AXES_CLIENT_IP_CALLABLE)."""
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies: int = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(hops) < proxies:
        # The request did not pass all configured proxies (or the setting is too high):
        # taking an entry from further left would trust what the client wrote.
        return remote
    return _valid(hops[-proxies]) or remote
