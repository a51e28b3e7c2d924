"""Problems, their timeline (events) and their files (attachments)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from vendorwatch.api.filters import EventFilter, ProblemFilter
from vendorwatch.api.serializers.base import form_errors
from vendorwatch.api.serializers.problems import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    EventSerializer,
    ProblemSerializer,
)
from vendorwatch.api.views.base import ApiBase
from vendorwatch.problems.models import Attachment, Problem, ProblemEvent
from vendorwatch.problems.services import attachment_add
from vendorwatch.problems.uploads import AttachmentForm
from vendorwatch.problems.views.problems import problem_queryset
from vendorwatch.web.files import private_file_response


@extend_schema(
    tags=["problems"],
    description=_(
        "The problem log. A new problem starts its SLA clocks as on the page; its status "
        "and clocks follow from its events (see “Events of a problem”) and cannot be "
        "written. Problems are not deleted (the pages do not either)."
    ),
)
class ProblemViewSet(
    ApiBase,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    queryset = problem_queryset()
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilter
    ordering_fields = ["reported_to_provider_at", "since", "priority_rank", "next_due", "id"]


class ProblemChild:
    """A resource of one problem: ``/problems/{problem_pk}/…``."""

    kwargs: dict[str, Any]

    @property
    def problem(self) -> Problem:
        if not hasattr(self, "_problem"):
            self._problem = get_object_or_404(problem_queryset(), pk=self.kwargs["problem_pk"])
        return self._problem

    def get_queryset(self) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset()  # type: ignore[misc]
        if getattr(self, "swagger_fake_view", False):  # the schema is being generated
            return queryset.none()
        return queryset.filter(problem=self.problem)


@extend_schema(
    tags=["events"],
    description=_(
        "The timeline of a problem. A new event updates the SLA clocks exactly as one "
        "entered on the problem's page; changing the time of an event needs a “reason”, "
        "which is kept."
    ),
)
class EventViewSet(
    ApiBase,
    ProblemChild,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    queryset = ProblemEvent.objects.select_related("author")
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["occurred_at", "id"]

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not getattr(self, "swagger_fake_view", False):
            context["problem"] = self.problem
        return context


@extend_schema(
    tags=["attachments"],
    description=_(
        "The files of a problem: uploaded as multipart/form-data (field “file”) and "
        "checked exactly as on the page; always downloaded as a file, never shown inline."
    ),
)
class AttachmentViewSet(
    ApiBase,
    ProblemChild,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    queryset = Attachment.objects.all()
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser]
    ordering_fields = ["uploaded_at", "filename", "id"]
    filterset_class = None

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        # The page's own form: the same checks, the same messages.
        files = MultiValueDict({"file": [upload.validated_data["file"]]})
        form = AttachmentForm(data={}, files=files)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        attachment = attachment_add(
            problem=self.problem, upload=form.cleaned_data["file"], user=request.user
        )
        data = self.get_serializer(attachment).data
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Attachment) -> None:
        # As the page: the file goes with its record.
        instance.file.delete(save=False)
        instance.delete()

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("The file, as a download.")
            )
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        attachment = self.get_object()
        return private_file_response(
            attachment.file, filename=attachment.filename, content_type=attachment.content_type
        )

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A download is a file whatever the client accepts; only errors are JSON.
        return super().perform_content_negotiation(
            request, force=force or self.action == "download"
        )
