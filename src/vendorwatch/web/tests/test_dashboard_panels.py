"""One panel failing never takes the dashboard down: it is logged with its name and the user,
shown as a short notice, and every other panel is shown as usual."""

import logging

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules

from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.web import dashboard

pytestmark = pytest.mark.django_db
URL = reverse("web-dashboard")
NOTICE = "Dieser Teil der Übersicht konnte gerade nicht geladen werden."


def broken_context(request: object) -> dict[str, object]:
    raise ZeroDivisionError("a panel's own bug")


def registered() -> dict[str, dashboard.Panel]:
    autodiscover_modules("dashboard")  # the apps' panels, as the dashboard finds them
    return dict(dashboard._PANELS)


@pytest.fixture
def broken_panel(monkeypatch: pytest.MonkeyPatch) -> None:
    panels = registered()
    panels["web/broken.html"] = dashboard.Panel("web/broken.html", 10, broken_context)
    monkeypatch.setattr(dashboard, "_PANELS", panels)


@pytest.fixture
def broken_template(monkeypatch: pytest.MonkeyPatch) -> None:
    panels = registered()
    panels["web/no-such-panel.html"] = dashboard.Panel(
        "web/no-such-panel.html", 10, lambda request: {"x": 1}
    )
    monkeypatch.setattr(dashboard, "_PANELS", panels)


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_a_failing_panel_leaves_the_other_panels(client: Client, viewer, broken_panel) -> None:
    nrw()
    make_contract(title="Betreuung")  # send by 25.09.2026: in the contracts panel
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert NOTICE in response.text
    assert "Betreuung" in response.text
    assert "Sechs Schritte" in response.text


def test_a_panel_whose_template_fails_is_shown_as_a_notice(
    client: Client, viewer, broken_template
) -> None:
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert NOTICE in response.text


def test_the_failure_is_logged_with_the_panel_and_the_user(
    client: Client, viewer, broken_panel, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(viewer)
    with caplog.at_level(logging.ERROR, logger="vendorwatch.web.dashboard"):
        client.get(URL)
    assert f"dashboard panel web/broken.html failed for user {viewer.pk} on /" in caplog.text
    assert "ZeroDivisionError" in caplog.text


def test_without_failures_there_is_no_notice(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert NOTICE not in client.get(URL).text
