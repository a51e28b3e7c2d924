"""The API under /api/v1/: resources, the OpenAPI schema and its documentation page."""

from __future__ import annotations

from django.urls import include, path

from vendorwatch.api.resources import router
from vendorwatch.api.views.docs import docs
from vendorwatch.api.views.monitoring import SlaReportView
from vendorwatch.api.views.schema import SchemaView

urlpatterns = [
    path("api/v1/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/v1/docs/", docs, name="api-docs"),
    path(
        "api/v1/providers/<int:provider_pk>/sla-report/",
        SlaReportView.as_view(),
        name="api-sla-report",
    ),
    path("api/v1/", include(router.urls)),
]
