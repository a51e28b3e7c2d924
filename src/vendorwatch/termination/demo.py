"""Demo: Müller Metallbau is ending its cloud telephony contract with Schwaben Telecom.

The notice went out by e-mail three days before the demo was loaded (the contract asks for
text form, so e-mail is enough); the provider has not confirmed it yet, so the contract page
shows "receipt not yet proven" with the days left. The exit checklist is generated, two items
are done. The managed-services contract with Brandl is left alone: starting its termination is
the first thing to try.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from vendorwatch.contracts.models import Contract
from vendorwatch.demo import DemoContext, loader
from vendorwatch.termination.letters import letter_draft
from vendorwatch.termination.models import Dispatch, Letter, Termination
from vendorwatch.termination.services import (
    termination_plan,
    termination_refresh_status,
    termination_start,
)

SENT_DAYS_AGO = 3


@loader(order=100)
def load_termination(context: DemoContext) -> None:
    contract = Contract.objects.filter(number="TEL-44871").first()
    if contract is None or contract.terminations.exists():
        return
    user = get_user_model().objects.filter(username="s.keller").first()
    termination = termination_start(contract=contract, kind=Termination.Kind.ORDINARY, user=user)
    today = timezone.localdate()
    sent = today - timedelta(days=SENT_DAYS_AGO)
    draft = letter_draft(termination, Letter.Kind.TERMINATION, sent)
    letter = Letter.objects.create(
        termination=termination,
        kind=Letter.Kind.TERMINATION,
        letter_date=sent,
        recipient=draft.recipient,
        subject=draft.subject,
        body=draft.body,
        created_by=user,
    )
    Dispatch.objects.create(
        letter=letter,
        channel=Dispatch.Channel.EMAIL,
        sent_on=sent,
        notes="An kuendigung@schwaben-telecom.example, Lesebestätigung angefordert.",
        recorded_by=user,
    )
    termination_refresh_status(termination)
    end = termination_plan(termination, today).contract_end
    for task in termination.exit_tasks.order_by("days_from_end", "pk")[:2]:
        task.done_on = today - timedelta(days=1)
        task.done_by = user
        task.evidence = "Termin mit der neuen Telefonanlage abgestimmt."
        task.save()
    context.objects["termination"] = termination
    ends = end.strftime("%d.%m.%Y") if end else "unknown"
    context.messages.append(f"Telephony contract being terminated, ends on {ends}.")
