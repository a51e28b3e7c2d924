"""The expectations document: requirements, services, responsibilities and SLA in one piece.

The same template renders the page and the PDF, in the language of the organisation's
documents, so what the provider receives is what the user saw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from vendorwatch.expectations.models import ExpectationsDocument, Requirement, Service
from vendorwatch.expectations.services import raci_check, raci_matrix
from vendorwatch.organisation.models import Organisation

STYLESHEET = "expectations/document.css"


def document_language() -> str:
    organisation = Organisation.load()
    return organisation.document_language if organisation else "de"


def document_context(*, version: int | None) -> dict[str, Any]:
    tasks, parties, cells = raci_matrix()
    requirements = Requirement.objects.prefetch_related("services")
    categories: dict[str, list[Requirement]] = {}
    for requirement in requirements:
        categories.setdefault(requirement.category or "–", []).append(requirement)
    from vendorwatch.sla.document import sla_document_context

    return {
        "organisation": Organisation.load(),
        "version": version,
        "issued": timezone.localdate(),
        "categories": sorted(categories.items()),
        "services": Service.objects.select_related("provider", "calendar"),
        "raci_rows": [
            {"task": t, "cells": [cells.get((t.pk, p.pk), "") for p in parties]} for t in tasks
        ],
        "parties": parties,
        "raci_check": raci_check(tasks, parties, cells),
        **sla_document_context(),
    }


def render_document_html(*, version: int | None, for_pdf: bool) -> str:
    with translation.override(document_language()):
        context = document_context(version=version)
        context["for_pdf"] = for_pdf
        return render_to_string("expectations/document.html", context)


def render_document_pdf(*, version: int | None) -> bytes:
    # Bounded in time and in how many render at once; PdfUnavailable when it cannot be now.
    from vendorwatch.web.pdf import render_pdf

    html = render_document_html(version=version, for_pdf=True)
    stylesheet = finders.find(STYLESHEET)
    assert stylesheet is not None, STYLESHEET
    return render_pdf(html, stylesheets=[Path(stylesheet)])


def expectations_document_create(*, user: Any) -> ExpectationsDocument:
    """Issue the next version: render the PDF (outside any transaction), then keep it.

    Rendering takes a second; doing it before the write keeps the database free for others.
    Two people issuing at the same moment both get a version: the loser of the race for a
    number renders again with the next one.
    """
    for _attempt in range(3):
        latest = ExpectationsDocument.objects.aggregate(Max("version"))["version__max"] or 0
        version = latest + 1
        pdf = render_document_pdf(version=version)
        document = ExpectationsDocument(
            version=version, created_by=user, language=document_language()
        )
        try:
            with transaction.atomic():
                document.pdf.save(f"erwartungen-v{version}.pdf", ContentFile(pdf), save=False)
                document.save()
        except IntegrityError:
            document.pdf.delete(save=False)
            continue
        return document
    raise RuntimeError("could not assign a document version")
