"""The request for offers as a document: one content, two files (PDF and DOCX).

:func:`rfo_content` collects everything the document says, already in words and in the
language of the company's documents (``Organisation.document_language``): the needed services
with quantity and service hours, each requirement with its acceptance criterion and whether it
is a must, the response times wanted (from the request's SLA policy), the questions every
candidate answers, and the deadline. The PDF template and the DOCX writer only lay it out, so
both files say the same.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vendorwatch.alternatives.models import OfferRequest
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.expectations.units import unit_after
from vendorwatch.organisation.models import Organisation
from vendorwatch.sla.models import SlaVersion

STYLESHEET = "expectations/document.css"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_language() -> str:
    organisation = Organisation.load()
    return organisation.document_language if organisation else "de"


def day_text(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day is not None else "–"


def number_text(value: Decimal | int | None) -> str:
    """28 (not 28,00), 2,5, 1.200 – in the active language."""
    if value is None:
        return "–"
    amount = Decimal(value)
    digits = format(amount.normalize(), "f").partition(".")[2]
    return formats.number_format(amount, len(digits), use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class ServiceRow:
    name: str
    scope: str
    quantity: str
    hours: str
    availability: str


@dataclass(frozen=True)
class RequirementRow:
    title: str
    description: str
    category: str
    priority: str
    is_must: bool
    criterion: str


@dataclass(frozen=True)
class TargetRow:
    priority: str
    response: str
    resolution: str
    update: str


@dataclass
class SlaWanted:
    name: str
    hours: str
    targets: list[TargetRow] = field(default_factory=list)
    availability: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class RfoContent:
    language: str
    company: str
    heading: str
    title: str
    issued: str
    deadline: str
    deadline_line: str
    contact: str
    introduction: str
    services: list[ServiceRow]
    requirements: list[RequirementRow]
    sla: SlaWanted | None
    questions: list[str]
    answer_intro: str
    answer_choices: str
    labels: dict[str, str]


def hours_text(calendar: Any) -> str:
    """“Office hours: Monday 08:00–17:00; …” – the calendar's name and its open days."""
    if calendar is None:
        return "–"
    try:
        rows = calendar.weekly_rows()
    except (TypeError, ValueError, IndexError, KeyError):
        return str(calendar.name)
    days = [f"{row['weekday']} {', '.join(row['windows'])}" for row in rows if row["windows"]]
    return f"{calendar.name}: {'; '.join(str(day) for day in days)}" if days else calendar.name


def _priority_label(requirement: Requirement) -> str:
    labels: dict[str, str] = {
        Requirement.Priority.MUST: _("Must (mandatory)"),
        Requirement.Priority.SHOULD: _("Should (important)"),
        Requirement.Priority.COULD: _("Could (nice to have)"),
    }
    return str(labels.get(requirement.priority, requirement.get_priority_display()))


def _sla_version(offer_request: OfferRequest) -> SlaVersion | None:
    policy = offer_request.sla_policy
    if policy is None:
        return None
    version = policy.version_at(timezone.now())
    if version is None or not version.is_computable:
        version = policy.latest_computable_version
    return version


def sla_wanted(offer_request: OfferRequest) -> SlaWanted | None:
    version = _sla_version(offer_request)
    if version is None or offer_request.sla_policy is None:
        return None
    try:
        hours = version.service_hours()
        weekly = [f"{day['weekday']} {day['windows']}" for day in hours["weekly"] if day["windows"]]
        hours_line = f"{hours['name']}: {'; '.join(str(day) for day in weekly)}"
    except (TypeError, ValueError, KeyError, AttributeError):
        hours_line = "–"
    wanted = SlaWanted(name=offer_request.sla_policy.name, hours=hours_line)
    for priority in version.priorities.all():
        wanted.targets.append(
            TargetRow(
                priority=f"{priority.code} {priority.name}",
                response=priority.describe_response(),
                resolution=priority.describe_resolution(),
                update=priority.describe_update(),
            )
        )
    for target in version.service_targets.select_related("service"):
        wanted.availability.append(
            (target.service.name, f"{number_text(target.availability_percent)}\N{NO-BREAK SPACE}%")
        )
    return wanted


def needed_services() -> list[Service]:
    return list(Service.objects.filter(needed=True).select_related("calendar").order_by("name"))


def all_requirements() -> list[Requirement]:
    return list(Requirement.objects.order_by("category", "title", "pk"))


def _services() -> list[ServiceRow]:
    rows = []
    for service in needed_services():
        unit = unit_after(service.quantity, service.unit or "")
        count = number_text(service.quantity)
        availability = (
            f"{number_text(service.availability_target)}\N{NO-BREAK SPACE}%"
            if service.availability_target is not None
            else "–"
        )
        rows.append(
            ServiceRow(
                name=service.name,
                scope=service.scope,
                quantity=f"{count}\N{NO-BREAK SPACE}{unit}" if unit else count,
                hours=hours_text(service.calendar),
                availability=availability,
            )
        )
    return rows


def _requirements() -> list[RequirementRow]:
    return [
        RequirementRow(
            title=requirement.title,
            description=requirement.description,
            category=requirement.category,
            priority=_priority_label(requirement),
            is_must=requirement.priority == Requirement.Priority.MUST,
            criterion=requirement.acceptance_criterion,
        )
        for requirement in all_requirements()
    ]


def _questions() -> list[str]:
    return [
        _("The price of each service above: one-off and monthly, in euros, without VAT."),
        _("The minimum term in months and the notice period in months."),
        _(
            "The response and resolution times you offer for the most urgent problems, in "
            "service hours, and the availability you guarantee."
        ),
        _("References: comparable customers we may contact."),
        _("Certificates, e.g. ISO 27001."),
        _("Whether you offer a data processing agreement (AVV) under Art. 28 GDPR."),
        _("Where our data is held: in Germany, in the EU or outside the EU."),
        _("What the switch costs once, and how long both providers would run in parallel."),
    ]


def rfo_content(offer_request: OfferRequest) -> RfoContent:
    """Everything the document says, in the active language (call under an override)."""
    organisation = Organisation.load()
    company = ""
    if organisation is not None:
        company = organisation.name
        if organisation.city:
            company += f" · {organisation.street} · {organisation.postcode} {organisation.city}"
    contact_parts = [p for p in (offer_request.contact_name, offer_request.contact_email) if p]
    deadline = day_text(offer_request.deadline)
    if offer_request.contact_email:
        deadline_line = _("Please send your offer by %(date)s to %(email)s.") % {
            "date": deadline,
            "email": offer_request.contact_email,
        }
    else:
        deadline_line = _("Please send your offer by %(date)s.") % {"date": deadline}
    return RfoContent(
        language=translation.get_language() or "de",
        company=company,
        heading=_("Request for offers"),
        title=offer_request.title,
        issued=_("Issued on %(date)s") % {"date": day_text(timezone.localdate())},
        deadline=deadline,
        deadline_line=deadline_line,
        contact=" · ".join(contact_parts),
        introduction=offer_request.introduction,
        services=_services(),
        requirements=_requirements(),
        sla=sla_wanted(offer_request),
        questions=_questions(),
        answer_intro=_(
            "For each requirement, state whether your offer fulfils it, fulfils it partly or "
            "does not fulfil it, and how. An offer that does not fulfil a must-requirement "
            "can hardly be considered."
        ),
        answer_choices=_("☐ fulfilled  ☐ partly  ☐ not fulfilled – how:"),
        labels={
            "deadline": _("Offers by"),
            "contact": _("Contact for questions"),
            "introduction": _("What this is about"),
            "services": _("Services"),
            "services_intro": _("The services we need, with quantity and service hours."),
            "service": _("Service"),
            "scope": _("Scope"),
            "quantity": _("Quantity"),
            "hours": _("Service hours"),
            "availability": _("Availability wanted"),
            "no_services": _("No services are listed."),
            "requirements": _("Requirements"),
            "requirement": _("Requirement"),
            "priority": _("Priority"),
            "criterion": _("Acceptance criterion"),
            "answer": _("Your answer"),
            "must_mark": _("Must-requirement"),
            "no_requirements": _("No requirements are listed."),
            "sla": _("Response times wanted"),
            "sla_intro": _("The response and resolution times we expect, in service hours."),
            "sla_none": _("No response times are set; please state the ones you offer."),
            "sla_hours": _("Service hours"),
            "response": _("Response time"),
            "resolution": _("Resolution time"),
            "update": _("Status update at least every"),
            "availability_targets": _("Availability targets"),
            "questions": _("What your offer must state"),
            "deadline_heading": _("Deadline"),
        },
    )


def render_rfo_html(offer_request: OfferRequest, *, for_pdf: bool) -> str:
    with translation.override(document_language()):
        content = rfo_content(offer_request)
        if for_pdf:
            content = shortened(content)
        return render_to_string("alternatives/rfo_pdf.html", {"doc": content, "for_pdf": for_pdf})


def shortened(content: RfoContent) -> RfoContent:
    """Long texts cut for the PDF's layout (web/pdf.py); the DOCX keeps them whole."""
    from vendorwatch.web.pdf import shorten

    def cut(text: str) -> str:
        return shorten(text).text if text else text

    content.introduction = cut(content.introduction)
    content.services = [replace(row, scope=cut(row.scope)) for row in content.services]
    content.requirements = [
        replace(row, description=cut(row.description), criterion=cut(row.criterion))
        for row in content.requirements
    ]
    return content


def rfo_filename(offer_request: OfferRequest, extension: str) -> str:
    with translation.override(document_language()):
        stem = slugify(_("Request for offers"))
    name = slugify(offer_request.title)[:60]
    return f"{stem}-{name}.{extension}" if name else f"{stem}.{extension}"


def render_rfo_pdf(offer_request: OfferRequest) -> bytes:
    from vendorwatch.web.pdf import render_pdf

    html = render_rfo_html(offer_request, for_pdf=True)
    return render_pdf(html, static_css=[STYLESHEET])


def render_rfo_docx(offer_request: OfferRequest) -> bytes:
    """The same content as a Word document (python-docx)."""
    import docx
    from docx.shared import Pt

    with translation.override(document_language()):
        doc = rfo_content(offer_request)
    document = docx.Document()
    document.core_properties.title = f"{doc.heading}: {doc.title}"
    document.core_properties.language = doc.language
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    labels = doc.labels
    if doc.company:
        document.add_paragraph(doc.company)
    document.add_heading(f"{doc.heading}: {doc.title}", level=0)
    document.add_paragraph(doc.issued)
    facts = document.add_paragraph()
    facts.add_run(f"{labels['deadline']}: ").bold = True
    facts.add_run(doc.deadline)
    if doc.contact:
        contact = document.add_paragraph()
        contact.add_run(f"{labels['contact']}: ").bold = True
        contact.add_run(doc.contact)
    if doc.introduction:
        document.add_heading(labels["introduction"], level=1)
        for part in doc.introduction.splitlines():
            document.add_paragraph(part)

    document.add_heading(f"1. {labels['services']}", level=1)
    if doc.services:
        document.add_paragraph(labels["services_intro"])
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            (labels["service"], labels["quantity"], labels["hours"], labels["availability"]),
            strict=True,
        ):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for service in doc.services:
            cells = table.add_row().cells
            cells[0].text = service.name
            if service.scope:
                cells[0].add_paragraph(service.scope)
            cells[1].text = service.quantity
            cells[2].text = service.hours
            cells[3].text = service.availability
    else:
        document.add_paragraph(labels["no_services"])

    document.add_heading(f"2. {labels['requirements']}", level=1)
    if doc.requirements:
        document.add_paragraph(doc.answer_intro)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            (labels["requirement"], labels["priority"], labels["criterion"], labels["answer"]),
            strict=True,
        ):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for requirement in doc.requirements:
            cells = table.add_row().cells
            cells[0].text = requirement.title
            if requirement.category:
                cells[0].add_paragraph(requirement.category)
            if requirement.description:
                cells[0].add_paragraph(requirement.description)
            cells[1].text = requirement.priority
            if requirement.is_must:
                cells[1].paragraphs[0].runs[0].bold = True
            cells[2].text = requirement.criterion
            cells[3].text = doc.answer_choices
    else:
        document.add_paragraph(labels["no_requirements"])

    document.add_heading(f"3. {labels['sla']}", level=1)
    if doc.sla is not None:
        document.add_paragraph(labels["sla_intro"])
        hours = document.add_paragraph()
        hours.add_run(f"{labels['sla_hours']}: ").bold = True
        hours.add_run(doc.sla.hours)
        if doc.sla.targets:
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                (labels["priority"], labels["response"], labels["resolution"], labels["update"]),
                strict=True,
            ):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            for target in doc.sla.targets:
                cells = table.add_row().cells
                cells[0].text = target.priority
                cells[1].text = target.response
                cells[2].text = target.resolution
                cells[3].text = target.update
        if doc.sla.availability:
            document.add_paragraph(labels["availability_targets"])
            for name, percent in doc.sla.availability:
                document.add_paragraph(f"{name}: {percent}", style="List Bullet")
    else:
        document.add_paragraph(labels["sla_none"])

    document.add_heading(f"4. {labels['questions']}", level=1)
    for question in doc.questions:
        document.add_paragraph(question, style="List Bullet")

    document.add_heading(f"5. {labels['deadline_heading']}", level=1)
    document.add_paragraph(doc.deadline_line)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
