from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerminationConfig(AppConfig):
    name = "vendorwatch.termination"
    label = "termination"
    verbose_name = _("Exit")
