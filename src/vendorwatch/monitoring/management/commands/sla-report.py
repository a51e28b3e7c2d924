"""``vendorwatch sla-report``: a provider's SLA compliance for any period, for scripts and cron.

Speaks the product's language (``settings.LANGUAGE_CODE``, German unless set otherwise); the
JSON keys stay English. Exit status 0 with the figures; 1 with a message for wrong or
missing arguments, an unknown provider, unusable dates or a PDF that cannot be written.
The JSON format is documented in the README ("The SLA report").
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats
from django.utils.translation import gettext

from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.command_line import WRONG_ARGUMENTS, Parser
from vendorwatch.providers.models import Provider
from vendorwatch.sla.policy_json import file_problem
from vendorwatch.web.parsing import parse_date

_DECIMAL = re.compile(r'"@decimal:(-?[0-9]+\.[0-9]{2})"')


def _names(items: Any) -> str:
    quoted = gettext("“%(name)s”")
    return ", ".join(quoted % {"name": item} for item in items) or "–"


def find_provider(name: str) -> Provider:
    found = list(Provider.objects.filter(name=name)) or list(
        Provider.objects.filter(name__iexact=name.strip())
    )
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(
            gettext("Several providers are named “%(name)s”; please rename one of them.")
            % {"name": name},
            returncode=WRONG_ARGUMENTS,
        )
    known = Provider.objects.order_by("name").values_list("name", flat=True)
    raise CommandError(
        gettext("There is no provider “%(name)s”. Known providers: %(known)s.")
        % {"name": name, "known": _names(known)},
        returncode=WRONG_ARGUMENTS,
    )


def read_date(value: str, option: str) -> date:
    day = parse_date(value)
    if day is None:
        raise CommandError(
            gettext(
                "%(option)s “%(value)s” is not a date: write it as 2026-11-01 or 01.11.2026 "
                "(between 1900 and 2199)."
            )
            % {"option": option, "value": value},
            returncode=WRONG_ARGUMENTS,
        )
    return day


def json_row(row: figures.Figures) -> dict[str, Any]:
    """The row with its percentages as two-decimal numbers (marked here, written as numbers
    by :func:`to_json`)."""
    data = row.as_json()
    for name in ("response_percent", "resolution_percent"):
        value = getattr(row, name)
        data[name] = None if value is None else f"@decimal:{value}"
    return data


def to_json(report: figures.Report) -> str:
    document = {
        "provider": report.provider.name,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "priorities": [json_row(row) for row in report.priorities],
        "total": json_row(report.total),
    }
    return _DECIMAL.sub(r"\1", json.dumps(document, ensure_ascii=False, indent=2))


def percent_cell(value: Decimal | None) -> str:
    """ "98,50" in German, "98.50" in English; "-" where nothing was decided."""
    return "-" if value is None else formats.number_format(value, 2, use_l10n=True)


def table(report: figures.Report) -> str:
    """A heading and one line per priority and for all, columns as wide as they need."""
    titles = [
        gettext("Priority"),
        gettext("Tickets"),
        gettext("Response met"),
        gettext("Response in %"),
        gettext("Closed"),
        gettext("Resolution met"),
        gettext("Resolution in %"),
    ]
    rows = [
        [
            row.label if row.rank else gettext("All priorities"),
            str(row.tickets),
            str(row.response_met),
            percent_cell(row.response_percent),
            str(row.closed),
            str(row.resolution_met),
            percent_cell(row.resolution_percent),
        ]
        for row in [*report.priorities, report.total]
    ]
    widths = [max(len(cell) for cell in column) for column in zip(titles, *rows, strict=True)]
    heading = gettext(
        "SLA report %(provider)s, %(first)s – %(last)s (tickets created in the period)"
    ) % {
        "provider": report.provider.name,
        "first": f"{report.start:%d.%m.%Y}",
        "last": f"{report.end:%d.%m.%Y}",
    }
    lines = [heading]
    for cells in [titles, *rows]:
        lines.append(
            "  ".join(
                cell.rjust(width) if i else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "SLA compliance of a provider's imported tickets created in a period: per priority and "
        "in total, tickets, response met and %, closed, resolution met and %."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = Parser
        parser.description = gettext(
            "SLA compliance of a provider's imported tickets created in a period: per priority "
            "and in total, tickets, response met and in percent, closed, resolution met and in "
            "percent."
        )
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--provider", required=True, metavar=gettext("NAME"), help=gettext("The provider.")
        )
        parser.add_argument(
            "--from",
            dest="start",
            required=True,
            metavar=gettext("DATE"),
            help=gettext("First day, 2026-11-01 or 01.11.2026."),
        )
        parser.add_argument(
            "--to",
            dest="end",
            required=True,
            metavar=gettext("DATE"),
            help=gettext("Last day (included), like --from."),
        )
        parser.add_argument("--json", action="store_true", help=gettext("Print one JSON object."))
        parser.add_argument(
            "--pdf", metavar=gettext("FILE"), help=gettext("Also write the report as PDF.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = read_date(options["start"], "--from")
        end = read_date(options["end"], "--to")
        if start > end:
            raise CommandError(
                gettext("--from is after --to: the first day must not come after the last."),
                returncode=WRONG_ARGUMENTS,
            )
        provider = find_provider(options["provider"])
        report = figures.sla_report(provider, start, end)
        self.stdout.write(to_json(report) if options["json"] else table(report))
        if options["pdf"]:
            self.write_pdf(provider, start, end, Path(options["pdf"]))

    def write_pdf(self, provider: Provider, start: date, end: date, path: Path) -> None:
        from vendorwatch.monitoring.report_pdf import report_pdf
        from vendorwatch.web.pdf import PdfUnavailable

        try:
            content = report_pdf(provider, start, end)
        except PdfUnavailable as error:
            if error.reason == PdfUnavailable.FAILED:
                message = gettext("The PDF could not be made; the log says why.")
            else:
                message = gettext(
                    "The PDF cannot be made right now (other PDFs are being made, or it took "
                    "too long). Please try again in a minute."
                )
            raise CommandError(message, returncode=WRONG_ARGUMENTS) from error
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(
                gettext("The file %(path)s cannot be written: %(reason)s")
                % {"path": path, "reason": file_problem(error)},
                returncode=WRONG_ARGUMENTS,
            ) from error
        self.stderr.write(gettext("PDF written to %(path)s.") % {"path": path})
