"""URL configuration: every part of the product brings its own ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("vendorwatch.web.urls")),
    path("", include("vendorwatch.accounts.urls")),
]

handler403 = "vendorwatch.web.errors.forbidden"
handler404 = "vendorwatch.web.errors.not_found"
handler500 = "vendorwatch.web.errors.server_error"
