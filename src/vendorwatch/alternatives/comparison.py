"""The weighted comparison (Nutzwertanalyse) of one :class:`Comparison`, ready for the page,
the chart and the PDF.

This module reads the database once per comparison and hands plain values to the scoring
engine (``vendorwatch.core.scoring``). What it decides:

Options
    Every offer of the comparison (key ``offer-<pk>``) and, when the comparison names the
    current provider, that provider as the baseline row (key ``current``: "stay").

Scores per criterion kind (0–100; ``None`` = no data, shown as "no data")
    - price: the total cost over the years compared (TCO); the lowest total gets 100, every
      other option ``100 × lowest / own``. An excluded offer never sets the lowest total; an
      offer without any price has no total cost and no price points.
    - sla: the response and resolution times an offer gives (for the most urgent problems)
      against a reference. The reference is, first, the SLA the request for offers asks for;
      else the SLA of the current contract; else the best offer (the shortest time = 100).
      Per time: at or below the reference 100, above it ``100 × reference / offered``; the
      score is the mean of the times the offer states. Days count 8 service hours (24 hours
      when counted in calendar time), minutes 1/60 hour.
    - requirements: the weighted share fulfilled (must 3, should 2, could 1; fulfilled 1,
      partly 0.5, not or not answered 0) of the requirements that apply to the offer's
      provider.
    - references: ``min(100, 25 × comparable references)``.
    - security: ISO 27001 50 + data processing agreement (AVV) 50.
    - location: Germany 100, EU 80, outside the EU 20, not stated: no data.
    - judgement: only what the user enters.
    A score the user entered (``Score``) always replaces the computed one.

The current provider
    sla from its scorecard ("sla" component), price from the cost of staying against the
    offers' totals, security from the current contract (a valid ISO 27001 certificate, a
    signed AVV; "no data" while neither is recorded); every other criterion only from entered
    scores (what it agreed to is not what it delivers).

Exclusion
    An offer that answers "not fulfilled" to a MUST requirement, or does not answer it, is
    excluded, and the requirements are named as the reason.

Total cost (TCO)
    Staying: the current contract's monthly fee over the years. Switching: the offer's prices
    and switching costs, plus what the current contract still costs until its next possible
    end (from the deadline engine), counted in started months.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.alternatives.models import Comparison, Criterion, Offer, OfferAnswer, Score
from vendorwatch.audit.recording import record_created
from vendorwatch.contracts.models import Contract
from vendorwatch.core.scoring import tco as engine_tco
from vendorwatch.core.scoring import weighting
from vendorwatch.core.scoring.sensitivity import sensitivity as engine_sensitivity
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.providers.models import Provider

logger = logging.getLogger(__name__)

CURRENT = "current"
HUNDRED = Decimal("100")
ZERO = Decimal("0")
ONE_PLACE = Decimal("0.1")
CENT = Decimal("0.01")

# The starter criteria of a new comparison: kind, weight (they add up to 100).
STARTER_CRITERIA: tuple[tuple[str, int], ...] = (
    (Criterion.Kind.PRICE, 30),
    (Criterion.Kind.SLA, 20),
    (Criterion.Kind.REQUIREMENTS, 25),
    (Criterion.Kind.REFERENCES, 10),
    (Criterion.Kind.SECURITY, 10),
    (Criterion.Kind.LOCATION, 5),
)
PRIORITY_FACTOR = {
    Requirement.Priority.MUST: Decimal(3),
    Requirement.Priority.SHOULD: Decimal(2),
    Requirement.Priority.COULD: Decimal(1),
}
ANSWER_FACTOR = {
    OfferAnswer.Answer.FULFILLED: Decimal(1),
    OfferAnswer.Answer.PARTLY: Decimal("0.5"),
    OfferAnswer.Answer.NOT: ZERO,
}
LOCATION_SCORE = {
    Offer.Location.GERMANY: Decimal(100),
    Offer.Location.EU: Decimal(80),
    Offer.Location.OUTSIDE_EU: Decimal(20),
}
# Hours of one day of an SLA target: a business day, or a calendar day.
BUSINESS_DAY_HOURS = Decimal(8)
CALENDAR_DAY_HOURS = Decimal(24)


def offer_key(offer: Offer | int) -> str:
    return f"offer-{offer if isinstance(offer, int) else offer.pk}"


def criterion_key(criterion: Criterion) -> str:
    return str(criterion.pk)


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _capped(value: Decimal) -> Decimal:
    return min(HUNDRED, max(ZERO, value))


# --- pure scoring rules (hand-worked in the tests) -------------------------------------------


def relative_to_lowest(
    values: Mapping[str, Decimal | None], *, left_out: Iterable[str] = ()
) -> dict[str, Decimal | None]:
    """Lowest value → 100, every other ``100 × lowest / own`` (price: the lowest TCO wins).

    The keys ``left_out`` (excluded offers) get their points but never set the lowest."""
    skip = set(left_out)
    known = [value for key, value in values.items() if value is not None and key not in skip]
    if not known:
        return dict.fromkeys(values)
    lowest = min(known)
    scores: dict[str, Decimal | None] = {}
    for key, value in values.items():
        if value is None:
            scores[key] = None
        elif value <= lowest:
            scores[key] = HUNDRED
        else:
            scores[key] = _capped(HUNDRED * lowest / value)
    return scores


def time_score(offered: Decimal, reference: Decimal) -> Decimal:
    """At or below the reference 100, above it ``100 × reference / offered``."""
    if offered <= reference:
        return HUNDRED
    return _capped(HUNDRED * reference / offered)


def sla_score(
    offered: tuple[Decimal | None, Decimal | None],
    reference: tuple[Decimal | None, Decimal | None],
) -> Decimal | None:
    """The mean of the response and resolution scores the offer and reference both state."""
    parts = [
        time_score(own, wanted)
        for own, wanted in zip(offered, reference, strict=True)
        if own is not None and wanted is not None
    ]
    if not parts:
        return None
    return sum(parts, ZERO) / len(parts)


def requirements_score(items: Iterable[tuple[str, str | None]]) -> Decimal | None:
    """``items``: (priority, answer or None). The weighted share fulfilled, 0–100."""
    possible = achieved = ZERO
    for priority, answer in items:
        factor = PRIORITY_FACTOR.get(priority, Decimal(1))  # type: ignore[call-overload]
        possible += factor
        achieved += factor * ANSWER_FACTOR.get(answer, ZERO)  # type: ignore[call-overload]
    if not possible:
        return None
    return HUNDRED * achieved / possible


def references_score(count: int) -> Decimal:
    return min(HUNDRED, Decimal(25) * count)


def security_score(offer: Offer) -> Decimal:
    return (Decimal(50) if offer.iso27001 else ZERO) + (
        Decimal(50) if offer.dpa_available else ZERO
    )


def location_score(location: str) -> Decimal | None:
    return LOCATION_SCORE.get(Offer.Location(location)) if location in LOCATION_SCORE else None


def months_until(today: date, end: date | None) -> int:
    """Started months from ``today`` to ``end`` (inclusive): what is still paid."""
    if end is None or end <= today:
        return 0
    months = (end.year - today.year) * 12 + end.month - today.month
    if end.day > today.day:
        months += 1
    return max(months, 0)


def target_hours(amount: int | None, unit: str, basis: str) -> Decimal | None:
    if amount is None:
        return None
    if unit == "minutes":
        return Decimal(amount) / 60
    if unit == "days":
        return Decimal(amount) * (CALENDAR_DAY_HOURS if basis == "calendar" else BUSINESS_DAY_HOURS)
    return Decimal(amount)


# --- what a page shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    offer: Offer | None = None

    @property
    def is_current(self) -> bool:
        return self.offer is None


@dataclass(frozen=True)
class Cell:
    option: Option
    score: Decimal | None
    computed: Decimal | None
    entered: Decimal | None

    @property
    def is_entered(self) -> bool:
        return self.entered is not None

    @property
    def points(self) -> str:
        return points_text(self.score)

    @property
    def computed_points(self) -> str:
        return points_text(self.computed)


@dataclass(frozen=True)
class Row:
    criterion: Criterion
    cells: list[Cell]


@dataclass(frozen=True)
class Remaining:
    """What the current contract still costs until it can end."""

    monthly: Decimal | None
    months: int
    end: date | None
    failed: bool = False  # the contract's terms cannot be computed

    @property
    def amount(self) -> Decimal:
        return (self.monthly or ZERO) * self.months


@dataclass(frozen=True)
class TcoRow:
    """One option's total cost (the engine's ``Tco``) with the parts the page names."""

    option: Option
    tco: engine_tco.Tco
    monthly: Decimal = ZERO
    migration: Decimal = ZERO
    internal: Decimal = ZERO
    parallel: Decimal = ZERO
    parallel_months: int = 0
    internal_hours: Decimal = ZERO


@dataclass(frozen=True)
class Standing:
    option: Option
    total: Decimal | None
    rank: int | None
    excluded: bool
    reason: str

    @property
    def total_rounded(self) -> Decimal | None:
        return rounded(self.total)


@dataclass(frozen=True)
class Sensitive:
    """One criterion's weight and the weights at which the winner changes (the engine gives
    the distances; these are the weights the user would type)."""

    criterion: Criterion
    weight: Decimal
    down_at: Decimal | None
    up_at: Decimal | None
    new_winner_down: Option | None
    new_winner_up: Option | None

    @property
    def robust(self) -> bool:
        return self.down_at is None and self.up_at is None

    @property
    def text(self) -> str:
        return sensitivity_text(self)


@dataclass
class Result:
    comparison: Comparison
    today: date
    options: list[Option]
    rows: list[Row]
    tco_rows: list[TcoRow]
    remaining: Remaining | None
    excluded: dict[str, str]
    standings: list[Standing] = field(default_factory=list)
    winner: Standing | None = None
    sensitivity: list[Sensitive] = field(default_factory=list)
    weight_total: Decimal = ZERO
    weights_ok: bool = True
    failed: bool = False
    sla_reference: str = ""

    @property
    def option_by_key(self) -> dict[str, Option]:
        return {option.key: option for option in self.options}

    @property
    def offers(self) -> list[Option]:
        return [option for option in self.options if not option.is_current]

    @property
    def excluded_options(self) -> list[tuple[Option, str]]:
        return [(o, self.excluded[o.key]) for o in self.options if o.key in self.excluded]

    @property
    def weight_message(self) -> str:
        return weights_message(self.weight_total)

    @property
    def headline(self) -> str:
        if self.winner is None or self.winner.total is None:
            return _("No recommendation yet: no option can be ranked.")
        return _("Recommendation: %(option)s (%(points)s of 100)") % {
            "option": self.winner.option.label,
            "points": points_text(self.winner.total),
        }

    def tco_of(self, key: str) -> TcoRow | None:
        return next((row for row in self.tco_rows if row.option.key == key), None)

    @property
    def gaps(self) -> list[Gap]:
        """Options (not excluded) without points for some weighted criteria: their total
        rests on the others only, which the page says beside the ranking."""
        weighted = [row for row in self.rows if row.criterion.weight > 0]
        gaps = []
        for index, option in enumerate(self.options):
            if option.key in self.excluded:
                continue
            known = sum(1 for row in weighted if row.cells[index].score is not None)
            if known < len(weighted):
                gaps.append(Gap(option, known, len(weighted)))
        return gaps

    @property
    def horizon_months(self) -> int:
        return 12 * self.comparison.years

    @property
    def winner_tco(self) -> Decimal | None:
        row = self.tco_of(self.winner.option.key) if self.winner else None
        return row.tco.total if row else None

    @property
    def ranking_rows(self) -> list[RankingRow]:
        winner = self.winner.option.key if self.winner else None
        rows = []
        for standing in self.standings:
            row = self.tco_of(standing.option.key)
            rows.append(
                RankingRow(
                    standing,
                    row.tco if row else None,
                    "–" if standing.excluded else points_text(standing.total),
                    standing.option.key == winner,
                )
            )
        return rows


@dataclass(frozen=True)
class Gap:
    option: Option
    known: int
    criteria: int

    @property
    def text(self) -> str:
        return _("%(option)s: points for %(known)s of %(criteria)s criteria") % {
            "option": self.option.label,
            "known": self.known,
            "criteria": self.criteria,
        }


@dataclass(frozen=True)
class RankingRow:
    standing: Standing
    tco: engine_tco.Tco | None
    points: str
    winner: bool


def points_text(value: Decimal | None) -> str:
    from django.utils import formats

    if value is None:
        return _("no data")
    number = rounded(value)
    assert number is not None
    places = 0 if number == number.to_integral_value() else 1
    return formats.number_format(number, places, use_l10n=True)


def percent_text(value: Decimal) -> str:
    return points_text(value) + "\N{NO-BREAK SPACE}%"


def weights_message(total: Decimal) -> str:
    return _("The weights add up to %(total)s; they must add up to %(hundred)s.") % {
        "total": percent_text(total),
        "hundred": percent_text(HUNDRED),
    }


def sensitivity_text(shift: Sensitive) -> str:
    """ "Price: 30 % — at 12 % or less the winner changes to B; however high, it stays"."""
    head = _("%(criterion)s: %(weight)s") % {
        "criterion": shift.criterion.name,
        "weight": percent_text(shift.weight),
    }
    if shift.down_at is not None and shift.new_winner_down is not None:
        down = _("at %(limit)s or less the winner changes to %(option)s") % {
            "option": shift.new_winner_down.label,
            "limit": percent_text(shift.down_at),
        }
    else:
        down = _("however low, the winner stays")
    if shift.up_at is not None and shift.new_winner_up is not None:
        up = _("at %(limit)s or more it changes to %(option)s") % {
            "option": shift.new_winner_up.label,
            "limit": percent_text(shift.up_at),
        }
    else:
        up = _("however high, it stays")
    return f"{head} — {down}; {up}"


# --- building the comparison ------------------------------------------------------------------


def option_label(offer: Offer) -> str:
    return f"{offer.provider.name}: {offer.title}"


def current_label(provider: Provider) -> str:
    return _("%(name)s (current provider)") % {"name": provider.name}


def comparison_offers(comparison: Comparison) -> list[Offer]:
    return list(
        comparison.offers.select_related("provider", "request__sla_policy").prefetch_related(
            "prices", "answers"
        )
    )


def comparison_options(comparison: Comparison, offers: list[Offer]) -> list[Option]:
    options = []
    if comparison.current_provider is not None:
        options.append(Option(CURRENT, current_label(comparison.current_provider)))
    options += [Option(offer_key(offer), option_label(offer), offer) for offer in offers]
    return options


def applicable_requirements(provider: Provider, requirements: list[Requirement]) -> list[Any]:
    return [r for r in requirements if r.applies_to(provider)]


def missing_prices(offer: Offer, needed: list[Service]) -> list[Service]:
    """The needed services the offer names no price for (0 € entered counts as a price)."""
    priced = {price.service_id for price in offer.prices.all()}
    return [service for service in needed if service.pk not in priced]


def exclusion_reason(
    offer: Offer, requirements: list[Requirement], needed: list[Service] | None = None
) -> str:
    """Why the offer is out, or "": the MUST requirements it does not fulfil or answer, or
    the needed services it gives no price for (its total cost would look lower than it is).

    Every requirement counts, as in the request for offers and the answers form: one that is
    meant for particular providers only is still asked of every candidate."""
    answers = {answer.requirement_id: answer.answer for answer in offer.answers.all()}
    failed = [
        requirement.title
        for requirement in requirements
        if requirement.priority == Requirement.Priority.MUST
        and answers.get(requirement.pk) in (None, OfferAnswer.Answer.NOT)
    ]
    if failed:
        if len(failed) == 1:
            return _("Does not fulfil the must requirement “%(name)s”.") % {"name": failed[0]}
        return _("Does not fulfil the must requirements %(names)s.") % {
            "names": ", ".join(_("“%(name)s”") % {"name": title} for title in failed)
        }
    missing = missing_prices(offer, needed or [])
    if missing:
        return ngettext(
            "Incomplete: no price for %(count)s needed service (%(names)s).",
            "Incomplete: no price for %(count)s needed services (%(names)s).",
            len(missing),
        ) % {"count": len(missing), "names": ", ".join(s.name for s in missing[:3])}
    return ""


def offer_requirements_score(offer: Offer, requirements: list[Requirement]) -> Decimal | None:
    answers = {answer.requirement_id: answer.answer for answer in offer.answers.all()}
    return requirements_score((r.priority, answers.get(r.pk)) for r in requirements)


def current_security_score(contract: Contract, today: date) -> Decimal | None:
    """As for an offer, from the current contract: a valid ISO 27001 certificate 50, a
    signed data processing agreement (AVV) 50; neither recorded: no data."""
    certified = contract.certificates.filter(
        name__icontains="27001", valid_until__gte=today
    ).exists()
    if not certified and not contract.avv_present:
        return None
    return (Decimal(50) if certified else ZERO) + (Decimal(50) if contract.avv_present else ZERO)


def policy_hours(policy: Any) -> tuple[Decimal | None, Decimal | None] | None:
    """Response and resolution hours of the most urgent priority of a policy's current
    version, or ``None`` when it has none."""
    if policy is None:
        return None
    version = policy.current_version or policy.latest_version
    if version is None:
        return None
    priority = version.priorities.order_by("rank").first()
    if priority is None:
        return None
    return (
        target_hours(priority.response_amount, priority.response_unit, priority.response_basis),
        target_hours(
            priority.resolution_amount, priority.resolution_unit, priority.resolution_basis
        ),
    )


def sla_reference(
    comparison: Comparison, offers: list[Offer]
) -> tuple[tuple[Decimal | None, Decimal | None], str]:
    """The times the offers are measured against, and a sentence that says where from."""
    for offer in offers:
        policy = offer.request.sla_policy if offer.request else None
        hours = policy_hours(policy)
        if hours is not None:
            return hours, _(
                "Measured against the times the request for offers asks for (%(sla)s)."
            ) % {"sla": policy}
    contract = comparison.current_contract
    hours = policy_hours(contract.sla_policy if contract else None)
    if hours is not None and contract is not None:
        return hours, _("Measured against the SLA of the current contract (%(sla)s).") % {
            "sla": contract.sla_policy
        }
    responses = [o.response_hours for o in offers if o.response_hours is not None]
    resolutions = [o.resolution_hours for o in offers if o.resolution_hours is not None]
    best = (min(responses, default=None), min(resolutions, default=None))
    return best, _("No SLA to measure against: the best offer's times count as 100.")


def remaining_cost(comparison: Comparison, today: date) -> Remaining | None:
    from vendorwatch.contracts.deadlines import contract_deadline

    contract = comparison.current_contract
    if contract is None:
        return None
    monthly = contract.monthly_fee
    row = contract_deadline(contract, today)
    if row.failed:
        return Remaining(monthly, 0, None, failed=True)
    end = row.result.next_possible_end if row.result else None
    return Remaining(monthly, months_until(today, end), end)


def _offer_tco(comparison: Comparison, offer: Offer, remaining: Remaining | None) -> TcoRow:
    prices = list(offer.prices.all())
    monthly = sum((p.monthly for p in prices), ZERO)
    current_monthly = remaining.monthly if remaining and remaining.monthly is not None else ZERO
    months_until = remaining.months if remaining else 0
    tco = engine_tco.switch_tco(
        years=comparison.years,
        one_off=sum((p.one_off for p in prices), ZERO),
        monthly=monthly,
        migration=offer.migration_cost,
        internal_hours=offer.internal_effort_hours,
        hourly_rate=comparison.hourly_rate,
        parallel_months=offer.parallel_run_months,
        current_monthly=current_monthly,
        months_until_current_ends=months_until,
    )
    # The months both providers are paid: the new one's months beyond those after the end.
    overlap = max(tco.months_new - max(12 * comparison.years - months_until, 0), 0)
    return TcoRow(
        Option(offer_key(offer), option_label(offer), offer),
        tco,
        monthly=monthly,
        migration=offer.migration_cost,
        internal=(offer.internal_effort_hours * comparison.hourly_rate).quantize(CENT),
        internal_hours=offer.internal_effort_hours,
        parallel=(monthly * overlap).quantize(CENT),
        parallel_months=overlap,
    )


def build_comparison(comparison: Comparison, *, today: date) -> Result:
    """Everything the page shows, computed from the stored records; never raises for them."""
    offers = comparison_offers(comparison)
    options = comparison_options(comparison, offers)
    by_key = {option.key: option for option in options}
    criteria = list(comparison.criteria.all())
    entered = {
        (score.criterion_id, offer_key(score.offer_id) if score.offer_id else CURRENT): score.value
        for score in Score.objects.filter(criterion__comparison=comparison)
    }
    requirements = list(Requirement.objects.prefetch_related("providers"))
    needed = list(Service.objects.filter(needed=True).order_by("name"))
    remaining = remaining_cost(comparison, today)

    # Total cost of ownership.
    tco_rows: list[TcoRow] = []
    if comparison.current_provider is not None:
        monthly = remaining.monthly if remaining else None
        if monthly is not None:
            stay = engine_tco.stay_tco(years=comparison.years, current_monthly=monthly)
            tco_rows.append(TcoRow(by_key[CURRENT], stay, monthly=monthly))
    for offer in offers:
        if missing_prices(offer, needed) or not offer.prices.all():
            # Prices missing: a total would look lower than it is; the offer is excluded.
            continue
        try:
            tco_rows.append(_offer_tco(comparison, offer, remaining))
        except ValueError:  # a stored value the engine refuses: no total for this offer
            logger.exception("offer %s: total cost cannot be computed", offer.pk)
    excluded = {}
    for offer in offers:
        reason = exclusion_reason(offer, requirements, needed)
        if reason:
            excluded[offer_key(offer)] = reason

    tco_totals: dict[str, Decimal | None] = dict.fromkeys(by_key)
    tco_totals.update({row.option.key: row.tco.total for row in tco_rows})

    # Computed scores per kind.
    reference, reference_text = sla_reference(comparison, offers)
    computed: dict[str, dict[str, Decimal | None]] = {
        Criterion.Kind.PRICE: relative_to_lowest(tco_totals, left_out=excluded),
        Criterion.Kind.SLA: {
            offer_key(o): sla_score((o.response_hours, o.resolution_hours), reference)
            for o in offers
        },
        Criterion.Kind.REQUIREMENTS: {
            offer_key(o): offer_requirements_score(o, requirements) for o in offers
        },
        Criterion.Kind.REFERENCES: {
            offer_key(o): references_score(o.reference_count) for o in offers
        },
        Criterion.Kind.SECURITY: {offer_key(o): security_score(o) for o in offers},
        Criterion.Kind.LOCATION: {offer_key(o): location_score(o.data_location) for o in offers},
    }
    if comparison.current_provider is not None:
        current = comparison.current_provider
        computed[Criterion.Kind.SLA][CURRENT] = _scorecard_sla(current, today)
        if comparison.current_contract is not None:
            computed[Criterion.Kind.SECURITY][CURRENT] = current_security_score(
                comparison.current_contract, today
            )

    rows = []
    for criterion in criteria:
        cells = []
        for option in options:
            own = computed.get(criterion.kind, {}).get(option.key)
            typed = entered.get((criterion.pk, option.key))
            cells.append(Cell(option, typed if typed is not None else own, own, typed))
        rows.append(Row(criterion, cells))

    result = Result(
        comparison=comparison,
        today=today,
        options=options,
        rows=rows,
        tco_rows=tco_rows,
        remaining=remaining,
        excluded=excluded,
        sla_reference=reference_text,
    )
    rank(result)
    return result


def _scorecard_sla(provider: Provider, today: date) -> Decimal | None:
    try:
        from vendorwatch.alternatives.scorecard import provider_scorecard

        component = provider_scorecard(provider, today=today).component("sla")
        score = component.score if component is not None else None
    except Exception:  # the scorecard of stored records it cannot compute: no data here
        logger.exception("scorecard of provider %s cannot be computed", provider.pk)
        return None
    return None if score is None else Decimal(score)


def engine_inputs(
    result: Result,
) -> tuple[dict[str, Decimal], dict[str, dict[str, Decimal | None]]]:
    weights = {criterion_key(row.criterion): row.criterion.weight for row in result.rows}
    scores: dict[str, dict[str, Decimal | None]] = {o.key: {} for o in result.options}
    for row in result.rows:
        for cell in row.cells:
            scores[cell.option.key][criterion_key(row.criterion)] = cell.score
    return weights, scores


def rank(result: Result, weights: Mapping[str, Decimal] | None = None) -> Result:
    """Rank the options by their weighted totals (and the sensitivity of the winner)."""
    stored, scores = engine_inputs(result)
    weights = dict(weights) if weights is not None else stored
    result.weight_total = sum(weights.values(), ZERO)
    result.standings, result.winner, result.sensitivity = [], None, []
    try:
        weighting.check_weights(weights)
    except weighting.WeightError as error:
        result.weight_total = Decimal(error.total)
        result.weights_ok = False
        return result
    result.weights_ok = True
    by_key = result.option_by_key
    try:
        ranked = weighting.rank_options(weights, scores, result.excluded)
        best = weighting.winner(ranked)
        shifts = engine_sensitivity(weights, scores, result.excluded)
    except Exception:  # stored values the engine cannot compute: said so on the page
        logger.exception("comparison %s cannot be ranked", result.comparison.pk)
        result.failed = True
        return result
    result.standings = [
        Standing(by_key[r.option], r.total, r.rank, r.excluded, r.reason or "") for r in ranked
    ]
    result.winner = next((s for s in result.standings if s.option.key == best), None)
    criteria = {criterion_key(row.criterion): row.criterion for row in result.rows}
    result.sensitivity = [
        Sensitive(
            criteria[shift.criterion],
            shift.weight,
            None if shift.down is None else shift.weight - shift.down,
            None if shift.up is None else shift.weight + shift.up,
            by_key.get(shift.new_winner_down) if shift.new_winner_down else None,
            by_key.get(shift.new_winner_up) if shift.new_winner_up else None,
        )
        for shift in shifts
        if shift.criterion in criteria
    ]
    return result


def starter_criteria(comparison: Comparison) -> list[Criterion]:
    """The starter set of a new comparison (price 30, SLA 20, requirements 25, references 10,
    security 10, location 5), named in the language of the user who creates it."""
    labels = dict(Criterion.Kind.choices)
    return record_created(
        Criterion.objects.bulk_create(
            Criterion(
                comparison=comparison,
                kind=kind,
                name=capfirst(str(labels[kind])),
                weight=Decimal(weight),
                position=position,
            )
            for position, (kind, weight) in enumerate(STARTER_CRITERIA, start=1)
        )
    )
