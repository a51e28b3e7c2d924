from django.urls import path

from vendorwatch.expectations.views import (
    document,
    overview,
    raci,
    requirements,
    service_catalogue,
)

urlpatterns = [
    path("expectations/", overview.index, name="expectations-index"),
    path(
        "expectations/requirements/",
        requirements.requirement_list,
        name="expectations-requirements",
    ),
    path(
        "expectations/requirements/new/",
        requirements.requirement_add,
        name="expectations-requirements-add",
    ),
    path(
        "expectations/requirements/starter/",
        requirements.requirement_starter,
        name="expectations-requirements-starter",
    ),
    path(
        "expectations/requirements/<int:pk>/edit/",
        requirements.requirement_edit,
        name="expectations-requirements-edit",
    ),
    path(
        "expectations/requirements/<int:pk>/delete/",
        requirements.requirement_delete,
        name="expectations-requirements-delete",
    ),
    path("expectations/services/", service_catalogue.service_list, name="expectations-services"),
    path(
        "expectations/services/new/",
        service_catalogue.service_add,
        name="expectations-services-add",
    ),
    path(
        "expectations/services/starter/",
        service_catalogue.service_starter,
        name="expectations-services-starter",
    ),
    path(
        "expectations/services/<int:pk>/edit/",
        service_catalogue.service_edit,
        name="expectations-services-edit",
    ),
    path(
        "expectations/services/<int:pk>/delete/",
        service_catalogue.service_delete,
        name="expectations-services-delete",
    ),
    path("expectations/responsibilities/", raci.raci_grid, name="expectations-raci"),
    path("expectations/responsibilities/save/", raci.raci_save, name="expectations-raci-save"),
    path(
        "expectations/responsibilities/starter/",
        raci.raci_starter,
        name="expectations-raci-starter",
    ),
    path(
        "expectations/responsibilities/cell/<int:task_pk>/<int:party_pk>/",
        raci.raci_cell,
        name="expectations-raci-cell",
    ),
    path(
        "expectations/responsibilities/tasks/new/", raci.task_add, name="expectations-raci-task-add"
    ),
    path(
        "expectations/responsibilities/tasks/<int:pk>/edit/",
        raci.task_edit,
        name="expectations-raci-task-edit",
    ),
    path(
        "expectations/responsibilities/parties/<int:pk>/edit/",
        raci.party_edit,
        name="expectations-raci-party-edit",
    ),
    path(
        "expectations/responsibilities/tasks/<int:pk>/delete/",
        raci.task_delete,
        name="expectations-raci-task-delete",
    ),
    path(
        "expectations/responsibilities/parties/new/",
        raci.party_add,
        name="expectations-raci-party-add",
    ),
    path(
        "expectations/responsibilities/parties/<int:pk>/delete/",
        raci.party_delete,
        name="expectations-raci-party-delete",
    ),
    path("expectations/document/", document.document_choice, name="expectations-documents"),
    path(
        "expectations/document/provider/<int:provider_pk>/",
        document.document,
        name="expectations-document",
    ),
    path(
        "expectations/document/provider/<int:provider_pk>/new/",
        document.document_create,
        name="expectations-document-create",
    ),
    path(
        "expectations/document/<int:pk>/pdf/",
        document.document_download,
        name="expectations-document-download",
    ),
]
