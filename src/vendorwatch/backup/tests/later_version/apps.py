from django.apps import AppConfig


class LaterVersionConfig(AppConfig):
    name = "vendorwatch.backup.tests.later_version"
    label = "backup_later_version"
