import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.tests.factory import make_policy

pytestmark = pytest.mark.django_db
URL = reverse("sla-policy-list")


def test_it_lists_policies(client: Client, viewer) -> None:
    make_policy(name="SLA Brandl")
    client.force_login(viewer)
    assert "SLA Brandl" in client.get(URL).text


def test_it_explains_what_to_do_when_empty(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert "Noch keine SLA-Vereinbarung" in client.get(URL).text
