"""The evidence pack for a lawyer or a court: one ZIP with a PDF summary, the records behind
it, and a ``SHA256SUMS`` manifest that ``sha256sum -c SHA256SUMS`` verifies after unzipping.

Everything lies in one top folder ``evidence-<provider>-<date>/``:

- ``00_summary.pdf``: the contract, the promised SLA, every missed deadline with its
  computation, the SLA report figures per month, the letters with proof of dispatch and
  receipt, the approved meeting minutes, and the files a record names but the pack lacks;
- ``README.txt``: what is inside and how to verify it;
- ``contract/``: contract documents, invoice PDFs and ``invoices.csv``;
- ``problems/``: ``problems.csv`` (every problem reported to the provider), ``breaches.csv``
  (every missed deadline with its computation) and per problem ``<number>/`` its
  ``description.txt``, ``timeline.csv``, ``sla_calculation.txt`` (day by day, for a missed
  deadline) and ``attachments/``;
- ``tickets.csv`` (the provider's own tickets with our verdicts), ``sla_report_per_month.csv``;
- ``letters/`` (``<date>_<kind>.pdf`` and ``.txt``, ``dispatches.csv``), ``proofs/``, and
  ``minutes/`` (each approved revision as it was approved);
- ``SHA256SUMS``: ``<hex>  <path>`` for every other file, as ``sha256sum`` writes it.

Bounds: the ZIP is written to a nameless temporary file, never held in memory; problems are
read a batch at a time and tickets streamed, so memory stays flat for 100,000 records; the
only PDFs made are the summary (its lists cut at :data:`SUMMARY_ROWS`, the rest is in the CSV
files) and the letters. Stored files beyond :data:`MAX_FILES_BYTES` together are left out;
they are listed in the summary, as are files a record names but the storage no longer has.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vendorwatch.contracts.deadlines import contract_deadline
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.terms_text import terms_facts
from vendorwatch.meetings.minutes_doc import day_text, person
from vendorwatch.meetings.models import MinutesRevision
from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.organisation.models import Organisation
from vendorwatch.problems.export import neutralise
from vendorwatch.problems.models import Attachment, Problem
from vendorwatch.problems.report import document_language
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.sla.models import SlaPolicy, organisation_zone
from vendorwatch.termination.evidence_problems import Problems
from vendorwatch.termination.evidence_records import (
    contract_files,
    minutes_section,
    month_csv,
    month_rows,
    termination_section,
    ticket_rows,
)
from vendorwatch.termination.evidence_zip import (
    SUMMARY_ROWS,
    Missing,
    Pack,
    short,
    slug,
    yes_no,
)
from vendorwatch.termination.models import Dispatch, Letter, TerminationFile
from vendorwatch.web.money import eur_text
from vendorwatch.web.pdf import pdf_slot, render_pdf
from vendorwatch.web.zones import zone_label

STYLESHEETS = ("expectations/document.css", "termination/evidence.css")


# --- the contract and its SLA -----------------------------------------------------------------


def party_lines(name: str, street: str, postcode: str, city: str) -> list[str]:
    place = f"{postcode} {city}".strip()
    return [short(line, 200) for line in (name, street, place) if line]


def contract_section(contract: Contract, today: date) -> dict[str, Any]:
    organisation = Organisation.load()
    provider = contract.provider
    ours = (
        party_lines(
            organisation.name, organisation.street, organisation.postcode, organisation.city
        )
        if organisation
        else []
    )
    theirs = party_lines(provider.name, provider.street, provider.postcode, provider.city)
    if provider.customer_number:
        theirs.append(_("our customer number: %(number)s") % {"number": provider.customer_number})
    fee = "–"
    if contract.fee is not None:
        fee = f"{eur_text(contract.fee)} {contract.get_fee_period_display()}"
    deadline = contract_deadline(contract, today)
    facts = [
        (_("Contract"), short(contract.title)),
        (_("Contract number"), short(contract.number) or "–"),
        (_("Type"), contract.get_kind_display()),
        (_("Start of contract"), day_text(contract.start_date)),
        *terms_facts(contract),
        (_("Required form of notice"), contract.get_required_form_display()),
        (_("Notice deadline as of %(day)s") % {"day": day_text(today)}, deadline.status_text),
        (_("Regular fee"), fee),
        (_("Service contract (§ 611 BGB)"), yes_no(contract.service_contract)),
        (_("Data processing agreement (AVV)"), avv_text(contract)),
    ]
    return {
        "ours": ours,
        "theirs": theirs,
        "facts": facts,
        "notes": short(contract.notes, 1500),
        "services": [short(s.name, 200) for s in contract.services.all()],
    }


def avv_text(contract: Contract) -> str:
    if not contract.avv_present:
        return _("missing")
    if contract.avv_signed_on:
        return _("signed on %(date)s") % {"date": day_text(contract.avv_signed_on)}
    return _("signed")


def sla_section(contract: Contract) -> list[dict[str, Any]]:
    """The contract's SLA (else the provider's), every version with its targets."""
    policies = (
        [contract.sla_policy]
        if contract.sla_policy
        else list(SlaPolicy.objects.filter(provider=contract.provider))
    )
    found = []
    for policy in policies:
        versions = []
        for version in policy.versions.select_related("calendar").prefetch_related("priorities"):
            hours = version.calendar_snapshot.get("name") or version.calendar.name
            versions.append(
                {
                    "number": version.number,
                    "valid_from": day_text(version.valid_from),
                    "hours": short(hours, 200),
                    "pausing": "; ".join(version.pausing_state_labels()) or "–",
                    "priorities": [
                        {
                            "label": short(f"{p.code} {p.name}", 200),
                            "response": p.describe_response(),
                            "resolution": p.describe_resolution(),
                            "update": p.describe_update(),
                        }
                        for p in version.priorities.all()
                    ],
                }
            )
        found.append({"name": short(policy.name, 200), "versions": versions})
    return found


# --- the summary, the README and the pack -------------------------------------------------------


def missing_csv(missing: list[Missing]) -> Iterator[list[object]]:
    yield [_("Record"), _("Where the file would be"), _("Why it is not in the pack")]
    for item in missing:
        yield [neutralise(item.record), item.path, item.reason]


def readme(root: str, contract: Contract, created: str) -> str:
    lines = [
        _("Evidence pack: %(contract)s – %(provider)s")
        % {"contract": contract.title, "provider": contract.provider.name},
        created,
        "",
        _("What is inside"),
        "  00_summary.pdf            "
        + _(
            "the summary: contract, promised SLA, missed deadlines "
            "with their computation, SLA report figures per month, letters with proof of dispatch "
            "and receipt, meeting minutes"
        ),
        "  contract/                 "
        + _("contract documents, invoices (invoices.csv and the PDFs)"),
        "  problems/problems.csv     " + _("every problem reported to the provider"),
        "  problems/breaches.csv     " + _("every missed deadline with its computation"),
        "  problems/<number>/        "
        + _(
            "per problem: description.txt, timeline.csv, "
            "sla_calculation.txt (day by day, for a missed deadline), attachments/"
        ),
        "  tickets.csv               " + _("the provider's own tickets with our verdicts"),
        "  sla_report_per_month.csv  " + _("the SLA report figures per month"),
        "  letters/                  " + _("the letters as PDF and as text, dispatches.csv"),
        "  proofs/                   "
        + _("delivery records, the provider's confirmations, evidence of the exit tasks"),
        "  minutes/                  "
        + _("meeting minutes, each approved revision as it was approved"),
        "  missing_files.csv         "
        + _("files a record names that are not in the pack (only if there are any)"),
        "  SHA256SUMS                " + _("the SHA-256 checksum of every other file"),
        "",
        _("How to check that no file was changed"),
        _("Unzip the pack, open a terminal in the folder %(folder)s and run:") % {"folder": root},
        "  sha256sum -c SHA256SUMS",
        _(
            "(on macOS: shasum -a 256 -c SHA256SUMS). Every file must be reported as OK. "
            "On Windows, Get-FileHash -Algorithm SHA256 <file> in PowerShell shows the checksum of "
            "one file, to compare with its line in SHA256SUMS."
        ),
        _("CSV files use semicolons and UTF-8; times are given in %(zone)s.")
        % {"zone": zone_label(organisation_zone().key)},
    ]
    return "\n".join(lines) + "\n"


def summary_pdf(context: dict[str, Any]) -> bytes:
    html = render_to_string("termination/pdf/evidence_summary.html", context)
    return render_pdf(html, static_css=STYLESHEETS)


def made_by(now: datetime, user: Any) -> str:
    if getattr(user, "pk", None) is None:
        return _("Made on %(when)s with Vendorwatch.") % {"when": when(now)}
    return _("Made on %(when)s by %(who)s with Vendorwatch.") % {
        "when": when(now),
        "who": person(user),
    }


def write_records(pack: Pack, contract: Contract, today: date, now: datetime) -> dict[str, Any]:
    """Every record into the pack; what the summary shows of them."""
    provider = contract.provider
    context: dict[str, Any] = {
        "title": short(contract.title, 200),
        "provider": short(provider.name, 200),
        "root": pack.root,
        "contract": contract_section(contract, today),
        "sla": sla_section(contract),
        "files": contract_files(pack, contract),
    }
    problems = Problems(pack, now)
    problems.write(provider)
    context["problems"] = problems
    context["more_breaches"] = problems.breach_count - len(problems.breaches)
    context["tickets"] = pack.add_csv("tickets.csv", ticket_rows(provider))
    context["months"] = month_rows(provider, today)
    pack.add_csv("sla_report_per_month.csv", month_csv(context["months"]))
    context["terminations"], dispatch_rows = termination_section(pack, contract, today)
    pack.add_csv("letters/dispatches.csv", dispatch_rows)
    context["minutes"], context["minutes_count"] = minutes_section(pack, provider)
    if pack.missing:
        pack.add_csv("missing_files.csv", missing_csv(pack.missing))
    context["missing"] = pack.missing[:SUMMARY_ROWS]
    context["more_missing"] = len(pack.missing) - len(context["missing"])
    context["summary_rows"] = SUMMARY_ROWS
    return context


def write_pack(handle: IO[bytes], contract: Contract, *, today: date, user: Any) -> None:
    now = timezone.now()
    pack = Pack(handle, pack_name(contract, today), timezone.localtime(now))
    try:
        context = write_records(pack, contract, today, now)
        context["created"] = made_by(now, user)
        pack.add_text("README.txt", readme(pack.root, contract, context["created"]))
        pack.add_bytes("00_summary.pdf", summary_pdf(context))
        pack.finish()
    finally:
        pack.zip.close()  # also when it failed: the file is thrown away, the ZIP is closed


def build_evidence_pack(contract: Contract, *, today: date, user: Any) -> IO[bytes]:
    """The evidence pack of ``contract`` as a ZIP in a nameless temporary file, read from its
    start; the caller closes it (a ``FileResponse`` does), which removes it.

    Written in the organisation's document language and time zone. Raises
    :class:`~vendorwatch.web.pdf.PdfUnavailable` when the summary cannot be made now; the
    rendering slot is taken first, so a request turned away costs nothing.
    """
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller
    try:
        with (
            pdf_slot(),
            translation.override(document_language()),
            timezone.override(organisation_zone()),
        ):
            write_pack(handle, contract, today=today, user=user)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


def pack_name(contract: Contract, today: date) -> str:
    """``evidence-brandl-it-gmbh-2026-11-27``: the top folder, and the ZIP's name."""
    return f"evidence-{slug(contract.provider.name)}-{today.isoformat()}"


def pack_filename(contract: Contract, today: date) -> str:
    return f"{pack_name(contract, today)}.zip"


def pack_contents(contract: Contract) -> list[tuple[str, int]]:
    """What the pack of ``contract`` holds, counted (for the page that offers it)."""
    provider = contract.provider
    problems = Problem.objects.filter(provider=provider).aggregate(
        all=Count("pk"), breached=Count("pk", filter=Q(breached=True))
    )
    letters = Letter.objects.filter(termination__contract=contract)
    return [
        (_("Problems reported to the provider"), problems["all"]),
        (_("of them with a missed deadline"), problems["breached"]),
        (
            _("Attachments of these problems"),
            Attachment.objects.filter(problem__provider=provider).count(),
        ),
        (
            _("Tickets imported from the provider's system"),
            ExternalTicket.objects.in_force().filter(provider=provider).count(),
        ),
        (_("Letters"), letters.count()),
        (_("Dispatches recorded"), Dispatch.objects.filter(letter__in=letters).count()),
        (
            _("Proofs: delivery records, confirmations, evidence"),
            TerminationFile.objects.filter(termination__contract=contract).count(),
        ),
        (
            _("Approved meeting minutes"),
            MinutesRevision.objects.filter(meeting__provider=provider).count(),
        ),
        (_("Contract documents"), contract.documents.count()),
        (_("Invoices"), contract.invoices.count()),
    ]
