from django.urls import path

from vendorwatch.monitoring.views import reports

urlpatterns = [
    path("reports/", reports.index, name="monitoring-index"),
    path("reports/<int:pk>/", reports.report, name="monitoring-report"),
    path("reports/<int:pk>/chart.svg", reports.chart, name="monitoring-report-chart"),
    path("reports/<int:pk>/pdf/", reports.report_download, name="monitoring-report-pdf"),
    path("reports/<int:pk>/recipients/", reports.recipients, name="monitoring-recipients"),
]
