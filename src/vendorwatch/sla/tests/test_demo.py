from datetime import date

import pytest

from vendorwatch.demo import DemoContext
from vendorwatch.providers.demo import load_providers
from vendorwatch.sla.demo import load_sla, load_sla_policy
from vendorwatch.sla.models import BusinessCalendar, SlaPolicy

pytestmark = pytest.mark.django_db


def test_the_demo_policy_has_two_versions_and_loading_twice_changes_nothing() -> None:
    for _run in range(2):
        context = DemoContext()
        load_providers(context)
        load_sla(context)
        load_sla_policy(context)
    policy = SlaPolicy.objects.get()
    assert policy.provider.name == "Brandl IT-Systemhaus GmbH"
    assert [v.number for v in policy.versions.order_by("number")] == [1, 2]
    assert BusinessCalendar.objects.count() == 2
    assert BusinessCalendar.objects.get(name__contains="Augsburg").days.count() == 4


def test_the_demo_company_in_augsburg_has_its_local_holidays() -> None:
    load_sla(DemoContext())
    engine = BusinessCalendar.objects.get(name__contains="Augsburg").to_engine()
    assert engine.windows_on(date(2025, 8, 8)) == ()  # a Friday: Hohes Friedensfest
    assert engine.holiday_name(date(2025, 8, 8), "de") == "Augsburger Hohes Friedensfest"
    assert engine.holiday_name(date(2026, 8, 15), "de") == "Mariä Himmelfahrt"
    assert [str(w) for w in engine.windows_on(date(2025, 8, 7))] == ["08:00-17:00"]
