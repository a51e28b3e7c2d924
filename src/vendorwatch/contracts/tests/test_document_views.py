import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import ContractDocument
from vendorwatch.contracts.tests.factory import make_contract

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def upload(client: Client, contract_pk: int, content: bytes = PDF, name: str = "v.pdf"):
    data = {"kind": "contract", "title": "Rahmenvertrag", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("contracts-document-add", args=[contract_pk]), data)


def test_a_second_upload_becomes_version_two(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    upload(client, contract.pk)
    upload(client, contract.pk)
    assert list(ContractDocument.objects.values_list("version", flat=True)) == [2, 1]


def test_only_pdfs_are_accepted(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    response = upload(client, contract.pk, b"MZ\x90\x00", "virus.pdf")
    assert response.status_code == 200
    assert not ContractDocument.objects.exists()


def test_the_download_is_an_attachment_for_logged_in_users(client: Client, editor, viewer) -> None:
    contract = make_contract()
    client.force_login(editor)
    upload(client, contract.pk)
    document = ContractDocument.objects.get()
    url = reverse("contracts-document-download", args=[document.pk])
    assert Client().get(url).status_code == 302
    client.force_login(viewer)
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_certificate_is_recorded_with_its_expiry(client: Client, editor) -> None:
    contract = make_contract()
    client.force_login(editor)
    data = {"name": "ISO 27001", "valid_until": "30.09.2026"}
    client.post(reverse("contracts-certificate-add", args=[contract.pk]), data)
    assert contract.certificates.get().valid_until.isoformat() == "2026-09-30"
