"""The application's own upload limit (VENDORWATCH_MAX_UPLOAD_MB), said next to the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import ContractDocument
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.problems.models import Attachment
from vendorwatch.problems.tests.factory import make_problem

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _small_limit(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_MB = 1


def test_an_attachment_over_the_limit_gets_the_message_at_the_field(client: Client, editor):
    problem = make_problem()
    client.force_login(editor)
    big = SimpleUploadedFile("log.txt", b"x" * (MB + 1))
    response = client.post(reverse("problems-attachment-upload", args=[problem.pk]), {"file": big})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Die Datei ist größer als 1 MB. Bitte wählen Sie eine kleinere Datei."
    ]
    assert not Attachment.objects.exists()


def test_an_attachment_at_the_limit_is_accepted(client: Client, editor) -> None:
    problem = make_problem()
    client.force_login(editor)
    exact = SimpleUploadedFile("log.txt", b"x" * MB)
    client.post(reverse("problems-attachment-upload", args=[problem.pk]), {"file": exact})
    assert Attachment.objects.count() == 1


def test_a_contract_document_over_the_limit_gets_the_message_at_the_field(client, editor):
    contract = make_contract()
    client.force_login(editor)
    big = SimpleUploadedFile("v.pdf", b"%PDF-" + b"x" * MB)
    data = {"kind": "contract", "title": "Rahmenvertrag", "file": big}
    response = client.post(reverse("contracts-document-add", args=[contract.pk]), data)
    assert response.context["form"].errors["file"] == [
        "Die Datei ist größer als 1 MB. Bitte wählen Sie eine kleinere Datei."
    ]
    assert not ContractDocument.objects.exists()


def test_the_help_text_names_the_configured_limit(client: Client, editor, settings) -> None:
    settings.MAX_UPLOAD_MB = 7
    problem = make_problem()
    client.force_login(editor)
    response = client.get(reverse("problems-attachment-upload", args=[problem.pk]))
    assert "höchstens 7 MB" in response.text


def test_a_body_far_over_the_limit_gets_a_calm_page(client: Client, editor) -> None:
    problem = make_problem()
    client.force_login(editor)
    url = reverse("problems-attachment-upload", args=[problem.pk])
    # Only the announced length counts: the body is refused before anything reads it.
    response = client.generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(20 * MB),
    )
    assert response.status_code == 413
    assert "<h1>Die Datei ist zu groß</h1>" in response.text
    assert "bis zu 1 MB" in response.text
    assert 'class="sidebar"' in response.text


def test_too_much_form_text_gets_a_calm_page_about_the_text(client: Client, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("accounts-login"), {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "<h1>Der Text ist zu lang</h1>" in response.text


def test_a_file_well_over_the_limit_still_gets_the_message_at_the_field(client, editor):
    problem = make_problem()
    client.force_login(editor)
    big = SimpleUploadedFile("log.txt", b"x" * (2 * MB))
    response = client.post(reverse("problems-attachment-upload", args=[problem.pk]), {"file": big})
    assert response.status_code == 200
    assert "Die Datei ist größer als 1 MB." in response.text
