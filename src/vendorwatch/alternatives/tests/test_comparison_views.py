"""The comparison's pages: creating one with the starter criteria, the answer first, weights
in place (htmx) and without script, entered points, own criteria, the decision, the chart,
what a viewer may do, and stored values no form would let through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.alternatives.comparison import offer_key
from vendorwatch.alternatives.models import Comparison, Criterion, Offer, OfferPrice, Score
from vendorwatch.alternatives.tests.factory import make_offer
from vendorwatch.alternatives.tests.test_comparison_scores import two_offers
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db
NBSP = "\N{NO-BREAK SPACE}"


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, comparison: Comparison) -> str:
    return reverse(f"alternatives-comparison-{name}", args=[comparison.pk])


def weights_data(comparison: Comparison, **by_kind: str) -> dict[str, str]:
    return {
        f"weight-{c.pk}": by_kind.get(c.kind, str(c.weight).replace(".", ","))
        for c in comparison.criteria.all()
    }


def text(response: Any) -> str:
    return response.content.decode().replace(NBSP, " ")


def test_a_new_comparison_starts_with_the_starter_criteria(editor: Any) -> None:
    offer = make_offer()
    response = logged_in(editor).post(
        reverse("alternatives-comparison-add"),
        {
            "title": "Neuer IT-Dienstleister",
            "offers": [offer.pk],
            "years": "3",
            "hourly_rate": "60",
        },
    )
    comparison = Comparison.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", comparison)
    weights = {c.kind: c.weight for c in comparison.criteria.all()}
    assert weights == {
        "price": 30,
        "sla": 20,
        "requirements": 25,
        "references": 10,
        "security": 10,
        "location": 5,
    }
    assert list(comparison.offers.all()) == [offer]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hourly_rate", "-60", "größer oder gleich 0"),
        ("years", "0", "größer oder gleich 1"),
        ("years", "40", "kleiner oder gleich 10"),
        ("hourly_rate", "1e9", "Zahl"),
    ],
)
def test_negative_rates_and_absurd_terms_are_refused_with_a_message(
    editor: Any, field: str, value: str, message: str
) -> None:
    data = {"title": "Vergleich", "years": "3", "hourly_rate": "60", field: value}
    response = logged_in(editor).post(reverse("alternatives-comparison-add"), data)
    assert response.status_code == 200
    assert message in text(response)
    assert not Comparison.objects.exists()


def test_a_contract_of_another_provider_is_refused(editor: Any) -> None:
    contract = Contract.objects.create(
        provider=make_provider(), title="Altvertrag", start_date=date(2025, 1, 1)
    )
    data = {
        "title": "Vergleich",
        "years": "3",
        "hourly_rate": "60",
        "current_provider": make_provider().pk,
        "current_contract": contract.pk,
    }
    response = logged_in(editor).post(reverse("alternatives-comparison-add"), data)
    assert "nicht mit dem bisherigen Dienstleister" in text(response)


def test_the_page_leads_with_the_recommendation(editor: Any) -> None:
    comparison, _a, _b = two_offers()
    page = text(logged_in(editor).get(url("detail", comparison)))
    answer = page.index("Empfehlung: Beta Systemhaus: Angebot Beta (89 von 100)")
    assert answer < page.index('id="ranking"') < page.index('id="weights"') < page.index('id="tco"')
    assert "28.800,00 €" in page and "39.100,00 €" in page


def test_weights_that_add_up_to_95_percent_are_refused_and_nothing_is_saved(
    editor: Any,
) -> None:
    comparison, _a, _b = two_offers()
    data = weights_data(comparison, price="25")
    response = logged_in(editor).post(url("weights", comparison), data)
    assert response.status_code == 200
    assert "Die Gewichte ergeben zusammen 95 %, sie müssen 100 % ergeben." in text(response)
    assert comparison.criteria.get(kind="price").weight == 30


def test_weights_from_the_page_answer_with_the_new_ranking_in_place(editor: Any) -> None:
    comparison, _a, _b = two_offers()
    data = weights_data(comparison, price="5", security="35")
    response = logged_in(editor).post(url("weights", comparison), data, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "<html" not in page  # a fragment
    assert "Empfehlung: Alpha IT: Angebot Alpha (85,3 von 100)" in page
    assert 'id="weights-status" hx-swap-oob' in page
    assert comparison.criteria.get(kind="security").weight == 35


def test_refused_weights_from_the_page_keep_the_saved_ranking(editor: Any) -> None:
    comparison, _a, _b = two_offers()
    data = weights_data(comparison, price="5")
    response = logged_in(editor).post(url("weights", comparison), data, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "Die Gewichte ergeben zusammen 75 %" in page
    assert "Empfehlung: Beta Systemhaus" in page


def test_weights_without_script_are_saved_and_the_page_shown_again(editor: Any) -> None:
    comparison, _a, _b = two_offers()
    response = logged_in(editor).post(
        url("weights", comparison), weights_data(comparison, price="5", security="35")
    )
    assert response.status_code == 302 and response["Location"] == url("detail", comparison)
    assert comparison.criteria.get(kind="price").weight == 5


def test_entered_points_are_saved_and_an_empty_field_removes_them(editor: Any) -> None:
    comparison, a, b = two_offers()
    security = comparison.criteria.get(kind="security")
    Score.objects.create(criterion=security, offer=b, value=Decimal("10"))
    response = logged_in(editor).post(
        url("scores", comparison), {f"score-{security.pk}-{offer_key(a)}": "12,5"}
    )
    assert response.status_code == 302
    assert list(Score.objects.values_list("offer", "value")) == [(a.pk, Decimal("12.5"))]


def test_points_above_100_are_refused(editor: Any) -> None:
    comparison, a, _b = two_offers()
    security = comparison.criteria.get(kind="security")
    response = logged_in(editor).post(
        url("scores", comparison), {f"score-{security.pk}-{offer_key(a)}": "150"}
    )
    assert response.status_code == 200 and "kleiner oder gleich 100" in text(response)
    assert not Score.objects.exists()


def test_an_own_criterion_starts_with_weight_0(editor: Any) -> None:
    comparison, _a, _b = two_offers()
    logged_in(editor).post(url("criterion-add", comparison), {"name": "Eindruck"})
    criterion = comparison.criteria.get(name="Eindruck")
    assert (criterion.kind, criterion.weight) == (Criterion.Kind.JUDGEMENT, 0)


def test_the_decision_is_recorded_with_reason_date_and_user(editor: Any) -> None:
    comparison, a, _b = two_offers()
    response = logged_in(editor).post(
        url("decide", comparison),
        {"choice": str(a.pk), "reason": "Vor Ort in 30 Minuten", "decided_on": "07.12.2026"},
    )
    assert response.status_code == 302
    comparison.refresh_from_db()
    assert (comparison.decided_offer, comparison.decided_by) == (a, editor)
    assert comparison.decided_on == date(2026, 12, 7)
    assert comparison.decision_reason == "Vor Ort in 30 Minuten"


def test_an_offer_outside_the_comparison_cannot_be_decided_on(editor: Any) -> None:
    comparison, _a, _b = two_offers()
    other = make_offer()
    response = logged_in(editor).post(
        url("decide", comparison),
        {"choice": str(other.pk), "reason": "x", "decided_on": "07.12.2026"},
    )
    assert response.status_code == 400
    assert Comparison.objects.get().decided_offer is None


def test_the_chart_marks_the_winner_and_the_excluded_offer(editor: Any) -> None:
    comparison, a, _b = two_offers()
    a.answers.filter(requirement__priority="must").update(answer="no")
    response = logged_in(editor).get(url("chart", comparison))
    svg = text(response)
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "Empfehlung" in svg and "ausgeschlossen" in svg


@pytest.mark.parametrize("name", ["weights", "scores", "decide", "criterion-add", "edit", "delete"])
def test_a_viewer_cannot_change_a_comparison(viewer: Any, name: str) -> None:
    comparison, a, _b = two_offers()
    response = logged_in(viewer).post(
        url(name, comparison),
        {**weights_data(comparison, price="5", security="35"), "choice": str(a.pk)},
    )
    assert response.status_code == 403
    assert Comparison.objects.get().criteria.get(kind="price").weight == 30


def test_a_viewer_sees_the_comparison_without_forms(viewer: Any) -> None:
    comparison, _a, _b = two_offers()
    page = text(logged_in(viewer).get(url("detail", comparison)))
    assert "Empfehlung:" in page
    assert 'id="weights-form"' not in page and "Entscheidung festhalten" not in page


def test_stored_values_no_form_allows_still_give_a_page(editor: Any) -> None:
    """Weights of 100 % each, the largest amounts the columns hold, a contract whose terms
    the deadline engine cannot compute."""
    provider = make_provider(name="Brandl IT")
    contract = make_contract(
        provider=provider, start_date=date(9999, 1, 1), fee=Decimal("9999999999.99")
    )
    comparison, a, _b = two_offers(
        current_provider=provider, current_contract=contract, hourly_rate=Decimal("9999999999.99")
    )
    Offer.objects.filter(pk=a.pk).update(
        migration_cost=Decimal("9999999999.99"),
        internal_effort_hours=Decimal("999999.9"),
        reference_count=1000,
    )
    OfferPrice.objects.filter(offer=a).update(
        monthly=Decimal("9999999999.99"), one_off=Decimal("9999999999.99")
    )
    editor_client = logged_in(editor)
    page = text(editor_client.get(url("detail", comparison)))
    assert "nicht berechnet werden" in page  # the contract's notice terms
    assert "Empfehlung:" in page
    assert editor_client.get(url("chart", comparison)).status_code == 200
    comparison.criteria.update(weight=Decimal("100"))
    page = text(editor_client.get(url("detail", comparison)))
    assert "Die Gewichte ergeben zusammen 600 %, sie müssen 100 % ergeben." in page
    assert editor_client.get(url("chart", comparison)).status_code == 200


def test_the_page_says_when_a_total_rests_on_some_criteria_only(editor: Any) -> None:
    provider = make_provider(name="Brandl IT")
    contract = make_contract(provider=provider, fee=Decimal("900"))
    comparison, _a, _b = two_offers(current_provider=provider, current_contract=contract)
    page = text(logged_in(editor).get(url("detail", comparison)))
    assert "Brandl IT (bisheriger Dienstleister): Punkte für 1 von 6 Kriterien" in page
