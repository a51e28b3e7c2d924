"""Counts on the problem pages take the right plural, and the escalation rules name the
contact's escalation level as the provider's page does."""

import pytest

from vendorwatch.problems.models import EscalationRule
from vendorwatch.problems.tests.factory import make_problem, make_rule
from vendorwatch.sla.tests.factory import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)


def test_the_list_counts_one_problem(client, viewer, now) -> None:
    make_problem()
    client.force_login(viewer)
    page = client.get("/problems/").content.decode()
    assert ">1 Problem<" in page


def test_the_list_counts_two_problems(client, viewer, now) -> None:
    policy = make_policy()
    make_problem(sla_policy=policy)
    make_problem(sla_policy=policy)
    client.force_login(viewer)
    assert ">2 Probleme<" in client.get("/problems/").content.decode()


def test_hours_after_the_breach_take_the_plural(client, viewer) -> None:
    policy = make_policy()
    resolution = EscalationRule.Target.RESOLUTION
    make_rule(policy, target=resolution, percent=100, hours_after_breach=1)
    make_rule(policy, target=resolution, percent=100, hours_after_breach=4)
    client.force_login(viewer)
    page = client.get("/problems/rules/").content.decode()
    assert "1 Servicestunde nach Überschreitung der Lösungszeit" in page
    assert "4 Servicestunden nach Überschreitung der Lösungszeit" in page


def test_a_rule_names_the_escalation_level_of_the_contact(client, viewer) -> None:
    make_rule(make_policy(), action=EscalationRule.Action.DRAFT_PROVIDER, contact_level=2)
    client.force_login(viewer)
    page = client.get("/problems/rules/").content.decode()
    assert "an den Ansprechpartner ab Eskalationsstufe 2" in page
    assert "Eskalationsregeln jeder SLA-Vereinbarung" in page


def test_the_rule_form_explains_the_levels_as_the_provider_page_does(client, editor) -> None:
    client.force_login(editor)
    page = client.get("/problems/rules/new/").content.decode()
    assert "Eskalationsstufe des Ansprechpartners" in page
    assert "1 = Support/Hotline, 2 = Teamleitung oder Kundenbetreuung" in page
