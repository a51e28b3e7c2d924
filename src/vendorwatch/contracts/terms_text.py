"""A contract's terms as the contract page writes them: "24 Monate", "1 Monat zum Monatsende",
one line per thing the clause type uses, every number with its word in the right number."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.contracts.clause_types import ClauseType, clause_type_of, shown_terms
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.templatetags.contracts_tags import period

C = ClauseType


def working_day_text(nth: int | None, months_after: int | None) -> str:
    """ "bis zum 3. Werktag eines Monats, zum Ende des Monats 2 Monate danach"."""
    months = months_after or 0
    if not months:
        return _("notice by working day %(nth)s of a month, to the end of that month") % {
            "nth": nth or "–"
        }
    return ngettext(
        "notice by working day %(nth)s of a month, to the end of the month %(months)d month later",
        "notice by working day %(nth)s of a month, to the end of the month %(months)d months later",
        months,
    ) % {"nth": nth or "–", "months": months}


def _to(amount: int | None, unit: str, anchor: str) -> str:
    """ "1 Monat zum Monatsende"."""
    if amount is None:
        return "–"
    anchor_label = dict(Contract.Anchor.choices).get(anchor, "")
    return f"{period(amount, unit)} {anchor_label}"


def terms_facts(contract: Contract) -> list[tuple[str, str]]:
    """(label, value) for each term the contract's clause type uses."""
    clause = clause_type_of(contract)
    # The form's view of the terms: what an old record stored another way reads as its type.
    terms: dict[str, Any] = shown_terms(contract)
    facts = [(_("How the contract ends"), str(clause.label))]
    minimum = terms["minimum_term_amount"]
    if clause == C.FIXED:
        facts.append((_("Term"), period(minimum, terms["minimum_term_unit"])))
        return facts
    if minimum is not None:
        facts.append((_("Minimum term"), period(minimum, terms["minimum_term_unit"])))
    if clause == C.RENEWS:
        renewal = period(terms["renewal_term_amount"], terms["renewal_term_unit"])
        facts.append((_("Renews each time by"), renewal))
        notice = _to(terms["notice_amount"], terms["notice_unit"], "term_end")
        facts.append((_("Notice period"), notice))
    elif clause == C.OPEN_ENDED:
        notice = _to(terms["notice_amount"], terms["notice_unit"], terms["notice_anchor"])
        facts.append((_("Notice period"), notice))
    elif clause == C.MINIMUM_THEN_OPEN:
        if terms["notice_amount"] is not None:
            initial = period(terms["notice_amount"], terms["notice_unit"])
            facts.append((_("Notice to the end of the minimum term"), initial))
        after = _to(
            terms["continuation_notice_amount"],
            terms["continuation_notice_unit"],
            terms["continuation_notice_anchor"],
        )
        facts.append((_("Notice period after the minimum term"), after))
    elif clause == C.WORKING_DAY:
        text = working_day_text(terms["working_day_nth"], terms["working_day_months_after"])
        facts.append((_("Notice period"), text))
    elif clause == C.STATUTORY:
        pay = dict(Contract.PayPeriod.choices).get(terms["pay_period"], "–")
        text = _("as the law provides (§ 621 BGB); the pay is measured %(pay)s") % {"pay": pay}
        facts.append((_("Notice period"), text))
    return facts
