import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations.models import Service
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.tests.factory import make_calendar, policy_post_data

pytestmark = pytest.mark.django_db
URL = reverse("sla-policy-add")


def post(client: Client, **overrides):
    return client.post(URL, policy_post_data(make_calendar(), **overrides))


def test_it_creates_a_policy_with_its_first_version(client: Client, editor) -> None:
    client.force_login(editor)
    response = post(client)
    policy = SlaPolicy.objects.get()
    assert response["Location"] == reverse("sla-policy-detail", args=[policy.pk])
    version = policy.versions.get()
    assert version.created_by == editor
    assert [p.code for p in version.priorities.all()] == ["P1", "P2", "P3", "P4"]
    assert [d.text for d in version.customer_duties()] == [
        "Störungen sofort melden",
        "Rückfragen beantworten",
    ]


def test_the_form_is_prefilled_with_sensible_priorities(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(URL).text
    assert 'value="Kritisch"' in text
    assert 'name="matrix-high_high"' in text


def test_a_negative_target_is_rejected_next_to_the_field(client: Client, editor) -> None:
    client.force_login(editor)
    response = post(client, **{"p1-response_amount": "-5"})
    assert response.status_code == 200
    assert "Geben Sie eine Zeit größer als null ein." in response.text
    assert not SlaPolicy.objects.exists()


def test_resolution_may_not_be_shorter_than_response(client: Client, editor) -> None:
    client.force_login(editor)
    response = post(client, **{"p2-resolution_amount": "30", "p2-resolution_unit": "minutes"})
    assert "Die Lösungszeit darf nicht kürzer sein als die Reaktionszeit." in response.text


def test_a_row_without_a_name_is_left_out(client: Client, editor) -> None:
    client.force_login(editor)
    post(
        client,
        **{
            "p4-name": "",
            "p4-response_amount": "-1",
            "matrix-low_low": "P3",
            "matrix-low_medium": "P3",
            "matrix-medium_low": "P3",
        },
    )
    assert SlaPolicy.objects.get().versions.get().priorities.count() == 3


def test_the_matrix_may_not_point_at_a_left_out_priority(client: Client, editor) -> None:
    client.force_login(editor)
    response = post(client, **{"p4-name": ""})
    assert "P4 hat keinen Namen und entfällt" in response.text


def test_at_least_one_priority_is_needed(client: Client, editor) -> None:
    client.force_login(editor)
    response = post(client, **{f"p{i}-name": "" for i in range(1, 5)})
    assert "Benennen Sie mindestens eine Priorität." in response.text


def test_the_credit_cap_must_cover_one_breach(client: Client, editor) -> None:
    client.force_login(editor)
    response = post(client, **{"version-credit_cap_percent": "2,5"})
    assert "Die Obergrenze darf nicht kleiner sein" in response.text


def test_availability_is_prefilled_from_the_service(client: Client, editor) -> None:
    Service.objects.create(name="Warenwirtschaft", needed=True, availability_target="99.50")
    client.force_login(editor)
    assert 'value="99,50"' in client.get(URL).text
