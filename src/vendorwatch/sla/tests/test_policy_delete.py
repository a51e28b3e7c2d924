import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.models import SlaPolicy, SlaVersion
from vendorwatch.sla.tests.factory import make_policy

pytestmark = pytest.mark.django_db


def test_it_deletes_the_policy_and_its_versions_after_confirmation(client: Client, editor) -> None:
    policy = make_policy()
    client.force_login(editor)
    url = reverse("sla-policy-delete", args=[policy.pk])
    assert "Alle ihre Versionen werden mit gelöscht." in client.get(url).text
    client.post(url)
    assert not SlaPolicy.objects.exists() and not SlaVersion.objects.exists()
