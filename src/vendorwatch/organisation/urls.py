from django.urls import path

from vendorwatch.organisation import views

urlpatterns = [
    path("settings/company/", views.organisation_edit, name="organisation-edit"),
]
