"""The API's documentation page: written from the OpenAPI schema, in the product's layout.

Not Swagger UI or Redoc (both tried, from drf-spectacular-sidecar): Swagger UI fails the
accessibility check (contrast of its method labels, buttons nested in buttons), Redoc
applies inline styles our Content-Security-Policy refuses. A page of our own is plain HTML
in the product's layout and the user's language, and needs no JavaScript of its own. The
schema itself is offered as a download for tools.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from rest_framework.exceptions import AuthenticationFailed

from vendorwatch.api.authentication import TokenAuthentication

# The sections of the page, in this order: the schema's tags.
TAGS = {
    "providers": gettext_lazy("Providers"),
    "contacts": gettext_lazy("Contacts"),
    "sla-policies": gettext_lazy("SLA policies"),
    "problems": gettext_lazy("Problems"),
    "events": gettext_lazy("Events of a problem"),
    "attachments": gettext_lazy("Files of a problem"),
    "contracts": gettext_lazy("Contracts"),
    "invoices": gettext_lazy("Invoices"),
    "tickets": gettext_lazy("Tickets from the provider"),
    "reports": gettext_lazy("SLA report"),
}
# What an operation does, by the end of its name in the schema.
ACTIONS = {
    "list": gettext_lazy("List, a page at a time"),
    "create": gettext_lazy("Add"),
    "retrieve": gettext_lazy("Show one"),
    "update": gettext_lazy("Change (all values)"),
    "partial_update": gettext_lazy("Change the values sent"),
    "destroy": gettext_lazy("Delete"),
    "download": gettext_lazy("Download the file"),
    "pdf": gettext_lazy("Download the PDF"),
}
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    kind: str
    description: SafeString


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    anchor: str
    parameters: list[Parameter]


@dataclass
class Field:
    name: str
    kind: SafeString
    description: SafeString
    read_only: bool
    required: bool


@dataclass
class Shape:
    name: str
    fields: list[Field]


@dataclass
class Section:
    tag: str
    title: str
    description: str
    operations: list[Operation] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


@functools.lru_cache(maxsize=4)
def schema_in(language: str) -> dict[str, Any]:
    """The schema with its texts in ``language`` (built once per language and process)."""
    with translation.override(language):
        generator = SchemaGenerator()  # type: ignore[no-untyped-call]
        schema: dict[str, Any] = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return schema


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _html(text: str, **values: str) -> SafeString:
    """A translated text with ``%(name)s`` filled in by HTML built with :func:`_code`."""
    return mark_safe(escape(text) % values)  # escaped here; the values are built by _code


def _code(values: Any) -> str:
    """Codes as the page shows them: each in <code>, never read as words."""
    return ", ".join(format_html("<code>{}</code>", value) for value in values)


# Spectacular lists a choice's values as "* `code` - label" lines; inline code in `…`.
CHOICE_LINE = re.compile(r"^\* `([^`]*)` - (.*)$")
INLINE_CODE = re.compile(r"`([^`]+)`")


def described(text: str) -> SafeString:
    """A description from the schema as HTML: codes in <code>, one choice per line."""
    lines = []
    for line in str(text).splitlines():
        choice = CHOICE_LINE.match(line)
        if choice:
            lines.append(format_html("<code>{}</code> – {}", choice.group(1), choice.group(2)))
            continue
        parts = INLINE_CODE.split(line)
        lines.append(
            mark_safe(  # every part is escaped by format_html
                "".join(
                    format_html("<code>{}</code>", part) if index % 2 else format_html("{}", part)
                    for index, part in enumerate(parts)
                )
            )
        )
    return mark_safe("<br>".join(lines))  # the lines are escaped above


class Reader:
    """Turns the schema's definitions into the page's plain words (HTML, codes marked)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.components: dict[str, Any] = schema.get("components", {}).get("schemas", {})

    def kind(self, spec: dict[str, Any]) -> SafeString:
        if "$ref" in spec:
            name = _ref_name(spec["$ref"])
            target = self.components.get(name, {})
            if "enum" in target:
                return self.choice(target["enum"])
            return format_html("<code>{}</code>", name)
        if "allOf" in spec:
            return self.kind(spec["allOf"][0])
        if "oneOf" in spec:
            kinds = [self.kind(s) for s in spec["oneOf"] if s.get("type") != "null"]
            return mark_safe(" | ".join(kinds))  # each kind is safe HTML
        text = self.plain_kind(spec)
        if spec.get("nullable"):
            return _html(_("%(kind)s or null"), kind=text)
        return text

    def choice(self, values: list[Any]) -> SafeString:
        shown = [value for value in values if value not in ("", None)]
        return _html(_("text, one of: %(values)s"), values=_code(shown))

    def plain_kind(self, spec: dict[str, Any]) -> SafeString:
        kind, fmt = spec.get("type", ""), spec.get("format", "")
        if "enum" in spec:
            return self.choice(spec["enum"])
        if kind == "array":
            return _html(_("list of %(kind)s"), kind=self.kind(spec.get("items", {})))
        texts = {
            ("string", "date-time"): _("date and time (ISO 8601 with offset)"),
            ("string", "date"): _("date (YYYY-MM-DD)"),
            ("string", "decimal"): _('amount as text, e.g. "1234.50"'),
            ("string", "uri"): _("web address"),
            ("string", "email"): _("e-mail address"),
            ("string", "binary"): _("file"),
            ("integer", ""): _("whole number"),
            ("boolean", ""): _("true or false"),
            ("number", "double"): _("number"),
            ("object", ""): _("object"),
        }
        return escape(texts.get((kind, fmt), texts.get((kind, ""), _("text"))))

    def parameter(self, spec: dict[str, Any]) -> Parameter:
        schema = spec.get("schema", {})
        text = str(spec.get("description") or "")
        description = described(text) if text else self.kind(schema)
        if text and "enum" in schema and not text.startswith("*"):
            # Spectacular lists the values of a choice itself (lines starting with "*").
            description = format_html("{} {}", description, self.plain_kind(schema))
        return Parameter(
            name=spec["name"],
            kind=_("in the address") if spec["in"] == "path" else _("query parameter"),
            description=description,
        )

    def shape(self, name: str, request: str | None) -> Shape:
        spec = self.components.get(name, {})
        required = set(self.components.get(request or "", {}).get("required", []))
        fields = []
        for field_name, prop in spec.get("properties", {}).items():
            fields.append(
                Field(
                    name=field_name,
                    kind=self.kind(prop),
                    description=described(prop.get("description") or prop.get("title") or ""),
                    read_only=bool(prop.get("readOnly")),
                    required=field_name in required,
                )
            )
        return Shape(name, fields)

    def nested(self, name: str, seen: set[str]) -> list[str]:
        """``name`` and the objects its fields hold, each once, enums left out."""
        spec = self.components.get(name, {})
        if name in seen or "properties" not in spec:
            return []
        seen.add(name)
        found = [name]
        for prop in spec["properties"].values():
            for ref in _refs(prop):
                found += self.nested(ref, seen)
        return found


def _refs(spec: Any) -> list[str]:
    if isinstance(spec, dict):
        own = [_ref_name(spec["$ref"])] if "$ref" in spec else []
        return own + [ref for value in spec.values() for ref in _refs(value)]
    if isinstance(spec, list):
        return [ref for item in spec for ref in _refs(item)]
    return []


def _main_shape(operations: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The record a resource's operations return, and the one its writes take."""
    returned = taken = None
    for operation in operations:
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        ref = _refs(content.get("application/json", {}).get("schema", {}))
        if ref and returned is None:
            name = ref[0]
            returned = name.removeprefix("Paginated").removesuffix("List")
        body = operation.get("requestBody", {}).get("content", {})
        for media in ("application/json", "multipart/form-data"):
            ref = _refs(body.get(media, {}).get("schema", {}))
            if ref and taken is None:
                taken = ref[0]
    return returned, taken


def sections(schema: dict[str, Any]) -> list[Section]:
    reader = Reader(schema)
    by_tag: dict[str, Section] = {tag: Section(tag, str(title), "") for tag, title in TAGS.items()}
    raw: dict[str, list[dict[str, Any]]] = {tag: [] for tag in TAGS}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or [""])[0]
            section = by_tag.setdefault(tag, Section(tag, tag, ""))
            raw.setdefault(tag, []).append(operation)
            section.description = section.description or operation.get("description", "")
            action = operation["operationId"].rsplit("_", 1)[-1]
            if operation["operationId"].endswith("partial_update"):
                action = "partial_update"
            summary = operation.get("summary") or str(ACTIONS.get(action, ""))
            parameters = [reader.parameter(p) for p in operation.get("parameters", [])]
            section.operations.append(
                Operation(method.upper(), path, summary, operation["operationId"], parameters)
            )
    for tag, section in by_tag.items():
        returned, taken = _main_shape(raw.get(tag, []))
        if returned:
            seen: set[str] = set()
            section.shapes = [
                reader.shape(name, taken if name == returned else f"{name}Request")
                for name in reader.nested(returned, seen)
            ]
    return [section for section in by_tag.values() if section.operations]


def token_user(request: HttpRequest) -> Any:
    """The user of a valid token in the request, or ``None``."""
    try:
        found = TokenAuthentication().authenticate(request)  # type: ignore[arg-type]
    except AuthenticationFailed:
        return None
    return found[0] if found else None


def login_or_token(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For logged-in users and token holders; everyone else is asked to log in (whatever
    the method, as by the login middleware for every other page)."""

    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            user = token_user(request)
            if user is None:
                return redirect_to_login(request.get_full_path())
            request.user = user
        return view(request, *args, **kwargs)

    return login_not_required(guarded)


@login_or_token
@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    schema = schema_in(translation.get_language())
    context = {
        "sections": sections(schema),
        "version": schema.get("info", {}).get("version", ""),
    }
    return render(request, "api/docs.html", context)
