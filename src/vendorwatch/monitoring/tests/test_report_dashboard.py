"""The dashboard names each provider's answer of the last full month."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket

pytestmark = pytest.mark.django_db


def dashboard(user: Any) -> str:
    client = Client()
    client.force_login(user)
    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=UTC), tick=False):
        return client.get("/").content.decode()


def test_the_dashboard_shows_last_months_answer(viewer: Any) -> None:
    _provider, _policy, job = make_setup()
    make_ticket(
        job,
        "2026-11-02 09:00",
        response_met=True,
        resolved="2026-11-02 10:00",
        resolution_met=False,
    )
    text = dashboard(viewer)
    assert "reports-panel-heading" in text and "Brandl IT GmbH" in text and "0,00&nbsp;%" in text


def test_without_imports_the_dashboard_has_no_reports_panel(viewer: Any) -> None:
    _provider, _policy, job = make_setup()
    job.delete()
    assert "reports-panel-heading" not in dashboard(viewer)
