"""The exit checklist: what must be handed over, changed and confirmed so that the old
provider holds nothing of ours once the contract ends.

The standard items follow the order in which a handover works, and each is due relative to
the end of the contract (``ExitTask.days_from_end``), so a corrected or proven end moves every
due date with it:

- 45 days before: knowledge-transfer sessions. They need dates with two providers' staff and
  must leave time to ask again before the old provider has gone.
- 30 days before: documentation, admin credentials and a full data export. Everything after
  this builds on them: a test restore needs the export, a licence transfer the documentation.
- 21 days before: a test restore of the backups. Backups no one has restored are a hope, not
  a backup; three weeks leave time to repeat a failed restore while the provider still helps.
- 14 days before: licences, domains with DNS, certificates. Registrars and vendors take
  days to transfer; a domain lost on the last day takes the company's e-mail with it.
- On the last day: change every password the provider knew and revoke its accounts. Not
  earlier: the provider is still responsible for running things until then.
- The day after: remove its remote-access tools and monitoring agents (it may use them up to
  the end, and no one should be left with a way in after it).
- 14 days after: hardware returned both ways, with a receipt.
- 30 days after: written confirmation that our data was deleted (Art. 28 (3) (g) GDPR). Only
  once our own copy has been checked, which is why it comes last.

Plus one item per service of the contract ("Hand over …"), due with the documentation.

Generation is idempotent: every generated item carries a ``source_key`` (unique per
termination in the database), so generating again adds only what is missing — also a
standard item someone deleted. The texts are written once, in the organisation's document
language, when the item is created: the checklist is a record, not a view of the catalogue.
The person who started the termination is responsible for each generated item until
someone else is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.contracts.reminders import reminder_language as document_language
from vendorwatch.meetings.minutes_doc import day_text, person
from vendorwatch.termination.models import ExitTask, Termination, TerminationFile
from vendorwatch.termination.services import local_today, termination_plan
from vendorwatch.web.pdf import PdfAttachment, pdf_slot, render_pdf, shorten
from vendorwatch.web.uploads import upload_store

STYLESHEET = "expectations/document.css"
# Characters of a long text (details, evidence) in one row of the PDF; the full checklist is
# attached to the PDF as a text file when one is cut.
PDF_TEXT_CHARS = 1200
PDF_TEXT_LINES = 25
# Generated service items are due with the documentation.
SERVICE_DAYS = -30
Category = ExitTask.Category


@dataclass(frozen=True)
class Standard:
    key: str
    category: str
    days_from_end: int
    title: Promise
    details: Promise


STANDARD_ITEMS = (
    Standard(
        "knowledge-transfer",
        Category.KNOWLEDGE,
        -45,
        _("Hold knowledge-transfer sessions"),
        _(
            "Agree dates with the provider and whoever takes over (the new provider or our own "
            "staff): how the systems are set up, recurring tasks, known problems and their "
            "workarounds. Note who took part and what was covered."
        ),
    ),
    Standard(
        "documentation",
        Category.DOCUMENTATION,
        -30,
        _("Receive the complete documentation"),
        _(
            "Network plan, list of systems and servers, configurations, installed software "
            "with versions, backup and recovery procedures, contracts with third parties. "
            "Check that it is complete and up to date."
        ),
    ),
    Standard(
        "credentials-handover",
        Category.CREDENTIALS,
        -30,
        _("Receive all admin credentials and passwords"),
        _(
            "Administrator accounts of servers, firewall, router and Wi-Fi, cloud accounts "
            "(e.g. Microsoft 365), domain registrar, backup system and manufacturer portals, "
            "with recovery codes and keys for two-factor sign-in. Keep them in our own "
            "password manager."
        ),
    ),
    Standard(
        "data-export",
        Category.DATA,
        -30,
        _("Receive a complete export of our data"),
        _(
            "Everything the provider keeps for us (mailboxes, files, databases, "
            "configurations) in a common format. Check that it opens and is complete."
        ),
    ),
    Standard(
        "backup-restore",
        Category.DATA,
        -21,
        _("Check the backups with a test restore"),
        _(
            "Restore some files and one whole system from the latest backup to a test "
            "environment, with the provider or whoever takes over. Note the day, what was "
            "restored and the result."
        ),
    ),
    Standard(
        "licences",
        Category.LICENCES,
        -14,
        _("Have the licences transferred to us"),
        _(
            "Software licences, subscriptions and support contracts in the provider's name: "
            "have them transferred to our company or to the new provider. Collect the licence "
            "keys and the proof of purchase."
        ),
    ),
    Standard(
        "domains",
        Category.DOMAINS,
        -14,
        _("Take over the domains and DNS"),
        _(
            "Get the transfer code (auth code) of every domain and move it to our own account "
            "or a registrar of our choice. Take over the DNS settings and check the entries "
            "for e-mail, website and verifications."
        ),
    ),
    Standard(
        "certificates",
        Category.DOMAINS,
        -14,
        _("Take over the certificates"),
        _(
            "Certificates for websites, VPN and e-mail with their private keys: note where "
            "each is used and when it expires, and renew it in our own account."
        ),
    ),
    Standard(
        "credentials-changed",
        Category.CREDENTIALS,
        0,
        _("Change all passwords and close the provider's accounts"),
        _(
            "On the last day of the contract: change every password the provider knew, "
            "disable or delete its accounts, withdraw its keys, tokens and VPN access."
        ),
    ),
    Standard(
        "remote-access",
        Category.REMOTE_ACCESS,
        1,
        _("Remove remote-access tools and monitoring agents"),
        _(
            "Uninstall the provider's remote-maintenance tools (e.g. TeamViewer, AnyDesk, RMM "
            "agents) and monitoring agents from every computer and server, and close the "
            "firewall rules for its access. Check with a software inventory."
        ),
    ),
    Standard(
        "hardware",
        Category.HARDWARE,
        14,
        _("Return hardware and get ours back"),
        _(
            "Return the provider's leased or loaned devices against a receipt, and get back "
            "our devices it still has. Delete our data from devices before they go."
        ),
    ),
)

DELETION_KEY = "deletion"
DELETION_DAYS = 30


def _deletion(termination: Termination) -> tuple[str, str]:
    contract = termination.contract
    title = gettext("Get written confirmation that our data was deleted")
    if contract.avv_present:
        agreement = (
            gettext("the data-processing agreement (AVV) signed on %(day)s")
            % {"day": day_text(contract.avv_signed_on)}
            if contract.avv_signed_on
            else gettext("the data-processing agreement (AVV)")
        )
        details = gettext(
            "Under %(agreement)s the provider must delete or return all personal data it "
            "processed for us when the contract ends, and confirm it (Art. 28 (3) (g) GDPR). "
            "Ask for the confirmation in writing once our data export has been checked."
        ) % {"agreement": agreement}
    else:
        details = gettext(
            "A provider that processes personal data for us must delete or return it when the "
            "contract ends and confirm it (Art. 28 (3) (g) GDPR). No data-processing agreement "
            "(AVV) is recorded for this contract: ask for deletion and a written confirmation "
            "all the same, once our data export has been checked."
        )
    return title, details


def _wanted(termination: Termination) -> list[dict[str, Any]]:
    """The generated items of ``termination`` (in the active language), in checklist order."""
    owner = termination.created_by
    items: list[dict[str, Any]] = [
        {
            "source_key": item.key,
            "category": item.category,
            "days_from_end": item.days_from_end,
            "title": str(item.title),
            "details": str(item.details),
        }
        for item in STANDARD_ITEMS
    ]
    title, details = _deletion(termination)
    items.append(
        {
            "source_key": DELETION_KEY,
            "category": Category.DELETION,
            "days_from_end": DELETION_DAYS,
            "title": title,
            "details": details,
        }
    )
    for service in termination.contract.services.order_by("name", "pk"):
        items.append(
            {
                "source_key": f"service:{service.pk}",
                "category": Category.OTHER,
                "days_from_end": SERVICE_DAYS,
                "service": service,
                "title": (
                    gettext("Hand over “%(service)s”: configuration, access, documentation")
                    % {"service": service.name}
                )[:300],
                "details": gettext(
                    "Everything the provider needs to hand over for this service: its "
                    "configuration and settings, accounts and access, documentation, open "
                    "tickets and planned changes, and contacts at manufacturers or suppliers."
                ),
            }
        )
    for item in items:
        item["owner"] = owner
    return items


def checklist_generate(termination: Termination) -> int:
    """Add the standard items and one per contracted service that ``termination`` does not
    have yet; returns how many were added."""
    present = set(
        termination.exit_tasks.exclude(source_key="").values_list("source_key", flat=True)
    )
    with translation.override(document_language()):
        wanted = [item for item in _wanted(termination) if item["source_key"] not in present]
    position = next_position(termination)
    added = 0
    for item in wanted:
        try:
            with transaction.atomic():
                ExitTask.objects.create(termination=termination, position=position, **item)
        except IntegrityError:
            continue  # generated at the same moment by another request
        position += 10
        added += 1
    return added


# --- reading the checklist -------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    task: ExitTask
    due: date | None
    state: str  # "done", "overdue" or "open"
    files: list[TerminationFile] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


@dataclass(frozen=True)
class Checklist:
    termination: Termination
    today: date
    contract_end: date | None
    rows: list[TaskRow]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.done)

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def task_state(task: ExitTask, due: date | None, today: date) -> str:
    if task.done_on is not None:
        return "done"
    if due is not None and due < today:
        return "overdue"
    return "open"


def tasks_of(termination: Termination) -> list[ExitTask]:
    evidence = TerminationFile.objects.filter(kind=TerminationFile.Kind.EVIDENCE)
    return list(
        termination.exit_tasks.select_related("owner", "provider_contact", "service", "done_by")
        .prefetch_related(Prefetch("files", queryset=evidence.order_by("uploaded_at", "pk")))
        .order_by("position", "pk")
    )


def checklist_read(termination: Termination, today: date | None = None) -> Checklist:
    """The items sorted by due date (by their place relative to the end while the end is not
    known), each with its due date, state and evidence files."""
    today = today or local_today()
    end = termination_plan(termination, today).contract_end
    rows = []
    for task in tasks_of(termination):
        due = task.due_date(end)
        rows.append(TaskRow(task, due, task_state(task, due, today), list(task.files.all())))
    rows.sort(key=lambda r: (r.due or date.max, r.task.days_from_end, r.task.position, r.task.pk))
    return Checklist(termination, today, end, rows)


def responsible(task: ExitTask) -> str:
    """ "Anna Berger; at the provider: Max Muster" (either part may be missing)."""
    parts = []
    if task.owner is not None:
        parts.append(person(task.owner))
    if task.provider_contact is not None:
        parts.append(gettext("at the provider: %(name)s") % {"name": task.provider_contact.name})
    return "; ".join(parts)


def state_text(row: TaskRow) -> str:
    if row.done:
        text = gettext("done on %(day)s") % {"day": day_text(row.task.done_on)}
        if row.task.done_by is not None:
            text += " " + gettext("by %(name)s") % {"name": person(row.task.done_by)}
        return text
    return gettext("overdue") if row.overdue else gettext("open")


# --- the checklist as a document -------------------------------------------------------------


def checklist_text(checklist: Checklist) -> str:
    """The whole checklist as plain text, in the active language (attached to the PDF when
    a text had to be shortened there)."""
    termination = checklist.termination
    lines = [
        gettext("Exit checklist: %(title)s") % {"title": termination.contract.title},
        termination.contract.provider.name,
        end_line(checklist.contract_end),
        "",
    ]
    for row in checklist.rows:
        task = row.task
        facts = [
            (gettext("Area"), task.get_category_display()),
            (gettext("Due"), day_text(row.due) or "–"),
            (gettext("Responsible"), responsible(task) or "–"),
            (gettext("Status"), state_text(row)),
        ]
        facts += [(gettext("File"), upload.filename) for upload in row.files]
        lines.append("* " + task.title)
        lines.extend(f"  {label}: {value}" for label, value in facts)
        if task.details:
            lines.extend(["", task.details])
        if task.evidence:
            lines.extend(["", gettext("Evidence") + ": " + task.evidence])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def end_line(end: date | None) -> str:
    if end is None:
        return gettext(
            "No end date yet: the due dates appear once the end of the contract is known."
        )
    return gettext("Due dates follow the end of the contract on %(day)s.") % {"day": day_text(end)}


def _cut(text: str) -> tuple[str, bool]:
    part = shorten(text, max_chars=PDF_TEXT_CHARS, max_lines=PDF_TEXT_LINES)
    return part.text, part.shortened


def _document_lines(checklist: Checklist) -> tuple[list[dict[str, Any]], bool]:
    lines, shortened = [], False
    for row in checklist.rows:
        task = row.task
        details, cut_details = _cut(task.details)
        evidence, cut_evidence = _cut(task.evidence)
        shortened |= cut_details or cut_evidence
        lines.append(
            {
                "area": task.get_category_display(),
                "service": task.service.name if task.service else "",
                "title": shorten(task.title, max_chars=300).text,
                "details": details,
                "due": day_text(row.due) or "–",
                "who": responsible(task) or "–",
                "state": state_text(row),
                "overdue": row.overdue,
                "evidence": evidence,
                "files": [shorten(f.filename, max_chars=200).text for f in row.files],
            }
        )
    return lines, shortened


def checklist_pdf(termination: Termination) -> bytes:
    """The checklist as PDF in the organisation's document language: due dates, who is
    responsible, the state and the evidence of every item.

    Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when it cannot be made now.
    """
    with pdf_slot(), translation.override(document_language()):
        checklist = checklist_read(termination)
        lines, shortened = _document_lines(checklist)
        contract = termination.contract
        context = {
            "title": gettext("Exit checklist: %(title)s") % {"title": contract.title},
            "contract": contract,
            "provider": contract.provider.name,
            "end_line": end_line(checklist.contract_end),
            "checklist": checklist,
            "lines": lines,
            "today": day_text(checklist.today),
            "shortened": shortened,
            "LANGUAGE_CODE": translation.get_language(),
        }
        html = render_to_string("termination/pdf/checklist.html", context)
        attachments = []
        if shortened:
            attachments.append(
                PdfAttachment(
                    gettext("exit-checklist-%(number)s.txt") % {"number": termination.pk},
                    checklist_text(checklist).encode("utf-8"),
                    gettext("The complete checklist"),
                )
            )
        return render_pdf(html, static_css=[STYLESHEET], attachments=attachments)


def checklist_filename(termination: Termination) -> str:
    return gettext("exit-checklist-%(number)s.pdf") % {"number": termination.pk}


# --- changing items --------------------------------------------------------------------------


def evidence_add(*, task: ExitTask, upload: Any, user: Any) -> TerminationFile:
    """Store an evidence file of ``task``; a file whose record cannot be saved is removed."""
    stored = TerminationFile(
        termination_id=task.termination_id, exit_task=task, kind=TerminationFile.Kind.EVIDENCE
    )
    return upload_store(stored, upload, user)


def task_mark_done(
    *, task: ExitTask, done_on: date, evidence: str, upload: Any = None, user: Any = None
) -> None:
    task.done_on = done_on
    task.done_by = user if getattr(user, "pk", None) else None
    task.evidence = evidence
    task.save(update_fields=["done_on", "done_by", "evidence"])
    if upload is not None:
        evidence_add(task=task, upload=upload, user=user)


def task_reopen(*, task: ExitTask) -> None:
    """Open again; the evidence stays (it records what was shown)."""
    task.done_on = None
    task.done_by = None
    task.save(update_fields=["done_on", "done_by"])


def next_position(termination: Termination) -> int:
    last = termination.exit_tasks.aggregate(last=Max("position"))["last"]
    return (last or 0) + 10
