"""The upload form: provider and SLA, file, format and the folded settings, checked next to
each field."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.models import ImportJob, ImportPreset
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

CSV = (
    "Ticket;Erstellt;Erste Reaktion;Gelöst;Priorität;Status;Titel\r\n"
    "4711;02.03.2026 08:12;02.03.2026 08:40;02.03.2026 11:05;P2;geschlossen;VPN bricht ab\r\n"
)


def upload(name: str = "tickets.csv", content: str = CSV) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def post_data(provider: Any, policy: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "provider": provider.pk,
        "sla_policy": policy.pk if policy else "",
        "file": upload(),
        "preset": "auto",
    }
    data.update(overrides)
    return data


@pytest.fixture
def brandl():
    provider = make_provider(name="Brandl IT GmbH")
    return provider, make_policy(name="SLA Brandl", provider=provider)


def test_the_form_preselects_the_provider_from_the_address(client, editor, brandl) -> None:
    provider, policy = brandl
    client.force_login(editor)
    form = client.get(f"/reports/imports/new/?provider={provider.pk}").context["form"]
    assert form["provider"].value() == provider.pk
    assert form["sla_policy"].value() == policy.pk


def test_only_the_providers_slas_are_offered(client, editor, brandl) -> None:
    provider, policy = brandl
    other = make_provider(name="Anders GmbH")
    make_policy(name="SLA Anders", provider=other)
    second = make_policy(name="SLA Brandl Premium", provider=provider)
    client.force_login(editor)
    response = client.get(f"/reports/imports/new/?provider={provider.pk}")
    offered = [
        value for value, _label in response.context["form"].fields["sla_policy"].widget.choices
    ]
    assert offered == ["", policy.pk, second.pk]


def test_a_changed_provider_fetches_its_sla_field(client, editor, brandl) -> None:
    provider, policy = brandl
    client.force_login(editor)
    response = client.get(f"/reports/imports/new/?provider={provider.pk}", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div class="field" id="sla-field"')
    assert f'<option value="{policy.pk}" selected>SLA Brandl</option>' in body


def test_the_provider_field_asks_for_its_sla_field_with_htmx(client, editor) -> None:
    client.force_login(editor)
    page = client.get("/reports/imports/new/").content.decode()
    assert 'hx-get="/reports/imports/new/"' in page and 'hx-target="#sla-field"' in page


def test_the_format_offers_detection_the_built_in_and_the_saved_formats(client, editor) -> None:
    saved = ImportPreset.objects.create(name="Brandl Jira-Export", options={})
    client.force_login(editor)
    page = client.get("/reports/imports/new/").content.decode()
    assert '<option value="auto" selected>Automatisch erkennen</option>' in page
    assert '<option value="zammad">Zammad (Bericht als XLSX)</option>' in page
    assert f'<option value="saved:{saved.pk}">Brandl Jira-Export</option>' in page


def test_the_settings_are_folded_until_needed(client, editor) -> None:
    client.force_login(editor)
    page = client.get("/reports/imports/new/").content.decode()
    assert '<details class="import-settings">' in page


def test_the_time_zones_are_named_in_plain_german(client, editor) -> None:
    client.force_login(editor)
    page = client.get("/reports/imports/new/").content.decode()
    assert '<option value="Europe/Vienna">Österreich (Wien)</option>' in page
    assert '<option value="America/New_York">USA, Ostküste (New York)</option>' in page
    assert ">Europe/Berlin<" not in page


def test_a_provider_without_sla_is_refused_with_the_reason(client, editor) -> None:
    provider = make_provider(name="Ohne SLA GmbH")
    client.force_login(editor)
    response = client.post("/reports/imports/new/", post_data(provider, None))
    assert "noch kein SLA vereinbart" in str(response.context["form"].errors["sla_policy"])
    assert ImportJob.objects.count() == 0


def test_another_providers_sla_is_refused(client, editor, brandl) -> None:
    provider, _policy = brandl
    foreign = make_policy(name="SLA Anders", provider=make_provider(name="Anders GmbH"))
    client.force_login(editor)
    response = client.post("/reports/imports/new/", post_data(provider, foreign))
    assert "sla_policy" in response.context["form"].errors


def test_a_file_that_is_neither_csv_nor_excel_is_refused(client, editor, brandl) -> None:
    client.force_login(editor)
    data = post_data(*brandl, file=upload("tickets.pdf"))
    response = client.post("/reports/imports/new/", data)
    assert "CSV- oder Excel-Datei" in str(response.context["form"].errors["file"])


def test_a_file_over_the_upload_limit_is_refused_next_to_the_field(
    client, editor, brandl, settings
) -> None:
    settings.MAX_UPLOAD_MB = 1
    client.force_login(editor)
    data = post_data(*brandl, file=upload(content=CSV + "x" * (1024 * 1024)))
    response = client.post("/reports/imports/new/", data)
    assert "größer als 1 MB" in str(response.context["form"].errors["file"])


def test_an_unreadable_date_format_is_refused_and_the_settings_stay_open(
    client, editor, brandl
) -> None:
    client.force_login(editor)
    data = post_data(*brandl, date_format_other="%H:%M")
    response = client.post("/reports/imports/new/", data)
    assert "date_format_other" in response.context["form"].errors
    assert '<details class="import-settings" open>' in response.content.decode()


def test_a_valid_upload_is_read_at_once_when_small(client, editor, brandl, monkeypatch) -> None:
    provider, policy = brandl
    calls: list[Any] = []

    def create(**kwargs: Any) -> ImportJob:
        calls.append(kwargs)
        return ImportJob.objects.create(
            provider=kwargs["provider"], sla_policy=kwargs["sla_policy"], file_name="t.csv"
        )

    monkeypatch.setattr(pipeline, "job_create", create)
    monkeypatch.setattr(pipeline, "runs_inline", lambda job: True)
    monkeypatch.setattr(pipeline, "job_analyse", lambda job: calls.append("analysed") or job)
    client.force_login(editor)
    data = post_data(provider, policy, time_zone="UTC", date_format="%d.%m.%Y %H:%M")
    response = client.post("/reports/imports/new/", data)
    job = ImportJob.objects.get()
    assert response["Location"] == f"/reports/imports/{job.pk}/"
    options = calls[0]["options"]
    assert (options.time_zone, options.date_format, options.preset) == (
        "UTC",
        "%d.%m.%Y %H:%M",
        "auto",
    )
    assert calls[0]["file_name"] == "tickets.csv" and calls[0]["user"] == editor
    assert calls[1] == "analysed"


def test_a_large_upload_is_left_to_the_job_runner(client, editor, brandl, monkeypatch) -> None:
    def create(**kwargs: Any) -> ImportJob:
        return ImportJob.objects.create(
            provider=kwargs["provider"], sla_policy=kwargs["sla_policy"], file_name="t.csv"
        )

    def analyse(job: ImportJob) -> ImportJob:
        raise AssertionError("read in the request")

    monkeypatch.setattr(pipeline, "job_create", create)
    monkeypatch.setattr(pipeline, "runs_inline", lambda job: False)
    monkeypatch.setattr(pipeline, "job_analyse", analyse)
    client.force_login(editor)
    response = client.post("/reports/imports/new/", post_data(*brandl), follow=True)
    assert "<progress" in response.content.decode()


def test_the_only_provider_with_an_sla_is_chosen_with_its_sla(client, editor, brandl) -> None:
    provider, policy = brandl
    make_provider(name="Ohne SLA GmbH")
    client.force_login(editor)
    form = client.get("/reports/imports/new/").context["form"]
    assert (form["provider"].value(), form["sla_policy"].value()) == (provider.pk, policy.pk)
