from django.urls import path

from vendorwatch.termination.views import checklist, dispatch, evidence, files, letters, wizard

urlpatterns = [
    # the wizard: overview, start from a contract, one termination
    path("exit/", wizard.termination_index, name="termination-index"),
    path("exit/start/<int:contract_pk>/", wizard.termination_start, name="termination-start"),
    path("exit/<int:pk>/", wizard.termination_detail, name="termination-detail"),
    path("exit/<int:pk>/edit/", wizard.termination_edit, name="termination-edit"),
    path("exit/<int:pk>/withdraw/", wizard.termination_withdraw, name="termination-withdraw"),
    # letters
    path(
        "exit/<int:pk>/letters/new/<str:kind>/",
        letters.letter_add,
        name="termination-letter-add",
    ),
    path("exit/letters/<int:pk>/", letters.letter_detail, name="termination-letter-detail"),
    path("exit/letters/<int:pk>/edit/", letters.letter_edit, name="termination-letter-edit"),
    path("exit/letters/<int:pk>/delete/", letters.letter_delete, name="termination-letter-delete"),
    path("exit/letters/<int:pk>/pdf/", letters.letter_pdf, name="termination-letter-pdf"),
    # dispatch and proof of receipt
    path(
        "exit/letters/<int:pk>/dispatch/new/",
        dispatch.dispatch_add,
        name="termination-dispatch-add",
    ),
    path(
        "exit/dispatches/<int:pk>/edit/", dispatch.dispatch_edit, name="termination-dispatch-edit"
    ),
    path(
        "exit/dispatches/<int:pk>/delete/",
        dispatch.dispatch_delete,
        name="termination-dispatch-delete",
    ),
    path("exit/files/<int:pk>/", files.file_download, name="termination-file-download"),
    path("exit/files/<int:pk>/delete/", files.file_delete, name="termination-file-delete"),
    # exit checklist
    path("exit/<int:pk>/checklist/", checklist.checklist, name="termination-checklist"),
    path(
        "exit/<int:pk>/checklist/generate/",
        checklist.checklist_generate_view,
        name="termination-checklist-generate",
    ),
    path("exit/<int:pk>/checklist/new/", checklist.task_add, name="termination-task-add"),
    path("exit/<int:pk>/checklist/pdf/", checklist.checklist_pdf, name="termination-checklist-pdf"),
    path("exit/tasks/<int:pk>/edit/", checklist.task_edit, name="termination-task-edit"),
    path("exit/tasks/<int:pk>/done/", checklist.task_done, name="termination-task-done"),
    path("exit/tasks/<int:pk>/delete/", checklist.task_delete, name="termination-task-delete"),
    # evidence pack for a lawyer or a court (per contract)
    path("exit/evidence/<int:contract_pk>/", evidence.evidence_page, name="termination-evidence"),
    path(
        "exit/evidence/<int:contract_pk>/download/",
        evidence.evidence_download,
        name="termination-evidence-download",
    ),
]
