from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.i18n import set_language

from vendorwatch.accounts.middleware import allowed_read_only
from vendorwatch.web import views
from vendorwatch.web.sections import placeholder_sections

urlpatterns = [
    path("", views.dashboard, name="web-dashboard"),
    path("settings/", views.settings_index, name="web-settings"),
    path("healthz", views.healthz, name="web-healthz"),
    path("favicon.ico", views.favicon, name="web-favicon"),
    path("language/", login_not_required(allowed_read_only(set_language)), name="web-language"),
]
# Sections not built yet get a page that explains what they will hold.
urlpatterns += [
    path(f"{s.slug}/", views.section, {"slug": s.slug}, name=f"web-section-{s.slug}")
    for s in placeholder_sections()
]
