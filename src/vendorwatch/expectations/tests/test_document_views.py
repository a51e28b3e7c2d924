from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations.models import ExpectationsDocument
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def test_the_first_page_offers_one_document_per_provider(client: Client, viewer) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    make_provider(name="Netzwerk & Cloud Schwaben GmbH", status="candidate")
    client.force_login(viewer)
    text = client.get(reverse("expectations-documents")).text
    assert f'href="{reverse("expectations-document", args=[brandl.pk])}"' in text
    assert "Dokument für Brandl IT-Systemhaus GmbH" in text
    assert "Dokument für Netzwerk &amp; Cloud Schwaben GmbH" in text


def test_the_overview_links_the_documents_of_active_providers(client: Client, viewer) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    client.force_login(viewer)
    text = client.get(reverse("expectations-index")).text
    assert reverse("expectations-document", args=[brandl.pk]) in text


def test_the_page_of_a_provider_shows_its_draft(client: Client, viewer) -> None:
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    client.force_login(viewer)
    response = client.get(reverse("expectations-document", args=[brandl.pk]))
    assert response.status_code == 200
    assert "Erwartungsdokument für Brandl IT-Systemhaus GmbH" in response.text
    assert "Für Brandl IT-Systemhaus GmbH" in response.text


def test_the_page_names_policies_that_are_in_no_document(client: Client, viewer) -> None:
    brandl = make_provider()
    make_policy(name="SLA ohne Dienstleister", valid_from=date(2026, 1, 1))
    client.force_login(viewer)
    text = client.get(reverse("expectations-document", args=[brandl.pk])).text
    assert "haben keinen Dienstleister und stehen deshalb in keinem Dokument" in text
    assert "SLA ohne Dienstleister" in text


def test_an_unknown_provider_is_not_found(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert client.get(reverse("expectations-document", args=[999])).status_code == 404


def test_creating_issues_version_1_for_that_provider(
    client: Client, editor, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    client.force_login(editor)
    response = client.post(reverse("expectations-document-create", args=[brandl.pk]))
    assert response["Location"] == reverse("expectations-document", args=[brandl.pk])
    issued = ExpectationsDocument.objects.get()
    assert (issued.provider, issued.version, issued.created_by) == (brandl, 1, editor)


def test_the_download_is_named_after_the_provider(
    client: Client, viewer, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    brandl = make_provider(name="Brandl IT-Systemhaus GmbH")
    issued = ExpectationsDocument(provider=brandl, version=3, language="de")
    issued.pdf.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client.force_login(viewer)
    response = client.get(reverse("expectations-document-download", args=[issued.pk]))
    assert (
        'filename="erwartungen-brandl-it-systemhaus-gmbh-v3.pdf"' in response["Content-Disposition"]
    )


def test_earlier_documents_for_all_providers_stay_downloadable(
    client: Client, viewer, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    earlier = ExpectationsDocument(version=1, language="de")
    earlier.pdf.save("erwartungen-v1.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client.force_login(viewer)
    text = client.get(reverse("expectations-documents")).text
    assert "Frühere Dokumente für alle Dienstleister" in text
    assert reverse("expectations-document-download", args=[earlier.pk]) in text
