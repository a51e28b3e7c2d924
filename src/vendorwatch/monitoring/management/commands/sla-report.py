"""``vendorwatch sla-report``: a provider's SLA compliance for any period, for scripts and cron.

Exit status 0 with the figures; 1 with a message for an unknown provider or unusable dates.
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

from vendorwatch.monitoring import report as figures
from vendorwatch.providers.models import Provider
from vendorwatch.web.parsing import parse_date

COLUMNS = (
    ("Priority", 16),
    ("Tickets", 8),
    ("Response met", 13),
    ("Response %", 11),
    ("Closed", 7),
    ("Resolution met", 15),
    ("Resolution %", 13),
)
_DECIMAL = re.compile(r'"@decimal:(-?[0-9]+\.[0-9]{2})"')


def find_provider(name: str) -> Provider:
    found = list(Provider.objects.filter(name=name)) or list(
        Provider.objects.filter(name__iexact=name.strip())
    )
    if len(found) == 1:
        return found[0]
    known = ", ".join(Provider.objects.order_by("name").values_list("name", flat=True))
    if found:
        raise CommandError(f"Several providers are named {name!r}; rename one of them.")
    raise CommandError(f"No provider is named {name!r}. Known providers: {known or 'none yet'}.")


def read_date(value: str, option: str) -> date:
    day = parse_date(value)
    if day is None:
        raise CommandError(
            f"{option} {value!r} is not a date: write it as 2026-11-01 or 01.11.2026 "
            "(between 1900 and 2199)."
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
    return "-" if value is None else f"{value:.2f}"


def table(report: figures.Report) -> str:
    lines = [
        f"SLA report {report.provider.name}, {report.start:%d.%m.%Y} - {report.end:%d.%m.%Y} "
        "(tickets created in the period)",
        "  ".join(
            title.rjust(width) if i else title.ljust(width)
            for i, (title, width) in enumerate(COLUMNS)
        ),
    ]
    for row in [*report.priorities, report.total]:
        cells = [
            row.label if row.rank else "All priorities",
            str(row.tickets),
            str(row.response_met),
            percent_cell(row.response_percent),
            str(row.closed),
            str(row.resolution_met),
            percent_cell(row.resolution_percent),
        ]
        lines.append(
            "  ".join(
                cell.rjust(width) if i else cell.ljust(width)
                for i, (cell, (_title, width)) in enumerate(zip(cells, COLUMNS, strict=True))
            )
        )
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "SLA compliance of a provider's imported tickets created in a period: per priority and "
        "in total, tickets, response met and %, closed, resolution met and %."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--provider", required=True, help="The provider's name.")
        parser.add_argument(
            "--from", dest="start", required=True, help="First day, 2026-11-01 or 01.11.2026."
        )
        parser.add_argument(
            "--to", dest="end", required=True, help="Last day (included), like --from."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--pdf", metavar="FILE", help="Also write the report as PDF.")

    def handle(self, *args: Any, **options: Any) -> None:
        start = read_date(options["start"], "--from")
        end = read_date(options["end"], "--to")
        if start > end:
            raise CommandError("--from is after --to.")
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
            raise CommandError(f"The PDF could not be made: {error}") from error
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from error
        self.stderr.write(f"PDF written to {path}")
