"""The evidence page in Chromium: a viewer sees what the pack holds, downloads it, and its
manifest verifies with ``sha256sum -c``; the page passes the accessibility check in German
and in English."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_organisation, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_viewer_downloads_an_evidence_pack_that_verifies(
    page: CheckedPage, viewer, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    make_organisation(name="Müller Metallbau GmbH")
    provider = make_provider(name="Brandl IT GmbH")
    policy = make_policy(provider=provider)
    contract = make_contract(provider=provider, number="V-2024-17", sla_policy=policy)
    reported = timezone.now() - timedelta(days=10)
    problem = make_problem(reported, sla_policy=policy, title="Server startet nicht")
    add_event(problem, "first_response", (reported + timedelta(days=3)).isoformat())
    termination = make_termination(contract)
    make_dispatch(make_letter(termination))
    login_in_browser(page, viewer.username, PASSWORD)

    page.goto(f"/exit/evidence/{contract.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beweispaket")
    expect(page.get_by_role("row", name="Dem Dienstleister gemeldete Probleme 1")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Beweispaket herunterladen").click()
    assert download.value.suggested_filename.startswith("evidence-brandl-it-gmbh-")
    with zipfile.ZipFile(download.value.path()) as archive:
        archive.extractall(tmp_path / "pack")
    (folder,) = (tmp_path / "pack").iterdir()
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert f"problems/{problem.pk}/sla_calculation.txt: OK" in result.stdout

    page.submit(page.get_by_role("button", name="English"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence pack")
