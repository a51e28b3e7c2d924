"""Each user's own API tokens, under their account (not under /api/: these are pages)."""

from django.urls import path

from vendorwatch.api import token_views

urlpatterns = [
    path("account/api-tokens/", token_views.token_list, name="api-tokens"),
    path("account/api-tokens/new/", token_views.token_add, name="api-tokens-add"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        token_views.token_revoke,
        name="api-tokens-revoke",
    ),
]
