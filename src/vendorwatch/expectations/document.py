"""The expectations document of one provider: its requirements, services, roles and SLA.

Each provider gets its own document, and nothing in it belongs to another provider: no other
provider's services, prices, responsibilities or SLA. Requirements marked "for all providers"
and needed services that no contract covers yet appear in every document (without a price);
a requirement shows as agreed only where this provider agreed to it.
The same template renders the page and the PDF, in the language of the organisation's
documents, so what the provider receives is what the user saw.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from vendorwatch.expectations.models import (
    ExpectationsDocument,
    Party,
    Requirement,
    RequirementAgreement,
    Service,
    Task,
)
from vendorwatch.expectations.services import raci_check, raci_matrix
from vendorwatch.organisation.models import Organisation
from vendorwatch.providers.models import Provider

STYLESHEET = "expectations/document.css"


def document_language() -> str:
    organisation = Organisation.load()
    return organisation.document_language if organisation else "de"


def visible_services(provider: Provider) -> QuerySet[Service]:
    """The services a provider may read about: its own, and those nobody provides yet."""
    return Service.objects.filter(Q(provider=provider) | Q(provider__isnull=True))


def requirements_for(provider: Provider) -> list[Requirement]:
    """The provider's requirements, each with ``agreed_here``: the day *this* provider agreed.

    Only an agreement with this provider counts: a requirement agreed with another provider
    (or recorded without naming one) is still to be agreed in this document.
    """
    services = visible_services(provider).order_by("name")
    requirements = list(
        Requirement.objects.filter(Q(for_all_providers=True) | Q(providers=provider))
        .distinct()
        .prefetch_related(Prefetch("services", queryset=services))
    )
    agreed = dict(
        RequirementAgreement.objects.filter(provider=provider).values_list(
            "requirement_id", "agreed_on"
        )
    )
    for requirement in requirements:
        requirement.agreed_here = agreed.get(requirement.pk)  # type: ignore[attr-defined]
    return requirements


def raci_for(provider: Provider) -> tuple[list[Task], list[Party], dict[tuple[int, int], str]]:
    """Our roles and the provider's (not those of another provider), and the tasks they share.

    A task only other providers' roles hold is left out; a task nobody holds yet stays, so
    that the gap is visible.
    """
    tasks, parties, cells = raci_matrix()
    shown = [party for party in parties if party.belongs_to(provider)]
    hidden = [party for party in parties if not party.belongs_to(provider)]

    def relevant(task: Task) -> bool:
        if any(cells.get((task.pk, party.pk)) for party in shown):
            return True
        return not any(cells.get((task.pk, party.pk)) for party in hidden)

    return [task for task in tasks if relevant(task)], shown, cells


def document_context(*, provider: Provider, version: int | None) -> dict[str, Any]:
    from vendorwatch.sla.document import sla_document_context

    tasks, parties, cells = raci_for(provider)
    categories: dict[str, list[Requirement]] = {}
    for requirement in requirements_for(provider):
        categories.setdefault(requirement.category or "–", []).append(requirement)
    return {
        "organisation": Organisation.load(),
        "provider": provider,
        "version": version,
        "issued": timezone.localdate(),
        "categories": sorted(categories.items()),
        "services": Service.objects.filter(provider=provider).select_related("calendar"),
        "open_services": Service.objects.filter(provider__isnull=True, needed=True).select_related(
            "calendar"
        ),
        "raci_rows": [
            {"task": t, "cells": [cells.get((t.pk, p.pk), "") for p in parties]} for t in tasks
        ],
        "parties": parties,
        "raci_check": raci_check(tasks, parties, cells),
        **sla_document_context(provider=provider),
    }


def render_document_html(*, version: int | None, for_pdf: bool, provider: Provider) -> str:
    with translation.override(document_language()):
        context = document_context(provider=provider, version=version)
        context["for_pdf"] = for_pdf
        return render_to_string("expectations/document.html", context)


def document_filename(document: ExpectationsDocument) -> str:
    """``erwartungen-brandl-it-systemhaus-gmbh-v3.pdf``: whose document, and which version."""
    name = slugify(document.provider.name) if document.provider else ""
    return f"erwartungen-{name + '-' if name else ''}v{document.version}.pdf"


def render_document_pdf(*, version: int | None, provider: Provider) -> bytes:
    # Bounded in time and in how many render at once; PdfUnavailable when it cannot be now.
    from vendorwatch.web.pdf import render_pdf

    html = render_document_html(version=version, for_pdf=True, provider=provider)
    return render_pdf(html, static_css=[STYLESHEET])


def expectations_document_create(*, user: Any, provider: Provider) -> ExpectationsDocument:
    """Issue the next version of ``provider``'s document: render the PDF, then keep it.

    Rendering takes a second; doing it before the write keeps the database free for others.
    Two people issuing at the same moment both get a version: the loser of the race for a
    number renders again with the next one.
    """
    for _attempt in range(3):
        issued = ExpectationsDocument.objects.filter(provider=provider)
        version = (issued.aggregate(Max("version"))["version__max"] or 0) + 1
        pdf = render_document_pdf(version=version, provider=provider)
        document = ExpectationsDocument(
            provider=provider, version=version, created_by=user, language=document_language()
        )
        try:
            with transaction.atomic():
                document.pdf.save(document_filename(document), ContentFile(pdf), save=False)
                document.save()
        except IntegrityError:
            document.pdf.delete(save=False)
            continue
        return document
    raise RuntimeError("could not assign a document version")
