"""Contract documents and invoices are taken only when the file really is a PDF, and stored
under a random name in the contract's folder."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from vendorwatch.contracts.models import ContractDocument, Invoice
from vendorwatch.contracts.tests.factory import make_contract

pytestmark = pytest.mark.django_db
MISMATCH = "Der Inhalt der Datei passt nicht zu ihrer Endung (.pdf)."


def image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def add_document(client, contract, name: str, content: bytes):
    data = {"kind": "contract", "title": "Rahmenvertrag", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("contracts-document-add", args=[contract.pk]), data)


def add_invoice(client, contract, name: str, content: bytes):
    data = {
        "number": "RE-7",
        "invoice_date": "03.03.2026",
        "pdf": SimpleUploadedFile(name, content),
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-description": "Pauschale",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "10",
    }
    return client.post(reverse("contracts-invoice-add", args=[contract.pk]), data)


def test_a_picture_renamed_to_pdf_is_refused_as_a_document(client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    response = add_document(client, contract, "Vertrag.pdf", image("PNG"))
    assert MISMATCH in str(response.context["form"].errors["file"])
    assert not ContractDocument.objects.exists()


def test_a_document_is_stored_under_a_random_name(client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    add_document(client, contract, "Vertrag Brandl 2026.PDF", image("PDF"))
    stored = ContractDocument.objects.get().file.name
    assert re.fullmatch(rf"documents/contracts/{contract.pk}/[0-9a-f]{{32}}\.pdf", stored)


def test_a_picture_renamed_to_pdf_is_refused_as_an_invoice(client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    response = add_invoice(client, contract, "RE-7.pdf", image("JPEG"))
    assert MISMATCH in str(response.context["form"].errors["pdf"])
    assert not Invoice.objects.exists()


def test_an_invoice_pdf_is_stored_under_a_random_name(client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    add_invoice(client, contract, "../Rechnung RE-7.pdf", image("PDF"))
    stored = Invoice.objects.get().pdf.name
    assert re.fullmatch(rf"documents/invoices/{contract.pk}/[0-9a-f]{{32}}\.pdf", stored)
