from django.urls import path

from vendorwatch.contracts.views import calendar, costs, documents, invoices, register, reviews

urlpatterns = [
    path("contracts/", register.contract_list, name="contracts-list"),
    path("contracts/new/", register.contract_add, name="contracts-add"),
    path("contracts/<int:pk>/", register.contract_detail, name="contracts-detail"),
    path("contracts/<int:pk>/edit/", register.contract_edit, name="contracts-edit"),
    path("contracts/<int:pk>/delete/", register.contract_delete, name="contracts-delete"),
    # documents and certificates
    path(
        "contracts/<int:pk>/documents/new/", documents.document_add, name="contracts-document-add"
    ),
    path(
        "contracts/documents/<int:pk>/download/",
        documents.document_download,
        name="contracts-document-download",
    ),
    path(
        "contracts/documents/<int:pk>/delete/",
        documents.document_delete,
        name="contracts-document-delete",
    ),
    path(
        "contracts/<int:pk>/certificates/new/",
        documents.certificate_add,
        name="contracts-certificate-add",
    ),
    path(
        "contracts/certificates/<int:pk>/edit/",
        documents.certificate_edit,
        name="contracts-certificate-edit",
    ),
    path(
        "contracts/certificates/<int:pk>/delete/",
        documents.certificate_delete,
        name="contracts-certificate-delete",
    ),
    # invoices
    path("contracts/invoices/", invoices.invoice_list, name="contracts-invoice-list"),
    path("contracts/<int:pk>/invoices/new/", invoices.invoice_add, name="contracts-invoice-add"),
    path("contracts/invoices/<int:pk>/", invoices.invoice_detail, name="contracts-invoice-detail"),
    path("contracts/invoices/<int:pk>/edit/", invoices.invoice_edit, name="contracts-invoice-edit"),
    path(
        "contracts/invoices/<int:pk>/delete/",
        invoices.invoice_delete,
        name="contracts-invoice-delete",
    ),
    path("contracts/invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="contracts-invoice-pdf"),
    # costs, budgets, prepaid hours
    path("contracts/costs/", costs.costs, name="contracts-costs"),
    path("contracts/costs/chart.svg", costs.costs_chart, name="contracts-costs-chart"),
    path("contracts/budgets/new/", costs.budget_add, name="contracts-budget-add"),
    path("contracts/budgets/<int:pk>/edit/", costs.budget_edit, name="contracts-budget-edit"),
    path("contracts/budgets/<int:pk>/delete/", costs.budget_delete, name="contracts-budget-delete"),
    path("contracts/<int:pk>/hours/new/", costs.quota_add, name="contracts-quota-add"),
    path("contracts/hours/<int:pk>/edit/", costs.quota_edit, name="contracts-quota-edit"),
    path("contracts/hours/<int:pk>/delete/", costs.quota_delete, name="contracts-quota-delete"),
    # reviews
    path("contracts/<int:pk>/reviews/new/", reviews.review_add, name="contracts-review-add"),
    path("contracts/reviews/<int:pk>/", reviews.review_detail, name="contracts-review-detail"),
    path(
        "contracts/reviews/<int:pk>/delete/",
        reviews.review_delete,
        name="contracts-review-delete",
    ),
    path(
        "contracts/follow-ups/<int:pk>/done/",
        reviews.follow_up_toggle,
        name="contracts-followup-toggle",
    ),
    # calendar feed
    path("contracts/calendar/", calendar.calendar_page, name="contracts-calendar"),
    path("contracts/calendar/new/", calendar.calendar_create, name="contracts-calendar-create"),
    path(
        "contracts/calendar/<int:pk>/revoke/",
        calendar.calendar_revoke,
        name="contracts-calendar-revoke",
    ),
    path(
        "contracts/calendar/<str:token>.ics",
        calendar.calendar_feed,
        name="contracts-calendar-feed",
    ),
]
