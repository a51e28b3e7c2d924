"""The ready-to-send problem report: the precise description as e-mail text and as PDF.

Both state the SLA that applies and its due times, so the provider reads the same deadlines
that our clocks measure. Everything is written in the language of the organisation's documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.core import businesstime as bt
from vendorwatch.problems.clock import ClockSummary
from vendorwatch.problems.durations import (
    business_duration,
    day_of,
    day_seconds,
    target_duration,
)
from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.problems.services import problem_clock
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.web.pdf import PdfAttachment, pdf_slot, render_pdf, shorten

STYLESHEET = "expectations/document.css"
# The long texts of a problem, in the order the report shows them.
TEXT_FIELDS = {
    "what_happened": _("What happened"),
    "affected_users": _("Affected users"),
    "affected_systems": _("Affected systems"),
    "business_impact": _("Consequences for the business"),
    "already_tried": _("Already tried"),
    "expected": _("Expected"),
    "how_to_reproduce": _("How to reproduce"),
}
# A mail link longer than this fails in common mail programs: then it carries the subject only.
MAILTO_MAX = 8000


def document_language() -> str:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.document_language if organisation else "de"


def moment(value: datetime) -> str:
    """25.11.2026 13:00 in the installation's time zone (the same in German and English);
    a stored time at the edge of the calendar in UTC rather than an error."""
    return when(value)


@dataclass(frozen=True)
class Deadline:
    kind: str  # "response" or "resolution"
    label: str
    due: str
    target: str  # the agreed time, e.g. "4:00 h"
    overdue: str  # business time past the due time ("" while it has not passed)
    met_at: str = ""  # when the clock stopped in time ("" while it runs or if it was missed)

    @property
    def text(self) -> str:
        if self.met_at:
            return gettext("%(due)s (met: %(done)s)") % {"due": self.due, "done": self.met_at}
        if not self.overdue:
            return self.due
        return gettext("%(due)s (exceeded by %(overdue)s business time)") % {
            "due": self.due,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class SlaTerms:
    """The promise that held when the problem was reported, and its due times."""

    policy: str
    version: int
    priority: str
    deadlines: list[Deadline]
    # A stored time or the SLA version is one no clock can use: no due times to state.
    computable: bool = True

    @property
    def agreement(self) -> str:
        return gettext("%(policy)s, version %(version)s, priority %(priority)s") % {
            "policy": self.policy,
            "version": self.version,
            "priority": self.priority,
        }


def _deadline(
    kind: str, due: datetime | None, result: bt.TargetResult | None, day: int = 0
) -> Deadline | None:
    """``day``: the length of a business day, for durations of a day or more."""
    if due is None:
        return None
    label = gettext("Response due") if kind == "response" else gettext("Resolution due")
    day = day_of(result, day) if result is not None else day
    overdue = result is not None and result.margin_seconds < 0
    return Deadline(
        kind=kind,
        label=label,
        due=moment(due),
        target=target_duration(result.target_seconds, day) if result else "",
        overdue=business_duration(-result.margin_seconds, day) if result and overdue else "",
        met_at=moment(result.stop)
        if result is not None and result.stop is not None and result.state is bt.SlaState.MET
        else "",
    )


def sla_terms(
    problem: Problem, *, now: datetime | None = None, summary: ClockSummary | None = None
) -> SlaTerms | None:
    """The SLA terms of ``problem`` as of ``now``; ``None`` when no SLA was agreed for it.

    The due times are the ones the clocks stored on the problem (what the list shows); how far
    a due time has passed comes from the live clock (``summary`` if the caller has it), in
    business time.
    """
    version, priority = problem.sla_version, problem.priority
    if version is None or priority is None:
        return None
    if summary is None:
        summary, _sla, _policy, _ticket = problem_clock(problem=problem, now=now)
    computable = summary.state != ClockState.INVALID and problem.shown_state != ClockState.INVALID
    day = day_seconds(version)
    deadlines = [
        _deadline("response", problem.response_due, summary.response, day),
        _deadline("resolution", problem.resolution_due, summary.resolution, day),
    ]
    return SlaTerms(
        policy=version.policy.name,
        version=version.number,
        priority=f"{priority.code} {priority.name}".strip(),
        deadlines=[d for d in deadlines if d is not None] if computable else [],
        computable=computable,
    )


def report_context(problem: Problem, *, now: datetime | None = None) -> dict[str, Any]:
    """What the text and the PDF show; call it with the document language active."""
    from vendorwatch.organisation.models import Organisation

    return {
        "problem": problem,
        "organisation": Organisation.load(),
        "since": moment(problem.since),
        "reported": moment(problem.reported_to_provider_at),
        "sla": sla_terms(problem, now=now),
    }


def report_subject(problem: Problem) -> str:
    with translation.override(document_language()):
        return gettext("Problem report: %(title)s") % {"title": problem.title}


def report_text(problem: Problem, *, now: datetime | None = None) -> str:
    with translation.override(document_language()):
        context = report_context(problem, now=now)
        return render_to_string("problems/report.txt", context).strip() + "\n"


def report_mailto(problem: Problem, recipient: str = "", *, text: str | None = None) -> str:
    """A mail link with subject and text; only the subject when the text is too long for one."""
    subject = quote(report_subject(problem))
    body = quote(report_text(problem) if text is None else text)
    link = f"mailto:{quote(recipient)}?subject={subject}"
    return f"{link}&body={body}" if len(link) + len(body) <= MAILTO_MAX else link


def attachment_name(problem: Problem) -> str:
    return gettext("problem-%(number)s-complete-text.txt") % {"number": problem.pk}


def pdf_sections(problem: Problem) -> tuple[list[dict[str, Any]], bool]:
    """The long texts, shortened for the PDF; and whether any of them was shortened."""
    sections, any_shortened = [], False
    for name, label in TEXT_FIELDS.items():
        value = getattr(problem, name)
        if not value:
            continue
        part = shorten(value)
        any_shortened = any_shortened or part.shortened
        note = ""
        if part.shortened:
            note = gettext(
                "Shortened to %(shown)s of %(total)s characters. The complete text is attached "
                "to this PDF as the file %(file)s."
            ) % {
                "shown": formats.number_format(part.shown, force_grouping=True),
                "total": formats.number_format(part.length, force_grouping=True),
                "file": attachment_name(problem),
            }
        sections.append({"label": str(label), "text": part.text, "note": note})
    return sections, any_shortened


def report_pdf(problem: Problem, *, now: datetime | None = None) -> bytes:
    """The report as PDF; a text too long for a document is attached to it in full.

    Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when it cannot be made now; the slot
    is taken first, so a request turned away does not prepare a large text for nothing.
    """
    with pdf_slot(), translation.override(document_language()):
        context = report_context(problem, now=now)
        sections, shortened = pdf_sections(problem)
        html = render_to_string("problems/report_pdf.html", {**context, "sections": sections})
        attachments = []
        if shortened:
            full = render_to_string("problems/report.txt", context).strip() + "\n"
            attachments.append(
                PdfAttachment(
                    attachment_name(problem),
                    full.encode("utf-8"),
                    gettext("The complete text of the problem report"),
                )
            )
        return render_pdf(html, static_css=[STYLESHEET], attachments=attachments)
