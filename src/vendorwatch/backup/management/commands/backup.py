"""`vendorwatch backup FILE`: one archive with a consistent copy of the database and the
uploaded files, made while Vendorwatch runs.

Exit status: 0 when the archive was written, 1 for wrong arguments or when no archive could be
written (then nothing is left under FILE's name; an archive already there stays as it was).
The README ("Backup") describes the archive.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext, ngettext

from vendorwatch.backup.services import BackupFailed, backup_create
from vendorwatch.monitoring.command_line import Parser

FAILED = 1


class Command(BaseCommand):
    help = (
        "Write one archive (FILE, .tar.gz) with a consistent copy of the database and the "
        "uploaded files; Vendorwatch may keep running."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = Parser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="The archive to write, e.g. vendorwatch-2026-11-27.tar.gz."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = backup_create(target=Path(options["file"]))
        except BackupFailed as error:
            raise CommandError(
                gettext("%(reason)s No backup was saved.") % {"reason": error},
                returncode=FAILED,
            ) from error
        seconds = formats.number_format(time.monotonic() - started, 1)
        self.stdout.write(
            gettext("Backup saved: %(path)s (%(size)s) in %(seconds)s s.")
            % {"path": result.path, "size": filesizeformat(result.size), "seconds": seconds}
        )
        self.stdout.write(
            ngettext(
                "It holds the database and %(count)s uploaded file (%(size)s).",
                "It holds the database and %(count)s uploaded files (%(size)s).",
                result.files,
            )
            % {"count": result.files, "size": filesizeformat(result.file_bytes)}
        )
        self.stdout.write(
            gettext("The archive contains personal data: keep it as safe as the server itself.")
        )
