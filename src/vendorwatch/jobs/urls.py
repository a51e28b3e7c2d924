from django.urls import path

from vendorwatch.jobs import views

urlpatterns = [
    path("settings/emails/failed/", views.failed_emails, name="jobs-failed-emails"),
    path("settings/emails/failed/<int:pk>/retry/", views.email_retry, name="jobs-email-retry"),
    path("settings/emails/failed/retry/", views.email_retry_all, name="jobs-email-retry-all"),
]
