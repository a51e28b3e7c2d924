"""The kind of notice clause a contract has, and which of its term fields that kind uses.

The model stores the terms as plain columns (``after_minimum_term``, ``notice_anchor``,
``continuation_notice_*``, …), and the deadline engine reads all of them: a continuation
period left over from an earlier choice would still govern an open-ended contract. The form
therefore first asks for the clause type, shows only that type's fields, and saves exactly
those: the fields of every other type are cleared (:func:`saved_terms`), so that what the
deadline engine computes from is what the page showed.

No model import here: the functions read and return plain attribute values.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from vendorwatch.core.deadlines import TermsError


class ClauseType(models.TextChoices):
    RENEWS = "renews", _("Renews automatically unless terminated")
    MINIMUM_THEN_OPEN = "minimum_then_open", _("Minimum term, then open-ended")
    OPEN_ENDED = "open_ended", _("Open-ended, no minimum term")
    STATUTORY = "statutory", _("Statutory notice period (§ 621 BGB)")
    WORKING_DAY = "working_day", _("Notice by the N-th working day")
    FIXED = "fixed", _("Fixed term, ends without notice")


C = ClauseType

# Every field of the form that belongs to the terms of one clause type or another.
TERM_FIELDS = (
    "minimum_term_amount",
    "minimum_term_unit",
    "renewal_term_amount",
    "renewal_term_unit",
    "notice_amount",
    "notice_unit",
    "notice_anchor",
    "working_day_nth",
    "working_day_months_after",
    "continuation_notice_amount",
    "continuation_notice_unit",
    "continuation_notice_anchor",
    "pay_period",
)
MINIMUM = ("minimum_term_amount", "minimum_term_unit")
RENEWAL = ("renewal_term_amount", "renewal_term_unit")
NOTICE = ("notice_amount", "notice_unit")
CONTINUATION = (
    "continuation_notice_amount",
    "continuation_notice_unit",
    "continuation_notice_anchor",
)
WORKING_DAY = ("working_day_nth", "working_day_months_after")

# The fields each type shows (and so uses).
USES: Mapping[str, tuple[str, ...]] = {
    C.RENEWS: (*MINIMUM, *RENEWAL, *NOTICE),
    C.MINIMUM_THEN_OPEN: (*MINIMUM, *NOTICE, *CONTINUATION),
    C.OPEN_ENDED: (*NOTICE, "notice_anchor"),
    # A notice to the end of the minimum term, before the statutory periods take over.
    C.STATUTORY: (*MINIMUM, *NOTICE, "pay_period"),
    C.WORKING_DAY: (*MINIMUM, *WORKING_DAY),
    C.FIXED: MINIMUM,
}
# The fields each type cannot do without (the others it shows are optional).
REQUIRED: Mapping[str, tuple[str, ...]] = {
    C.RENEWS: ("minimum_term_amount", "renewal_term_amount", "notice_amount"),
    C.MINIMUM_THEN_OPEN: (
        "minimum_term_amount",
        "continuation_notice_amount",
        "continuation_notice_anchor",
    ),
    C.OPEN_ENDED: ("notice_amount", "notice_anchor"),
    C.STATUTORY: ("pay_period",),
    C.WORKING_DAY: ("working_day_nth",),
    C.FIXED: ("minimum_term_amount",),
}
# The columns a type fixes by itself: (after the minimum term, notice runs to, § 611 BGB).
DERIVED: Mapping[str, dict[str, Any]] = {
    C.RENEWS: {"after_minimum_term": "renews", "notice_anchor": "term_end"},
    C.MINIMUM_THEN_OPEN: {"after_minimum_term": "open_ended", "notice_anchor": "term_end"},
    C.OPEN_ENDED: {"after_minimum_term": "open_ended"},
    C.STATUTORY: {"after_minimum_term": "open_ended", "notice_anchor": "term_end"},
    C.WORKING_DAY: {"after_minimum_term": "open_ended", "notice_anchor": "working_day"},
    C.FIXED: {"after_minimum_term": "ends", "notice_anchor": "term_end"},
}
# A field a type does not use is stored as this.
CLEARED: Mapping[str, Any] = {
    "minimum_term_amount": None,
    "minimum_term_unit": "months",
    "renewal_term_amount": None,
    "renewal_term_unit": "months",
    "notice_amount": None,
    "notice_unit": "months",
    "notice_anchor": "term_end",
    "working_day_nth": None,
    "working_day_months_after": None,
    "continuation_notice_amount": None,
    "continuation_notice_unit": "months",
    "continuation_notice_anchor": "",
    "pay_period": "",
}
# What a hidden select shows until the user picks this type (the most common choice).
SHOWN_WHEN_UNUSED = {"notice_anchor": "month_end", "continuation_notice_anchor": "month_end"}


def clause_type_of(contract: Any) -> ClauseType:
    """The clause type of stored terms (the model's columns, as the engine reads them)."""
    after = contract.after_minimum_term
    if after == "ends":
        return C.FIXED
    if after == "renews":
        return C.RENEWS
    if contract.notice_anchor == "working_day":
        return C.WORKING_DAY
    statutory = (
        contract.service_contract
        and contract.continuation_notice_amount is None
        and (contract.notice_amount is None or contract.notice_anchor == "term_end")
    )
    if statutory:
        return C.STATUTORY
    if contract.minimum_term_amount is not None:
        return C.MINIMUM_THEN_OPEN
    return C.OPEN_ENDED


def represented(contract: Any) -> bool:
    """Whether the form's fields for the contract's clause type give the engine exactly its
    stored terms. Terms stored before the form asked for a type can say what no type's
    fields say (a renewing contract with a working-day clause): such a contract keeps its
    stored terms until the user changes them (see ``ContractForm``)."""
    if contract.pk is None:
        return True
    shown = shown_terms(contract)
    rebuilt = copy.copy(contract)
    for name, value in saved_terms(shown["clause_type"], shown).items():
        setattr(rebuilt, name, value)
    try:
        return bool(rebuilt.to_terms() == contract.to_terms())
    except (ValueError, TypeError, ArithmeticError, TermsError):
        return True  # terms no engine can read: the form asks for them anew


def saved_terms(clause: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The columns to store for ``clause``: the type's own fields from ``values``, every
    other term field cleared, and the columns the type fixes by itself."""
    used = USES[clause]
    terms = {name: values.get(name) if name in used else CLEARED[name] for name in TERM_FIELDS}
    for name in used:
        if terms[name] is None and CLEARED[name] is not None:
            terms[name] = CLEARED[name]  # a unit or choice that could not be read
    terms.update(DERIVED[clause])
    terms["service_contract"] = clause == C.STATUTORY
    return terms


def shown_terms(contract: Any) -> dict[str, Any]:
    """The clause type and term fields for the form, so that the fields of that type give
    the engine the same terms as the stored columns.

    Terms entered before the form asked for a type may say the same thing another way (an
    open-ended contract whose notice rule was stored as the continuation's): it is shown as
    the type's own fields.
    """
    clause = clause_type_of(contract)
    values = {name: getattr(contract, name) for name in TERM_FIELDS}
    continuation = (
        contract.continuation_notice_amount,
        contract.continuation_notice_unit,
        contract.continuation_notice_anchor or contract.notice_anchor,
    )
    if clause == C.OPEN_ENDED and contract.continuation_notice_amount is not None:
        values["notice_amount"], values["notice_unit"], values["notice_anchor"] = continuation
    if clause == C.MINIMUM_THEN_OPEN and contract.notice_anchor != "term_end":
        # Not a notice to the end of the minimum term: it governs the ends after it.
        if contract.continuation_notice_amount is None:
            values["continuation_notice_amount"] = contract.notice_amount
            values["continuation_notice_unit"] = contract.notice_unit
        values["continuation_notice_anchor"] = continuation[2]
        values["notice_amount"] = None
    shown = saved_terms(clause, values)
    for name, value in SHOWN_WHEN_UNUSED.items():
        if shown[name] in ("", "term_end", "working_day"):
            shown[name] = value
    shown = {name: shown[name] for name in TERM_FIELDS}
    return {"clause_type": clause.value, **shown}
