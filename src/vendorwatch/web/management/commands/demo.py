from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vendorwatch.accounts.demo import DEMO_ADMIN, PEOPLE
from vendorwatch.demo import demo_admin_password, load_demo, reset_product_data
from vendorwatch.organisation.models import Organisation


class Command(BaseCommand):
    help = "Load the demo company Müller Metallbau GmbH (idempotent), or reset to it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database holds no company yet (first start).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete all records of the product (not user accounts) and load the demo anew.",
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask before --reset.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            if not options["yes"]:
                answer = input("Delete all records and load the demo data anew? [y/N] ")
                if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
                    raise CommandError("Cancelled, nothing was changed.")
            reset_product_data()
        elif options["if_empty"] and Organisation.objects.exists():
            self.print_credentials(loaded=False)
            return
        load_demo()
        self.print_credentials(loaded=True)

    def print_credentials(self, *, loaded: bool) -> None:
        if loaded:
            self.stdout.write(self.style.SUCCESS("Demo data loaded: Müller Metallbau GmbH."))
        password = demo_admin_password()
        rows = [(DEMO_ADMIN, "Administrator")] + [(p[0], p[4].value) for p in PEOPLE]
        self.stdout.write("")
        self.stdout.write("Log in at http://127.0.0.1:8000/ with:")
        for username, role in rows:
            self.stdout.write(f"    {role:<14} user name: {username:<10} password: {password}")
        self.stdout.write("(Kept in the data directory: demo-credentials.txt)")
        self.stdout.write("")
