"""Every view that hands out a stored file: a download the browser does not sniff, and never
a file outside the media folder, whatever name the row holds."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import models
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import ContractDocument
from vendorwatch.contracts.tests.factory import make_contract, make_invoice
from vendorwatch.expectations.models import ExpectationsDocument
from vendorwatch.problems.models import Attachment
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.termination.models import TerminationFile
from vendorwatch.termination.tests.factory import make_termination
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def attachment() -> tuple[models.Model, str, str]:
    problem = make_problem()
    row = Attachment(problem=problem, token="a" * 32, filename="log.txt", size=3)
    row.content_type = "text/plain"
    row.file.save("log.txt", ContentFile(b"log"))
    url = reverse("problems-attachment-download", args=[problem.pk, row.pk])
    return row, "file", url


def contract_document() -> tuple[models.Model, str, str]:
    row = ContractDocument(contract=make_contract(), title="Rahmenvertrag")
    row.file.save("v.pdf", ContentFile(PDF))
    return row, "file", reverse("contracts-document-download", args=[row.pk])


def invoice() -> tuple[models.Model, str, str]:
    row = make_invoice(make_contract())
    row.pdf.save("rechnung.pdf", ContentFile(PDF))
    return row, "pdf", reverse("contracts-invoice-pdf", args=[row.pk])


def termination_file() -> tuple[models.Model, str, str]:
    row = TerminationFile(
        termination=make_termination(),
        kind="evidence",
        filename="beleg.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    row.file.save("beleg.pdf", ContentFile(PDF))
    return row, "file", reverse("termination-file-download", args=[row.pk])


def expectations_document() -> tuple[models.Model, str, str]:
    row = ExpectationsDocument(provider=make_provider(), version=1, language="de")
    row.pdf.save("erwartungen-v1.pdf", ContentFile(PDF))
    return row, "pdf", reverse("expectations-document-download", args=[row.pk])


Maker = Callable[[], tuple[models.Model, str, str]]
UPLOADED: list[Maker] = [attachment, contract_document, invoice, termination_file]
EVERY: list[Maker] = [*UPLOADED, expectations_document]


def ids(makers: list[Maker]) -> list[str]:
    return [make.__name__ for make in makers]


@pytest.mark.parametrize("make", EVERY, ids=ids(EVERY))
def test_a_stored_file_is_a_download_that_is_not_sniffed(client: Client, admin_user, make):
    _row, _field, url = make()
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("make", UPLOADED, ids=ids(UPLOADED))
def test_an_uploaded_file_may_not_run_even_when_opened(client: Client, admin_user, make):
    _row, _field, url = make()
    client.force_login(admin_user)
    assert client.get(url)["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("make", UPLOADED, ids=ids(UPLOADED))
@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd"])
def test_a_name_outside_the_media_folder_answers_404(client: Client, admin_user, make, name):
    row, field, url = make()
    type(row).objects.filter(pk=row.pk).update(**{field: name})
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 404
    assert b"root:" not in response.content


@pytest.mark.parametrize("make", UPLOADED, ids=ids(UPLOADED))
def test_a_link_from_the_media_folder_to_outside_answers_404(
    client: Client, admin_user, make, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    row, field, url = make()
    stored = Path(getattr(row, field).path)
    stored.unlink()
    os.symlink(secret, stored)
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 404
    assert b"geheim" not in response.content


def test_a_refused_name_is_logged_for_the_operator(client: Client, admin_user, caplog) -> None:
    row, _field, url = contract_document()
    ContractDocument.objects.filter(pk=row.pk).update(file="../../etc/passwd")
    client.force_login(admin_user)
    client.get(url)
    assert any("outside the storage" in record.getMessage() for record in caplog.records)
