"""``vendorwatch sla-policy export NAME`` / ``vendorwatch sla-policy import FILE``.

An SLA policy as a JSON file (format in the README, "SLA policies as files"), to keep it with
the contract, to move it to another installation, or for advisers to reuse a policy.

Exit status: 0 done; 1 wrong arguments (unknown policy or provider, a name already taken);
2 the file cannot be read or written, or is no valid policy file (nothing was changed).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.policy_json import (
    PolicyFileError,
    PolicyNameTaken,
    check,
    dumps,
    file_problem,
    policy_import,
    policy_json,
    read_file,
)

BAD_ARGUMENTS = 1
BAD_FILE = 2


class Parser(CommandParser):
    """Wrong arguments end with status 1 (argparse's own is 2, which here means a bad file)."""

    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(BAD_ARGUMENTS, f"{self.prog}: error: {message}\n")
        raise CommandError(f"Error: {message}", returncode=BAD_ARGUMENTS)


class Command(BaseCommand):
    help = "Export an SLA policy as a JSON file, or import one."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = Parser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{export,import}", parser_class=Parser
        )
        export = actions.add_parser(
            "export",
            help="Write a policy with all its versions as JSON.",
            description="Write an SLA policy with all its versions as JSON.",
        )
        export.add_argument("name", help="The policy's name.")
        export.add_argument(
            "-o", "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )
        export.add_argument(
            "--latest",
            action="store_true",
            help="Only the latest version (a template for another installation).",
        )
        imported = actions.add_parser(
            "import",
            help="Create a policy from a JSON file.",
            description="Create an SLA policy with its versions from a JSON file; all or nothing.",
        )
        imported.add_argument("file", metavar="FILE", help="The JSON file ('-': standard input).")
        imported.add_argument("--provider", metavar="NAME", help="The provider the policy is with.")
        imported.add_argument(
            "--name", metavar="NAME", help="Import under this name instead of the file's."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.export(options["name"], options["output"], latest_only=options["latest"])
        else:
            self.import_file(
                options["file"], provider_name=options["provider"], name=options["name"]
            )

    def export(self, name: str, output: str | None, *, latest_only: bool) -> None:
        policy = SlaPolicy.objects.filter(name=name).first()
        if policy is None:
            raise CommandError(
                _("There is no SLA policy named “%(name)s”.") % {"name": name},
                returncode=BAD_ARGUMENTS,
            )
        if not policy.versions.exists():
            raise CommandError(
                _("The SLA policy “%(name)s” has no version to export.") % {"name": name},
                returncode=BAD_ARGUMENTS,
            )
        text = dumps(policy_json(policy, latest_only=latest_only))
        if output is None or output == "-":
            self.stdout.write(text, ending="")
            return
        try:
            write_atomically(Path(output), text)
        except OSError as error:
            raise CommandError(
                _("The file %(path)s cannot be written: %(reason)s")
                % {"path": output, "reason": file_problem(error)},
                returncode=BAD_FILE,
            ) from error
        self.stderr.write(
            _("SLA policy “%(name)s” written to %(path)s.") % {"name": name, "path": output}
        )

    def import_file(self, path: str, *, provider_name: str | None, name: str | None) -> None:
        provider = None
        if provider_name is not None:
            provider = Provider.objects.filter(name=provider_name).first()
            if provider is None:
                raise CommandError(
                    _("There is no provider named “%(name)s”.") % {"name": provider_name},
                    returncode=BAD_ARGUMENTS,
                )
        if name is not None:
            name = name.strip()
            if not name or len(name) > 200:
                raise CommandError(
                    _("--name must be a name of 1 to 200 characters."), returncode=BAD_ARGUMENTS
                )
        try:
            plan = check(read_file(path), provider=provider)
        except PolicyFileError as error:
            lines = [_("%(path)s was not imported; nothing was changed:") % {"path": path}]
            lines += [f"  {problem}" for problem in error.problems]
            raise CommandError("\n".join(lines), returncode=BAD_FILE) from error
        for warning in plan.warnings:
            self.stderr.write(_("Warning: %(message)s") % {"message": warning})
        try:
            policy = policy_import(plan, name=name, provider=provider)
        except PolicyNameTaken as error:
            raise CommandError(
                _(
                    "There is already an SLA policy named “%(name)s”. Import it under another "
                    "name with --name."
                )
                % {"name": error.args[0]},
                returncode=BAD_ARGUMENTS,
            ) from error
        count = policy.versions.count()
        message = ngettext(
            "SLA policy “%(name)s” imported with %(count)d version.",
            "SLA policy “%(name)s” imported with %(count)d versions.",
            count,
        )
        self.stdout.write(message % {"name": policy.name, "count": count})


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or leave what was there: a temporary file, then a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
