"""`vendorwatch restore FILE`: restore an archive of `vendorwatch backup` into a new, empty
installation (a new data folder and, with PostgreSQL, a new empty database).

Exit status: 0 restored; 1 wrong arguments, the database cannot be reached, or the restore
failed on the way; 2 the archive was refused (missing, damaged, a wrong checksum, an unknown
format, made by a newer Vendorwatch); 3 this installation was refused (not empty, another kind
of database, in use). When it was refused, nothing was changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from vendorwatch.backup.services import (
    ARCHIVE_REFUSED,
    RestoreFailed,
    RestoreRefused,
    RestoreResult,
    backup_restore,
)
from vendorwatch.monitoring.command_line import Parser

FAILED = 1


class Command(BaseCommand):
    help = (
        "Restore an archive made by 'vendorwatch backup' into this installation, which must be "
        "new and empty."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = Parser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive made by 'vendorwatch backup'.")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(
                gettext("The file “%(path)s” does not exist or is no file.") % {"path": source},
                returncode=ARCHIVE_REFUSED,
            )
        try:
            result = backup_restore(source=source)
        except RestoreRefused as error:
            raise CommandError(str(error), returncode=error.returncode) from error
        except RestoreFailed as error:
            raise CommandError(str(error), returncode=FAILED) from error
        except OperationalError as error:
            raise CommandError(
                gettext("The database cannot be reached: %(error)s") % {"error": error},
                returncode=FAILED,
            ) from error
        self._print(result)

    def _print(self, result: RestoreResult) -> None:
        manifest = result.manifest
        created = formats.date_format(
            timezone.localtime(manifest.created_at), "SHORT_DATETIME_FORMAT"
        )
        total = sum(count for _model, count in result.counts)
        self.stdout.write(
            gettext("Restored the backup of %(created)s (Vendorwatch %(version)s):")
            % {"created": created, "version": manifest.version}
        )
        self.stdout.write(
            "  "
            + ngettext("%(count)s record", "%(count)s records", total)
            % {"count": formats.number_format(total, force_grouping=True)}
        )
        for model, count in result.counts:
            if count:
                name = model._meta.verbose_name_plural
                self.stdout.write(
                    f"    {name}: {formats.number_format(count, force_grouping=True)}"
                )
        self.stdout.write(
            "  "
            + ngettext(
                "%(count)s uploaded file (%(size)s)",
                "%(count)s uploaded files (%(size)s)",
                manifest.files,
            )
            % {"count": manifest.files, "size": filesizeformat(manifest.file_bytes)}
        )
        if result.migrated:
            self.stdout.write(
                ngettext(
                    "The backup was made by an older version: %(count)s database change was "
                    "applied, so it fits this version.",
                    "The backup was made by an older version: %(count)s database changes were "
                    "applied, so it fits this version.",
                    result.migrated,
                )
                % {"count": result.migrated}
            )
        if result.media_aside is not None:
            self.stdout.write(
                gettext(
                    "Files that were already in the folder of uploaded files were moved to "
                    "%(path)s."
                )
                % {"path": result.media_aside}
            )
