from django.urls import path

from vendorwatch.providers import views

urlpatterns = [
    path("providers/", views.provider_list, name="providers-list"),
    path("providers/new/", views.provider_add, name="providers-add"),
    path("providers/<int:pk>/", views.provider_detail, name="providers-detail"),
    path("providers/<int:pk>/edit/", views.provider_edit, name="providers-edit"),
    path("providers/<int:pk>/delete/", views.provider_delete, name="providers-delete"),
    path("providers/<int:pk>/contacts/new/", views.contact_add, name="providers-contact-add"),
    path("providers/contacts/<int:pk>/edit/", views.contact_edit, name="providers-contact-edit"),
    path(
        "providers/contacts/<int:pk>/delete/",
        views.contact_delete,
        name="providers-contact-delete",
    ),
]
