from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlternativesConfig(AppConfig):
    name = "vendorwatch.alternatives"
    label = "alternatives"
    verbose_name = _("Alternatives")
