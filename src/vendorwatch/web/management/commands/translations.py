from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vendorwatch.web import i18n


class Command(BaseCommand):
    help = "Translation catalogues: compile, check for gaps, or update from the code."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["compile", "check", "update"])

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "compile":
            for path in i18n.compile_catalogues():
                self.stdout.write(f"compiled {path}")
        elif action == "update":
            filled = i18n.update_catalogues()
            self.stdout.write(f"catalogues updated; {filled} English entries filled")
            gaps = i18n.committed_gaps()
            for gap in gaps:
                self.stdout.write(str(gap))
            self.stdout.write(f"{len(gaps)} entries still need a translation")
        else:
            gaps = i18n.committed_gaps() + i18n.extraction_gaps()
            if gaps:
                for gap in sorted(set(gaps), key=str):
                    self.stderr.write(str(gap))
                raise CommandError(f"{len(set(gaps))} translation gaps")
            self.stdout.write("translations complete: de and en")
