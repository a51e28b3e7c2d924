"""Every page a user can reach, found by following the links the pages show.

The crawl starts at the dashboard and keeps a few addresses per URL name, so a list with a
thousand rows costs one visit to a detail page, not a thousand. Downloads, log-out and
language switches are not followed.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

NOT_FOLLOWED = re.compile(
    r"\.(pdf|csv|xlsx|ics|svg|docx|png|jpg|zip|json|eml|txt)$|/(pdf|docx|download|logout|schema)/$"
)
# The text of these elements is not shown as words on the page.
SILENT = {"script", "style", "template", "noscript", "code", "pre", "svg"}
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.texts: list[str] = []
        self._silent = 0
        # An element that declares its own language (the language switch, a document in the
        # company's document language) is not part of the page's language.
        self._other_language: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._other_language:
            if tag == self._other_language[0]:
                self._other_language.append(tag)
            return
        if tag != "html" and found.get("lang"):
            self._other_language.append(tag)
            return
        if tag in SILENT:
            self._silent += 1
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        for name in SHOWN_ATTRIBUTES:
            if found.get(name):
                self.texts.append(found[name] or "")
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.texts.append(found["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._other_language:
            if tag == self._other_language[0]:
                self._other_language.pop()
            return
        if tag in SILENT and self._silent:
            self._silent -= 1

    def handle_data(self, data: str) -> None:
        if not self._silent and not self._other_language and data.strip():
            self.texts.append(" ".join(data.split()))


def read_page(html: str) -> tuple[list[str], list[str]]:
    """The page's links and the texts it shows (text nodes and shown attributes)."""
    parser = _Page()
    parser.feed(html)
    return parser.links, parser.texts


def url_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).url_name
    except Resolver404:
        return None


def crawl(
    fetch: Callable[[str], str | None], start: str = "/", per_name: int = 2
) -> Iterator[tuple[str, str]]:
    """Each page reached from ``start`` as (path, html). ``fetch`` returns a page's HTML, or
    ``None`` for an answer that is not an HTML page."""
    seen: set[str] = {start}
    visits: dict[str | None, int] = {}
    queue = deque([start])
    while queue:
        path = queue.popleft()
        html = fetch(path)
        if html is None:
            continue
        yield path, html
        links, _texts = read_page(html)
        for link in links:
            target = urldefrag(link).url
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if target in seen or NOT_FOLLOWED.search(parts.path):
                continue
            name = url_name(target)
            if name is None or visits.get(name, 0) >= per_name:
                continue
            seen.add(target)
            visits[name] = visits.get(name, 0) + 1
            queue.append(target)
