"""The letters of a termination: drafts written in the company's document language, and the
finished letter as text for an e-mail and as PDF in the layout of a German business letter.

- :func:`letter_draft`: recipient, subject and text of one of the four letters (the notice,
  the request to confirm it, the warning letter under § 314 (2) BGB, the request to hand over
  and delete our data under Art. 28 (3) (g) GDPR), from the termination, its plan and the
  contract. The user edits the draft before it is saved; what is saved is what is sent.
- :func:`letter_text`: the saved letter as plain text (subject, text, signature).
- :func:`render_letter_pdf`: the saved letter as PDF, DIN 5008 form B on A4 for a window
  envelope (DL or C6/5): letterhead in the top 45 mm, the address field 20 mm from the left and
  45 mm from the top (85 × 45 mm) with the sender line at its top, the information block on
  the right, fold marks at 105 and 210 mm and the hole mark at 148.5 mm.

Dates are written as 31.12.2026 in both languages (by hand, so a stored year 9999 shows as it
is); a date the calendar cannot hold (a deadline after 31.12.9999) is left for the user to
fill in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext

from vendorwatch.contracts.models import Contract
from vendorwatch.organisation.models import Organisation
from vendorwatch.problems.report import document_language
from vendorwatch.providers.models import Provider
from vendorwatch.termination.models import TEXT_LIMIT, Letter, Termination
from vendorwatch.termination.services import TerminationPlan, termination_plan
from vendorwatch.web.pdf import PdfAttachment, pdf_slot, render_pdf, shorten

STYLESHEET = "termination/letter.css"
# Days the provider gets to answer (confirmation, a default deadline to remedy).
REPLY_DAYS = 14
# The data are wanted this many days before the contract ends, to check them in time.
HANDOVER_BEFORE_END = 14
SUBJECT_LIMIT = Letter._meta.get_field("subject").max_length or 300
# A mail link longer than this fails in common mail programs.
MAILTO_MAX = 8000
# The address zone of the window holds six lines.
ADDRESS_LINES = 6


@dataclass(frozen=True)
class LetterDraft:
    recipient: str
    subject: str
    body: str


def day_text(day: date | None) -> str:
    """31.12.2026; a date that could not be computed becomes a gap to fill in."""
    if day is None:
        return gettext("[date]")
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def days_after(day: date | None, days: int) -> date | None:
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def default_remedy_deadline(letter_date: date) -> date | None:
    return days_after(letter_date, REPLY_DAYS)


def kind_allowed(termination: Termination, kind: str) -> bool:
    """A warning letter belongs to a termination for cause only."""
    if kind not in Letter.Kind.values:
        return False
    return kind != Letter.Kind.WARNING or termination.is_for_cause


# --- the parts of every draft ------------------------------------------------------------


def addressee(provider: Provider) -> str:
    """The contact with the highest escalation level (the managing director, usually)."""
    contact = provider.contacts.order_by("-escalation_level", "name").first()
    return contact.name if contact is not None else ""


def recipient_block(provider: Provider) -> str:
    lines = [provider.name]
    if name := addressee(provider):
        lines.append(gettext("Attn. %(name)s") % {"name": name})
    lines.append(provider.street)
    lines.append(f"{provider.postcode} {provider.city}".strip())
    return "\n".join(line for line in lines if line.strip())


def reference(contract: Contract) -> str:
    """The numbers after the contract's title, as far as they are known:
    ``" (contract number V-1, customer number K-7)"``."""
    parts = []
    if contract.number:
        parts.append(gettext("contract number %(number)s") % {"number": contract.number})
    if contract.provider.customer_number:
        parts.append(
            gettext("customer number %(number)s") % {"number": contract.provider.customer_number}
        )
    return f" ({', '.join(parts)})" if parts else ""


SUBJECTS: dict[str, Callable[[], str]] = {
    "termination": lambda: gettext("Termination of the contract “%(title)s”"),
    "for_cause": lambda: gettext("Termination for cause of the contract “%(title)s”"),
    "confirmation": lambda: gettext(
        "Request to confirm our termination of the contract “%(title)s”"
    ),
    "warning": lambda: gettext("Warning and deadline to remedy: contract “%(title)s”"),
    "data_return": lambda: gettext("Handover and deletion of our data: contract “%(title)s”"),
}


def subject_line(termination: Termination, kind: str) -> str:
    contract = termination.contract
    key = "for_cause" if kind == Letter.Kind.TERMINATION and termination.is_for_cause else kind
    subject = SUBJECTS[key]() % {"title": contract.title}
    if contract.number:
        subject += " – " + gettext("contract number %(number)s") % {"number": contract.number}
    if contract.provider.customer_number:
        subject += " – " + gettext("customer number %(number)s") % {
            "number": contract.provider.customer_number
        }
    return Truncator(subject).chars(SUBJECT_LIMIT)


def intended_end(plan: TerminationPlan) -> date | None:
    """The end the letter names: the planned one, or — its deadline missed — the end a
    notice received now reaches."""
    if plan.deadline_passed and plan.end_if_received_today is not None:
        return plan.end_if_received_today
    return plan.contract_end


def first_letter(termination: Termination, kind: str) -> Letter | None:
    """The letter of ``kind`` that went out first (or, none sent yet, the latest written)."""
    letters = list(termination.letters.filter(kind=kind).prefetch_related("dispatches"))
    sent = [(min(d.sent_on for d in x.dispatches.all()), x) for x in letters if x.dispatches.all()]
    if sent:
        return min(sent, key=lambda pair: (pair[0], pair[1].pk))[1]
    return max(letters, key=lambda x: (x.letter_date, x.pk)) if letters else None


def facts(termination: Termination) -> str:
    return termination.reason.strip() or gettext(
        "[Please describe the facts here: what happened when, and which contractual duty it "
        "breached.]"
    )


# --- the four letters --------------------------------------------------------------------


def _confirm_request(today: date) -> str:
    return gettext(
        "Please confirm in writing by %(reply_by)s that you received this notice, and the "
        "date on which the contract ends."
    ) % {"reply_by": day_text(days_after(today, REPLY_DAYS))}


def _handover_note() -> str:
    return gettext(
        "We will write to you separately about handing over our data, access credentials and "
        "documentation."
    )


def _ordinary_notice(termination: Termination, plan: TerminationPlan, today: date) -> list[str]:
    values = {"title": termination.contract.title, "reference": reference(termination.contract)}
    end = intended_end(plan)
    if end is None:
        notice = gettext(
            "we hereby terminate the contract “%(title)s”%(reference)s ordinarily and with due "
            "notice as of the next possible date."
        )
    else:
        notice = gettext(
            "we hereby terminate the contract “%(title)s”%(reference)s ordinarily and with due "
            "notice as of %(end)s, or alternatively as of the next possible date."
        )
        values["end"] = day_text(end)
    return [notice % values, _confirm_request(today), _handover_note()]


def _warning_paragraph(termination: Termination, today: date) -> str:
    if termination.warning_dispensable:
        why = termination.dispensable_reason.strip()
        if why:
            return gettext(
                "A warning and a deadline to remedy were not required (§ 314 (2) BGB): %(why)s"
            ) % {"why": why}
        return gettext("A warning and a deadline to remedy were not required (§ 314 (2) BGB).")
    warning = first_letter(termination, Letter.Kind.WARNING)
    deadline = termination.remedy_deadline
    values = {
        "warned": day_text(warning.letter_date if warning else None),
        "deadline": day_text(deadline),
    }
    if warning is not None and deadline is not None and deadline >= today:
        # Written before the deadline has passed: say what was set, not that it passed.
        text = gettext(
            "In our warning letter of %(warned)s we set you a deadline to remedy this by "
            "%(deadline)s."
        )
    elif warning is not None and deadline is not None:
        text = gettext(
            "In our warning letter of %(warned)s we set you a deadline to remedy this by "
            "%(deadline)s. The deadline passed without remedy."
        )
    elif warning is not None:
        text = gettext(
            "In our warning letter of %(warned)s we asked you to remedy this. You did not "
            "remedy it."
        )
    elif deadline is not None:
        text = gettext(
            "We warned you and set you a deadline to remedy this by %(deadline)s. The deadline "
            "passed without remedy."
        )
    else:
        text = gettext(
            "We warned you and set you a deadline to remedy this. The deadline passed without "
            "remedy."
        )
    return text % values


def _cause_notice(termination: Termination, today: date) -> list[str]:
    values = {"title": termination.contract.title, "reference": reference(termination.contract)}
    end = termination.effective_date
    if end is None or end <= today:
        notice = gettext(
            "we hereby terminate the contract “%(title)s”%(reference)s for cause (§ 314 BGB) "
            "with immediate effect."
        )
    else:
        notice = gettext(
            "we hereby terminate the contract “%(title)s”%(reference)s for cause (§ 314 BGB) "
            "as of %(end)s."
        )
        values["end"] = day_text(end)
    return [
        notice % values,
        gettext("The termination is based on the following facts:"),
        facts(termination),
        _warning_paragraph(termination, today),
        gettext(
            "Alternatively, we terminate the contract ordinarily as of the next possible date."
        ),
        _confirm_request(today),
        _handover_note(),
    ]


def _confirmation(termination: Termination, plan: TerminationPlan, today: date) -> list[str]:
    notice = first_letter(termination, Letter.Kind.TERMINATION)
    end = intended_end(plan)
    values = {
        "title": termination.contract.title,
        "reference": reference(termination.contract),
        "notice": day_text(notice.letter_date if notice else None),
        "end": day_text(end),
        "reply_by": day_text(days_after(today, REPLY_DAYS)),
    }
    if notice is not None and end is not None:
        opening = gettext(
            "with our letter of %(notice)s we terminated the contract “%(title)s”%(reference)s "
            "as of %(end)s."
        )
    elif notice is not None:
        opening = gettext(
            "with our letter of %(notice)s we terminated the contract “%(title)s”%(reference)s."
        )
    elif end is not None:
        opening = gettext("we have terminated the contract “%(title)s”%(reference)s as of %(end)s.")
    else:
        opening = gettext("we have terminated the contract “%(title)s”%(reference)s.")
    if end is not None:
        request = gettext(
            "We have not yet received a confirmation from you. Please confirm in writing by "
            "%(reply_by)s that you received our notice, on which day, and that the contract "
            "ends on %(end)s."
        )
    else:
        request = gettext(
            "We have not yet received a confirmation from you. Please confirm in writing by "
            "%(reply_by)s that you received our notice, on which day, and the date on which "
            "the contract ends."
        )
    return [opening % values, request % values]


def _warning(termination: Termination, today: date, deadline: date | None) -> list[str]:
    contract = termination.contract
    values = {"title": contract.title, "reference": reference(contract)}
    if contract.sla_policy is not None:
        duty = gettext(
            "This breaches your duties under the contract and under the agreed service level "
            "agreement (SLA) “%(sla)s”."
        ) % {"sla": contract.sla_policy.name}
    else:
        duty = gettext("This breaches your duties under the contract.")
    return [
        gettext(
            "we hereby formally warn you (Abmahnung) about the following breach of your duties "
            "under the contract “%(title)s”%(reference)s:"
        )
        % values,
        facts(termination),
        duty,
        gettext(
            "We ask you to remedy the breach by %(deadline)s at the latest and to confirm the "
            "remedy to us in writing."
        )
        % {"deadline": day_text(deadline)},
        gettext(
            "Should the deadline pass without remedy, or should such a breach occur again, we "
            "will terminate the contract for cause (§ 314 BGB) without further notice."
        ),
        gettext("We reserve all further rights, in particular to damages and service credits."),
    ]


def handover_date(end: date | None, today: date) -> date | None:
    """When the data are wanted: two weeks before the end (time to check them), but at least
    two weeks after the letter."""
    earliest = days_after(today, REPLY_DAYS)
    wanted = None
    if end is not None:
        try:
            wanted = end - timedelta(days=HANDOVER_BEFORE_END)
        except OverflowError:
            wanted = None
    if wanted is None or earliest is None:
        return earliest
    return max(wanted, earliest)


def _data_return(termination: Termination, plan: TerminationPlan, today: date) -> list[str]:
    contract = termination.contract
    end = intended_end(plan)
    by = handover_date(end, today)
    values = {
        "title": contract.title,
        "reference": reference(contract),
        "end": day_text(end),
        "by": day_text(by),
        "deleted_by": day_text(days_after(end if end is not None else by, REPLY_DAYS)),
        "avv": day_text(contract.avv_signed_on),
    }
    if end is not None:
        opening = gettext(
            "the contract “%(title)s”%(reference)s ends on %(end)s. We ask you to hand over to "
            "us all data you store or process for us – in particular files, databases, mailboxes, "
            "backups, configurations and documentation – completely and in common, usable "
            "formats by %(by)s."
        )
    else:
        opening = gettext(
            "with regard to the end of the contract “%(title)s”%(reference)s, we ask you to "
            "hand over to us all data you store or process for us – in particular files, "
            "databases, mailboxes, backups, configurations and documentation – completely and "
            "in common, usable formats by %(by)s."
        )
    if contract.avv_signed_on is not None:
        basis = gettext(
            "This is your duty under our data processing agreement (AVV) of %(avv)s and under "
            "Art. 28 (3) (g) GDPR."
        )
    elif contract.avv_present:
        basis = gettext(
            "This is your duty under our data processing agreement (AVV) and under "
            "Art. 28 (3) (g) GDPR."
        )
    else:
        basis = gettext("This is your duty under Art. 28 (3) (g) GDPR.")
    return [
        opening % values,
        gettext(
            "Please also hand over all access credentials, administrator passwords and the "
            "documentation of our systems by the same date."
        ),
        gettext(
            "After the handover, and no later than the end of the contract, please delete all "
            "copies of our data on your systems, including backups, unless the law obliges you "
            "to keep them, and confirm the deletion to us in writing by %(deleted_by)s."
        )
        % values,
        basis % values,
        gettext(
            "If the law obliges you to keep any of our data, please tell us which data, on what "
            "legal basis and until when."
        ),
    ]


def letter_draft(
    termination: Termination, kind: str, today: date, *, remedy_deadline: date | None = None
) -> LetterDraft:
    """The draft of a letter of ``kind`` dated ``today``, in the document language. A warning
    names ``remedy_deadline`` (default: the termination's, else two weeks after ``today``)."""
    if kind not in Letter.Kind.values:
        raise ValueError(f"unknown kind of letter: {kind}")
    with translation.override(document_language()):
        plan = termination_plan(termination, today)
        if kind == Letter.Kind.TERMINATION and termination.is_for_cause:
            paragraphs = _cause_notice(termination, today)
        elif kind == Letter.Kind.TERMINATION:
            paragraphs = _ordinary_notice(termination, plan, today)
        elif kind == Letter.Kind.CONFIRMATION:
            paragraphs = _confirmation(termination, plan, today)
        elif kind == Letter.Kind.WARNING:
            deadline = (
                remedy_deadline or termination.remedy_deadline or default_remedy_deadline(today)
            )
            paragraphs = _warning(termination, today, deadline)
        else:
            paragraphs = _data_return(termination, plan, today)
        salutation = gettext("Dear Sir or Madam,")
        return LetterDraft(
            recipient=recipient_block(termination.contract.provider),
            subject=subject_line(termination, kind),
            body="\n\n".join([salutation, *paragraphs]),
        )


# --- the saved letter: text and PDF -------------------------------------------------------


def sender_line(organisation: Organisation | None) -> str:
    """The return address in the window: "Company · street · postcode city"."""
    if organisation is None:
        return ""
    place = f"{organisation.postcode} {organisation.city}".strip()
    return " · ".join(part for part in (organisation.name, organisation.street, place) if part)


def contact_lines(organisation: Organisation | None) -> list[str]:
    if organisation is None:
        return []
    lines = []
    if organisation.phone:
        lines.append(gettext("Phone: %(phone)s") % {"phone": organisation.phone})
    if organisation.email:
        lines.append(gettext("E-mail: %(email)s") % {"email": organisation.email})
    if organisation.website:
        lines.append(organisation.website)
    return lines


def postal_address(organisation: Organisation | None) -> str:
    """The company's address on one line: "Industriestraße 12, 86150 Augsburg"."""
    if organisation is None:
        return ""
    place = f"{organisation.postcode} {organisation.city}".strip()
    return ", ".join(part for part in (organisation.street, place) if part)


def signature_lines(organisation: Organisation | None) -> list[str]:
    """Who signs, for the e-mail: name and position, company, address, phone, e-mail."""
    if organisation is None:
        return []
    lines = [organisation.signatory, organisation.name, postal_address(organisation)]
    return [line for line in lines + contact_lines(organisation) if line]


def mail_body(letter: Letter) -> str:
    """The text and the signature, as they go into an e-mail (in the letter's language)."""
    with translation.override(letter.language):
        organisation = Organisation.load()
        parts = [letter.body.strip(), gettext("Kind regards")]
        signature = signature_lines(organisation)
        if signature:
            parts.append("\n".join(signature))
        return "\n\n".join(parts) + "\n"


def letter_text(letter: Letter) -> str:
    """The letter as plain text: subject, text and signature."""
    with translation.override(letter.language):
        subject = gettext("Subject: %(subject)s") % {"subject": letter.subject}
    return f"{subject}\n\n{mail_body(letter)}"


def letter_mailto(letter: Letter, address: str = "") -> str:
    """A mail link with subject and text; only the subject when the text is too long for one
    (common mail programs fail on links longer than about 8,000 characters)."""
    subject = quote(letter.subject)
    body = quote(mail_body(letter))
    link = f"mailto:{quote(address, safe='@')}?subject={subject}"
    return f"{link}&body={body}" if len(link) + len(body) <= MAILTO_MAX else link


FILE_NAMES: dict[str, Callable[[], str]] = {
    "termination": lambda: gettext("termination-letter"),
    "confirmation": lambda: gettext("confirmation-request"),
    "warning": lambda: gettext("warning-letter"),
    "data_return": lambda: gettext("data-handover"),
}


def letter_filename(letter: Letter, suffix: str = "pdf") -> str:
    """termination-2026-09-01.pdf, named in the letter's language."""
    with translation.override(letter.language):
        name = FILE_NAMES.get(letter.kind, FILE_NAMES["termination"])()
    day = letter.letter_date
    return f"{name}-{day.year:04d}-{day.month:02d}-{day.day:02d}.{suffix}"


def written_form(letter: Letter) -> bool:
    return letter.termination.contract.required_form == Contract.Form.WRITTEN


def _bounded(text: str, chars: int, lines: int = 10) -> str:
    return shorten(text, max_chars=chars, max_lines=lines).text


def pdf_context(letter: Letter) -> tuple[dict[str, object], bool]:
    """What the PDF shows, bounded; and whether the text had to be shortened (only a text
    longer than the form allows, written past it)."""
    organisation = Organisation.load()
    contract = letter.termination.contract
    body = shorten(letter.body, max_chars=TEXT_LIMIT, max_lines=TEXT_LIMIT // 10)
    info = [(gettext("Date"), day_text(letter.letter_date))]
    if contract.number:
        info.append((gettext("Contract number"), _bounded(contract.number, 100, 1)))
    if contract.provider.customer_number:
        info.append((gettext("Customer number"), _bounded(contract.provider.customer_number, 50)))
    recipient = shorten(letter.recipient, max_chars=400, max_lines=ADDRESS_LINES).text
    context: dict[str, object] = {
        "letter": letter,
        "company": _bounded(organisation.name, 200) if organisation else "",
        "address": _bounded(postal_address(organisation), 320),
        "contact_lines": [_bounded(line, 200) for line in contact_lines(organisation)],
        "sender_line": _bounded(sender_line(organisation), 200, 1),
        "recipient_lines": recipient.split("\n"),
        "info": info,
        "subject": _bounded(letter.subject, 300, 3),
        "paragraphs": [part.strip() for part in body.text.split("\n\n") if part.strip()],
        "shortened": body.shortened,
        "signatory": _bounded(organisation.signatory, 200) if organisation else "",
        "signature_line": written_form(letter),
        "footer": _bounded(organisation.letter_footer, 1000) if organisation else "",
    }
    return context, body.shortened


def render_letter_pdf(letter: Letter) -> bytes:
    """The letter as PDF in its language. A text longer than a letter may be (only possible
    past the form) is shortened and attached in full.

    Raises :class:`vendorwatch.web.pdf.PdfUnavailable` when it cannot be made now.
    """
    with pdf_slot(), translation.override(letter.language):
        context, shortened = pdf_context(letter)
        html = render_to_string("termination/pdf/letter.html", context)
        attachments = []
        if shortened:
            attachments.append(
                PdfAttachment(
                    letter_filename(letter, "txt"),
                    letter_text(letter).encode("utf-8"),
                    gettext("The complete text of the letter"),
                )
            )
        return render_pdf(html, static_css=[STYLESHEET], attachments=attachments)
