"""A record whose file is gone from the disk answers 404 with a calm page, not a server error."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.services import contract_document_upload
from vendorwatch.contracts.tests.factory import make_contract, make_invoice
from vendorwatch.problems.services import attachment_add
from vendorwatch.problems.tests.factory import make_problem

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def attachment_url(editor) -> tuple[str, str]:
    problem = make_problem()
    upload = SimpleUploadedFile("fehler.png", b"\x89PNG\r\n\x1a\n data", content_type="image/png")
    attachment = attachment_add(problem=problem, upload=upload, user=editor)
    url = reverse("problems-attachment-download", args=[problem.pk, attachment.pk])
    return url, attachment.file.path


def document_url(editor) -> tuple[str, str]:
    document = contract_document_upload(
        contract=make_contract(),
        kind="contract",
        title="Rahmenvertrag",
        upload=SimpleUploadedFile("v.pdf", PDF),
        user=editor,
    )
    return reverse("contracts-document-download", args=[document.pk]), document.file.path


def invoice_url(editor) -> tuple[str, str]:
    invoice = make_invoice(make_contract())
    invoice.pdf.save("rechnung.pdf", ContentFile(PDF))
    return reverse("contracts-invoice-pdf", args=[invoice.pk]), invoice.pdf.path


MAKERS = [attachment_url, document_url, invoice_url]
IDS = ["attachment", "document", "invoice"]


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_a_file_still_on_disk_is_served(client: Client, editor, make) -> None:
    url, _path = make(editor)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_a_file_deleted_from_disk_answers_404(client: Client, editor, make) -> None:
    url, path = make(editor)
    os.remove(path)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Datei nicht gefunden</h1>" in response.text
    assert 'class="topbar"' in response.text


def test_a_missing_file_is_logged_for_the_operator(client: Client, editor, caplog) -> None:
    url, path = attachment_url(editor)
    os.remove(path)
    client.force_login(editor)
    client.get(url)
    assert any("missing from the storage" in record.getMessage() for record in caplog.records)
