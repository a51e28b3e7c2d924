"""The evidence page and the download of the pack, through the Django client."""

from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import make_organisation, make_provider, make_user
from vendorwatch.web.pdf import PdfUnavailable

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _media_and_clock(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to(datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN), tick=False)
    make_organisation(name="Beispiel GmbH", federal_state="DE-BY")


@pytest.fixture
def contract() -> Contract:
    provider = make_provider(name="Brandl IT GmbH")
    policy = make_policy(provider=provider)
    contract = make_contract(provider=provider, number="MS-2025-17", sla_policy=policy)
    problem = make_problem("2026-11-23 09:00+01:00", sla_policy=policy)
    add_event(problem, "first_response", "2026-11-23 12:00+01:00")
    return contract


def page_url(contract: Contract) -> str:
    return f"/exit/evidence/{contract.pk}/"


def download_url(contract: Contract) -> str:
    return f"/exit/evidence/{contract.pk}/download/"


def test_the_page_counts_what_the_pack_holds(client, viewer, contract) -> None:
    client.force_login(viewer)
    response = client.get(page_url(contract))
    assert response.status_code == 200
    rows = dict(response.context["contents"])
    assert rows["Dem Dienstleister gemeldete Probleme"] == 1
    assert rows["davon mit verletzter Frist"] == 1
    assert download_url(contract) in response.content.decode()


def test_the_page_names_the_file(client, viewer, contract) -> None:
    client.force_login(viewer)
    response = client.get(page_url(contract))
    assert "evidence-brandl-it-gmbh-2026-12-02.zip" in response.content.decode()


def test_the_page_leads_back_to_the_termination(client, viewer, contract) -> None:
    termination = make_termination(contract)
    client.force_login(viewer)
    response = client.get(page_url(contract))
    assert f"/exit/{termination.pk}/" in response.content.decode()


def test_a_viewer_downloads_the_pack_streamed(client, viewer, contract, tmp_path) -> None:
    make_dispatch(make_letter(make_termination(contract)))
    client.force_login(viewer)
    response = client.get(download_url(contract))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="evidence-brandl-it-gmbh-2026-12-02.zip"'
    )
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "evidence-brandl-it-gmbh-2026-12-02"
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "letters/2026-09-01_termination.pdf: OK" in result.stdout


def test_anonymous_visitors_are_sent_to_log_in(client, contract) -> None:
    for url in (page_url(contract), download_url(contract)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_user_without_a_role_is_refused(client, contract) -> None:
    client.force_login(make_user(role=None))
    assert client.get(page_url(contract)).status_code == 403
    assert client.get(download_url(contract)).status_code == 403


def test_the_download_changes_nothing_and_takes_no_post(client, editor, contract) -> None:
    client.force_login(editor)
    assert client.post(download_url(contract)).status_code == 405
    assert client.post(page_url(contract)).status_code == 405


def test_an_unknown_contract_is_not_found(client, viewer) -> None:
    client.force_login(viewer)
    assert client.get("/exit/evidence/999999/").status_code == 404
    assert client.get("/exit/evidence/999999/download/").status_code == 404


def test_a_busy_pdf_renderer_gives_a_calm_page(client, viewer, contract, monkeypatch) -> None:
    def busy(*args, **kwargs):
        raise PdfUnavailable(PdfUnavailable.BUSY)

    monkeypatch.setattr("vendorwatch.termination.evidence_pack.render_pdf", busy)
    client.force_login(viewer)
    response = client.get(download_url(contract))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert page_url(contract) in response.content.decode()


def test_the_page_shows_long_texts_and_year_9999(client, viewer, contract) -> None:
    Contract.objects.filter(pk=contract.pk).update(
        title="T" * 200, number="N" * 100, start_date=date(9999, 12, 31)
    )
    client.force_login(viewer)
    response = client.get(page_url(contract))
    assert response.status_code == 200 and "T" * 200 in response.content.decode()


def test_the_page_of_a_contract_with_nothing_recorded(client, viewer) -> None:
    contract = make_contract()
    client.force_login(viewer)
    response = client.get(page_url(contract))
    assert response.status_code == 200
    assert all(count == 0 for _label, count in response.context["contents"])
