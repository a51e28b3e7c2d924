from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError

from vendorwatch.expectations.models import Service
from vendorwatch.sla.models import Duty
from vendorwatch.sla.tests.factory import add_version, make_policy, terms

pytestmark = pytest.mark.django_db


def test_it_creates_a_version_with_everything_it_promises() -> None:
    service = Service.objects.create(name="E-Mail")
    policy = make_policy(
        terms=terms(customer_duties=["Melden"], service_targets={service: Decimal("99.5")})
    )
    version = policy.versions.get()
    assert version.number == 1
    assert version.priorities.count() == 4
    assert version.matrix.count() == 9
    assert version.duties.get().party == Duty.Party.CUSTOMER
    assert version.service_targets.get().availability_percent == Decimal("99.5")


def test_versions_are_numbered_in_order() -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    assert add_version(policy, date(2026, 7, 1)).number == 2


def test_two_versions_cannot_start_on_the_same_day() -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    with pytest.raises(IntegrityError):
        add_version(policy, date(2026, 1, 1))


def test_the_database_rejects_a_cap_below_the_credit_per_breach() -> None:
    policy = make_policy()
    version = policy.versions.get()
    version.credit_percent_per_breach, version.credit_cap_percent = Decimal("10"), Decimal("5")
    with pytest.raises(IntegrityError):
        version.save()
