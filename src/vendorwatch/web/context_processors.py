from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from vendorwatch.organisation.models import Organisation
from vendorwatch.web.sections import SECTIONS


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: navigation and the company name."""
    entries = [(section, reverse(section.url_name)) for section in SECTIONS]
    # The current section is the one with the longest address prefix of this page's.
    candidates = [
        (len(prefix), href)
        for section, href in entries
        for prefix in (href, *section.prefixes)
        if prefix != "/" and request.path.startswith(prefix)
    ]
    active = max(candidates)[1] if candidates else ("/" if request.path == "/" else None)
    nav = [{"section": s, "href": href, "active": href == active} for s, href in entries]
    return {"nav": nav, "organisation_name": Organisation.current_name()}
