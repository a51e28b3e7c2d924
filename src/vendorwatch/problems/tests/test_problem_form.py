"""The problem form: the SLA belongs to the provider, times are ones a business can mean."""

import pytest

from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)


@pytest.fixture
def brandl():
    return make_provider(name="Brandl IT")


@pytest.fixture
def huber():
    """A provider with whom no SLA is agreed."""
    return make_provider(name="Huber EDV")


def post_data(provider, policy=None, **overrides):
    data = {
        "title": "Server down",
        "what_happened": "Kein Zugriff auf Laufwerk S:",
        "since": "2026-11-23T08:30",
        "impact": "high",
        "urgency": "high",
        "provider": provider.pk,
        "sla_policy": policy.pk if policy else "",
        "reported_to_provider_at": "2026-11-23T09:00",
        "channel": "phone",
    }
    data.update(overrides)
    return data


def sla_field(client, provider) -> str:
    response = client.get(f"/problems/new/?provider={provider.pk}", HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "problems/_sla_field.html"
    return response.content.decode()


def test_the_sla_field_offers_only_the_providers_policies_and_preselects(
    client, editor, now, brandl, huber
) -> None:
    own = make_policy(name="SLA Brandl", provider=brandl)
    make_policy(name="SLA Fremd", provider=make_provider())
    client.force_login(editor)
    field = sla_field(client, brandl)
    assert f'<option value="{own.pk}" selected>SLA Brandl</option>' in field
    assert "SLA Fremd" not in field and 'id="sla-field"' in field


def test_a_provider_without_sla_is_offered_no_sla_agreed(client, editor, now, huber) -> None:
    make_policy(name="SLA Fremd", provider=make_provider())
    client.force_login(editor)
    field = sla_field(client, huber)
    assert "kein SLA vereinbart" in field and "SLA Fremd" not in field


def test_the_provider_select_fetches_the_sla_field_with_htmx(client, editor, now) -> None:
    client.force_login(editor)
    page = client.get("/problems/new/").content.decode()
    select = page[page.index('<select name="provider"') :]
    select = select[: select.index(">")]
    assert 'hx-get="/problems/new/"' in select and 'hx-target="#sla-field"' in select


def test_a_policy_of_another_provider_is_refused_with_a_message(
    client, editor, now, brandl
) -> None:
    make_policy(name="SLA Brandl", provider=brandl)
    other = make_policy(name="SLA Fremd", provider=make_provider())
    client.force_login(editor)
    response = client.post("/problems/new/", post_data(brandl, other))
    errors = response.context["form"].errors["sla_policy"]
    assert errors == [
        "Das SLA „SLA Fremd“ wurde nicht mit Brandl IT vereinbart. "
        "Bitte wählen Sie eines der SLAs von Brandl IT."
    ]
    assert Problem.objects.count() == 0


def test_after_a_refused_policy_the_field_offers_the_providers_own(
    client, editor, now, brandl
) -> None:
    own = make_policy(name="SLA Brandl", provider=brandl)
    other = make_policy(name="SLA Fremd", provider=make_provider())
    client.force_login(editor)
    page = client.post("/problems/new/", post_data(brandl, other)).content.decode()
    field = page[page.index('id="sla-field"') :]
    field = field[: field.index("</select>")]
    assert f'<option value="{own.pk}">SLA Brandl</option>' in field


def test_a_provider_with_an_sla_needs_it_chosen(client, editor, now, brandl) -> None:
    make_policy(name="SLA Brandl", provider=brandl)
    client.force_login(editor)
    response = client.post("/problems/new/", post_data(brandl))
    assert response.context["form"].errors["sla_policy"] == [
        "Bitte wählen Sie das mit Brandl IT vereinbarte SLA."
    ]


def test_a_problem_without_sla_is_recorded_without_clock(client, editor, now, huber) -> None:
    client.force_login(editor)
    response = client.post("/problems/new/", post_data(huber))
    problem = Problem.objects.get()
    assert response.status_code == 302
    assert (problem.state, problem.sla_policy, problem.response_due) == (
        ClockState.NO_SLA,
        None,
        None,
    )


def test_the_list_shows_no_sla_agreed_calmly_and_its_filter_finds_it(
    client, editor, now, huber
) -> None:
    make_problem(title="Mit SLA")
    client.force_login(editor)
    client.post("/problems/new/", post_data(huber, title="Ohne SLA"))
    page = client.get("/problems/?state=no_sla").content.decode()
    assert "Ohne SLA" in page and "Mit SLA" not in page
    assert '<span class="badge state-no_sla" data-state="no_sla">kein SLA vereinbart</span>' in page


def test_a_problem_without_sla_says_so_on_its_page(client, editor, now, huber) -> None:
    client.force_login(editor)
    client.post("/problems/new/", post_data(huber))
    page = client.get(f"/problems/{Problem.objects.get().pk}/").content.decode()
    assert "Mit diesem Dienstleister ist kein SLA vereinbart" in page


def test_a_report_time_no_business_means_is_refused(client, editor, now, huber) -> None:
    client.force_login(editor)
    data = post_data(huber, since="0001-01-01T00:00", reported_to_provider_at="0001-01-01T00:00")
    response = client.post("/problems/new/", data)
    errors = response.context["form"].errors
    assert errors["reported_to_provider_at"] == [
        "Bitte ein Datum zwischen 01.01.1900 und 31.12.2199 eingeben."
    ]
    assert Problem.objects.count() == 0


def test_unicode_digits_in_a_time_are_refused_not_a_crash(client, editor, now, huber) -> None:
    client.force_login(editor)
    data = post_data(huber, reported_to_provider_at="２０２６-11-23T09:00")
    response = client.post("/problems/new/", data)
    assert "reported_to_provider_at" in response.context["form"].errors


def test_an_event_time_no_business_means_is_refused(client, editor, now) -> None:
    problem = make_problem()
    client.force_login(editor)
    response = client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "comment", "occurred_at": "0001-01-01T00:00"},
    )
    assert response.context["form"].errors["occurred_at"] == [
        "Bitte ein Datum zwischen 01.01.1900 und 31.12.2199 eingeben."
    ]
    assert problem.events.count() == 1


def test_a_changed_event_time_no_business_means_is_refused(client, editor, now) -> None:
    problem = make_problem()
    event = add_event(problem, "comment", "2026-11-23 10:00+01:00")
    client.force_login(editor)
    response = client.post(
        f"/problems/{problem.pk}/events/{event.pk}/edit/",
        {"occurred_at": "2200-01-01T00:00", "text": "", "reason": "Tippfehler"},
    )
    assert "occurred_at" in response.context["form"].errors
    assert event.edits.count() == 0


def test_the_edit_form_keeps_the_recorded_sla_selected(client, editor, now, brandl) -> None:
    make_policy(name="A-SLA Brandl", provider=brandl)
    recorded = make_policy(name="B-SLA Brandl", provider=brandl)
    problem = make_problem(sla_policy=recorded, provider=brandl)
    client.force_login(editor)
    page = client.get(f"/problems/{problem.pk}/edit/").content.decode()
    assert f'<option value="{recorded.pk}" selected>B-SLA Brandl</option>' in page


def test_an_sla_of_no_provider_recorded_earlier_is_shown_and_refused_on_saving(
    client, editor, now, brandl
) -> None:
    make_policy(name="SLA Brandl", provider=brandl)
    legacy = make_policy(name="Altes SLA")  # from before an SLA belonged to a provider
    problem = make_problem(sla_policy=legacy, provider=brandl)
    client.force_login(editor)
    page = client.get(f"/problems/{problem.pk}/edit/").content.decode()
    assert f'<option value="{legacy.pk}" selected>Altes SLA</option>' in page
    response = client.post(f"/problems/{problem.pk}/edit/", post_data(brandl, legacy))
    assert (
        "wurde nicht mit Brandl IT vereinbart" in response.context["form"].errors["sla_policy"][0]
    )


def test_changing_the_provider_while_editing_offers_the_new_ones(
    client, editor, now, brandl, huber
) -> None:
    problem = make_problem(sla_policy=make_policy(provider=brandl), provider=brandl)
    client.force_login(editor)
    response = client.get(
        f"/problems/{problem.pk}/edit/?provider={huber.pk}", HTTP_HX_REQUEST="true"
    )
    field = response.content.decode()
    # Option labels start with a capital letter (the shared option template).
    assert field.count("<option") == 1 and '<option value="" selected>kein sla' in field.lower()
