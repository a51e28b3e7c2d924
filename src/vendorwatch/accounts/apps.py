from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vendorwatch.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from vendorwatch.accounts.roles import sync_roles_after_migrate

        # After every migrate, so that models added later get their permissions in each role.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="vendorwatch-sync-roles")
