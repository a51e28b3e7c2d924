"""The weighted comparison computed from stored offers: points per criterion kind against
hand-worked examples, exclusion, total cost with the current contract's remaining cost, the
current provider's row, entered points, and the ranking.

The two offers of :func:`two_offers` (3 years, no current provider), worked by hand:

=============  ==========================  ==========================
               A (Germany, ISO, AVV)       B (EU, AVV)
=============  ==========================  ==========================
TCO            500 + 36 × 1,000 + 2,000    36 × 800 = 28,800
               + 10 h × 60 = 39,100
price          100 × 28,800 / 39,100       100
               = 73.66
SLA (2 h/8 h)  best: 2 h / 8 h → 100       4 h / 8 h → (50 + 100)/2 = 75
requirements   must yes, should partly,    all yes → 100
               could no → (3+1+0)/6=66.67
references     2 → 50                      5 → 100
security       100                         50
location       100                         80
total          22.10+20+16.67+5+10+5       30+15+25+10+5+4 = 89.0
               = 78.8
=============  ==========================  ==========================
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import translation

from vendorwatch.alternatives import comparison as service
from vendorwatch.alternatives.compare_forms import ComparisonForm, DecisionForm
from vendorwatch.alternatives.comparison import (
    CURRENT,
    build_comparison,
    current_security_score,
    months_until,
    offer_key,
    relative_to_lowest,
    requirements_score,
    sla_score,
    starter_criteria,
)
from vendorwatch.alternatives.models import Comparison, Criterion, Offer, Score
from vendorwatch.alternatives.tests.factory import (
    add_answer,
    add_price,
    make_comparison,
    make_needed_service,
    make_offer,
    make_requirement,
)
from vendorwatch.contracts.models import Certificate, Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

TODAY = date(2026, 12, 6)


@pytest.fixture(autouse=True)
def _in_german() -> Iterator[None]:
    """The texts as the German user reads them (the default language)."""
    with translation.override("de"):
        yield


def two_offers(**comparison_fields: Any) -> tuple[Comparison, Offer, Offer]:
    """Offers A and B of the module docstring, in a comparison with the starter criteria."""
    must = make_requirement(title="Datensicherung täglich", priority="must")
    should = make_requirement(title="Fernwartung", priority="should")
    could = make_requirement(title="Schulung", priority="could")
    service_ = make_needed_service(name="Arbeitsplatzbetreuung")
    a = make_offer(
        make_provider(name="Alpha IT", status="candidate"),
        title="Angebot Alpha",
        response_hours=Decimal("2"),
        resolution_hours=Decimal("8"),
        reference_count=2,
        iso27001=True,
        dpa_available=True,
        data_location=Offer.Location.GERMANY,
        migration_cost=Decimal("2000"),
        internal_effort_hours=Decimal("10"),
        parallel_run_months=1,
    )
    add_price(a, service_, monthly="1000", one_off="500")
    for requirement, answer in ((must, "yes"), (should, "partly"), (could, "no")):
        add_answer(a, requirement, answer)
    b = make_offer(
        make_provider(name="Beta Systemhaus", status="candidate"),
        title="Angebot Beta",
        response_hours=Decimal("4"),
        resolution_hours=Decimal("8"),
        reference_count=5,
        dpa_available=True,
        data_location=Offer.Location.EU,
    )
    add_price(b, service_, monthly="800")
    for requirement in (must, should, could):
        add_answer(b, requirement, "yes")
    comparison_fields.setdefault("years", 3)
    comparison_fields.setdefault("hourly_rate", Decimal("60"))
    comparison = make_comparison(a, b, **comparison_fields)
    starter_criteria(comparison)
    return comparison, a, b


def cell(result: service.Result, kind: str, key: str) -> service.Cell:
    row = next(row for row in result.rows if row.criterion.kind == kind)
    return next(c for c in row.cells if c.option.key == key)


def points(result: service.Result, kind: str, key: str) -> Decimal | None:
    return service.rounded(cell(result, kind, key).score)


# --- the rules on their own ------------------------------------------------------------------


def test_price_points_give_the_lowest_total_100_and_the_others_their_share() -> None:
    scores = relative_to_lowest({"a": Decimal("39100"), "b": Decimal("28800"), "c": None})
    assert scores["b"] == 100
    assert service.rounded(scores["a"]) == Decimal("73.7")
    assert scores["c"] is None


def test_sla_points_are_the_mean_of_response_and_resolution_against_the_reference() -> None:
    assert sla_score((Decimal(4), Decimal(8)), (Decimal(2), Decimal(8))) == 75
    assert sla_score((Decimal(1), None), (Decimal(2), Decimal(8))) == 100
    assert sla_score((None, None), (Decimal(2), Decimal(8))) is None


def test_requirement_points_weigh_must_three_should_two_could_one() -> None:
    score = requirements_score([("must", "yes"), ("should", "partly"), ("could", "no")])
    assert service.rounded(score) == Decimal("66.7")
    assert requirements_score([("must", None)]) == 0
    assert requirements_score([]) is None


def test_months_until_the_end_count_a_started_month_as_a_whole() -> None:
    assert months_until(date(2026, 9, 1), date(2026, 12, 31)) == 4
    assert months_until(date(2026, 12, 6), date(2027, 3, 6)) == 3
    assert months_until(date(2026, 12, 6), date(2026, 12, 1)) == 0
    assert months_until(date(2026, 12, 6), None) == 0


# --- computed from stored offers ---------------------------------------------------------------


@pytest.mark.django_db
def test_every_kind_of_criterion_is_computed_as_worked_by_hand() -> None:
    comparison, a, b = two_offers()
    result = build_comparison(comparison, today=TODAY)
    ka, kb = offer_key(a), offer_key(b)
    expected = {
        "price": (Decimal("73.7"), Decimal("100.0")),
        "sla": (Decimal("100.0"), Decimal("75.0")),
        "requirements": (Decimal("66.7"), Decimal("100.0")),
        "references": (Decimal("50.0"), Decimal("100.0")),
        "security": (Decimal("100.0"), Decimal("50.0")),
        "location": (Decimal("100.0"), Decimal("80.0")),
    }
    for kind, (for_a, for_b) in expected.items():
        assert (points(result, kind, ka), points(result, kind, kb)) == (for_a, for_b), kind


@pytest.mark.django_db
def test_the_offers_are_ranked_by_their_weighted_totals() -> None:
    comparison, a, b = two_offers()
    result = build_comparison(comparison, today=TODAY)
    assert [(s.option.key, s.total, s.rank) for s in result.standings] == [
        (offer_key(b), Decimal("89.0"), 1),
        (offer_key(a), Decimal("78.8"), 2),
    ]
    assert result.winner is not None and result.winner.option.offer == b
    assert result.headline == "Empfehlung: Beta Systemhaus: Angebot Beta (89 von 100)"


@pytest.mark.django_db
def test_data_held_where_the_offer_does_not_say_gives_no_data() -> None:
    comparison, a, _b = two_offers()
    Offer.objects.filter(pk=a.pk).update(data_location=Offer.Location.UNKNOWN)
    result = build_comparison(comparison, today=TODAY)
    assert cell(result, "location", offer_key(a)).score is None


@pytest.mark.django_db
def test_sla_points_are_measured_against_the_current_contracts_sla() -> None:
    provider = make_provider(name="Brandl IT")
    contract = make_contract(provider=provider, sla_policy=make_policy(provider=provider))
    comparison, a, b = two_offers(current_provider=provider, current_contract=contract)
    result = build_comparison(comparison, today=TODAY)
    # P1 of the policy: response 30 minutes, resolution 4 hours.
    # A: 2 h → 25, 8 h → 50: 37.5; B: 4 h → 12.5, 8 h → 50: 31.25.
    assert points(result, "sla", offer_key(a)) == Decimal("37.5")
    assert points(result, "sla", offer_key(b)) == Decimal("31.3")
    assert "SLA" in result.sla_reference


@pytest.mark.django_db
def test_an_offer_that_says_no_to_a_must_requirement_is_excluded_with_the_reason() -> None:
    comparison, a, _b = two_offers()
    a.answers.filter(requirement__priority="must").update(answer="no")
    result = build_comparison(comparison, today=TODAY)
    assert result.excluded == {
        offer_key(a): "Erfüllt die Muss-Anforderung „Datensicherung täglich“ nicht."
    }
    standing = next(s for s in result.standings if s.option.key == offer_key(a))
    assert standing.excluded and standing.rank is None
    assert standing.reason == result.excluded[offer_key(a)]


def test_an_excluded_offer_does_not_set_the_lowest_price() -> None:
    scores = relative_to_lowest({"a": Decimal(50), "b": Decimal(100)}, left_out=["a"])
    assert scores == {"a": 100, "b": 100}


@pytest.mark.django_db
def test_an_offer_without_prices_has_no_total_cost_and_no_price_points() -> None:
    comparison, a, b = two_offers()
    b.prices.all().delete()
    result = build_comparison(comparison, today=TODAY)
    assert result.tco_of(offer_key(b)) is None
    assert cell(result, "price", offer_key(b)).score is None
    assert cell(result, "price", offer_key(a)).score == 100


@pytest.mark.django_db
def test_an_offer_that_does_not_answer_a_must_requirement_is_excluded_too() -> None:
    comparison, _a, b = two_offers()
    b.answers.filter(requirement__priority="must").delete()
    result = build_comparison(comparison, today=TODAY)
    assert "Datensicherung täglich" in result.excluded[offer_key(b)]
    assert result.winner is not None and result.winner.option.key != offer_key(b)


@pytest.mark.django_db
def test_total_cost_counts_prices_switching_costs_and_parallel_running() -> None:
    comparison, a, b = two_offers()
    result = build_comparison(comparison, today=TODAY)
    row = result.tco_of(offer_key(a))
    assert row is not None
    assert (row.tco.one_off, row.tco.running, row.tco.switching) == (500, 36_000, 2_600)
    assert (row.migration, row.internal, row.tco.total) == (2_000, 600, 39_100)
    other = result.tco_of(offer_key(b))
    assert other is not None and other.tco.total == 28_800


@pytest.mark.django_db
def test_a_switch_adds_what_the_current_contract_costs_until_its_next_possible_end() -> None:
    provider = make_provider(name="Brandl IT")
    # A fixed term from 01.01.2025 for 24 months: it ends on 31.12.2026.
    contract = make_contract(
        provider=provider,
        after_minimum_term=Contract.AfterMinimum.ENDS,
        fee=Decimal("500"),
    )
    today = date(2026, 9, 1)
    assert contract.deadline(today).next_possible_end == date(2026, 12, 31)
    comparison, a, b = two_offers(current_provider=provider, current_contract=contract)
    result = build_comparison(comparison, today=today)
    assert result.remaining is not None and result.remaining.months == 4
    for offer in (a, b):
        row = result.tco_of(offer_key(offer))
        assert row is not None and row.tco.remaining_current == Decimal("2000.00")
    stay = result.tco_of(CURRENT)
    assert stay is not None and stay.tco.total == 36 * 500
    # B: 4 × 500 still paid, then 32 months of B (no parallel running).
    row_b = result.tco_of(offer_key(b))
    assert row_b is not None and row_b.tco.total == 2000 + 32 * 800


@pytest.mark.django_db
def test_the_current_provider_row_takes_sla_from_its_scorecard_and_price_from_staying(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    provider = make_provider(name="Brandl IT")
    contract = make_contract(provider=provider, fee=Decimal("700"))
    card = SimpleNamespace(
        component=lambda key: SimpleNamespace(score=Decimal("64")) if key == "sla" else None
    )
    monkeypatch.setattr(
        "vendorwatch.alternatives.scorecard.provider_scorecard", lambda p, *, today: card
    )
    comparison, _a, _b = two_offers(current_provider=provider, current_contract=contract)
    result = build_comparison(comparison, today=TODAY)
    assert result.options[0].key == CURRENT
    assert result.options[0].label == "Brandl IT (bisheriger Dienstleister)"
    assert points(result, "sla", CURRENT) == Decimal("64.0")
    assert points(result, "price", CURRENT) == Decimal("100.0")  # 36 × 700 = 25,200: lowest
    for kind in ("requirements", "references", "security", "location"):
        assert cell(result, kind, CURRENT).score is None, kind


@pytest.mark.django_db
def test_an_entered_score_replaces_the_computed_one() -> None:
    comparison, a, _b = two_offers()
    security = comparison.criteria.get(kind=Criterion.Kind.SECURITY)
    Score.objects.create(criterion=security, offer=a, value=Decimal("20"))
    result = build_comparison(comparison, today=TODAY)
    entered = cell(result, "security", offer_key(a))
    assert (entered.score, entered.computed, entered.is_entered) == (20, 100, True)


@pytest.mark.django_db
def test_a_judgement_criterion_counts_only_entered_points() -> None:
    comparison, a, b = two_offers()
    judgement = Criterion.objects.create(
        comparison=comparison, kind="judgement", name="Eindruck", weight=0, position=9
    )
    Score.objects.create(criterion=judgement, offer=b, value=Decimal("90"))
    result = build_comparison(comparison, today=TODAY)
    assert cell(result, "judgement", offer_key(a)).score is None
    assert cell(result, "judgement", offer_key(b)).score == 90


@pytest.mark.django_db
def test_the_sensitivity_names_the_weight_at_which_the_winner_changes() -> None:
    comparison, a, _b = two_offers()
    result = build_comparison(comparison, today=TODAY)
    security = next(s for s in result.sensitivity if s.criterion.kind == "security")
    assert security.down_at is None
    assert security.up_at is not None and security.new_winner_up is not None
    assert security.new_winner_up.offer == a
    assert security.text.replace("\N{NO-BREAK SPACE}", " ") == (
        "Sicherheit und Datenschutz: 10 % — auch bei weniger bleibt der Sieger; "
        "bei 25,2 % oder mehr wechselt er zu Alpha IT: Angebot Alpha"
    )


@pytest.mark.django_db
def test_stored_weights_that_do_not_add_up_give_a_message_and_no_ranking() -> None:
    comparison, _a, _b = two_offers()
    comparison.criteria.filter(kind="price").update(weight=Decimal("25"))
    result = build_comparison(comparison, today=TODAY)
    assert not result.weights_ok
    assert result.standings == [] and result.winner is None
    assert result.weight_message.replace("\N{NO-BREAK SPACE}", " ") == (
        "Die Gewichte ergeben zusammen 95 %, sie müssen 100 % ergeben."
    )


def test_the_current_provider_scores_security_from_its_contract(db) -> None:
    contract = make_contract(avv_present=True)
    Certificate.objects.create(
        contract=contract, name="ISO/IEC 27001", valid_until=date(2027, 6, 30)
    )
    assert current_security_score(contract, date(2026, 12, 6)) == Decimal(100)
    assert current_security_score(contract, date(2027, 7, 1)) == Decimal(50)


@pytest.mark.django_db
def test_an_offer_without_a_price_for_a_needed_service_is_excluded_as_incomplete() -> None:
    comparison, _a, b = two_offers()
    make_needed_service(name="Server")
    add_price(_a, Service.objects.get(name="Server"), monthly="0")
    result = build_comparison(comparison, today=TODAY)
    assert result.excluded[offer_key(b)] == (
        "Unvollständig: kein Preis für 1 benötigte Leistung (Server)."
    )
    assert result.tco_of(offer_key(b)) is None


@pytest.mark.django_db
def test_a_must_requirement_meant_for_other_providers_still_excludes_a_candidate() -> None:
    comparison, a, _b = two_offers()
    must = Requirement.objects.get(title="Datensicherung täglich")
    must.for_all_providers = False
    must.save()
    must.providers.set([make_provider(name="Bisher GmbH")])
    a.answers.filter(requirement=must).update(answer="no")
    result = build_comparison(comparison, today=TODAY)
    assert offer_key(a) in result.excluded


@pytest.mark.django_db
def test_an_excluded_offer_cannot_be_chosen_as_the_decision() -> None:
    comparison, a, b = two_offers()
    a.answers.filter(requirement__priority="must").update(answer="no")
    result = build_comparison(comparison, today=TODAY)
    form = DecisionForm(
        {"choice": str(a.pk), "reason": "billig", "decided_on": "06.12.2026"}, result=result
    )
    assert not form.is_valid()
    assert str(b.pk) in dict(form.fields["choice"].choices)


@pytest.mark.django_db
def test_the_offer_decided_for_cannot_be_taken_out_of_the_comparison() -> None:
    comparison, a, b = two_offers()
    comparison.decided_offer = a
    comparison.save()
    data = {"title": comparison.title, "offers": [b.pk], "years": "3", "hourly_rate": "60"}
    form = ComparisonForm(data, instance=comparison)
    assert not form.is_valid()
    assert "offers" in form.errors
