"""What every form shares: the renderer that marks required fields, and sections.

A long form names its sections (:class:`Section`): the essentials first and open, the rest
folded away until the user opens them (or until one of their fields has an error).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import django
from django.forms import BoundField
from django.forms.renderers import DjangoTemplates
from django.template.backends.django import DjangoTemplates as TemplateBackend

OWN_FORM_TEMPLATES = Path(__file__).parent / "form_templates"
DJANGO_FORM_TEMPLATES = Path(django.__file__).parent / "forms" / "templates"


class Renderer(DjangoTemplates):
    """Django's renderer with our field template (a required field's label carries a mark,
    every label starts with a capital) and our choice templates (so do the choices)."""

    field_template_name = "web/field.html"

    @cached_property
    def engine(self) -> TemplateBackend:
        return TemplateBackend(
            {
                "APP_DIRS": True,
                "DIRS": [OWN_FORM_TEMPLATES, DJANGO_FORM_TEMPLATES],
                "NAME": "vendorwatch-forms",
                "OPTIONS": {},
            }
        )


@dataclass(frozen=True)
class Section:
    title: Any
    fields: Sequence[str]
    folded: bool = False
    intro: Any = ""
    # Shown only for one choice of another field (the contract's clause type, say): a CSS
    # class on the section the page's script shows or hides.
    shown_for: Sequence[str] = ()
    name: str = ""


@dataclass
class BoundSection:
    section: Section
    fields: list[BoundField] = field(default_factory=list)

    @property
    def title(self) -> Any:
        return self.section.title

    @property
    def intro(self) -> Any:
        return self.section.intro

    @property
    def folded(self) -> bool:
        return self.section.folded

    @property
    def name(self) -> str:
        return self.section.name

    @property
    def shown_for(self) -> str:
        return " ".join(self.section.shown_for)

    @property
    def has_errors(self) -> bool:
        return any(bound.errors for bound in self.fields)


def bound_sections(form: Any, sections: Iterable[Section]) -> list[BoundSection]:
    """The form's visible fields grouped by its sections, in the sections' order. A visible
    field no section names is added to the first one: a field is never lost from a page."""
    visible = {bound.name: bound for bound in form.visible_fields()}
    grouped = []
    for section in sections:
        bound = BoundSection(section, [visible.pop(n) for n in section.fields if n in visible])
        if bound.fields:
            grouped.append(bound)
    if visible and grouped:
        grouped[0].fields.extend(visible.values())
    elif visible:
        grouped.append(BoundSection(Section("", ()), list(visible.values())))
    return grouped


class SectionedForm:
    """Mixin for a form with ``sections``: ``form.grouped`` gives them bound to the data."""

    sections: Sequence[Section] = ()

    @property
    def grouped(self) -> list[BoundSection]:
        return bound_sections(self, self.sections)
