from django.urls import include, path

urlpatterns = [
    path("", include("vendorwatch.monitoring.import_urls")),
    path("", include("vendorwatch.monitoring.report_urls")),
]
