"""Problems, their timeline and their files, changed through the problem pages' forms and
services: the SLA clocks, timeline and notifications follow exactly as on the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vendorwatch.api.serializers.base import FormSerializer
from vendorwatch.problems.forms import EventForm
from vendorwatch.problems.models import Attachment, Problem, ProblemEvent
from vendorwatch.problems.problem_form import ProblemForm
from vendorwatch.problems.services import (
    problem_event_add,
    problem_event_change,
    problem_report,
    problem_update,
)
from vendorwatch.problems.uploads import AttachmentForm
from vendorwatch.problems.views.events import ask_for_rating

# What the SLA clocks derive from the timeline: shown, never written by a client.
DERIVED = [
    "priority",
    "status",
    "is_open",
    "state",
    "response_due",
    "resolution_due",
    "next_due",
    "breached",
    "breached_at",
]


class ProblemSerializer(FormSerializer):
    form_class = ProblemForm
    priority: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Problem
        fields = [
            "id",
            "title",
            "what_happened",
            "since",
            "affected_users",
            "affected_email",
            "affected_systems",
            "business_impact",
            "already_tried",
            "expected",
            "how_to_reproduce",
            "impact",
            "urgency",
            "provider",
            "service",
            "sla_policy",
            "reported_to_provider_at",
            "channel",
            "provider_ticket_number",
            "reporter",
            "owner",
            "created_at",
            *DERIVED,
        ]
        read_only_fields = ["reporter", "created_at", *DERIVED]

    def save_form(self, form: Any) -> Problem:
        if form.instance.pk is None:
            user = self.context["request"].user
            return problem_report(problem=form.save(commit=False), user=user, uploads=[])
        return problem_update(problem=form.save(commit=False))


class EventSerializer(FormSerializer):
    # An event of a problem's timeline; a changed time needs a ``reason``, which is kept.

    form_class = EventForm
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=EventForm.base_fields["reason"].help_text,
    )

    class Meta:
        model = ProblemEvent
        fields = ["id", "kind", "occurred_at", "text", "reason", "author", "created_at"]
        read_only_fields = ["author", "created_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # As on the page: what happened stays; its time and note can be changed.
            self.fields["kind"].read_only = True

    @property
    def problem(self) -> Problem:
        return self.context["problem"]  # type: ignore[no-any-return]

    def new_instance(self, attrs: dict[str, Any]) -> ProblemEvent:
        return ProblemEvent(problem=self.problem)

    def form_kwargs(self, instance: Any) -> dict[str, Any]:
        return {"problem": self.problem}

    def save_form(self, form: Any) -> ProblemEvent:
        user = self.context["request"].user
        data = form.cleaned_data
        if form.instance.pk is None:
            event = problem_event_add(problem=self.problem, user=user, **data)
        else:
            event = problem_event_change(
                event=form.instance,
                occurred_at=data["occurred_at"],
                text=data["text"],
                reason=data.get("reason", ""),
                user=user,
            )
        ask_for_rating(self.problem)
        return event


class AttachmentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "filename",
            "content_type",
            "size",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_download(self, attachment: Attachment) -> str:
        path = reverse(
            "api-problem-attachments-download",
            kwargs={"problem_pk": attachment.problem_id, "pk": attachment.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class AttachmentUploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # The upload (multipart/form-data, field ``file``), checked by the page's form.

    file = serializers.FileField(help_text=AttachmentForm.base_fields["file"].help_text)
