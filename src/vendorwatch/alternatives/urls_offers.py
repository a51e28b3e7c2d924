from django.urls import URLPattern, path

from vendorwatch.alternatives.views import candidates, index, offers, requests

# The start page of step 5, candidates, requests for offers and the offers themselves.
urlpatterns: list[URLPattern] = [
    path("alternatives/", index.alternatives_index, name="alternatives-index"),
    path("alternatives/candidates/", candidates.candidate_list, name="alternatives-candidate-list"),
    path(
        "alternatives/candidates/new/",
        candidates.candidate_add,
        name="alternatives-candidate-add",
    ),
    path("alternatives/requests/new/", requests.request_add, name="alternatives-request-add"),
    path(
        "alternatives/requests/<int:pk>/",
        requests.request_detail,
        name="alternatives-request-detail",
    ),
    path(
        "alternatives/requests/<int:pk>/edit/",
        requests.request_edit,
        name="alternatives-request-edit",
    ),
    path(
        "alternatives/requests/<int:pk>/delete/",
        requests.request_delete,
        name="alternatives-request-delete",
    ),
    path(
        "alternatives/requests/<int:pk>/request-for-offers.pdf",
        requests.request_pdf,
        name="alternatives-request-pdf",
    ),
    path(
        "alternatives/requests/<int:pk>/request-for-offers.docx",
        requests.request_docx,
        name="alternatives-request-docx",
    ),
    path("alternatives/offers/new/", offers.offer_add, name="alternatives-offer-add"),
    path("alternatives/offers/<int:pk>/", offers.offer_detail, name="alternatives-offer-detail"),
    path("alternatives/offers/<int:pk>/edit/", offers.offer_edit, name="alternatives-offer-edit"),
    path(
        "alternatives/offers/<int:pk>/delete/",
        offers.offer_delete,
        name="alternatives-offer-delete",
    ),
    path(
        "alternatives/offers/<int:pk>/prices/",
        offers.offer_prices,
        name="alternatives-offer-prices",
    ),
    path(
        "alternatives/offers/<int:pk>/answers/",
        offers.offer_answers,
        name="alternatives-offer-answers",
    ),
]
