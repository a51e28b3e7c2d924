"""`vendorwatch import-tickets FILE --provider NAME --sla-policy NAME …`: import a ticket export.

Runs in this process (no job runner), reads and checks the whole file, and makes its tickets
current, or with ``--dry-run`` only reports what an import would do. Exit status: 0 when the
import (or the dry run) succeeded, 1 for wrong arguments, 2 when the file could not be read.
The README documents the ``--json`` output.
"""

from __future__ import annotations

import json
import os
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from vendorwatch.monitoring import pipeline, presets
from vendorwatch.monitoring.command_line import WRONG_ARGUMENTS, Parser
from vendorwatch.monitoring.models import ImportJob, ImportPreset
from vendorwatch.monitoring.options import FIELDS, ImportOptions
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy

UNREADABLE = 2
REJECTIONS_SHOWN = 20  # in the readable summary; --json lists every stored one


def _names(items: Any) -> str:
    return ", ".join(f"“{item}”" for item in items) or "–"


def _pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left.strip():
            raise CommandError(
                gettext("%(option)s expects name=value, got “%(value)s”.")
                % {"option": what, "value": value},
                returncode=WRONG_ARGUMENTS,
            )
        pairs.append((left.strip(), right.strip()))
    return pairs


class Command(BaseCommand):
    help = (
        "Import a ticket export (CSV or XLSX) of a provider's helpdesk, check every ticket "
        "against the SLA and make the tickets current."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        parser.__class__ = Parser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The export: a CSV or XLSX file.")
        parser.add_argument("--provider", required=True, help="The provider's name.")
        parser.add_argument("--sla-policy", required=True, help="The SLA policy's name.")
        parser.add_argument(
            "--preset",
            default="auto",
            help=f"auto (recognise), a built-in format ({', '.join(presets.BUILTIN)}) or the "
            "name of a saved one.",
        )
        parser.add_argument("--time-zone", default="", help="For times without a zone.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help=f"Read a field from this column (fields: {', '.join(FIELDS)}).",
        )
        parser.add_argument("--date-format", default="", help="strptime format of the dates.")
        parser.add_argument(
            "--priority-map",
            action="append",
            default=[],
            metavar="VALUE=RANK",
            help="Count this priority value as our priority rank (1 = most urgent).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file, change nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        provider = self._provider(options["provider"])
        policy = self._policy(options["sla_policy"], provider)
        import_options = ImportOptions(
            preset=self._preset(options["preset"]),
            columns=self._columns(options["map"]),
            date_format=options["date_format"],
            time_zone=self._zone(options["time_zone"]),
            priority_map=self._priorities(options["priority_map"]),
        )
        path = options["file"]
        if not os.path.isfile(path):
            self._unreadable(
                gettext("The file “%(path)s” does not exist or is no file.") % {"path": path},
                options,
                summary=None,
            )
        try:
            job = pipeline.job_create(
                provider=provider,
                sla_policy=policy,
                file=path,
                file_name=os.path.basename(path),
                options=import_options,
            )
        except OSError as error:
            message = gettext("The file “%(path)s” cannot be opened: %(error)s")
            self._unreadable(message % {"path": path, "error": error.strerror}, options, None)
        try:
            job = pipeline.job_analyse(job)
        except Exception:
            # Nobody waits for this job in the job runner: it must not be taken up later.
            job.refresh_from_db()
            pipeline.job_forget(job)
            raise
        dry_run = options["dry_run"]
        if job.state == ImportJob.State.PREVIEW and not dry_run:
            job = pipeline.job_commit(job)
        summary = pipeline.job_summary(job, dry_run=dry_run)
        if dry_run:
            _forget(job)
        if job.state == ImportJob.State.FAILED:
            self._unreadable(job.message, options, summary)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self._print(summary, dry_run)

    # arguments

    def _provider(self, name: str) -> Provider:
        provider = Provider.objects.filter(name__iexact=name.strip()).first()
        if provider is None:
            known = Provider.objects.order_by("name").values_list("name", flat=True)
            raise CommandError(
                gettext("There is no provider “%(name)s”. Known providers: %(known)s.")
                % {"name": name, "known": _names(known)},
                returncode=WRONG_ARGUMENTS,
            )
        return provider

    def _policy(self, name: str, provider: Provider) -> SlaPolicy:
        policy = SlaPolicy.objects.filter(name__iexact=name.strip()).first()
        if policy is None:
            known = SlaPolicy.objects.filter(provider=provider).values_list("name", flat=True)
            raise CommandError(
                gettext(
                    "There is no SLA policy “%(name)s”. SLA policies of %(provider)s: %(known)s."
                )
                % {"name": name, "provider": provider.name, "known": _names(known)},
                returncode=WRONG_ARGUMENTS,
            )
        if policy.provider_id is not None and policy.provider_id != provider.pk:
            raise CommandError(
                gettext("The SLA policy “%(policy)s” belongs to %(other)s, not to %(provider)s.")
                % {"policy": policy.name, "other": policy.provider, "provider": provider.name},
                returncode=WRONG_ARGUMENTS,
            )
        return policy

    def _preset(self, value: str) -> str:
        value = value.strip()
        if value.lower() == "auto":
            return "auto"
        if value.lower() in presets.BUILTIN:
            return value.lower()
        saved = ImportPreset.objects.filter(name__iexact=value).first()
        if saved is not None:
            return f"saved:{saved.pk}"
        known = ["auto", *presets.BUILTIN, *ImportPreset.objects.values_list("name", flat=True)]
        raise CommandError(
            gettext("There is no format “%(name)s”. Known formats: %(known)s.")
            % {"name": value, "known": _names(known)},
            returncode=WRONG_ARGUMENTS,
        )

    def _zone(self, value: str) -> str:
        if not value:
            return ""
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise CommandError(
                gettext("“%(zone)s” is not a time zone (for example Europe/Berlin or UTC).")
                % {"zone": value},
                returncode=WRONG_ARGUMENTS,
            ) from None
        return value

    def _columns(self, values: list[str]) -> dict[str, str]:
        columns = {}
        for name, column in _pairs(values, "--map"):
            if name not in FIELDS:
                raise CommandError(
                    gettext("“%(field)s” is not a field. Fields: %(known)s.")
                    % {"field": name, "known": _names(FIELDS)},
                    returncode=WRONG_ARGUMENTS,
                )
            columns[name] = column
        return columns

    def _priorities(self, values: list[str]) -> dict[str, int]:
        ranks = {}
        for value, rank in _pairs(values, "--priority-map"):
            if not rank.isascii() or not rank.isdigit() or not 1 <= int(rank) <= 99:
                raise CommandError(
                    gettext("The priority rank for “%(value)s” must be a number from 1 to 99.")
                    % {"value": value},
                    returncode=WRONG_ARGUMENTS,
                )
            ranks[value] = int(rank)
        return ranks

    # output

    def _unreadable(
        self, message: str, options: dict[str, Any], summary: dict[str, Any] | None
    ) -> NoReturn:
        if options["json"]:
            data = summary or {"file": os.path.basename(options["file"]), "state": "failed"}
            data["error"] = message
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        raise CommandError(message, returncode=UNREADABLE)

    def _print(self, summary: dict[str, Any], dry_run: bool) -> None:
        counts = summary["counts"]
        self.stdout.write(
            gettext(
                "%(file)s: rows read: %(read)s; new: %(imported)s; updated: %(updated)s; "
                "replaced by a later row of the same ticket: %(superseded)s; "
                "older than imported before: %(outdated)s; rejected: %(rejected)s."
            )
            % {"file": summary["file"], **counts}
        )
        if summary["disagreements"]:
            self.stdout.write(
                gettext(
                    "Tickets where the provider's own verdict differs from ours (%(count)s): "
                    "%(ids)s"
                )
                % {
                    "count": len(summary["disagreements"]),
                    "ids": ", ".join(summary["disagreements"][:20])
                    + (" …" if len(summary["disagreements"]) > 20 else ""),
                }
            )
        if summary["rejected"]:
            self.stdout.write(gettext("Rejected rows:"))
            for item in summary["rejected"][:REJECTIONS_SHOWN]:
                self.stdout.write("  " + gettext("row %(row)s: %(reason)s") % item)
            if counts["rejected"] > REJECTIONS_SHOWN:
                self.stdout.write("  …")
        if summary["assumptions"]:
            self.stdout.write(gettext("Assumed:"))
            for text in summary["assumptions"]:
                self.stdout.write(f"  - {text}")
        self.stdout.write(
            gettext("Dry run: nothing was changed.") if dry_run else gettext("Imported.")
        )


def _forget(job: ImportJob) -> None:
    """A dry run leaves no trace: staged rows, rejections, the stored file and the job go."""
    if job.state == ImportJob.State.PREVIEW:
        job = pipeline.job_discard(job)
    pipeline.job_forget(job)
