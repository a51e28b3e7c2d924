from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vendorwatch.audit"
    label = "audit"
    verbose_name = _("Change history")

    def ready(self) -> None:
        from vendorwatch.audit import recording

        recording.connect()
