"""Every view that takes a POST, sent Hypothesis-made bodies by a logged-in administrator
(with CSRF checks on): wrong types, impossible dates, 1 MB strings, NUL bytes, lone
surrogates, bodies that are not UTF-8 at all, multipart with wrong files, a wrong content
type. Whatever arrives, no answer is a server error (413 for a body too large is fine).

The demo company is loaded once per module, and every page reachable from the dashboard is
read once: its forms give each view its fields, its links the ids in its address. Each test
runs in a transaction of its own inside that, so one view's changes never reach another's.

``VENDORWATCH_FUZZ_EXAMPLES`` sets the bodies per view (default 3); with
``VENDORWATCH_FUZZ_REPORT=FILE`` each test appends one JSON line (view, cases, server
errors) to FILE, which ``reliability/fuzz_forms.py`` adds up.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vendorwatch.testing.crawl import crawl, url_name
from vendorwatch.tests.test_url_permissions import PATTERNS, sample_path

EXAMPLES = int(os.environ.get("VENDORWATCH_FUZZ_EXAMPLES", "3"))
REPORT = os.environ.get("VENDORWATCH_FUZZ_REPORT", "")
MB = 1024 * 1024
BOUNDARY = "vendorwatch-fuzz-boundary"
# Field names tried where no form was found on a page (a button that posts, an htmx action).
GUESSED_FIELDS = ["name", "title", "pk", "id", "value", "order", "date", "text", "file"]
LOCAL_PATH = re.compile(r"""(?:href|action|hx-post|hx-get|src)=["'](/[^"'\s]*)["']""")


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea"
    choices: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    multipart: bool
    fields: list[Field]


class _Forms(HTMLParser):
    """The POST forms of a page with their fields (hidden ones included)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and found.get("method", "").lower() == "post":
            multipart = found.get("enctype", "") == "multipart/form-data"
            self._form = Form(found.get("action") or self.page, multipart, [])
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "option" and self._select is not None:
            self._select.choices.append(found.get("value", ""))
        elif not found.get("name"):
            return
        elif tag in ("input", "textarea"):
            kind = found.get("type", "text") if tag == "input" else "textarea"
            choices = [found["value"]] if found.get("value") else []
            self._form.fields.append(Field(found["name"], kind, choices))
        elif tag == "select":
            self._select = Field(found["name"], "select")
            self._form.fields.append(self._select)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


@dataclass
class Site:
    cookies: dict[str, str]
    token: str
    paths: dict[str, str]  # URL name -> an address with real ids
    forms: dict[str, list[Form]]  # URL name -> the forms that post to it


def read_site(client: Client) -> Site:
    paths: dict[str, str] = {}
    forms: dict[str, list[Form]] = {}

    def fetch(path: str) -> str | None:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return None
        return response.content.decode()

    for page, html in crawl(fetch, per_name=1):
        for path in [page, *LOCAL_PATH.findall(html)]:
            name = url_name(path)
            if name is not None:
                paths.setdefault(name, urlsplit(path).path)
        parser = _Forms(page)
        parser.feed(html)
        for form in parser.forms:
            name = url_name(form.action)
            if name is not None:
                paths.setdefault(name, urlsplit(form.action).path)
                forms.setdefault(name, []).append(form)
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    return Site(cookies, cookies["csrftoken"], paths, forms)


@pytest.fixture(scope="module")
def site(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Site]:
    """The demo company, an administrator's session and what the pages show, kept for the
    module in a transaction that is rolled back at its end."""
    from django.conf import settings as django_settings

    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    data_dir = django_settings.DATA_DIR
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            django_settings.DATA_DIR = tmp_path_factory.mktemp("demo")
            call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            client = Client(enforce_csrf_checks=True, raise_request_exception=False)
            client.force_login(make_user(Role.ADMINISTRATOR, username="fuzz.admin"))
            yield read_site(client)
        finally:
            django_settings.DATA_DIR = data_dir
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- what is sent ---------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "-1",
    "0",
    "1e999",
    "NaN",
    "-inf",
    "99999999999999999999999999",
    "1,5",
    "1.000.000,00 EUR",
    "31.02.2026",
    "29.02.2025",
    "01.01.99999",
    "99999-01-01",
    "0000-00-00",
    "31.12.9999 23:59",
    "2026-13-45T25:61",
    "24:60",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\U0001d518\u202e\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "%s%n%x",
    "{{ 7*7 }}",
    "[]",
    "true",
]
HUGE = st.sampled_from(["x" * MB, "ä" * (MB // 2), "1" * MB, "\x00" * MB])
DATES = st.dates().map(lambda day: day.strftime("%d.%m.%Y"))
NUMBERS = st.one_of(
    st.integers().map(str), st.decimals(allow_nan=True, allow_infinity=True).map(str)
)
# Any code point, lone surrogates included.
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
# Bytes that are not UTF-8: as the body of a form post they must not break the parser.
NOT_UTF8 = st.sampled_from([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\x80", b"%FF%FE", b"%"])


def value_for(kind: str, choices: list[str]) -> st.SearchStrategy[str]:
    fitting: list[st.SearchStrategy[str]] = [st.sampled_from(HOSTILE), TEXT, NUMBERS, DATES]
    if choices:
        fitting.append(st.sampled_from(choices))
    if kind == "checkbox":
        fitting.append(st.just("on"))
    return st.one_of(*fitting)


def wrong_file() -> st.SearchStrategy[SimpleUploadedFile]:
    names = st.sampled_from(
        ["a.pdf", "bild.png", "export.csv", "../../etc/passwd", "a\x00.pdf", "x" * 300, ".pdf"]
    )
    contents = st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"", b"%PDF-1.4 not really", b"MZ\x90\x00", b"PK\x03\x04broken"]),
    )
    kinds = st.sampled_from(["application/pdf", "text/csv", "image/png", "\x00/\x00"])
    return st.builds(SimpleUploadedFile, names, contents, kinds)


def encoded(value: str) -> bytes:
    # A lone surrogate cannot be UTF-8: it is sent as the bytes a careless client would send.
    return value.encode("utf-8", "surrogatepass")


@st.composite
def bodies(draw: st.DrawFn, forms: list[Form]) -> tuple[str, dict[str, Any]]:
    """A body for one of the forms: (how it is sent, the fields)."""
    form = draw(st.sampled_from(forms))
    fields = form.fields or [Field(name, "text") for name in GUESSED_FIELDS]
    values: dict[str, Any] = {}
    for each in fields:
        if each.name == "csrfmiddlewaretoken" or (not draw(st.booleans()) and values):
            continue
        if each.kind == "file":
            values[each.name] = draw(wrong_file())
        else:
            values[each.name] = draw(value_for(each.kind, each.choices))
    if values and draw(st.integers(0, 5)) == 0:
        values[draw(st.sampled_from(sorted(values)))] = draw(HUGE)
    how = draw(st.sampled_from(["multipart", "urlencoded", "not utf-8", "wrong type"]))
    if how == "not utf-8":
        values["\x00raw"] = draw(NOT_UTF8)
    return how, values


def multipart(token: str, values: dict[str, Any]) -> bytes:
    """A multipart body written by hand: the test client's own encoder would send a bytes
    value byte by byte, as a list, and cannot send a lone surrogate at all."""
    parts = [(b"csrfmiddlewaretoken", b"", b"", token.encode())]
    for key, value in values.items():
        if isinstance(value, SimpleUploadedFile):
            kind = encoded(value.content_type or "")
            parts.append((encoded(key), encoded(value.name or ""), kind, value.read()))
        else:
            parts.append(
                (encoded(key), b"", b"", value if isinstance(value, bytes) else encoded(value))
            )
    lines = []
    for name, filename, kind, content in parts:
        lines.append(b"--" + BOUNDARY.encode())
        disposition = b'Content-Disposition: form-data; name="' + name + b'"'
        if filename or kind:
            disposition += b'; filename="' + filename + b'"'
            lines += [disposition, b"Content-Type: " + kind]
        else:
            lines.append(disposition)
        lines += [b"", content]
    lines += [b"--" + BOUNDARY.encode() + b"--", b""]
    return b"\r\n".join(lines)


def urlencoded(token: str, values: dict[str, Any]) -> bytes:
    pairs = [b"csrfmiddlewaretoken=" + token.encode()]
    for key, value in values.items():
        if isinstance(value, SimpleUploadedFile):
            value = value.name
        if isinstance(value, bytes):  # not UTF-8: raw, unescaped, in the middle of the body
            pairs.append(value + b"=" + value)
            continue
        pairs.append(quote_from_bytes(encoded(key)).encode() + b"=")
        pairs[-1] += quote_from_bytes(encoded(value)).encode()
    return b"&".join(pairs)


def post(client: Client, path: str, token: str, how: str, values: dict[str, Any]) -> Any:
    if how == "multipart":
        body = multipart(token, values)
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
    else:
        body = urlencoded(token, values)
        content_type = {
            "wrong type": "multipart/form-data; boundary=nothing-like-this",
        }.get(how, "application/x-www-form-urlencoded")
    return client.generic("POST", path, body, content_type)


# --- the test -------------------------------------------------------------------------------


@pytest.fixture
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(("route", "name"), PATTERNS)
@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_no_posted_body_gets_a_server_error(route: str, name: str, site: Site) -> None:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for key, value in site.cookies.items():
        client.cookies[key] = value
    path = site.paths.get(name) or sample_path(route)
    forms = site.forms.get(name) or [Form(path, False, [])]
    found: list[str] = []
    cases = 0
    slowest = (0.0, "")

    def send(how: str, values: dict[str, Any]) -> int:
        nonlocal cases, slowest
        cases += 1
        started = time.perf_counter()
        status = int(post(client, path, site.token, how, values).status_code)
        seconds = time.perf_counter() - started
        if status >= 500:
            found.append(f"HTTP {status} for {how} {shown(values)}")
        slowest = max(slowest, (seconds, f"HTTP {status} for {how} {shown(values)}"))
        return status

    # A view where no page shows a form may refuse the POST as a whole (405): then there
    # is nothing more to send.
    takes_posts = name in site.forms or send("urlencoded", {"name": "\x00"}) != 405

    @settings(
        max_examples=EXAMPLES,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(body=bodies(forms))
    def posting(body: tuple[str, dict[str, Any]]) -> None:
        how, values = body
        status = send(how, values)
        assert status < 500, f"{name} {path}: HTTP {status} for {how} {shown(values)}"

    try:
        if takes_posts:
            posting()
    finally:
        if REPORT:
            line = {
                "view": name,
                "path": path,
                "cases": cases,
                "server_errors": found,
                "slowest": {"seconds": round(slowest[0], 3), "case": slowest[1]},
            }
            with open(REPORT, "a", encoding="utf-8") as report:
                report.write(json.dumps(line) + "\n")
    assert not found, found


def shown(values: dict[str, Any]) -> str:
    """The fields as sent, long values shortened, so that a failure can be repeated."""

    def short(value: Any) -> str:
        if isinstance(value, SimpleUploadedFile):
            return f"file({value.name!r}, {value.size} bytes)"
        text = repr(value)
        return text if len(text) <= 80 else f"{text[:40]}… ({len(value)} characters)"

    return "{" + ", ".join(f"{key!r}: {short(value)}" for key, value in values.items()) + "}"
