"""Who made a change, and through which way: a user on a page, a user's API token, a job of
the job runner, or the command line."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from vendorwatch.api.models import ApiToken
from vendorwatch.audit.context import COMMAND_LINE, acting, current_actor
from vendorwatch.audit.models import AuditEntry
from vendorwatch.jobs import registry
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def newest() -> AuditEntry:
    entry = AuditEntry.objects.first()
    assert entry is not None
    return entry


def test_a_change_on_a_page_is_the_users_via_the_web(client: Client, editor) -> None:
    provider = make_provider(name="Brandl IT")
    client.force_login(editor)
    client.post(
        reverse("providers-edit", args=[provider.pk]),
        {"name": "Brandl IT GmbH", "status": "active"},
    )
    entry = newest()
    assert (entry.actor, entry.actor_name, entry.channel) == (editor, "erik.editor", "web")
    assert entry.changes["name"] == ["Brandl IT", "Brandl IT GmbH"]


def test_a_change_through_the_api_is_the_token_users_via_the_api(editor) -> None:
    provider = make_provider(name="Brandl IT")
    _row, token = ApiToken.issue(editor, "Skript", "write")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api.patch(
        reverse("api-providers-detail", args=[provider.pk]), {"city": "Augsburg"}, format="json"
    )
    assert response.status_code == 200, response.content
    entry = newest()
    assert (entry.actor, entry.channel) == (editor, "api")
    assert entry.changes == {"city": ["", "Augsburg"]}


def test_a_change_by_a_job_names_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    provider = make_provider(name="Brandl IT")

    def rename(now: Any) -> None:
        found = Provider.objects.get(pk=provider.pk)
        found.notes = "vom Job"
        found.save()

    job = registry.Job("audit-test", timedelta(minutes=5), rename)
    monkeypatch.setattr(registry, "jobs", lambda: [job])
    assert registry.run_due_jobs(now=timezone.now()) == ["audit-test"]
    entry = newest()
    assert (entry.actor, entry.actor_name, entry.channel) == (None, "audit-test", "job")


def test_a_change_from_the_command_line_has_no_user() -> None:
    make_provider()
    entry = newest()
    assert (entry.actor, entry.actor_name, entry.channel) == (None, "", "command")


def test_the_actor_ends_with_the_request(client: Client, editor) -> None:
    client.force_login(editor)
    client.get(reverse("providers-list"))
    assert current_actor() == COMMAND_LINE


def test_the_actor_ends_with_the_block(editor) -> None:
    with acting(editor, "web") as actor:
        assert actor.user_id == editor.pk
    assert current_actor() == COMMAND_LINE
