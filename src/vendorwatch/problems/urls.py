from django.urls import path

from vendorwatch.problems.views import (
    attachments,
    escalations,
    events,
    exports,
    problems,
    report,
    rules,
)

urlpatterns = [
    path("problems/", problems.problem_list, name="problems-list"),
    path("problems/new/", problems.problem_add, name="problems-add"),
    path("problems/priority/", problems.problem_priority_preview, name="problems-priority-preview"),
    path("problems/export.csv", exports.export_csv, name="problems-export-csv"),
    path("problems/export.xlsx", exports.export_xlsx, name="problems-export-xlsx"),
    path("problems/<int:pk>/", problems.problem_detail, name="problems-detail"),
    path("problems/<int:pk>/edit/", problems.problem_edit, name="problems-edit"),
    path("problems/<int:pk>/clock/", problems.problem_clock_partial, name="problems-clock"),
    path("problems/<int:pk>/explain/", problems.problem_explain, name="problems-explain"),
    path("problems/<int:pk>/events/new/", events.event_add, name="problems-add-event"),
    path(
        "problems/<int:pk>/events/<int:event_pk>/edit/",
        events.event_edit,
        name="problems-edit-event",
    ),
    path(
        "problems/<int:pk>/attachments/new/",
        attachments.attachment_upload,
        name="problems-attachment-upload",
    ),
    path(
        "problems/<int:pk>/attachments/<int:attachment_pk>/",
        attachments.attachment_download,
        name="problems-attachment-download",
    ),
    path(
        "problems/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.attachment_delete,
        name="problems-attachment-delete",
    ),
    path("problems/<int:pk>/report/", report.report, name="problems-report"),
    path("problems/<int:pk>/report.pdf", report.report_download, name="problems-report-pdf"),
    path("problems/escalations/", escalations.escalation_list, name="problems-escalations"),
    path(
        "problems/escalations/<int:pk>/send/",
        escalations.escalation_send,
        name="problems-escalation-send",
    ),
    path(
        "problems/escalations/<int:pk>/discard/",
        escalations.escalation_discard_view,
        name="problems-escalation-discard",
    ),
    path("problems/rules/", rules.rule_list, name="problems-rules"),
    path("problems/rules/new/", rules.rule_add, name="problems-rule-add"),
    path("problems/rules/<int:pk>/edit/", rules.rule_edit, name="problems-rule-edit"),
    path("problems/rules/<int:pk>/delete/", rules.rule_delete, name="problems-rule-delete"),
]
