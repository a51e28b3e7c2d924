from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from vendorwatch.jobs.models import RunnerHeartbeat

pytestmark = pytest.mark.django_db


def test_it_answers_ok_without_login(client: Client) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok\n")


def test_it_answers_503_when_the_database_fails(client: Client) -> None:
    with mock.patch("vendorwatch.web.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503


def checked_in(minutes_ago: float) -> None:
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    RunnerHeartbeat.objects.create(name="web1", started_at=moment, last_seen_at=moment)


def test_it_answers_ok_while_the_job_runner_checks_in(client: Client) -> None:
    checked_in(minutes_ago=1)
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok\n")


def test_it_answers_503_with_the_reason_when_the_job_runner_stopped(client: Client) -> None:
    checked_in(minutes_ago=12)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.text.startswith("job runner has not checked in for 12 minutes")
    assert "reminders, escalations and e-mail have stopped" in response.text


def test_it_leaves_the_job_runner_out_when_asked_for_the_database_only(client: Client) -> None:
    checked_in(minutes_ago=12)
    response = client.get("/healthz?only=database")
    assert (response.status_code, response.text) == (200, "ok\n")
