"""URL configuration: every part of the product brings its own ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("vendorwatch.web.urls")),
    path("", include("vendorwatch.accounts.urls")),
    path("", include("vendorwatch.organisation.urls")),
    path("", include("vendorwatch.providers.urls")),
    path("", include("vendorwatch.expectations.urls")),
    path("", include("vendorwatch.sla.urls")),
    path("", include("vendorwatch.problems.urls")),
    path("", include("vendorwatch.contracts.urls")),
    path("", include("vendorwatch.monitoring.urls")),
    path("", include("vendorwatch.meetings.urls")),
    path("", include("vendorwatch.alternatives.urls")),
    path("", include("vendorwatch.termination.urls")),
    path("", include("vendorwatch.feedback.urls")),
    path("", include("vendorwatch.jobs.urls")),
    path("", include("vendorwatch.api.urls")),
    path("", include("vendorwatch.api.token_urls")),
    path("", include("vendorwatch.audit.urls")),
]

handler400 = "vendorwatch.web.errors.bad_request"
handler403 = "vendorwatch.web.errors.forbidden"
handler404 = "vendorwatch.web.errors.not_found"
handler500 = "vendorwatch.web.errors.server_error"
