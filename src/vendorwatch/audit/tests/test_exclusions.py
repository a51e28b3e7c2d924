"""What the trail leaves out, and why: anonymous feedback, the job runner's bookkeeping, and
the rows an import writes in bulk (one entry per import run instead)."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.audit import policy
from vendorwatch.audit.models import AuditEntry
from vendorwatch.feedback import services
from vendorwatch.feedback.models import QuestionKind, SurveyResponse
from vendorwatch.feedback.tests.factory import make_employees, make_survey
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.pipeline_factory import make_monitoring, run_import, ticket
from vendorwatch.monitoring.tests.pipeline_factory import write_csv as write_export


def test_every_exclusion_names_a_model_and_a_reason() -> None:
    for label, reason in policy.EXCLUDED_MODELS.items():
        assert apps.get_model(label), label
        assert len(reason) > 20, label


@pytest.mark.parametrize("label", sorted(policy.EXCLUDED_MODELS))
def test_an_excluded_model_has_no_recorder(label: str) -> None:
    model = apps.get_model(label)
    for signal in (pre_save, post_save, post_delete):
        assert not signal.has_listeners(model), (label, signal)


def test_every_other_model_of_vendorwatch_and_the_user_is_recorded() -> None:
    audited = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("vendorwatch.")
        and m._meta.label_lower not in policy.EXCLUDED_MODELS
    ]
    for model in [*audited, get_user_model()]:
        assert post_save.has_listeners(model), model._meta.label


def test_every_named_part_and_field_exists() -> None:
    for label, name in policy.PARENTS.items():
        assert apps.get_model(label)._meta.get_field(name).is_relation
    for table in (policy.IGNORED_FIELDS, policy.SENSITIVE_FIELDS):
        for label, names in table.items():
            for name in names:
                apps.get_model(label)._meta.get_field(name)


# --- anonymous feedback ------------------------------------------------------------------------


def link_of(message: OutboxMessage) -> str:
    found = re.search(r"/feedback/survey/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def answered_on_the_page(db: None, client: Client) -> int:
    """A survey round answered by one employee on the public page; the entries written
    while answering."""
    survey = make_survey(questions=False, min_answers=3)
    survey.questions.create(kind=QuestionKind.TEXT, text="Was sollte besser werden?", position=1)
    survey.recipients.set(make_employees(3))
    assert services.survey_open_round(survey=survey, now=timezone.now()) is not None
    message = OutboxMessage.objects.filter(key__startswith="feedback-survey-invite").first()
    assert message is not None
    question = survey.questions.get()
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("feedback-answer", args=[link_of(message)]), {f"q{question.pk}": "Schneller"}
    )
    assert response.status_code == 303
    return AuditEntry.objects.count() - before


def test_answering_a_survey_on_the_public_page_writes_no_entry(answered_on_the_page: int) -> None:
    assert answered_on_the_page == 0


def test_no_entry_holds_a_survey_response(answered_on_the_page: int) -> None:
    response = SurveyResponse.objects.get()
    trail = json.dumps(
        list(AuditEntry.objects.values("object_id", "object_repr", "parent_id", "changes"))
    )
    assert str(response.pk) not in trail and response.pk.hex not in trail
    assert "Schneller" not in trail


# --- imports -----------------------------------------------------------------------------------


def test_an_import_is_recorded_once_not_per_ticket(db: None, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    provider, sla = make_monitoring()
    rows = [ticket(str(1000 + n), "2026-03-02 09:00", "2026-03-02 10:00") for n in range(20)]
    before = AuditEntry.objects.count()
    job = run_import(write_export(tmp_path, rows), provider, sla)
    assert ExternalTicket.objects.filter(job=job).count() == 20
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert [(e.content_type.model, e.action) for e in entries] == [
        ("importjob", "create"),
        ("importjob", "update"),
    ]
    assert entries[1].changes["state"] == [ImportJob.State.PREVIEW, ImportJob.State.DONE]
    assert entries[1].changes["committed_at"][0] is None


def test_the_rows_of_an_import_have_no_recorder_to_slow_them_down() -> None:
    for label in ("monitoring.externalticket", "monitoring.importrejection"):
        model = apps.get_model(label)
        assert not pre_save.has_listeners(model) and not post_delete.has_listeners(model)
