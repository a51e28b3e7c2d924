"""The problem form shows the priority that the SLA's impact × urgency matrix gives before
saving: on every change of the extent, the urgency or the SLA (htmx), and on first render."""

import pytest

from vendorwatch.problems.models import Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

URL = "/problems/priority/"


@pytest.fixture
def now(time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)


@pytest.fixture
def policy():
    return make_policy(name="SLA Brandl", provider=make_provider(name="Brandl IT"))


def preview(client, policy, **values) -> str:
    query = {"sla_policy": policy.pk, "reported_to_provider_at": "23.11.2026 09:00", **values}
    response = client.get(URL, query, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_priority_of_the_matrix_with_its_targets(client, editor, now, policy):
    client.force_login(editor)
    text = preview(client, policy, impact="high", urgency="medium")
    assert "Priorität: P2 – Hoch" in text
    assert "binnen 1" in text and "binnen 8" in text


def test_it_asks_for_extent_and_urgency_until_both_are_chosen(client, editor, now, policy):
    client.force_login(editor)
    text = preview(client, policy, impact="high")
    assert "Wählen Sie, wie viele betroffen sind und wie eilig es ist" in text
    assert "Priorität:" not in text


def test_without_an_sla_it_says_there_is_no_priority(client, editor, now, policy):
    client.force_login(editor)
    response = client.get(URL, {"impact": "high", "urgency": "high", "sla_policy": ""})
    assert "Ohne SLA bekommt das Problem keine Priorität" in response.content.decode()


def test_an_sla_not_yet_valid_on_the_report_day_gives_no_priority(client, editor, now, policy):
    client.force_login(editor)
    text = preview(
        client, policy, impact="high", urgency="high", reported_to_provider_at="01.12.2025 09:00"
    )
    assert "galt am Tag der Meldung noch nicht" in text


def test_a_viewer_may_not_ask_for_it(client, viewer, now, policy):
    client.force_login(viewer)
    response = client.get(URL, {"sla_policy": policy.pk, "impact": "high", "urgency": "high"})
    assert response.status_code == 403


def test_the_selects_ask_for_the_preview_on_change(client, editor, now, policy):
    client.force_login(editor)
    page = client.get("/problems/new/").content.decode()
    for name in ("impact", "urgency", "sla_policy"):
        select = page[page.index(f'<select name="{name}"') :]
        select = select[: select.index(">")]
        assert f'hx-get="{URL}"' in select and 'hx-trigger="change"' in select
        assert 'hx-target="#priority-preview"' in select


def test_a_new_form_asks_for_extent_and_urgency(client, editor, now, policy):
    client.force_login(editor)
    page = client.get("/problems/new/").content.decode()
    assert 'id="priority-preview"' in page and "Wählen Sie, wie viele betroffen" in page


def test_a_form_shown_again_with_errors_shows_the_priority(client, editor, now, policy):
    client.force_login(editor)
    data = {"provider": policy.provider_id, "sla_policy": policy.pk, "impact": "low"}
    response = client.post("/problems/new/", {**data, "urgency": "low", "title": ""})
    assert response.status_code == 200 and not Problem.objects.exists()
    assert "Priorität: P4 – Niedrig" in response.content.decode()


def test_the_edit_form_shows_the_priority_at_once(client, editor, now, policy):
    client.force_login(editor)
    problem = make_problem(sla_policy=policy, impact="high", urgency="high")
    page = client.get(f"/problems/{problem.pk}/edit/").content.decode()
    assert "Priorität: P1 – Kritisch" in page


def test_a_changed_provider_brings_the_preview_for_its_sla(client, editor, now, policy):
    client.force_login(editor)
    query = {"provider": policy.provider_id, "impact": "high", "urgency": "medium"}
    response = client.get("/problems/new/", query, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'id="sla-field"' in text and 'hx-swap-oob="innerHTML"' in text
    assert "Priorität: P2 – Hoch" in text
