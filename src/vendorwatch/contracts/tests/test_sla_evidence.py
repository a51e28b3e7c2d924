"""The periodic review shows, service by service, what the problem log says: problems,
missed SLA deadlines and compliance — not only the costs."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import ContractReview
from vendorwatch.contracts.tests.factory import make_contract, make_service
from vendorwatch.problems.evidence import sla_by_service
from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(time_machine):  # type: ignore[no-untyped-def]
    """E-mail: three problems in the first quarter, one breached; workstations: one, kept."""
    time_machine.move_to("2026-04-02 12:00+02:00")
    contract = make_contract(start_date=date(2020, 1, 1))
    mail = make_service(contract, name="E-Mail")
    desk = make_service(contract, name="Arbeitsplatzbetreuung")
    provider = contract.provider
    for day in ("2026-01-12", "2026-02-03", "2026-03-30"):
        make_problem(f"{day} 09:00+01:00", provider=provider, service=mail)
    make_problem("2026-02-10 09:00+01:00", provider=provider, service=desk)
    make_problem("2025-12-15 09:00+01:00", provider=provider, service=mail)  # before
    make_problem("2026-02-10 09:00+01:00", provider=make_provider(), service=mail)  # other
    Problem.objects.update(breached=False, state=ClockState.MET)
    Problem.objects.filter(reported_to_provider_at__date=date(2026, 2, 3)).update(breached=True)
    return contract, mail, desk


def test_problems_breaches_and_compliance_are_counted_per_service(logged) -> None:  # type: ignore[no-untyped-def]
    contract, mail, desk = logged
    rows = sla_by_service(
        provider=contract.provider,
        services=[mail, desk],
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
    )
    assert [
        (r["service"], r["problems"], r["breaches"], r["compliance_percent"]) for r in rows
    ] == [
        ("E-Mail", 3, 1, 66.7),  # 2 of 3 kept: 66.67 % rounded to one decimal
        ("Arbeitsplatzbetreuung", 1, 0, 100.0),
    ]


def test_a_service_without_problems_has_no_compliance_figure(logged) -> None:  # type: ignore[no-untyped-def]
    contract, mail, _desk = logged
    [row] = sla_by_service(
        provider=contract.provider, services=[mail], start=date(2024, 1, 1), end=date(2024, 12, 31)
    )
    assert (row["problems"], row["breaches"], row["compliance_percent"]) == (0, 0, None)


def test_the_review_form_prefills_each_service_with_its_problem_log(
    client: Client, editor, logged
) -> None:  # type: ignore[no-untyped-def]
    contract, _mail, _desk = logged
    client.force_login(editor)
    text = client.get(reverse("contracts-review-add", args=[contract.pk])).text
    assert "Service-Level je Leistung (Störungsprotokoll)" in text
    assert (
        "Störungsprotokoll: 3 Störungen, davon 1 mit verpasster SLA-Frist; 66,7 % innerhalb der"
        " SLA."
    ) in text


def test_the_saved_review_keeps_and_shows_the_figures_per_service(
    client: Client, editor, logged
) -> None:  # type: ignore[no-untyped-def]
    contract, mail, desk = logged
    client.force_login(editor)
    data = {
        "period_start": "01.01.2026",
        "period_end": "31.03.2026",
        "reviewed_on": "02.04.2026",
        "rating": "3",
        "outcome": "continue",
        f"service-{mail.pk}-delivered": "partly",
        f"service-{desk.pk}-delivered": "yes",
    }
    client.post(reverse("contracts-review-add", args=[contract.pk]), data)
    review = ContractReview.objects.get()
    stored = {row["service"]: row["breaches"] for row in review.evidence["sla_per_service"]}
    assert stored == {"E-Mail": 1, "Arbeitsplatzbetreuung": 0}
    text = client.get(reverse("contracts-review-detail", args=[review.pk])).text
    assert "<td>E-Mail</td><td>3</td><td>1</td><td>66,7 %</td>" in text
