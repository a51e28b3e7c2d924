import pytest

from vendorwatch.problems.models import EscalationRule
from vendorwatch.problems.tests.factory import make_rule
from vendorwatch.sla.tests.factory import make_policy

pytestmark = pytest.mark.django_db


def rule_data(policy, **overrides):
    data = {
        "policy": policy.pk,
        "target": "resolution",
        "percent": "75",
        "hours_after_breach": "0",
        "action": "notify_owner",
        "contact_level": "1",
    }
    data.update(overrides)
    return data


def test_it_lists_the_rules_per_policy(client, viewer) -> None:
    make_rule(make_policy(name="SLA Systemhaus"), percent=75)
    client.force_login(viewer)
    page = client.get("/problems/rules/").content.decode()
    assert "SLA Systemhaus" in page and "75 %" in page


def test_the_problem_list_links_to_the_rules(client, viewer) -> None:
    client.force_login(viewer)
    assert "/problems/rules/" in client.get("/problems/").content.decode()


def test_it_adds_a_rule(client, editor) -> None:
    policy = make_policy()
    client.force_login(editor)
    response = client.post("/problems/rules/new/", rule_data(policy))
    assert response.status_code == 302
    assert EscalationRule.objects.get().percent == 75


def test_the_add_form_preselects_the_policy(client, editor) -> None:
    policy = make_policy()
    client.force_login(editor)
    response = client.get(f"/problems/rules/new/?policy={policy.pk}")
    assert response.context["form"]["policy"].value() == str(policy.pk)


def test_hours_after_breach_need_a_rule_at_100_percent(client, editor) -> None:
    policy = make_policy()
    client.force_login(editor)
    response = client.post("/problems/rules/new/", rule_data(policy, hours_after_breach="4"))
    assert "hours_after_breach" in response.context["form"].errors
    assert not EscalationRule.objects.exists()


def test_more_than_100_percent_is_refused_next_to_the_field(client, editor) -> None:
    client.force_login(editor)
    response = client.post("/problems/rules/new/", rule_data(make_policy(), percent="150"))
    assert "percent" in response.context["form"].errors


def test_the_same_rule_twice_is_refused(client, editor) -> None:
    policy = make_policy()
    make_rule(policy, target="resolution", percent=75)
    client.force_login(editor)
    response = client.post("/problems/rules/new/", rule_data(policy))
    assert "percent" in response.context["form"].errors
    assert EscalationRule.objects.count() == 1


def test_it_changes_a_rule(client, editor) -> None:
    rule = make_rule(make_policy(), percent=75)
    client.force_login(editor)
    response = client.post(
        f"/problems/rules/{rule.pk}/edit/",
        rule_data(rule.policy, percent="100", hours_after_breach="4", action="draft_provider"),
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.percent, rule.hours_after_breach, rule.action) == (100, 4, "draft_provider")


def test_deleting_asks_first(client, editor) -> None:
    rule = make_rule(make_policy())
    client.force_login(editor)
    assert client.get(f"/problems/rules/{rule.pk}/delete/").status_code == 200
    assert EscalationRule.objects.exists()
    assert client.post(f"/problems/rules/{rule.pk}/delete/").status_code == 302
    assert not EscalationRule.objects.exists()


def test_a_viewer_cannot_add_change_or_delete(client, viewer) -> None:
    policy = make_policy()
    rule = make_rule(policy)
    client.force_login(viewer)
    assert client.get("/problems/rules/new/").status_code == 403
    assert client.post(f"/problems/rules/{rule.pk}/edit/", rule_data(policy)).status_code == 403
    assert client.post(f"/problems/rules/{rule.pk}/delete/").status_code == 403
    assert EscalationRule.objects.get().percent == 100


def test_an_unknown_rule_is_404(client, editor) -> None:
    client.force_login(editor)
    assert client.get("/problems/rules/999/edit/").status_code == 404
