from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from vendorwatch.organisation.models import Organisation
from vendorwatch.web.sections import SECTIONS


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: navigation and the company name."""
    entries = [(section, reverse(section.url_name)) for section in SECTIONS]
    # The current section is the one whose address is the longest prefix of this page's.
    active = max(
        (href for _section, href in entries if href != "/" and request.path.startswith(href)),
        key=len,
        default="/" if request.path == "/" else None,
    )
    nav = [{"section": s, "href": href, "active": href == active} for s, href in entries]
    return {"nav": nav, "organisation_name": Organisation.current_name()}
