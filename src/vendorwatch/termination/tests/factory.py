"""Test records for step 6."""

from __future__ import annotations

from datetime import date
from typing import Any

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.models import Dispatch, ExitTask, Letter, Termination


def make_termination(contract: Contract | None = None, **fields: Any) -> Termination:
    """An ordinary termination (no checklist generated: use the service for that)."""
    fields.setdefault("kind", Termination.Kind.ORDINARY)
    return Termination.objects.create(contract=contract or make_contract(), **fields)


def make_letter(termination: Termination, **fields: Any) -> Letter:
    fields.setdefault("kind", Letter.Kind.TERMINATION)
    fields.setdefault("letter_date", date(2026, 9, 1))
    fields.setdefault("recipient", "Brandl IT GmbH\nHauptstraße 1\n80331 München")
    fields.setdefault("subject", "Kündigung des Vertrags")
    fields.setdefault("body", "Sehr geehrte Damen und Herren,\n\nhiermit kündigen wir …")
    return Letter.objects.create(termination=termination, **fields)


def make_dispatch(letter: Letter, **fields: Any) -> Dispatch:
    fields.setdefault("channel", Dispatch.Channel.REGISTERED)
    fields.setdefault("sent_on", date(2026, 9, 2))
    return Dispatch.objects.create(letter=letter, **fields)


def make_task(termination: Termination, **fields: Any) -> ExitTask:
    fields.setdefault("title", "Zugangsdaten übergeben")
    fields.setdefault("category", ExitTask.Category.CREDENTIALS)
    return ExitTask.objects.create(termination=termination, **fields)
