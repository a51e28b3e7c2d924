from django.urls import path

from vendorwatch.audit import views

urlpatterns = [
    path("history/", views.entry_list, name="audit-list"),
    path("history/export.csv", views.entry_export, name="audit-export"),
    path("history/<str:kind>/<str:object_id>/", views.record_history, name="audit-history"),
]
