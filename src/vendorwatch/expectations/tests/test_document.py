"""Each provider gets its own document; nothing of another provider's is in it.

Provider A (Brandl) and provider B (Schwaben) each have a service with a price, an SLA policy,
a role in the responsibility matrix and a requirement of their own; one requirement is for all.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from vendorwatch.expectations.document import expectations_document_create, render_document_html
from vendorwatch.expectations.models import (
    Party,
    Requirement,
    RequirementAgreement,
    Service,
    Task,
)
from vendorwatch.expectations.services import responsibility_set
from vendorwatch.providers.models import Provider
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db


@dataclass
class Side:
    provider: Provider
    texts: list[str]  # what this provider's document shows and the other's must not


def _provider_side(name: str, short: str, price: str, fee_text: str) -> Side:
    provider = make_provider(name=name)
    service = Service.objects.create(
        name=f"Fernwartung {short}",
        provider=provider,
        contracted=True,
        quantity=Decimal("3"),
        price=Decimal(price),
    )
    make_policy(name=f"SLA {short}", provider=provider, valid_from=date(2026, 1, 1))
    party = Party.objects.create(name=f"Support {short}", side="provider", provider=provider)
    responsibility_set(
        task=Task.objects.get_or_create(title="Störung beheben")[0], party=party, kind="R"
    )
    requirement = Requirement.objects.create(
        title=f"Anforderung nur {short}", acceptance_criterion="geprüft", for_all_providers=False
    )
    requirement.providers.add(provider)
    requirement.services.add(service)
    return Side(
        provider,
        [service.name, fee_text, f"SLA {short}", f"Support {short}", requirement.title],
    )


@pytest.fixture
def sides() -> tuple[Side, Side]:
    make_organisation(name="Müller Metallbau GmbH", document_language="de")
    Requirement.objects.create(title="Fester Ansprechpartner", acceptance_criterion="benannt")
    Service.objects.create(name="Sicherheitsschulung", needed=True, price=Decimal("900"))
    return (
        _provider_side("Brandl IT-Systemhaus GmbH", "Brandl", "1234.50", "1.234,50\xa0€"),
        _provider_side("Netzwerk & Cloud Schwaben GmbH", "Schwaben", "987.65", "987,65\xa0€"),
    )


def test_the_document_of_a_contains_its_services_prices_sla_and_roles(sides) -> None:
    a, _b = sides
    html = render_document_html(version=None, for_pdf=False, provider=a.provider)
    for text in a.texts:
        assert text in html
    assert "Für Brandl IT-Systemhaus GmbH" in html


def test_the_document_of_a_contains_nothing_of_b(sides) -> None:
    a, b = sides
    html = render_document_html(version=None, for_pdf=False, provider=a.provider)
    for text in [*b.texts, b.provider.name.replace("&", "&amp;")]:
        assert text not in html


def test_requirements_for_all_and_needed_services_without_provider_are_in_both(sides) -> None:
    for side in sides:
        html = render_document_html(version=None, for_pdf=False, provider=side.provider)
        assert "Fester Ansprechpartner" in html
        assert "Sicherheitsschulung" in html
        assert "900" not in html  # a budget for a service nobody provides yet stays internal


def _pdf_text(provider: Provider, user) -> str:
    issued = expectations_document_create(user=user, provider=provider)
    with issued.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return text.replace("\n", " ").replace("\xa0", " ")


@pytest.fixture
def agreed_with_a(sides) -> tuple[Side, Side]:
    """A (Brandl) agreed to the requirement for all on 12.02.2026; B (Schwaben) did not."""
    a, _b = sides
    RequirementAgreement.objects.create(
        requirement=Requirement.objects.get(title="Fester Ansprechpartner"),
        provider=a.provider,
        agreed_on=date(2026, 2, 12),
    )
    return sides


def test_the_document_of_a_says_a_agreed_on_its_day(agreed_with_a) -> None:
    a, _b = agreed_with_a
    html = render_document_html(version=None, for_pdf=False, provider=a.provider)
    assert "vereinbart am 12.02.2026" in html


def test_the_document_of_b_does_not_claim_the_agreement_of_a(agreed_with_a) -> None:
    _a, b = agreed_with_a
    html = render_document_html(version=None, for_pdf=False, provider=b.provider)
    assert "12.02.2026" not in html
    assert "vereinbart am" not in html
    assert html.count("noch zu vereinbaren") == 2  # the requirement for all and B's own


def test_the_pdfs_state_the_agreement_only_to_the_provider_who_made_it(
    agreed_with_a, admin_user, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    a, b = agreed_with_a
    assert "vereinbart am 12.02.2026" in _pdf_text(a.provider, admin_user)
    text_b = _pdf_text(b.provider, admin_user)
    assert "12.02.2026" not in text_b
    assert "noch zu vereinbaren" in text_b


def test_a_date_recorded_without_its_provider_is_in_no_document(sides) -> None:
    Requirement.objects.filter(title="Fester Ansprechpartner").update(
        unattributed_agreed_on=date(2026, 2, 12)
    )
    for side in sides:
        html = render_document_html(version=None, for_pdf=False, provider=side.provider)
        assert "12.02.2026" not in html


def test_the_pdf_of_a_contains_a_and_nothing_of_b(sides, admin_user, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    a, b = sides
    issued = expectations_document_create(user=admin_user, provider=a.provider)
    with issued.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = text.replace("\n", " ").replace("\xa0", " ")
    for expected in a.texts:
        assert expected.replace("\xa0", " ") in text
    for other in [*b.texts, b.provider.name]:
        assert other.replace("\xa0", " ") not in text


def test_versions_are_counted_per_provider(sides, admin_user, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    a, b = sides
    first_a = expectations_document_create(user=admin_user, provider=a.provider)
    first_b = expectations_document_create(user=admin_user, provider=b.provider)
    second_a = expectations_document_create(user=admin_user, provider=a.provider)
    assert (first_a.version, first_b.version, second_a.version) == (1, 1, 2)
    assert second_a.pdf.name.endswith("erwartungen-brandl-it-systemhaus-gmbh-v2.pdf")


def test_a_task_only_another_provider_holds_is_left_out(sides) -> None:
    a, b = sides
    other = Task.objects.create(title="Telefonanlage warten")
    responsibility_set(task=other, party=Party.objects.get(provider=b.provider), kind="R")
    Task.objects.create(title="Lizenzen zählen")  # nobody holds it yet: a visible gap
    html = render_document_html(version=None, for_pdf=False, provider=a.provider)
    assert "Telefonanlage warten" not in html
    assert "Lizenzen zählen" in html


def test_a_version_valid_from_9999_is_not_handed_over_as_the_sla(sides) -> None:
    a, _b = sides
    a.provider.sla_policies.get().versions.update(valid_from=date(9999, 12, 31))
    html = render_document_html(version=None, for_pdf=False, provider=a.provider)
    assert "Ab wann dieses SLA gilt, kann nicht berechnet werden" in html
    assert "31.12.9999" not in html


def test_the_document_gives_the_price_per_unit_and_the_total(sides) -> None:
    a, _b = sides
    html = render_document_html(version=None, for_pdf=False, provider=a.provider)
    assert ">Preis je Einheit</th>" in html
    assert ">Gesamtpreis</th>" in html
    assert "3.703,50" in html  # 3 × 1.234,50
    assert "3 × 1.234,50" in html
