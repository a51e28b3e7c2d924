"""Changes written past the model's save (``QuerySet.update()``, ``bulk_create()``) are
recorded by the code that makes them; and an entry itself cannot be changed or deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.urls import reverse

from vendorwatch.audit.context import acting
from vendorwatch.audit.models import AuditEntry
from vendorwatch.feedback.models import Employee, Survey
from vendorwatch.feedback.services import employees_add
from vendorwatch.feedback.tests.factory import make_employees, make_survey
from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.tests.pipeline_factory import make_monitoring, run_import, ticket
from vendorwatch.monitoring.tests.pipeline_factory import write_csv as write_export
from vendorwatch.problems.escalation import escalation_discard
from vendorwatch.problems.models import Escalation
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def newest_of(record: models.Model) -> AuditEntry:
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    ).first()
    assert entry is not None
    return entry


def test_employees_added_from_a_list_are_each_recorded() -> None:
    added, _refused = employees_add("Anna Muster <anna@example.com>\nben@example.com")
    assert [newest_of(e).changes["email"][1] for e in added] == [
        "anna@example.com",
        "ben@example.com",
    ]
    assert Employee.objects.count() == 2


def test_starting_a_survey_records_its_new_status(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.DRAFT)
    survey.recipients.set(make_employees(5))
    client.force_login(editor)
    client.post(reverse("feedback-survey-start", args=[survey.pk]))
    entry = AuditEntry.objects.filter(
        content_type__model="survey", object_id=str(survey.pk), action="update"
    ).get(changes__has_key="status")
    assert entry.changes["status"] == ["draft", "active"]
    assert (entry.actor, entry.channel) == (editor, "web")


def test_ending_a_survey_records_its_new_status(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.ACTIVE)
    client.force_login(editor)
    client.post(reverse("feedback-survey-end", args=[survey.pk]))
    assert newest_of(survey).changes["status"] == ["active", "ended"]


def test_a_discarded_escalation_draft_is_recorded(editor) -> None:
    problem = make_problem()
    draft = Escalation.objects.create(
        problem=problem, kind="draft_provider", subject="Frist überschritten", body="…"
    )
    with acting(editor, "web"):
        escalation_discard(escalation=draft, user=editor)
    changes = newest_of(draft).changes
    assert changes["status"] == ["drafted", "discarded"]
    assert changes["decided_by"][1]["id"] == editor.pk


def test_an_undone_import_is_recorded_once(settings: Any, tmp_path: Any, editor) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    provider, sla = make_monitoring()
    rows = [ticket(str(1000 + n), "2026-03-02 09:00", "2026-03-02 10:00") for n in range(5)]
    job = run_import(write_export(tmp_path, rows), provider, sla)
    count = AuditEntry.objects.count()
    pipeline.job_undo(job, user=editor)
    assert AuditEntry.objects.count() == count + 1
    assert newest_of(job).changes["state"] == ["done", "undone"]


def test_an_entry_cannot_be_changed_or_deleted() -> None:
    make_provider()
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.object_repr = "anders"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
